"""Which columns a list can be grouped by, and the restriction a group puts on the list.

Declared once per list spec (keyed like `listing.SPECS`), read by the grouping
queries (`store/grouping.py`) and by `windowing.where`, which restricts a list
to one group. The keys are the registry's column keys where the list shows
the column, so presentation labels a value by that column's vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bioterm.store.listing import ListSpec


@dataclass(frozen=True)
class GroupColumn:
    key: str
    label: str
    sql: str
    """The value a row is grouped by (on the listed table alone: no join)."""
    split: bool = False
    """The column holds a '; '-separated list: each item is a group of its own,
    matched exactly and case-insensitively."""
    names_company: bool = False
    """The value is a company id: a group is shown by the company's name."""


@dataclass(frozen=True)
class GroupSum:
    key: str
    label: str
    sql: str
    """A row's value (on the listed table alone), summed over the group's rows."""
    format: str = "usd"
    """"usd" (a sum of USD) or "litres"."""


@dataclass(frozen=True)
class Grouping:
    columns: tuple[GroupColumn, ...]
    sums: tuple[GroupSum, ...] = ()
    capacity_of: str | None = None
    """The column naming a company whose operational litres are summed, one kind per
    column (litres of different kinds are never added together)."""
    site_capacity_of: str | None = None
    """The column naming a site whose operational litres are summed, likewise."""

    def column(self, key: str) -> GroupColumn:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


def _year(sql: str) -> str:
    return f"substr({sql}, 1, 4)"


GROUPINGS: dict[str, Grouping] = {
    "companies": Grouping(
        (GroupColumn("kind", "Kind", "c.kind"),
         GroupColumn("country", "Country", "c.hq_country"),
         GroupColumn("city", "City", "c.hq_city"),
         GroupColumn("founded", "Year founded", _year("c.founded"))),
        capacity_of="c.id"),
    "drugs": Grouping(
        (GroupColumn("company", "Company", "d.company_id", names_company=True),
         GroupColumn("phase", "Phase", "d.phase"),
         GroupColumn("modality", "Modality", "d.modality"),
         GroupColumn("targets", "Target", "d.targets", split=True),
         GroupColumn("indications", "Indication", "d.indications", split=True))),
    "sites": Grouping(
        (GroupColumn("company", "Company", "s.company_id", names_company=True),
         GroupColumn("status", "Status", "s.status"),
         GroupColumn("kind", "Kind", "s.kind"),
         GroupColumn("country", "Country", "s.country"),
         GroupColumn("city", "City", "s.city")),
        site_capacity_of="s.id"),
    "funding": Grouping(
        (GroupColumn("company", "Recipient", "f.company_id", names_company=True),
         GroupColumn("kind", "Kind", "f.kind"),
         GroupColumn("year", "Year", _year("f.date")),
         GroupColumn("currency", "Currency", "f.currency"),
         GroupColumn("investors", "Investor", "f.investors", split=True)),
        sums=(GroupSum("usd", "USD", "f.amount_usd"),)),
    "deals": Grouping(
        (GroupColumn("licensor", "Licensor", "d.licensor_id", names_company=True),
         GroupColumn("licensee", "Licensee", "d.licensee_id", names_company=True),
         GroupColumn("kind", "Kind", "d.kind"),
         GroupColumn("direction", "Direction", "d.direction"),
         GroupColumn("year", "Year", _year("d.date")),
         GroupColumn("status", "Status", "d.status"),
         GroupColumn("territory", "Territory", "d.territory")),
        sums=(GroupSum("upfront_usd", "Upfront USD", "d.upfront_usd"),
              GroupSum("total_usd", "Total USD", "d.total_usd"))),
    "investors": Grouping(
        (GroupColumn("kind", "Kind", "c.kind"),
         GroupColumn("country", "Country", "c.hq_country"))),
}


def item_list_sql(sql: str) -> str:
    """A '; '-separated list as ';a;b;' in lower case, so one item is found exactly."""
    return f"(';' || lower(replace(ifnull({sql}, ''), '; ', ';')) || ';')"


def list_key_of(spec: ListSpec) -> str | None:
    """The key of `spec` in the store's list specs (None: a spec declared elsewhere)."""
    from bioterm.store.listing import SPECS  # listing imports windowing, which imports us

    return next((key for key, known in SPECS.items() if known is spec), None)


def restriction(spec: ListSpec, key: str, value: str) -> tuple[str, list[Any]]:
    """The condition that keeps one group's rows, with its parameters."""
    list_key = list_key_of(spec)
    if list_key is None or list_key not in GROUPINGS:
        raise KeyError(f"{spec.entity} cannot be grouped")
    column = GROUPINGS[list_key].column(key)
    if column.split:
        return f"instr({item_list_sql(column.sql)}, ';' || lower(?) || ';') > 0", [value]
    if value == "":
        return f"ifnull({column.sql}, '') = ''", []
    return f"{column.sql} = ?", [value]
