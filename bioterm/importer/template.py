"""`bioterm template TABLE` and the accepted-forms text of `bioterm import --help`."""

from __future__ import annotations

import csv
import io

from bioterm.importer.columns import NAME_FIELD
from bioterm.importer.convert import FALSE_WORDS, MEASURES, TRUE_WORDS, field_specs
from bioterm.importer.references import HOW, NOUNS
from bioterm.models import RECORDS

ACCEPTED_FORMS = """\
\b
Accepted values:
  numbers    80000, 80,000, 80 000, 2 billion, 1.5bn, 22.33 million, 5亿
  amounts    RMB 22.33 million, 5 billion yuan, US$683.2 million, HK$1.2 billion,
             €5m, 人民币5亿元; a currency in the amount fills the currency column
             (a different currency there is an error); "over", "about", "nearly",
             "up to" fill the qualifier column
  volumes    80,000 L, 80 000 L, 20 m³, 8万升 (a bare number is litres)
  areas      8,000 sqm, 8000 m², 2 ha, 30 亩 (a bare number is square metres)
  units      a header such as "Amount (RMB million)" or "Capacity (kL)" gives
             the unit of its plain numbers
  dates      2021-04-27, 2021/4/27, 27/04/2021 (only when day and month cannot be
             swapped), April 26, 2021, Sept. 26, 2023, 2021-04, 2021, 2021年4月27日,
             Excel serial numbers such as 44313
  yes/no     yes, no, true, false, 1, 0, 是, 否
  references a company by id, English name, Chinese name or ticker; a drug by id,
             name or code name; a site by id or name; a source by id, title or
             URL; case and spaces do not matter
  lists      separated by ; (also ；, 、 or a line break)
  enums      the value or its label, e.g. phase_3 or "Phase 3"; see `bioterm template`

\b
Files: UTF-8 (with or without BOM), GB18030/GBK, UTF-16; comma, semicolon or
tab separated; lines starting with # before the header are comments; up to
512 MiB. A UTF-8 file with a few invalid bytes is refused with the line and
byte offset of each (no other encoding is guessed for it); --replace-bad-bytes
reads each as \ufffd and lists them. Amounts, volumes, areas and rates beyond
any plausible size (1e18, 1e11 L, 1e11 m², 1e6 USD a unit) are refused.
A column left out of a file leaves that field as it is on existing rows.
"""

EXAMPLES: dict[str, dict[str, str]] = {
    "sources": {
        "id": "example-daily-2024-05-01", "title": "Example Biotech opens its Suzhou plant",
        "publisher": "Example Daily", "author": "Jane Reporter", "date": "May 1, 2024",
        "url": "https://example.com/news/suzhou-plant", "note": "",
    },
    "companies": {
        "id": "", "name": "Example Biotech, Inc.", "name_zh": "示例生物", "tickers": "HKEX:09999",
        "kind": "Biotech", "founded": "2015", "hq_city": "Suzhou", "hq_region": "Jiangsu",
        "hq_country": "China", "key_people": "Jane Doe (CEO); John Roe (CFO)",
        "description": "Antibody developer.", "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "drugs": {
        "id": "ak112", "name": "Ivonescimab", "code_names": "AK112; SMT112",
        "company_id": "Akeso, Inc.", "modality": "Bispecific", "targets": "PD-1; VEGF",
        "indications": "non-small cell lung cancer", "phase": "Phase 3", "first_in_class": "yes",
        "regions": "CN", "description": "", "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "milestones": {
        "drug_id": "Penpulimab", "kind": "NDA submitted", "date": "2020", "region": "CN",
        "status": "occurred", "indication": "", "classification": "", "note": "",
        "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "sites": {
        "id": "", "company_id": "Akeso", "name": "Example manufacturing site",
        "kind": "Manufacturing", "status": "Planned", "city": "Guangzhou", "district": "",
        "region": "Guangdong",
        "country": "China", "area_m2": "8,000 sqm", "area_qualifier": "", "partner_id": "Cytiva",
        "technology": "FlexFactory", "investment_amount": "over RMB 2 billion",
        "investment_currency": "", "investment_qualifier": "", "since": "2021-04",
        "description": "", "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "capacity": {
        "company_id": "Akeso", "site_id": "akeso-guangzhou-knowledge-city", "date": "2025",
        "litres": "80,000 L", "qualifier": "", "status": "planned", "kind": "bioreactor",
        "note": "", "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "funding": {
        "company_id": "Akeso", "date": "Sept. 26, 2023", "kind": "Series B",
        "amount": "RMB 22.33 million", "currency": "", "qualifier": "",
        "investors": "Example Capital; Another Fund", "purpose": "Clinical trials", "note": "",
        "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "partnerships": {
        "company_id": "Akeso", "partner_id": "Cytiva", "kind": "Research",
        "since": "2024-03", "note": "", "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "fx_rates": {
        "currency": "CHF", "year": "1999", "usd": "0.6653", "source_id": "frb-g5a-2021",
    },
    "funding_investors": {
        "company_id": "Akeso", "date": "Sept. 26, 2023", "kind": "Series B",
        "investor_id": "Cytiva", "lead": "yes", "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "deals": {
        "id": "akeso-example-licence-2024", "licensor_id": "Akeso", "licensee_id": "Cytiva",
        "date": "2024-03-15", "kind": "Licence", "territory": "worldwide outside Greater China",
        "direction": "out of China", "programmes": "AK112", "upfront": "US$500 million",
        "upfront_qualifier": "", "milestones": "up to US$4.5 billion",
        "milestones_qualifier": "", "total": "US$5 billion", "total_qualifier": "up to",
        "equity": "", "equity_qualifier": "", "currency": "", "royalty": "low double digits",
        "status": "active", "status_date": "", "note": "",
        "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "deal_drugs": {
        "deal_id": "akeso-example-licence-2024", "drug_id": "Penpulimab",
        "source_id": "akeso-cytiva-flexfactory-2021",
    },
    "watchlist": {"kind": "company", "record_id": "akeso", "added": "2026-12-02T06:00:00Z"},
    "notes": {
        "kind": "drug", "record_id": "cadonilimab",
        "body": "Ask about the gastric cancer label at the next call.",
        "edited": "2026-12-02T06:00:00Z",
    },
}
"""One example row per table, written the way people write them."""

