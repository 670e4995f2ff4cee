"""The SQL behind listing's windows, counts and facets, shaped for a million rows.

Three things keep a keystroke cheap on a large table:

- Filter text is planned per query. When it matches few rows (the usual
  case for a name), the matching ids are read from the search index first
  and the window is sorted from those alone ("sparse"). When it matches
  many (a common stem such as "mab"), the table is walked in sort order
  through its index and each row is checked against its search terms until
  the window is full ("dense"), which stops after a few hundred rows instead
  of collecting a hundred thousand matches and sorting them.
- Windows select rowids first and join the display columns for the final
  rows only, so rows skipped by OFFSET cost an index step, not a row read
  and a company lookup. Ties are broken by rowid, which every single-column
  index already holds in order.
- A window past the middle is read from the other end, and counts without
  text or with one facet come from the summary tables.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from bioterm.entities import REGISTRY
from bioterm.store import groups, summary
from bioterm.store.filter_terms import company_refs, company_values, compile_text, in_refs
from bioterm.store.list_day import dated
from bioterm.store.time_limit import TimeLimit

if TYPE_CHECKING:
    from bioterm.store.listing import ListQuery, ListSpec

MIN_SUBSTRING = 3
"""The trigram index answers substring queries of three or more characters;
shorter filter text matches names by prefix through the b-tree indexes."""
SPARSE_LIMIT = 10_000
"""Up to this many matches, ids are collected first; beyond, the sort order is walked."""
DENSE_BUDGET_SECONDS = 0.06
"""A dense walk that has not filled its window by then is abandoned for the sparse plan
(text common in other kinds of record but rare in this one). On a million drugs a
walk that fills its window takes 4-41 ms for one- to four-letter text, while
collecting every match instead takes 0.8-4.7 s; at 15 ms, walks a little over it
were thrown away for that."""
REVERSE_FROM = 5_000
"""Windows deeper than this are read from the far end when that end is nearer."""


@dataclass(frozen=True)
class TextPlan:
    mode: Literal["none", "sparse", "dense"]
    refs: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    """The companies the plain text finds (rows whose `spec.related` column names one)."""
    companies: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each company field term's value with the companies it names."""
    rows: tuple[int, ...] = ()
    """Sparse: the rowids of the rows of the `related` companies (see Matches)."""

    def collected(self, matches: Matches) -> TextPlan:
        return replace(self, mode="sparse", refs=matches.refs, rows=matches.rows)


@dataclass
class Built:
    sql: str
    params: list[Any] = field(default_factory=list)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_phrase(text: str) -> str:
    """Quote text as one FTS5 phrase so its punctuation is never query syntax."""
    return '"' + text.replace('"', '""') + '"'


def alias(spec: ListSpec) -> str:
    return spec.alias


def base_table(spec: ListSpec) -> str:
    """The listed table alone: filters never touch the joined tables."""
    return spec.table_sql


@dataclass(frozen=True)
class Matches:
    """What a filter's plain text matches, collected."""

    refs: tuple[str, ...]
    """The rows the text's own terms find, by search ref."""
    rows: tuple[int, ...] = ()
    """The rowids of rows whose company the text names ("akeso" lists Akeso's
    drugs): read from the company column's index alone, not from each row
    (16 ms for 11,718 drugs at scale 1; their ids took 66 ms)."""


