"""Field terms of a list's filter (`company:akeso`, `phase:3`, `usd>100m`) as SQL.

Each section declares its fields once, in the registry (`Entity.filter_fields`);
this module turns the parsed terms into WHERE clauses over the listed table
alone, with every value bound as a parameter. A term it cannot read becomes a
problem to show beside the filter box, and the rest of the query still applies.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from bioterm.entities import REGISTRY, Entity, FilterField
from bioterm.enums import Vocabulary
from bioterm.parsing.filter_query import Problem, Term, parse, parse_number, unknown_field
from bioterm.store.company_terms import attached

if TYPE_CHECKING:
    from bioterm.store.listing import ListSpec

MIN_SUBSTRING = 3
"""As windowing's (which imports this module): substring from three characters."""
RANGE_FROM = 2
"""A prefix this long is looked up in its range of the term index, whatever its
size: on a million drugs the largest two-letter range ("pd", 365,000 terms of
every kind) is read in 23-46 ms, a pass over the 440,000 company terms 67-88 ms.
A single letter's range can pass a million terms, so it is counted first."""
FTS_CAP = 5_000
"""Past this many search documents of any kind, companies are looked for among
their own terms instead (text common in drugs, such as "cancer", would have the
trigram index read every drug's document to keep the few companies)."""


@dataclass
class Compiled:
    plain: str
    clauses: list[tuple[str, list[Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@cache
def _entity_of(table: str, keys: frozenset[str]) -> Entity | None:
    from bioterm.store.listing import SPECS

    for entity in REGISTRY.listed():
        spec = SPECS.get(entity.list_key)
        if spec is not None and spec.entity == table and {c.key for c in spec.columns} == keys:
            return entity
    return None


def fields_of(spec: ListSpec) -> tuple[FilterField, ...]:
    """The section's declared fields; a variant of its spec (the investors' live
    list, a spec without its base condition) has the same table and field keys."""
    entity = _entity_of(spec.entity, frozenset(c.key for c in spec.columns))
    return entity.filter_fields if entity else ()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def company_refs(conn: sqlite3.Connection, text: str) -> list[str]:
    """The companies whose names, Chinese name, pinyin or tickers match `text`:
    by substring from three characters, else by prefix, as the filter matches.

    From the terms held in memory when the connection has them (see
    company_terms), else read once per query, each way bounded: a substring
    through the trigram index when it is rare there, else by a pass over the
    companies' own terms (b-tree on kind); a prefix through its range of the
    term index, but a single letter common in every kind by that pass.
    """
    folded = text.casefold()
    terms = attached(conn)
    found = terms.matching(folded, prefix=len(text) < MIN_SUBSTRING) if terms else None
    if found is not None:
        return found
    if len(text) >= MIN_SUBSTRING:
        phrase = '"' + text.replace('"', '""') + '"'
        anywhere = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? "
            f"LIMIT {FTS_CAP + 1})", (phrase,)).fetchone()[0]
        if anywhere <= FTS_CAP:
            return [r[0] for r in conn.execute(
                "SELECT DISTINCT ref FROM search_index WHERE search_index MATCH ? "
                "AND kind = 'company'", (phrase,))]
        return [r[0] for r in conn.execute(
            "SELECT DISTINCT ref FROM search_terms WHERE kind = 'company' "
            "AND instr(term, ?) > 0", (folded,))]
    bounds = (folded, folded + "\U0010ffff")
    if len(folded) < RANGE_FROM:
        prefixed = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term >= ? AND term < ? "
            f"LIMIT {FTS_CAP + 1})", bounds).fetchone()[0]
        if prefixed > FTS_CAP:
            return [r[0] for r in conn.execute(
                "SELECT DISTINCT ref FROM search_terms WHERE kind = 'company' "
                "AND substr(term, 1, ?) = ?", (len(folded), folded))]
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT ref FROM search_terms WHERE term >= ? AND term < ? "
        "AND +kind = 'company'", bounds)]  # the prefix's range: see sparse_refs


def in_refs(column: str, refs: Any) -> tuple[str, list[Any]]:
    return (f"{column} IN (SELECT value FROM json_each(?))",
            [json.dumps(list(refs), ensure_ascii=False)])


def _fold(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum() or ch == "+")


def vocabulary_values(vocabulary: type[Vocabulary], name: str, value: str) -> list[str]:
    """Members named by value, label or alias (`phase:3` is Phase 3), else by a
    prefix of their label (`modality:small` is Small molecule)."""
    for text in (value, f"{name} {value}"):
        try:
            return [vocabulary.lookup(text).value]
        except ValueError:
            pass
    key = _fold(value)
    return [m.value for m in vocabulary
            if key and (_fold(m.label).startswith(key) or _fold(m.value).startswith(key))]


