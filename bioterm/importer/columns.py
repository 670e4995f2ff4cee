"""Which table a file is for, and which field each of its columns fills.

A header cell is matched case- and punctuation-insensitively against the
model's field names, then against friendly aliases ("Company" for
company_id, "Capacity (L)" for litres, a few Chinese headers). A unit in
brackets after the name, as in "Amount (RMB million)", is kept for the
column's converter. The table is the one whose fields the header matches
with no unknown and no missing required column; a file name such as
``drugs.csv`` breaks ties, and so does `--table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bioterm.models import RECORDS, Record

ALIASES: dict[str, str | tuple[str, ...]] = {
    # references
    "company": "company_id", "company_name": "company_id", "organisation": "company_id",
    "organization": "company_id", "recipient": "company_id", "originator": "company_id",
    "developer": "company_id", "owner": "company_id",
    "partner": "partner_id", "partner_name": "partner_id", "partner_company": "partner_id",
    "drug": "drug_id", "drug_name": "drug_id", "product": "drug_id",
    "site": "site_id", "site_name": "site_id", "facility": "site_id",
    "source": "source_id", "source_url": "source_id", "source_title": "source_id",
    "reference": "source_id",
    # names and lists
    "chinese_name": "name_zh", "name_chinese": "name_zh", "name_cn": "name_zh",
    "zh_name": "name_zh",
    "ticker": "tickers", "stock_code": "tickers", "code_name": "code_names",
    "code": "code_names", "codes": "code_names", "target": "targets",
    "indication": "indications", "region": ("regions", "hq_region"), "investor": "investors",
    "lead_investor": "investors", "people": "key_people", "executives": "key_people",
    # kinds and dates
    "type": "kind", "round": "kind", "stage": "phase", "highest_phase": "phase",
    "fic": "first_in_class", "first_in_class_flag": "first_in_class",
    "start": "since", "start_date": "since", "date": "since", "founded_year": "founded",
    "established": "founded", "year_founded": "founded",
    "city": "hq_city", "country": "hq_country", "headquarters": "hq_city", "hq": "hq_city",
    # quantities
    "capacity": "litres", "volume": "litres", "liters": "litres", "capacity_litres": "litres",
    "capacity_liters": "litres", "area": "area_m2", "area_sqm": "area_m2",
    "floor_area": "area_m2", "investment": "investment_amount", "size": "amount",
    "amount_raised": "amount", "value": "amount",
    # text
    "notes": "note", "comment": "note", "comments": "note", "desc": "description",
    "link": "url", "usd_rate": "usd", "rate": "usd",
    # 中文表头
    "公司": "company_id", "企业": "company_id", "名称": "name", "中文名": "name_zh",
    "中文名称": "name_zh", "日期": "date", "时间": "date", "金额": "amount", "币种": "currency",
    "货币": "currency", "来源": "source_id", "产能": "litres", "面积": "area_m2",
    "药物": "drug_id", "药品": "drug_id", "基地": "site_id", "工厂": "site_id",
    "合作方": "partner_id", "类型": "kind", "状态": "status", "城市": ("city", "hq_city"),
    "投资方": "investors", "投资者": "investors", "备注": "note", "描述": "description",
    "简介": "description", "靶点": "targets", "适应症": "indications", "阶段": "phase",
    "临床阶段": "phase", "股票代码": "tickers", "成立时间": "founded", "轮次": "kind",
}
"""Folded header -> field (or fields, the first the table has), used when the table
has no field of that very name."""

TABLE_ALIASES: dict[str, dict[str, str | tuple[str, ...]]] = {
    "sources": {"source": "title", "name": "title", "来源": "title"},
    "companies": {"company": "name", "company_name": "name", "english_name": "name",
                  "公司": "name", "企业": "name", "公司名称": "name"},
    "drugs": {"drug": "name", "drug_name": "name", "药物": "name", "药品": "name"},
    "sites": {"site": "name", "site_name": "name", "facility": "name", "基地": "name",
              "工厂": "name", "company_partner": "partner_id"},
    "milestones": {"event": "kind", "milestone": "kind", "class": "classification",
                   "registration_class": "classification", "category": "classification"},
    "deals": {"licensor": "licensor_id", "licensee": "licensee_id", "seller": "licensor_id",
              "acquirer": "licensee_id", "buyer": "licensee_id", "drugs": "programmes",
              "drug": "programmes", "assets": "programmes", "upfront_payment": "upfront",
              "milestone_payments": "milestones", "total_value": "total",
              "deal_value": "total", "value": "total", "type": "kind"},
    "deal_drugs": {"deal": "deal_id"},
    "funding_investors": {"investor": "investor_id", "investor_name": "investor_id",
                          "lead_investor": "lead", "led": "lead"},
}
"""Aliases that mean something else in one table ("Company" in a companies file is its name)."""

FILE_HINTS: dict[str, str] = {
    "source": "sources", "sources": "sources", "company": "companies",
    "companies": "companies", "drug": "drugs", "drugs": "drugs", "pipeline": "drugs",
    "milestone": "milestones", "milestones": "milestones", "site": "sites", "sites": "sites",
    "capacity": "capacity", "funding": "funding", "financing": "funding", "rounds": "funding",
    "partnership": "partnerships", "partnerships": "partnerships", "deal": "deals",
    "deals": "deals", "licensing": "deals", "licences": "deals", "licenses": "deals",
    "investors": "funding_investors", "investor": "funding_investors",
    "fx": "fx_rates", "fx_rates": "fx_rates", "rates": "fx_rates",
}
"""A word of the file name -> the table it suggests (a tie-breaker only)."""

NAME_FIELD = {"sources": "title", "companies": "name", "drugs": "name", "sites": "name"}
"""Tables whose id may be left out: it is then made from this field."""

_UNIT = re.compile(r"(.*?)\s*[(（\[]([^()（）\[\]]*)[)）\]]\s*")


class HeaderError(Exception):
    """The header does not say which table the file is for; the message says why."""


def fold_header(text: str) -> tuple[str, str | None]:
    """("amount", "RMB million") from "Amount (RMB million)"; "Company ID" -> "company_id"."""
    unit = None
    m = _UNIT.fullmatch(text)
    if m is not None and m[1].strip():
        text, unit = m[1], m[2].strip() or None
    folded = re.sub(r"[\W_]+", "_", text.casefold().replace("²", "2")).strip("_")
    return folded, unit


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    """As written in the file, for messages."""
    field: str
    unit: str | None


@dataclass
class HeaderMatch:
    table: str
    columns: list[Column] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)

    @property
    def model(self) -> type[Record]:
        return RECORDS[self.table]

    @property
    def ok(self) -> bool:
        return not (self.unknown or self.missing or self.clashes)

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns}

    def problems(self) -> list[tuple[str | None, str]]:
        """(column, reason) for each unknown, missing or doubled column."""
        known = ", ".join(self.model.model_fields)
        out: list[tuple[str | None, str]] = [
            (name, f"unknown column for {self.table}; the known columns are: {known}")
            for name in self.unknown
        ]
        out += [(name, f"required column missing from a {self.table} file")
                for name in self.missing]
        out += [(None, clash) for clash in self.clashes]
        return out


def field_for(table: str, header: str) -> tuple[str | None, str | None]:
    """(field, unit) that a header cell names in `table`, or (None, unit)."""
    fields = RECORDS[table].model_fields
    folded, unit = fold_header(header)
    if folded in fields:
        return folded, unit
    for aliases in (TABLE_ALIASES.get(table, {}), ALIASES):
        targets = aliases.get(folded, ())
        for target in (targets,) if isinstance(targets, str) else targets:
            if target in fields:
                return target, unit
    return None, unit


def match_header(table: str, header: list[str]) -> HeaderMatch:
    model = RECORDS[table]
    match = HeaderMatch(table)
    seen: dict[str, str] = {}
    for index, text in enumerate(header):
        name, unit = field_for(table, text)
        if name is None:
            match.unknown.append(text)
        elif name in seen:
            match.clashes.append(f"columns '{seen[name]}' and '{text}' both give {name}")
        else:
            seen[name] = text
            match.columns.append(Column(index, text, name, unit))
    derivable = {"id"} if NAME_FIELD.get(table) in seen else set()
    match.missing = [
        name for name, info in model.model_fields.items()
        if info.is_required() and name not in seen and name not in derivable
    ]
    return match


def name_hint(name: str) -> str | None:
    """The table a file's or sheet's name suggests ("Drug pipeline 2024" -> drugs)."""
    exact = re.sub(r"[\W_]+", "_", name.casefold()).strip("_")
    if exact in RECORDS:  # "deal_drugs" names its table, not deals and drugs
        return exact
    words = re.split(r"[\W_]+", name.casefold())
    tables = {FILE_HINTS[w] for w in words if w in FILE_HINTS}
    return tables.pop() if len(tables) == 1 else None


def detect_table(
    header: list[str], path: Path, forced: str | None = None, *, sheet: str | None = None
) -> HeaderMatch:
    """The best-matching table's HeaderMatch (check `.ok`); HeaderError if none is clear.

    A workbook sheet's name is the first tie-breaker, then the file's name.
    """
    if forced is not None:
        return match_header(forced, header)
    matches = [match_header(table, header) for table in RECORDS]
    hint = (name_hint(sheet) if sheet else None) or name_hint(path.stem)
    perfect = [m for m in matches if m.ok]
    if perfect:
        def coverage(m: HeaderMatch) -> tuple[bool, float]:
            return m.table == hint, len(m.columns) / len(m.model.model_fields)

        perfect.sort(key=coverage, reverse=True)
        if len(perfect) == 1 or coverage(perfect[0]) != coverage(perfect[1]):
            return perfect[0]
        tables = " or ".join(m.table for m in perfect if coverage(m) == coverage(perfect[0]))
        raise HeaderError(
            f"the columns fit {tables} equally well; say which with --table"
        )
    best = max(matches, key=lambda m: (
        m.table == hint, -(len(m.unknown) + len(m.missing)), len(m.columns)))
    if not best.columns:
        raise HeaderError(
            f"no table has columns like {', '.join(repr(h) for h in header[:6])}; "
            f"say which with --table ({', '.join(RECORDS)}); "
            "`bioterm template TABLE` shows a table's columns"
        )
    return best