def sparse_refs(
    conn: sqlite3.Connection, spec: ListSpec, text: str, limit: int | None,
    related: tuple[str, ...] = (),
) -> Matches | None:
    """The rows matching `text`, or None when there are more than `limit`."""
    folded = text.casefold()
    cap = "" if limit is None else f" LIMIT {int(limit) + 1}"
    if len(text) >= MIN_SUBSTRING:
        if limit is not None:
            # Counting without the kind reads only the index, not each document.
            anywhere = conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_index "
                f"WHERE search_index MATCH ?{cap})", (fts_phrase(text),)
            ).fetchone()[0]
            if anywhere > limit:
                return None
        sql = "SELECT DISTINCT ref FROM search_index WHERE search_index MATCH ? AND kind = ?"
        params: list[Any] = [fts_phrase(text), spec.search_kind]
    else:
        if limit is not None:
            rows = conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term >= ? AND term < ? "
                f"AND kind = ?{cap})", (folded, folded + "\U0010ffff", spec.search_kind)
            ).fetchone()[0]
            if rows > limit:
                return None
        # `+kind`: with an index on (kind, ref, term) the planner would rather read
        # every term of the kind in ref order (DISTINCT without a sort) than the
        # prefix's range: 0.9 s for a prefix with no match on a million drugs.
        sql = "SELECT DISTINCT ref FROM search_terms WHERE term >= ? AND term < ? AND +kind = ?"
        params = [folded, folded + "\U0010ffff", spec.search_kind]
    refs = tuple(r[0] for r in conn.execute(sql + cap, params))
    if limit is not None and len(refs) > limit:
        return None
    found: dict[int, None] = {}
    for column in spec.related if related else ():
        # Each company column's own index holds the rowid: no row is read.
        match, args = in_refs(column, related)
        left = "" if limit is None else f" LIMIT {int(limit) - len(refs) - len(found) + 1}"
        found.update((r[0], None) for r in conn.execute(
            f"SELECT {alias(spec)}.rowid FROM {base_table(spec)} WHERE {match}{left}", args))
        if limit is not None and len(refs) + len(found) > limit:
            return None
    return Matches(refs, tuple(found))


def plain_text(query: ListQuery, spec: ListSpec) -> str:
    """The filter's plain words; its field terms are clauses of their own."""
    text = query.text.strip()
    return compile_text(spec, text).plain if text else ""


def plan_text(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery) -> TextPlan:
    text = plain_text(query, spec)
    companies = tuple((value, tuple(company_refs(conn, value)))
                      for value in dict.fromkeys(company_values(spec, query.text)))
    if not text or not spec.search_kind:
        return TextPlan("none", companies=companies)
    related = tuple(company_refs(conn, text)) if spec.related else ()
    # With an unindexed column matched too (funding's investors) every row is
    # looked at anyway, and an id list is a cheaper test per row than a probe.
    matches = sparse_refs(conn, spec, text, None if spec.extra_filter_sql else SPARSE_LIMIT,
                          related)
    if matches is None:
        return TextPlan("dense", related=related, companies=companies)
    return TextPlan("sparse", matches.refs, related, companies, matches.rows)


