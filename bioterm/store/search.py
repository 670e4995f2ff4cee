"""Finding companies, drugs and sites by English name, Chinese name, pinyin or ticker.

Two structures serve two kinds of query: `search_terms` (a b-tree of folded
terms) answers prefix queries of any length, including one or two characters
and pinyin initials; `search_index` (FTS5 trigram) answers substring queries
of three characters or more. Both are maintained here, on every write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any

from bioterm.entities import REGISTRY, Entity
from bioterm.store.listing import SPECS
from bioterm.store.version_marks import mark_version, version_of
from bioterm.store.windowing import MIN_SUBSTRING, fts_phrase
from bioterm.text import pinyin_forms, split_list

KIND_COLUMNS: dict[str, tuple[str | None, ...]] = {
    e.kind: ("id", e.search.name, e.search.name_zh, *e.search.extra)
    for e in REGISTRY.searched() if e.search is not None
}
"""What is indexed of each kind: (ref, name, Chinese name, more searchable columns)."""


def _kind_sql(entity: Entity) -> tuple[str, str]:
    """What a row of `entity` is indexed by, and the expression naming its id.

    Most kinds are indexed by their table's own columns; a kind declared
    `from_list` (a deal, named by its parties) by the list spec's joined fields.
    """
    columns = KIND_COLUMNS[entity.kind]
    if entity.search is not None and entity.search.from_list:
        spec = SPECS[entity.list_key]
        fields = [spec.id_sql, *(spec.column(c).sql if c else "NULL" for c in columns[1:])]
        return f"SELECT {', '.join(fields)} FROM {spec.from_sql}", spec.id_sql
    return (f"SELECT {', '.join(c or 'NULL' for c in columns)} FROM {entity.table}", "id")


KIND_SQL = {e.kind: _kind_sql(e) for e in REGISTRY.searched()}
KIND_ORDER = {e.kind: n for n, e in enumerate(REGISTRY.searched())}
FROM_LIST = frozenset(e.kind for e in REGISTRY.searched() if e.search and e.search.from_list)


def _display_sql(entity: Entity) -> str:
    """Name, secondary and detail of the rows whose ids are in a JSON array."""
    assert entity.search is not None
    spec = SPECS[entity.list_key]
    fields = [spec.column(key).sql for key in
              (entity.search.name, entity.search.secondary, entity.search.detail)]
    return (f"SELECT {spec.id_sql}, {', '.join(fields)} FROM {spec.from_sql} "
            f"WHERE {spec.id_sql} IN (SELECT value FROM json_each(?))")


DISPLAY_SQL = {e.kind: _display_sql(e) for e in REGISTRY.searched()}


PREFIX_CANDIDATES = 500


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref: str
    name: str
    secondary: str | None
    detail: str | None


Entry = tuple[str | None, ...]
"""(ref, name, Chinese name, *extras), as KIND_SQL selects them."""


Pinyin = Callable[[str], tuple[str, str]]
"""Chinese text -> (full pinyin, initials)."""

INDEX_VERSION = "2"
"""What the entries hold; a database whose `search_index_version` differs is
reindexed once when opened for writing (2: a drug's modality label and indications)."""
VERSION_KEY = "search_index_version"


def _labels(entity: Entity) -> dict[int, dict[str, str]]:
    """Extra position -> stored vocabulary value -> the label a row shows."""
    assert entity.search is not None
    extras = entity.search.extra
    return {extras.index(column): {m.value: m.label for m in vocabulary}
            for column, vocabulary in entity.search.labelled}


LABELS = {e.kind: _labels(e) for e in REGISTRY.searched()}


def entries(
    kind: str, rows: Iterable[Sequence[Any]], *, with_zh: bool = True,
    pinyin: Pinyin = pinyin_forms,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str, str, str]]]:
    """The search_terms and search_index rows of records of `kind`.

    `rows` are Entry tuples, or without the Chinese name when not `with_zh`.
    The terms of a row are its name, each later word run of a multi-word
    name ("Bio" finds "Akeso Bio"), its Chinese name with its pinyin and
    initials, and each part of the extra columns (a vocabulary value by
    its label), case-folded. They are built in one loop with no call per
    row where a field is empty: at 200,000 rows, every microsecond per row
    is a fifth of a second. `pinyin` lets a caller that already knows the
    pinyin skip pypinyin.
    """
    term_rows: list[tuple[str, str, str]] = []
    index_rows: list[tuple[str, str, str, str, str, str]] = []
    add_terms, add_index = term_rows.extend, index_rows.append
    labels = list(LABELS.get(kind, {}).items())
    name_zh = None
    skip = 3 if with_zh else 2
    for row in rows:
        ref, name = row[0], row[1]
        if with_zh:
            name_zh = row[2]
        extras = list(row[skip:])
        for at, label in labels:
            value = extras[at]
            if value:
                extras[at] = label.get(value, value)
        terms = {name}
        pinyin_text = ""
        if name_zh:
            full, initials = pinyin(name_zh)
            terms.update((name_zh, full, initials))
            pinyin_text = f"{full} {initials}".strip()
        for extra in extras:
            if extra:
                terms.update(split_list(extra))
        words = name.split()
        if len(words) > 1:
            terms.update([" ".join(words[i:]) for i in range(1, len(words))])
        add_terms([(t, kind, ref) for t in {t.casefold() for t in terms if t.strip()}])
        add_index((kind, ref, name, name_zh or "", pinyin_text,
                   " ".join(e for e in extras if e)))
    return term_rows, index_rows


