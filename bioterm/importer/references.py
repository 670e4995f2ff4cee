"""Cells that name another row: a company by id, name, Chinese name or ticker, and so on.

Each referenced table gets an index of the names its rows may be called by,
loaded once from the database and extended with the rows of the files
imported earlier in the same run. Matching ignores case and spaces. A name
that two rows share is refused as ambiguous rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from bioterm.entities import REGISTRY
from bioterm.importer.convert import CellError
from bioterm.text import fold
from bioterm.text import slug as text_slug

NOUNS = {e.table: e.kind for e in REGISTRY.referenced()}
TIERS: dict[str, tuple[tuple[str, bool], ...]] = {
    e.table: e.reference.columns for e in REGISTRY.referenced() if e.reference is not None
}
"""Table -> the columns a reference may use besides the id, tried in this order,
each with whether it holds a '; '-separated list. The store reads the same columns."""
HOW = {e.table: e.reference.how for e in REGISTRY.referenced() if e.reference is not None}


class _Store(Protocol):
    def reference_rows(self, table: str) -> list[tuple[Any, ...]]: ...


def _variants(value: str, is_list: bool) -> Iterable[str]:
    parts = value.split(";") if is_list else [value]
    for part in parts:
        folded = fold(part)
        if folded:
            yield folded
            if is_list and ":" in folded:  # a ticker "HKEX:09926" also answers to "09926"
                yield folded.split(":", 1)[1]


class NameIndex:
    """The names of one table's rows -> their ids."""

    def __init__(self, table: str, rows: Iterable[Sequence[Any]] = ()) -> None:
        self.table = table
        self.noun = NOUNS[table]
        self.ids: set[str] = set()
        self.folded_ids: dict[str, Any] = {}
        self.tiers: list[dict[str, Any]] = [{} for _ in TIERS[table]]
        """folded name -> id, or the set of ids when several rows share the name"""
        for row in rows:
            self.add(row[0], row[1:])

    def add(self, row_id: str, names: Sequence[Any]) -> None:
        self.ids.add(row_id)
        _put(self.folded_ids, fold(row_id), row_id)
        for tier, value, (_, is_list) in zip(self.tiers, names, TIERS[self.table], strict=True):
            if value:
                for variant in _variants(str(value), is_list):
                    _put(tier, variant, row_id)

    def add_record(self, values: dict[str, Any]) -> None:
        """Add a row being imported, given as {column: value}."""
        self.add(values["id"], [values.get(column) for column, _ in TIERS[self.table]])

    def by_name(self, name: str) -> str | None:
        """The id of the one row with this name (first tier only), if there is one."""
        found = self.tiers[0].get(fold(name))
        return found if isinstance(found, str) else None

    def resolve(self, text: str) -> str:
        if text in self.ids:
            return text
        key = fold(text)
        for tier in (self.folded_ids, *self.tiers):
            found = tier.get(key)
            if found is None:
                continue
            if isinstance(found, set):
                candidates = sorted(found)
                raise CellError(
                    f"'{text}' names more than one {self.noun} ({', '.join(candidates[:5])}); "
                    "use the id"
                )
            return str(found)
        raise CellError(
            f"unknown {self.noun} '{text}': give {HOW[self.table]} of a {self.noun} in the "
            f"database or imported with this file"
        )


def _put(tier: dict[str, Any], key: str, row_id: str) -> None:
    """Map `key` to `row_id`; a key that several rows share maps to the set of them."""
    found = tier.get(key)
    if found is None or found == row_id:
        tier[key] = row_id
    elif isinstance(found, set):
        found.add(row_id)
    else:
        tier[key] = {found, row_id}


class Resolver:
    """Name indexes for every table that references point to, loaded on first use."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._indexes: dict[str, NameIndex] = {}

    def index(self, table: str) -> NameIndex:
        if table not in self._indexes:
            self._indexes[table] = NameIndex(table, self._store.reference_rows(table))
        return self._indexes[table]

    def converter(self, table: str) -> Callable[[str], str]:
        return self.index(table).resolve


def slug(name: str) -> str:
    """The id made from a name (`bioterm.text.slug`); a name with nothing left is an error."""
    made = text_slug(name)
    if not made:
        raise CellError(f"no id can be made from the name '{name}'; give an id")
    return made
