"""Field terms of a list's filter (`company:akeso`, `phase:3`, `usd>100m`) as SQL.

Each section declares its fields once, in the registry (`Entity.filter_fields`);
this module turns the parsed terms into WHERE clauses over the listed table
alone, with every value bound as a parameter. A term it cannot read becomes a
problem to show beside the filter box, and the rest of the query still applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from bioterm.entities import REGISTRY, Entity, FilterField
from bioterm.enums import Vocabulary
from bioterm.parsing.filter_query import Problem, Term, parse, parse_number, unknown_field

if TYPE_CHECKING:
    from bioterm.store.listing import ListSpec

MIN_SUBSTRING = 3


@dataclass
class Compiled:
    plain: str
    clauses: list[tuple[str, list[Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@cache
def _entity_of(spec_id: int) -> Entity | None:
    from bioterm.store.listing import SPECS

    for entity in REGISTRY.listed():
        if id(SPECS.get(entity.list_key)) == spec_id:
            return entity
    return None


def fields_of(spec: ListSpec) -> tuple[FilterField, ...]:
    entity = _entity_of(id(spec))
    return entity.filter_fields if entity else ()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def company_match(column: str, text: str) -> tuple[str, list[Any]]:
    """`column` names a company whose names, pinyin or tickers match `text`."""
    if len(text) >= MIN_SUBSTRING:
        phrase = '"' + text.replace('"', '""') + '"'
        return (f"{column} IN (SELECT ref FROM search_index WHERE search_index MATCH ? "
                "AND kind = 'company')", [phrase])
    folded = text.casefold()
    return (f"{column} IN (SELECT ref FROM search_terms WHERE kind = 'company' "
            "AND term >= ? AND term < ?)", [folded, folded + "\U0010ffff"])


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


def _term_sql(spec: ListSpec, entity_kind: str | None, f: FilterField,
              term: Term) -> tuple[str, list[Any]] | Problem:
    a, value = spec.alias, term.value
    columns = [f"{a}.{c}" for c in f.columns]
    if term.op not in (":", "=") and not f.compares:
        return Problem(f"{f.name} takes {f.name}:value, not {term.op}", term.start, term.end)
    if f.match == "company":
        parts = [company_match(c, value) for c in columns]
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


def compile_text(spec: ListSpec, text: str) -> Compiled:
    """The plain words of `text` (matched as before) and the SQL of its field terms."""
    parsed = parse(text)
    out = Compiled(parsed.plain, problems=list(parsed.problems))
    fields = {f.name: f for f in fields_of(spec)}
    for term in parsed.terms:
        f = fields.get(term.field)
        if f is None:
            out.problems.append(unknown_field(term, tuple(fields)))
            continue
        built = _term_sql(spec, spec.search_kind, f, term)
        if isinstance(built, Problem):
            out.problems.append(built)
        else:
            out.clauses.append(built)
    return out


def problems(spec: ListSpec, text: str) -> list[str]:
    return [p.message for p in compile_text(spec, text).problems]