def add_entries(
    conn: sqlite3.Connection,
    term_rows: Sequence[tuple[str, str, str]],
    index_rows: Sequence[tuple[str, str, str, str, str, str]],
) -> None:
    conn.executemany("INSERT INTO search_terms (term, kind, ref) VALUES (?, ?, ?)", term_rows)
    conn.executemany(
        "INSERT INTO search_index (kind, ref, name, name_zh, pinyin, extra) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        index_rows,
    )


def _insert(
    conn: sqlite3.Connection, kind: str, rows: Iterable[Sequence[Any]], *, with_zh: bool = True
) -> None:
    """Add the search entries of rows that have none yet."""
    add_entries(conn, *entries(kind, rows, with_zh=with_zh))


def index_new(
    conn: sqlite3.Connection,
    kind: str,
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ordered: bool = False,
) -> None:
    """Index rows just inserted, given as whole rows with columns `names`.

    Reading the rows back from the table would cost a query and a row object
    each; their values are already at hand. They are indexed in ref order,
    as `reindex` reads them, so the FTS rowids (the order of substring hits)
    are what they were; `ordered` says the rows already are.
    """
    if kind in FROM_LIST:
        # Indexed by joined names the inserted rows do not hold: read them back.
        reindex(conn, kind, [row[names.index("id")] for row in rows], new=True)
        return
    columns = [names.index(c) for c in KIND_COLUMNS[kind] if c is not None]
    entries = list(map(itemgetter(*columns), rows))
    if not ordered:
        entries.sort(key=itemgetter(0))
    if set(map(type, chain.from_iterable(entries))) - {str, type(None)}:
        # Text SQLite would store differently from Python's str() of it
        # (a number in a text column): index what was stored instead.
        reindex(conn, kind, [e[0] for e in entries], new=True)
        return
    _insert(conn, kind, entries, with_zh=len(columns) == len(KIND_COLUMNS[kind]))