def _text_clause(spec: ListSpec, text: str, plan: TextPlan) -> Built:
    ref = spec.search_ref_sql or spec.id_sql
    alternatives: list[str] = []
    params: list[Any] = []
    if plan.mode == "sparse":
        alternatives.append(f"{ref} IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(plan.refs, ensure_ascii=False))
        if plan.rows:
            alternatives.append(f"{alias(spec)}.rowid IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(plan.rows))
    elif spec.search_kind:
        folded = _escape_like(text.casefold())
        pattern = f"%{folded}%" if len(text) >= MIN_SUBSTRING else f"{folded}%"
        # Covered by search_terms(kind, ref, term): one index probe per row.
        alternatives.append(
            "EXISTS (SELECT 1 FROM search_terms t WHERE t.kind = ? AND t.ref = "
            f"{ref} AND t.term LIKE ? ESCAPE '\\')"
        )
        params.extend([spec.search_kind, pattern])
        for column in spec.related if plan.related else ():
            match, args = in_refs(column, plan.related)
            alternatives.append(match)
            params.extend(args)
    for column in spec.extra_filter_sql:
        alternatives.append(f"{column} LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(text)}%")
    note_kind = _note_kind(spec)
    if note_kind is not None:
        # The user's own notes are searched too; there are few, so the list of
        # noted ids is read once per query.
        alternatives.append(f"{spec.id_sql} IN (SELECT record_id FROM notes WHERE kind = ? "
                            "AND instr(lower(body), ?) > 0)")
        params.extend([note_kind, text.casefold()])
    return Built("(" + " OR ".join(alternatives) + ")", params)


def _note_kind(spec: ListSpec) -> str | None:
    entity = REGISTRY.by_table.get(spec.entity)
    return entity.watch_kind if entity else None


def where(spec: ListSpec, query: ListQuery, plan: TextPlan) -> Built:
    clauses: list[str] = [spec.base_where] if spec.base_where else []
    params: list[Any] = []
    for name, values in query.facets.items():
        if name not in spec.facets:
            raise KeyError(f"unknown facet {name!r} for {spec.entity}")
        if len(values) == 1:
            clauses.append(f"{spec.facets[name]} = ?")
        else:
            clauses.append(f"{spec.facets[name]} IN ({', '.join('?' * len(values))})")
        params.extend(values)
    if query.company_id is not None:
        clauses.append(f"{spec.company_sql} = ?")
        params.append(query.company_id)
    for key, value in query.groups:
        sql, values = groups.restriction(spec, key, value)
        clauses.append(sql)
        params.extend(values)
    if query.watched_only:
        clauses.append(f"{spec.id_sql} IN (SELECT record_id FROM watchlist WHERE kind = ?)")
        params.append(_note_kind(spec) or "")
    text = query.text.strip()
    compiled = compile_text(spec, text, dict(plan.companies)) if text else None
    if compiled is not None and compiled.plain and plan.mode != "none":
        clause = _text_clause(spec, compiled.plain, plan)
        clauses.append(clause.sql)
        params.extend(clause.params)
    for sql, args in compiled.clauses if compiled else ():
        clauses.append(sql)
        params.extend(args)
    return Built((" WHERE " + " AND ".join(clauses)) if clauses else "", params)


def order(spec: ListSpec, query: ListQuery, *, flip: bool = False, scan: bool = False) -> str:
    key = query.sort or spec.default_sort
    column = spec.column(key)
    if column.sort_sql is None:
        column = spec.column(spec.default_sort)
    descending = query.descending != flip
    direction = "DESC" if descending else "ASC"
    # A unique tie-break (the rowid unless the spec names one) so windows never
    # overlap or skip rows.
    # `scan`: a unary + keeps the planner off the sort index, so it reads the
    # table in storage order and sorts the matches; see window_sql.
    plus = "+" if scan else ""
    return (f" ORDER BY {plus}{dated(column.sort_sql, query)} {direction}, "
            f"{plus}{spec.tiebreak} {direction}")


def exact_plan(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
               plan: TextPlan | None = None) -> TextPlan:
    """A plan that finds every match (counts, groups): a dense plan's matches
    collected once from the index."""
    plan = plan or plan_text(conn, spec, query)
    if plan.mode != "dense":
        return plan
    return plan.collected(_every_match(conn, spec, query, plan))


def _every_match(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
                 plan: TextPlan) -> Matches:
    found = sparse_refs(conn, spec, plain_text(query, spec), None, plan.related)
    assert found is not None  # no limit
    return found


def count_sql(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
              plan: TextPlan | None = None, *, by: str | None = None) -> Built:
    """How many rows match; `by` a column, how many per value of it."""
    plan = exact_plan(conn, spec, query, plan)
    clause = where(spec, query, plan)
    if by is None:
        return Built(f"SELECT count(*) FROM {base_table(spec)}{clause.sql}", clause.params)
    return Built(f"SELECT {by}, count(*) FROM {base_table(spec)}{clause.sql} GROUP BY {by}",
                 clause.params)


def fast_count(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery) -> int | None:
    """From the summary tables when the query is the whole table or one facet of it."""
    if (query.text.strip() or query.company_id is not None or len(query.facets) > 1
            or query.watched_only or query.groups):
        return None
    if not query.facets:
        if spec.base_where or not summary.counts_rows(conn, spec.entity):
            return None
        found = summary.totals(conn) if summary.is_built(conn) else None
        return None if found is None else found.get(("rows", spec.entity), (0, 0.0))[0]
    if spec.base_where:
        return None
    (facet, chosen), = query.facets.items()
    values = summary.facet_counts(conn, spec.entity, facet)
    if values is None:
        return None
    counts = dict(values)
    return sum(counts.get(value, 0) for value in set(chosen))


def count(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery) -> int:
    fast = fast_count(conn, spec, query)
    if fast is not None:
        return fast
    built = count_sql(conn, spec, query)
    return int(conn.execute(built.sql, built.params).fetchone()[0])


def window_sql(spec: ListSpec, query: ListQuery, plan: TextPlan, offset: int, limit: int,
               *, flip: bool = False) -> Built:
    clause = where(spec, query, plan)
    a = alias(spec)
    needs_join = spec.column(query.sort or spec.default_sort).sort_joins
    source = spec.from_sql if needs_join else base_table(spec)
    # Text that must also be matched against an unindexed column (funding's
    # investors) is looked for in every row: one pass in storage order (0.1 s
    # on 500,000 rows) beats a walk in sort order, which reads rows at random.
    scan = bool(spec.extra_filter_sql and plain_text(query, spec))
    inner = (f"SELECT {a}.rowid AS rid FROM {source}{clause.sql}"
             f"{order(spec, query, flip=flip, scan=scan)} LIMIT ? OFFSET ?")
    # Each field is selected under its key, so a row is read by key (sqlite3.Row).
    select = ", ".join([f"{spec.id_sql} AS id",
                        *(f'{dated(c.sql, query)} AS "{c.key}"' for c in spec.columns)])
    sql = (f"SELECT {select} FROM ({inner}) AS w CROSS JOIN {spec.from_sql} "
           f"WHERE {a}.rowid = w.rid{order(spec, query, flip=flip)}")
    return Built(sql, [*clause.params, limit, offset])


Counter = Callable[[sqlite3.Connection, "ListSpec", "ListQuery"], int]


def fetch_window(conn: sqlite3.Connection, spec: ListSpec, query: ListQuery,
                 offset: int, limit: int, *, counter: Counter | None = None) -> list[sqlite3.Row]:
    """`counter`: how the list counts its rows, when not as `count` would (whether
    a deep window is nearer the far end)."""
    plan = plan_text(conn, spec, query)
    flip = False
    if offset > REVERSE_FROM and plan.mode != "dense":
        total = counter(conn, spec, query) if counter else fast_count(conn, spec, query)
        if total is None:
            built = count_sql(conn, spec, query, plan)
            total = int(conn.execute(built.sql, built.params).fetchone()[0])
        if offset >= total:
            return []
        if offset + limit / 2 > total / 2:
            flip, limit, offset = True, min(limit, total - offset), max(0, total - offset - limit)
    if plan.mode == "dense" and not spec.extra_filter_sql:
        rows = _within_budget(conn, window_sql(spec, query, plan, offset, limit))
        if rows is not None:
            return rows
        plan = plan.collected(_every_match(conn, spec, query, plan))
    rows = _keyed_rows(conn, window_sql(spec, query, plan, offset, limit, flip=flip))
    return rows[::-1] if flip else rows


def _keyed_rows(conn: sqlite3.Connection, built: Built) -> list[sqlite3.Row]:
    """A window's rows, each read by field key (`row["name"]`, `row["id"]`)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(built.sql, built.params).fetchall()


def _within_budget(conn: sqlite3.Connection, built: Built) -> list[sqlite3.Row] | None:
    """Run the query, or give up (None) once it has taken DENSE_BUDGET_SECONDS."""
    limit = TimeLimit(conn, DENSE_BUDGET_SECONDS)
    try:
        with limit:
            return _keyed_rows(conn, built)
    except sqlite3.OperationalError as exc:
        if not limit.expired or "interrupt" not in str(exc):
            raise
        return None


def without_facet(query: ListQuery, facet: str) -> ListQuery:
    """The query a facet's own counts are taken under: everything but that facet,
    so each value says how many rows choosing it (too) would show."""
    return replace(query, facets={k: v for k, v in query.facets.items() if k != facet})


def facet_counts(conn: sqlite3.Connection, spec: ListSpec, facet: str,
                 query: ListQuery) -> list[tuple[str, int]]:
    if not (query.text.strip() or query.company_id is not None or spec.base_where
            or query.watched_only or query.groups or any(k != facet for k in query.facets)):
        fast = summary.facet_counts(conn, spec.entity, facet)
        if fast is not None:
            return fast
    others = without_facet(query, facet)
    built = count_sql(conn, spec, others, by=spec.facets[facet])
    rows = conn.execute(built.sql, built.params).fetchall()
    pairs = [(str(v), int(n)) for v, n in rows if v is not None]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))
