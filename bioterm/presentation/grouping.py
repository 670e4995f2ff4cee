"""Cells of the frequency table and the landscape matrix (all literal text)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from bioterm.currency import format_usd
from bioterm.entities import Entity
from bioterm.enums import Phase
from bioterm.presentation.cells import cell, litres
from bioterm.store.grouping import GroupRow, GroupSumColumn, LandscapeCell
from bioterm.text import vocab_label

NONE_LABEL = "(none)"


def group_label(entity: Entity, key: str, row: GroupRow) -> str:
    """How a group is named: a company by its name, a vocabulary value by its label."""
    if row.label:
        return row.label
    if not row.value:
        return NONE_LABEL
    for column in entity.columns:
        if column.key == key and column.vocabulary is not None:
            return vocab_label(column.vocabulary, row.value)
    return row.value


def sum_cell(column: GroupSumColumn, value: float | None) -> Text:
    shown = litres(value) if column.format == "litres" else format_usd(value)
    return cell(shown, justify="right")


def group_cells(entity: Entity, key: str, row: GroupRow,
                sums: Sequence[GroupSumColumn]) -> list[Text]:
    return [cell(group_label(entity, key, row)), cell(f"{row.count:,}", justify="right"),
            *(sum_cell(c, v) for c, v in zip(sums, row.sums, strict=True))]


def sum_heading(column: GroupSumColumn) -> Text:
    """A litres column is headed by its capacity kind's label."""
    from bioterm.enums import CapacityKind

    label = (vocab_label(CapacityKind, column.label) + " L" if column.format == "litres"
             else column.label)
    return Text(label, justify="right")


def phase_heading(phase: str) -> str:
    return vocab_label(Phase, phase)


def landscape_cell(cell_: LandscapeCell | None, names: bool) -> Text:
    """A count, or the drugs' names; empty where the company has no programme."""
    if cell_ is None:
        return Text("·", style="dim", justify="center")
    if names:
        return cell("; ".join(cell_.drugs))
    return cell(str(cell_.count), justify="center", style="bold")
