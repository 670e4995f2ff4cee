"""The overview's headline cards as lines, each naming the list its figure counts.

A figure that counts rows of a list opens that list, restricted to the
group it counts ("15 Filed" → the Pipeline's drugs in phase Filed); a card
too short for every value ends in "+N more", which opens the list's
frequency table of the same column. What a line opens is declared here, so
the overview's figures and the lists they open cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bioterm.currency import format_usd
from bioterm.entities import REGISTRY
from bioterm.enums import CompanyKind, DealDirection, Phase, SiteStatus, Vocabulary
from bioterm.store.groups import GROUPINGS
from bioterm.store.records import DealTotals, Overview
from bioterm.text import vocab_label

KPI_LINES = 4
"""Lines a card has room for below its headline."""


@dataclass(frozen=True)
class KpiTarget:
    kind: str
    """The registry entity whose list opens."""
    group: tuple[str, str, str] | None = None
    """(group column, value, label): the list opens restricted to that group."""
    group_by: str | None = None
    """Open the list's frequency table of this group column instead."""


@dataclass(frozen=True)
class KpiLine:
    label: str
    target: KpiTarget | None = None
    """None: a figure with no list behind it."""
    dim: bool = False


@dataclass(frozen=True)
class KpiCardLines:
    key: str
    title: str
    lines: tuple[KpiLine, ...]
    """The headline first."""


def _grouped(kind: str, column: str, pairs: Sequence[tuple[str, int]],
             vocabulary: type[Vocabulary], before: Sequence[KpiLine] = ()) -> list[KpiLine]:
    """`before`, then '15 Filed' lines — the count first, so a narrow card cuts the
    label, not the number — each opening its group; "+N more" when they do not fit."""
    lines = list(before)
    heading = GROUPINGS[REGISTRY.by_kind[kind].list_key].column(column).label
    for value, count in pairs:
        label = vocab_label(vocabulary, value)
        lines.append(KpiLine(f"{count:,} {label}",
                             KpiTarget(kind, (column, value, f"{heading}: {label}"))))
    if len(lines) <= KPI_LINES:
        return lines
    shown = lines[: KPI_LINES - 1]
    more = KpiLine(f"+{len(lines) - len(shown)} more", KpiTarget(kind, group_by=column),
                   dim=True)
    return [*shown, more]


def _phase_rank(value: str) -> int:
    try:
        return Phase(value).rank
    except ValueError:
        return -2


def overview_cards(o: Overview, deals: DealTotals) -> list[KpiCardLines]:
    counts = o.counts
    phases = sorted(o.drugs_by_phase, key=lambda pc: _phase_rank(pc[0]), reverse=True)
    funding_lines = [
        KpiLine(format_usd(o.funding_usd_total) if o.funding_usd_total else "US$ —",
                KpiTarget("funding")),
        KpiLine(f"{counts.get('funding', 0):,} rounds, grants", KpiTarget("funding")),
        # Partnerships have no list of their own: a company's detail shows them.
        KpiLine(f"{counts.get('partnerships', 0):,} partnerships"),
    ]
    if o.funding_unconverted:
        funding_lines.append(KpiLine(f"{o.funding_unconverted:,} with no USD rate", dim=True))
    return [
        KpiCardLines("orgs", "Organisations", (
            KpiLine(f"{counts.get('companies', 0):,}", KpiTarget("company")),
            *_grouped("company", "kind", o.companies_by_kind, CompanyKind))),
        KpiCardLines("drugs", "Drugs", (
            KpiLine(f"{counts.get('drugs', 0):,}", KpiTarget("drug")),
            *_grouped("drug", "phase", phases, Phase))),
        KpiCardLines("sites", "Sites", (
            KpiLine(f"{counts.get('sites', 0):,}", KpiTarget("site")),
            *_grouped("site", "status", o.sites_by_status, SiteStatus))),
        KpiCardLines("funding", "Funding, USD", tuple(funding_lines)),
        KpiCardLines("deals", "Deals, USD", (
            KpiLine(format_usd(deals.total_usd) if deals.total_usd else "US$ —",
                    KpiTarget("deal")),
            *_grouped("deal", "direction", deals.by_direction, DealDirection, before=(
                KpiLine(f"{deals.count:,} deal{'' if deals.count == 1 else 's'}",
                        KpiTarget("deal")),
                KpiLine(f"upfront {format_usd(deals.upfront_usd) or '—'}",
                        KpiTarget("deal")))))),
    ]
