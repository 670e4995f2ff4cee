"""Frequency tables of a list and the competitive landscape of a target or indication.

A frequency table counts the rows of a list as it is filtered (the same
`ListQuery`: text, facets, watched-only, opened groups) per value of one of
the columns `store/groups.py` declares for it, with the sums that apply:
USD for funding and deals, operational litres per capacity kind for companies.
The rows are restricted by `windowing.where`, the list's own condition, so a
group's count is the number of rows the list shows once the group is opened.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from bioterm.enums import Phase
from bioterm.store import listing, windowing
from bioterm.store.groups import GROUPINGS, GroupColumn, Grouping, item_list_sql
from bioterm.text import split_list

CAPACITY_PREFIX = "operational:"
"""Series of `summary_capacity_company` holding each company's operational litres."""


@dataclass(frozen=True)
class GroupSumColumn:
    key: str
    label: str
    format: str
    """"usd" or "litres"."""


@dataclass(frozen=True)
class GroupRow:
    value: str
    """What the group restriction matches ('' for rows without a value)."""
    label: str | None
    """A company's name when the value is its id; None: show the value."""
    count: int
    sums: tuple[float | None, ...]
    """In the order of `GroupTable.sums`."""


@dataclass(frozen=True)
class GroupTable:
    column: GroupColumn
    sums: tuple[GroupSumColumn, ...]
    rows: list[GroupRow]


@dataclass(frozen=True)
class LandscapeCell:
    company_id: str
    company: str | None
    phase: str
    count: int
    drugs: tuple[str, ...]


LANDSCAPE_FIELDS = ("targets", "indications")
"""The drug columns a landscape can be drawn for."""


def grouping_of(list_key: str) -> Grouping | None:
    return GROUPINGS.get(list_key)


def _restricted(conn: sqlite3.Connection, spec: listing.ListSpec,
                query: listing.ListQuery) -> windowing.Built:
    """The list's WHERE for `query`; text matched through the index, every match."""
    plan = windowing.exact_plan(conn, spec, query)
    return windowing.where(spec, query, plan)


def _capacity_kinds(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT series FROM summary_capacity_company WHERE series >= ? AND series < ? "
        "ORDER BY series", (CAPACITY_PREFIX, CAPACITY_PREFIX + "\U0010ffff"))
    return [r[0][len(CAPACITY_PREFIX):] for r in rows]


def _sums(conn: sqlite3.Connection, grouping: Grouping, today: str
          ) -> tuple[list[GroupSumColumn], list[str], list[Any]]:
    """The summed columns, their row expressions and those expressions' parameters."""
    columns = [GroupSumColumn(s.key, s.label, s.format) for s in grouping.sums]
    exprs = [s.sql for s in grouping.sums]
    params: list[Any] = []
    if grouping.capacity_of is not None:
        for kind in _capacity_kinds(conn):
            columns.append(GroupSumColumn(f"litres:{kind}", kind, "litres"))
            # A company's operational litres of one kind today: the sum of its steps.
            exprs.append("(SELECT sum(k.delta) FROM summary_capacity_company k WHERE "
                         f"k.company_id = {grouping.capacity_of} AND k.series = ? "
                         "AND k.date <= ?)")
            params.extend([CAPACITY_PREFIX + kind, today])
    if grouping.site_capacity_of is not None:
        kinds = [r[0] for r in conn.execute(
            "SELECT DISTINCT kind FROM capacity WHERE site_id IS NOT NULL "
            "AND status = 'operational' ORDER BY kind")]
        # A partial date ("2025", "2025-06") starts its period, as timeline.py reads it.
        start = "k.date || substr('-01-01', length(k.date) - 3)"
        for kind in kinds:
            columns.append(GroupSumColumn(f"litres:{kind}", kind, "litres"))
            # A site's operational litres of one kind today: its latest step.
            exprs.append(f"(SELECT k.litres FROM capacity k WHERE k.site_id = "
                         f"{grouping.site_capacity_of} AND k.status = 'operational' AND "
                         f"k.kind = ? AND {start} <= ? ORDER BY {start} DESC, k.rowid DESC "
                         "LIMIT 1)")
            params.extend([kind, today])
    return columns, exprs, params