_KINDS = {
    "id": "lower-case letters, digits, '.', '_' or '-'",
    "date": "a date: 2021-04-27, 2021/4/27, April 26, 2021, 2021-04, 2021 …",
    "currency": "a currency: CNY, USD, HKD, EUR, RMB, US$, 元 …",
    "list": "a list separated by ;",
    "text": "text",
    "bool": f"yes or no ({', '.join(TRUE_WORDS)} / {', '.join(FALSE_WORDS)})",
    "integer": "a whole number",
    "number": "a number: 80000, 80,000, 2 billion …",
    "amount": "an amount: 80000, 2 billion, RMB 22.33 million, US$683.2 million …",
    "litres": "a volume: 80,000 L, 80 000 L, 20 m³ (a plain number is litres)",
    "area": "an area: 8,000 sqm, 8000 m², 2 ha (a plain number is m²)",
}


def explain(table: str, name: str) -> str:
    """What a column of `table` accepts, in one line."""
    model = RECORDS[table]
    spec = field_specs(model)[name]
    if spec.kind == "reference":
        target = model.references[name]
        text = f"a {NOUNS[target]}: {HOW[target]}"
    elif spec.kind == "enum" and spec.enum is not None:
        text = "one of: " + ", ".join(spec.enum.choices())
    else:
        text = _KINDS.get(spec.kind, spec.kind)
    if name in MEASURES:
        filled = [c for c in (MEASURES[name].currency, MEASURES[name].qualifier) if c]
        text += f"; its unit words fill {' and '.join(filled)}"
    if name == "id" and table in NAME_FIELD:
        text += f"; leave empty to make one from the {NAME_FIELD[table]}"
    elif spec.required:
        text = "required; " + text
    elif spec.blank not in (None, ""):
        text += f" (empty means {str(spec.blank).lower()})"
    return text


EXAMPLE_PREFIX = "# example: "
"""Starts the template's example line. Lines starting with # are comments only
before the header, so the example sits above it: an untouched template imports
nothing, and the example is copied below the header without this prefix."""


def example_row(table: str) -> dict[str, str]:
    """The template's example row, field by field."""
    return dict(EXAMPLES[table])


def commented_example(table: str) -> dict[str, str]:
    """The workbook template's example row: its first cell starts with the example
    prefix, which makes the row a comment above the header."""
    row = example_row(table)
    first = next(iter(RECORDS[table].model_fields))
    row[first] = EXAMPLE_PREFIX + row.get(first, "")
    return row


def workbook_comment(table: str) -> str:
    """The first row of the workbook template."""
    return (f"# bioterm import template for {table}. Rows above the header whose first "
            "cell starts with # are ignored, so this sheet imports nothing as it is. Add "
            "your rows below the header; to use the example, copy it there and take "
            f'"{EXAMPLE_PREFIX.strip()}" off its first cell.')


def column_notes(table: str) -> dict[str, str]:
    """What each column of `table` takes, as the template explains it."""
    return {name: explain(table, name) for name in RECORDS[table].model_fields}


def template(table: str) -> str:
    """Comment lines explaining each column, the example row commented out, the header."""
    model = RECORDS[table]
    names = list(model.model_fields)
    out = io.StringIO()
    out.write(f"# bioterm import template for {table}. Lines starting with # above the\n")
    out.write("# header are ignored, so this file imports nothing as it is. Add your rows\n")
    out.write("# below the header; to use the example, copy it there without the leading\n")
    out.write(f'# "{EXAMPLE_PREFIX}". `bioterm import --help` lists every accepted form of\n')
    out.write("# numbers, units and dates.\n")
    for name in names:
        out.write(f"# {name}: {explain(table, name)}\n")
    writer = csv.writer(out, lineterminator="\n")
    example = io.StringIO()
    csv.writer(example, lineterminator="\n").writerow(
        [EXAMPLES[table].get(name, "") for name in names])
    out.write(EXAMPLE_PREFIX + example.getvalue())
    writer.writerow(names)
    return out.getvalue()