def reindex(
    conn: sqlite3.Connection, kind: str, refs: Iterable[str] | None = None, *, new: bool = False
) -> None:
    """Rebuild the search entries of `refs` (or of every row of `kind`).

    `new`: the refs were just inserted and have no entries yet to delete.
    """
    sql, id_sql = KIND_SQL[kind]
    if refs is None:
        conn.execute("DELETE FROM search_terms WHERE kind = ?", (kind,))
        conn.execute("DELETE FROM search_index WHERE kind = ?", (kind,))
        rows: Iterable[Entry] = conn.execute(sql).fetchall()
    else:
        # One statement per table for all refs: the FTS table has no index on
        # ref, so a statement per ref would scan it once per ref.
        wanted = json.dumps(sorted(set(refs)), ensure_ascii=False)
        in_wanted = "IN (SELECT value FROM json_each(?))"
        if not new:
            for table in ("search_terms", "search_index"):
                conn.execute(
                    f"DELETE FROM {table} WHERE kind = ? AND ref {in_wanted}", (kind, wanted)
                )
        rows = conn.execute(f"{sql} WHERE {id_sql} {in_wanted}", (wanted,)).fetchall()
    _insert(conn, kind, rows)


def ensure_current(conn: sqlite3.Connection) -> bool:
    """Reindex every kind once if the entries were built by an older bioterm.

    Called on a connection open for writing, inside no transaction; True
    when it reindexed. The marker lives in user_state, which every schema
    version since 3 has.
    """
    if version_of(conn, VERSION_KEY) == INDEX_VERSION:
        return False
    with conn:
        for kind in KIND_SQL:
            reindex(conn, kind)
        mark_current(conn)
    return True


def mark_current(conn: sqlite3.Connection) -> None:
    mark_version(conn, VERSION_KEY, INDEX_VERSION)


def is_current(conn: sqlite3.Connection) -> bool:
    try:
        return version_of(conn, VERSION_KEY) == INDEX_VERSION
    except sqlite3.OperationalError:
        return True  # no user_state yet: the schema migration comes first


def search(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[SearchHit]:
    """Prefix matches first (they are what a person typing a name means), then substrings."""
    text = text.strip()
    if not text:
        return []
    folded = text.casefold()
    found: dict[tuple[str, str], None] = {}
    # Shortest terms first (what a person typing a name means). Ranking every
    # prefix match would read half a million terms for "a" on a large file, so
    # only the first PREFIX_CANDIDATES in term order (an index range) are
    # ranked; any query that matches fewer is ranked exactly as before.
    candidates = conn.execute(
        "SELECT term, kind, ref FROM search_terms WHERE term >= ? AND term < ? "
        "ORDER BY term LIMIT ?",
        (folded, folded + "\U0010ffff", PREFIX_CANDIDATES),
    ).fetchall()
    best: dict[tuple[str, str], tuple[int, str, int]] = {}
    for term, kind, ref in candidates:
        # The same term for two kinds (a drug and the deal that covers it): the
        # registry's order decides, so the drug comes first.
        rank = (len(term), term, KIND_ORDER.get(kind, len(KIND_ORDER)))
        if rank < best.get((kind, ref), (1 << 30, "", 0)):
            best[(kind, ref)] = rank
    for kind_ref in sorted(best, key=best.__getitem__)[:limit]:
        found[kind_ref] = None
    if len(found) < limit and len(text) >= MIN_SUBSTRING:
        for kind, ref in conn.execute(
            "SELECT kind, ref FROM search_index WHERE search_index MATCH ? LIMIT ?",
            (fts_phrase(text), limit),
        ):
            found.setdefault((kind, ref), None)
    chosen = list(found)[:limit]
    shown: dict[tuple[str, str], tuple[Any, ...]] = {}
    for kind in dict.fromkeys(kind for kind, _ in chosen):
        refs = json.dumps([ref for k, ref in chosen if k == kind], ensure_ascii=False)
        for ref, *display in conn.execute(DISPLAY_SQL[kind], (refs,)):
            shown[(kind, str(ref))] = tuple(display)
    return [SearchHit(kind, ref, *shown[(kind, ref)]) for kind, ref in chosen
            if (kind, ref) in shown]
