"""Stored rows as records: the one place a SELECT's columns meet a row's fields.

Reads build `bioterm.stored` rows, plain dataclasses: the dashboard never
imports pydantic, which only the write paths need.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from bioterm.stored import Row, columns

if TYPE_CHECKING:
    from bioterm.models import Record

R = TypeVar("R", bound=Row)


def columns_of(model: type[Row] | type[Record]) -> list[str]:
    """A table's columns, from a row declaration or the model built from one."""
    return columns(getattr(model, "row", model))


def _select(model: type[Row] | type[Record], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + name for name in columns_of(model))


def _as_model(model: type[R], names: Sequence[str], row: Sequence[Any]) -> R:
    values = dict(zip(names, row, strict=True))
    if "first_in_class" in values:
        values["first_in_class"] = bool(values["first_in_class"])
    return model(**values)


class ModelReads:
    conn: sqlite3.Connection

    def _models(self, model: type[R], where: str = "", params: Iterable[Any] = ()) -> list[R]:
        names = columns_of(model)
        sql = f"SELECT {_select(model)} FROM {model.table} {where}"
        return [_as_model(model, names, row) for row in self.conn.execute(sql, tuple(params))]

    def _one(self, model: type[R], where: str, params: Iterable[Any]) -> R | None:
        found = self._models(model, where + " LIMIT 1", params)
        return found[0] if found else None