def group_table(conn: sqlite3.Connection, list_key: str, query: listing.ListQuery,
                key: str, today: str) -> GroupTable:
    """The rows of `query` counted (and summed) per value of the group column `key`,
    most rows first."""
    grouping = GROUPINGS[list_key]
    column = grouping.column(key)
    spec = listing.SPECS[list_key]
    clause = _restricted(conn, spec, query)
    sums, exprs, sum_params = _sums(conn, grouping, today)
    carried = "".join(f", {e} AS s{i}" for i, e in enumerate(exprs))
    totals = "".join(f", sum(s{i})" for i in range(len(exprs)))
    if column.split:
        # Each '; '-separated item is a row of its own; items are compared as the
        # group restriction compares them, case-insensitively.
        names = "".join(f", s{i}" for i in range(len(exprs)))
        sql = (
            "WITH RECURSIVE matched AS (SELECT ifnull(" + column.sql + ", '') || '; ' AS rest"
            f"{carried} FROM {spec.table_sql}{clause.sql}), "
            f"split(item, rest{names}) AS (SELECT '', rest{names} FROM matched "
            "UNION ALL SELECT trim(substr(rest, 1, instr(rest, '; ') - 1)), "
            f"substr(rest, instr(rest, '; ') + 2){names} FROM split WHERE rest <> '') "
            f"SELECT min(item) AS value, count(*){totals} FROM split WHERE item <> '' "
            "GROUP BY lower(item)"
        )
    else:
        sql = (f"SELECT value, count(*){totals} FROM (SELECT ifnull({column.sql}, '') AS value"
               f"{carried} FROM {spec.table_sql}{clause.sql}) GROUP BY value")
    if column.names_company:
        sql = (f"SELECT g.*, co.name FROM ({sql}) AS g "
               "LEFT JOIN companies co ON co.id = g.value")
    rows = []
    for found in conn.execute(sql, [*sum_params, *clause.params]):
        label = found[-1] if column.names_company else None
        rows.append(GroupRow(str(found[0]), label, int(found[1]),
                             tuple(found[2:2 + len(exprs)])))
    rows.sort(key=lambda r: (-r.count, (r.label or r.value).casefold()))
    return GroupTable(column, tuple(sums), rows)


def landscape(conn: sqlite3.Connection, field: str, value: str) -> list[LandscapeCell]:
    """Every drug whose `field` (targets or indications) lists `value`, per company and
    phase; companies with the most programmes first, phases in development order."""
    if field not in LANDSCAPE_FIELDS:
        raise KeyError(field)
    spec = listing.SPECS["drugs"]
    clause = windowing.where(spec, listing.ListQuery(groups=((field, value),)),
                             windowing.TextPlan("none"))
    sql = ("SELECT d.company_id, (SELECT name FROM companies co WHERE co.id = d.company_id), "
           "d.phase, count(*), group_concat(d.name, char(31)) "
           f"FROM {spec.table_sql}{clause.sql} GROUP BY d.company_id, d.phase")
    cells = [LandscapeCell(str(r[0]), r[1], str(r[2]), int(r[3]),
                           tuple(sorted(str(r[4]).split("\x1f"), key=str.casefold)))
             for r in conn.execute(sql, clause.params)]
    return cells


SUBJECT_ROWS = 2_000
"""Drugs read to suggest a landscape as the palette is typed in (a million-row
database must answer each keystroke at once)."""


def landscape_subjects(conn: sqlite3.Connection, field: str, text: str,
                       limit: int = 10) -> list[str]:
    """Targets (or indications) some drug lists that start with `text`, as first spelled;
    an exact match first."""
    if field not in LANDSCAPE_FIELDS:
        raise KeyError(field)
    folded = text.strip().casefold()
    if not folded:
        return []
    if field == "targets":
        # Targets are search terms: the index finds the drugs that list one.
        rows = conn.execute(
            "SELECT d.targets FROM drugs d WHERE d.id IN (SELECT ref FROM search_terms "
            "WHERE kind = 'drug' AND term >= ? AND term < ? LIMIT ?)",
            (folded, folded + "\U0010ffff", SUBJECT_ROWS))
    else:
        rows = conn.execute("SELECT d.indications FROM drugs d WHERE instr(lower("
                            "d.indications), ?) > 0 LIMIT ?", (folded, SUBJECT_ROWS))
    spelled: dict[str, str] = {}
    for (items,) in rows:
        for item in split_list(items):
            if item.casefold().startswith(folded):
                spelled.setdefault(item.casefold(), item)
    found = sorted(spelled.values(), key=lambda v: (v.casefold() != folded, v.casefold()))
    return found[:limit]


def phase_order(phases: set[str]) -> list[str]:
    """The phases present, along the development path (unknown values last)."""
    known = [p.value for p in sorted(Phase, key=lambda p: p.rank)]
    return [p for p in known if p in phases] + sorted(phases - set(known))


def with_group(query: listing.ListQuery, key: str, value: str) -> listing.ListQuery:
    """`query` further restricted to one group (an already opened one is replaced)."""
    kept = tuple((k, v) for k, v in query.groups if k != key)
    return replace(query, groups=(*kept, (key, value)))


__all__ = ["GroupRow", "GroupTable", "LandscapeCell", "group_table", "item_list_sql",
           "landscape", "landscape_subjects", "phase_order", "with_group"]


class GroupingMixin:
    """Frequency tables and landscapes for the dashboard."""

    conn: sqlite3.Connection

    def group_columns(self, list_key: str) -> tuple[GroupColumn, ...]:
        grouping = GROUPINGS.get(list_key)
        return grouping.columns if grouping else ()

    def group_table(self, list_key: str, query: listing.ListQuery, key: str,
                    today: str) -> GroupTable:
        return group_table(self.conn, list_key, query, key, today)

    def landscape(self, field: str, value: str) -> list[LandscapeCell]:
        return landscape(self.conn, field, value)

    def landscape_subjects(self, field: str, text: str, limit: int = 10) -> list[str]:
        return landscape_subjects(self.conn, field, text, limit)