def _year(op: str, value: str) -> tuple[str, str] | None:
    if not (len(value) == 4 and value.isdigit()):
        return None
    year = int(value)
    return {":": (">=", str(year)), "=": (">=", str(year)), ">": (">=", str(year + 1)),
            ">=": (">=", str(year)), "<": ("<", str(year)), "<=": ("<", str(year + 1))}[op]


def _term_sql(spec: ListSpec, entity_kind: str | None, f: FilterField, term: Term,
              companies: Mapping[str, Any]) -> tuple[str, list[Any]] | Problem:
    a, value = spec.alias, term.value
    columns = [f"{a}.{c}" for c in f.columns]
    if term.op not in (":", "=") and not f.compares:
        return Problem(f"{f.name} takes {f.name}:value, not {term.op}", term.start, term.end)
    if f.match == "company":
        parts = [in_refs(c, companies.get(value, ())) for c in columns]
        return ("(" + " OR ".join(p[0] for p in parts) + ")",
                [x for p in parts for x in p[1]])
    if f.match == "vocab":
        assert f.vocabulary is not None
        values = vocabulary_values(f.vocabulary, f.name, value)
        if not values:
            labels = ", ".join(m.label for m in f.vocabulary)
            return Problem(f"no {f.name} {value} — {labels}", term.start, term.end)
        marks = ", ".join("?" * len(values))
        return "(" + " OR ".join(f"{c} IN ({marks})" for c in columns) + ")", values * len(columns)
    if f.match == "year":
        bound = _year(term.op, value)
        if bound is None:
            return Problem(f"{f.name} needs a year, like {f.name}:2024", term.start, term.end)
        cmp, edge = bound
        sql = [f"{c} {cmp} ?" for c in columns]
        params: list[Any] = [edge] * len(columns)
        if term.op in (":", "="):
            sql = [f"({c} >= ? AND {c} < ?)" for c in columns]
            params = [x for _ in columns for x in (edge, str(int(edge) + 1))]
        return "(" + " OR ".join(sql) + ")", params
    if f.match == "number":
        number = parse_number(value)
        if number is None:
            return Problem(f"{f.name}{term.op}{value}: not an amount (like {f.name}>100m)",
                           term.start, term.end)
        op = "=" if term.op == ":" else term.op
        return "(" + " OR ".join(f"{c} {op} ?" for c in columns) + ")", [number] * len(columns)
    pattern = f"%{_escape_like(value)}%"
    like = "(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")"
    if f.match == "list" and entity_kind and _indexed(spec, entity_kind, f):
        # The part is among the row's search terms: the index finds the few rows
        # first and LIKE only confirms the column (a million drugs stay quick).
        folded = value.casefold()
        return (f"{spec.id_sql} IN (SELECT ref FROM search_terms WHERE kind = ? AND term >= ? "
                f"AND term < ?) AND {like}",
                [entity_kind, folded, folded + "\U0010ffff", *[pattern] * len(columns)])
    return like, [pattern] * len(columns)


def _indexed(spec: ListSpec, kind: str, f: FilterField) -> bool:
    entity = REGISTRY.by_kind.get(kind)
    return bool(entity and entity.search and not spec.search_ref_sql
                and spec.search_kind == kind and set(f.columns) <= set(entity.search.extra))


def company_values(spec: ListSpec, text: str) -> list[str]:
    """The values of the company terms of `text` that this section takes."""
    names = {f.name for f in fields_of(spec) if f.match == "company"}
    return [t.value for t in parse(text).terms if t.field in names]


def compile_text(spec: ListSpec, text: str,
                 companies: Mapping[str, Any] | None = None) -> Compiled:
    """The plain words of `text` (matched as before) and the SQL of its field terms;
    `companies`: the refs each company term's value names (see company_refs)."""
    parsed = parse(text)
    out = Compiled(parsed.plain, problems=list(parsed.problems))
    fields = {f.name: f for f in fields_of(spec)}
    for term in parsed.terms:
        f = fields.get(term.field)
        if f is None:
            out.problems.append(unknown_field(term, tuple(fields)))
            continue
        built = _term_sql(spec, spec.search_kind, f, term, companies or {})
        if isinstance(built, Problem):
            out.problems.append(built)
        else:
            out.clauses.append(built)
    return out


def problems(spec: ListSpec, text: str) -> list[str]:
    return [p.message for p in compile_text(spec, text).problems]
