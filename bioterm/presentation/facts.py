"""What the detail pane and the detail views say about each kind of record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from bioterm import timeline
from bioterm.as_of import as_of_label, confirmed_as_of
from bioterm.currency import format_usd
from bioterm.enums import (
    CapacityKind,
    CapacityStatus,
    CompanyKind,
    EventStatus,
    FundingKind,
    MilestoneKind,
    Modality,
    Phase,
    Qualifier,
    SiteKind,
    SiteStatus,
)
from bioterm.parsing.dates import year_of
from bioterm.presentation.cells import amount_with_usd, area, capacity_lines, capacity_view, litres
from bioterm.presentation.fact_sheet import FactSheet, source_numbers
from bioterm.presentation.text_grid import TextGrid
from bioterm.store.records import CompanyDetail, DrugDetail, FundingDetail, SiteDetail
from bioterm.stored import CapacityPoint
from bioterm.text import join_list, literal, split_list, vocab_label


def kinds_of(capacity: Iterable[CapacityPoint]) -> list[str]:
    """The kinds of capacity among the points, biologics first (the vocabulary's order)."""
    found = {p.kind for p in capacity}
    return [k.value for k in CapacityKind if k.value in found]


def main_kind(capacity: Iterable[CapacityPoint]) -> str:
    """The kind a detail's chart shows: biologics when there is any."""
    kinds = kinds_of(capacity)
    return kinds[0] if kinds else CapacityKind.BIOLOGICS_BIOREACTOR.value


def points_of(capacity: Iterable[CapacityPoint], kind: str | None = None) -> list[timeline.Point]:
    """Timeline points of one kind (the main kind unless given): kinds are never summed."""
    points = list(capacity)
    wanted = kind or main_kind(points)
    return [
        timeline.Point(p.date, p.litres, p.status, p.site_id, p.company_id)
        for p in points if p.kind == wanted
    ]


def _capacity_rows(sheet: FactSheet, capacity: Sequence[CapacityPoint], today: date,
                   build: Callable[[Iterable[timeline.Point]], timeline.Timeline],
                   width: int, always: bool) -> None:
    """One labelled row of sparklines per kind of capacity."""
    kinds = kinds_of(capacity)
    if not kinds and always:
        sheet.row("Capacity", capacity_lines(None, width=width))
    for kind in kinds:
        view = capacity_view(build(points_of(capacity, kind)), today)
        lines = Text(vocab_label(CapacityKind, kind) + "\n", style="bold", end="")
        lines.append_text(capacity_lines(view, width=width))
        sheet.row("Capacity", lines)


def _place(*parts: str | None) -> str:
    return ", ".join(literal(p) for p in parts if p)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _tally(values: Iterable[str], vocabulary: type[Phase] | type[SiteStatus]) -> str:
    counts = Counter(values)
    order = {m.value: i for i, m in enumerate(vocabulary)}
    ranked = sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order)))
    return ", ".join(f"{n} {vocab_label(vocabulary, v)}" for v, n in ranked)


def company_facts(detail: CompanyDetail, today: date, *, full: bool = True) -> RenderableType:
    company = detail.company
    sheet = FactSheet(company.name, company.name_zh)
    badges = [vocab_label(CompanyKind, company.kind), join_list(company.tickers)]
    sheet.line(Text(" · ".join(literal(b) for b in badges if b), style="italic"))
    sheet.row("Founded", company.founded)
    sheet.row("HQ", _place(company.hq_city, company.hq_region, company.hq_country))
    sheet.rows("People", split_list(company.key_people))
    _capacity_rows(sheet, detail.capacity, today, timeline.company_timeline,
                   12 if not full else 20, always=False)
    if detail.drugs:
        summary = _tally((d.phase for d in detail.drugs), Phase)
        sheet.row("Pipeline", f"{_plural(len(detail.drugs), 'drug')}: {summary}")
    if detail.sites:
        statuses = _tally((s.status for s in detail.sites), SiteStatus)
        sheet.row("Sites", f"{_plural(len(detail.sites), 'site')}: {statuses}")
    if detail.funding:
        total = sum(f.amount_usd or 0 for f in detail.funding)
        usd = format_usd(total) if total else "no USD figure"
        sheet.row("Funding", f"{_plural(len(detail.funding), 'round')}, {usd}")
    if detail.partnerships:
        sheet.row("Partners", str(len({p.other_id for p in detail.partnerships})))
    sheet.row("About", company.description, multiline=True)
    if full:
        sheet.sources(detail.sources)
    return sheet.renderable()


def drug_facts(detail: DrugDetail, *, full: bool = True) -> RenderableType:
    drug = detail.drug
    sheet = FactSheet(drug.name)
    as_of = confirmed_as_of([*(m.date for m in detail.milestones if m.status == "occurred"),
                             *(src.date for src in detail.sources)])
    badges = [f"{vocab_label(Phase, drug.phase)} · {as_of_label(as_of)}",
              vocab_label(Modality, drug.modality)]
    if drug.first_in_class:
        badges.append("first-in-class")
    sheet.line(Text(" · ".join(badges), style="italic"))
    sheet.row("Code names", join_list(drug.code_names))
    sheet.row("Company", detail.company.name if detail.company else drug.company_id)
    sheet.row("Targets", join_list(drug.targets))
    sheet.rows("Indications", split_list(drug.indications))
    sheet.row("Regions", join_list(drug.regions))
    sheet.row("About", drug.description, multiline=True)
    if detail.milestones:
        table = TextGrid(expand=True, right_overflow="fold")
        for m in detail.milestones:
            what = Text(vocab_label(MilestoneKind, m.kind))
            extras = [literal(x) for x in (m.region, m.indication) if x]
            if extras:
                what.append(" — " + ", ".join(extras), style="dim")
            if m.status == EventStatus.EXPECTED.value:
                what.append(" (expected)", style="yellow")
            if full and m.note:
                what.append("\n" + literal(m.note, multiline=True), style="dim")
            table.add_row(Text(literal(m.date)), what)
        sheet.block(table, "Milestones")
    if full:
        sheet.sources(detail.sources)
    return sheet.renderable()


def site_facts(detail: SiteDetail, today: date, *, full: bool = True) -> RenderableType:
    site = detail.site
    sheet = FactSheet(site.name)
    as_of = confirmed_as_of([site.since, *(p.date for p in detail.capacity),
                             *(src.date for src in detail.sources)])
    badges = [vocab_label(SiteKind, site.kind),
              f"{vocab_label(SiteStatus, site.status)} · {as_of_label(as_of)}"]
    sheet.line(Text(" · ".join(badges), style="italic"))
    sheet.row("Company", detail.company.name if detail.company else site.company_id)
    sheet.row("Location", _place(site.district, site.city, site.region, site.country))
    sheet.row("Area", area(site.area_m2, site.area_qualifier))
    sheet.row("Partner", detail.partner.name if detail.partner else site.partner_id)
    sheet.row("Technology", site.technology)
    if site.investment_amount is not None:
        sheet.row("Investment", amount_with_usd(site.investment_amount, site.investment_currency,
                                                site.investment_qualifier, detail.investment_usd))
    sheet.row("Since", site.since)
    _capacity_rows(sheet, detail.capacity, today, timeline.site_timeline,
                   12 if not full else 20, always=True)
    sheet.row("About", site.description, multiline=True)
    if full:
        if detail.capacity:
            sheet.block(capacity_points_table(detail.capacity, source_numbers(detail.sources)),
                        "Capacity points")
        sheet.sources(detail.sources)
    return sheet.renderable()


def capacity_points_table(
    points: Sequence[CapacityPoint], numbers: Mapping[str, int]
) -> Table:
    """The points a timeline is drawn from, each with the source it came from."""
    table = Table(box=None, padding=(0, 1), expand=True, show_edge=False)
    table.add_column(Text("Date"), no_wrap=True)
    table.add_column(Text("Status"), no_wrap=True)
    table.add_column(Text("Kind"), no_wrap=True)
    table.add_column(Text("Litres"), justify="right", no_wrap=True)
    table.add_column(Text("Note"), ratio=1, overflow="fold")
    table.add_column(Text("Src"), no_wrap=True, style="dim")
    for p in sorted(points, key=lambda p: (p.date, p.status)):
        prefix = Qualifier(p.qualifier).prefix if p.qualifier in Qualifier.choices() else ""
        table.add_row(
            Text(literal(p.date)),
            Text(vocab_label(CapacityStatus, p.status)),
            Text(vocab_label(CapacityKind, p.kind)),
            Text(prefix + litres(p.litres)),
            Text(literal(p.note, multiline=True)),
            Text(f"[{numbers[p.source_id]}]" if p.source_id in numbers else ""),
        )
    return table


def funding_title(detail: FundingDetail) -> str:
    """"Placement — Akeso, Inc.": a round has no name of its own."""
    funding = detail.row.funding
    return (f"{vocab_label(FundingKind, funding.kind)} — "
            f"{detail.row.company_name or funding.company_id}")


def funding_facts(detail: FundingDetail, *, full: bool = True) -> RenderableType:
    row = detail.row
    funding = row.funding
    title = vocab_label(FundingKind, funding.kind)
    sheet = FactSheet(funding_title(detail))
    sheet.line(Text(f"{literal(funding.date)} · {title}", style="italic"))
    sheet.row("Amount", amount_with_usd(funding.amount, funding.currency, funding.qualifier,
                                        row.amount_usd))
    if row.amount_usd is not None and funding.currency not in (None, "USD"):
        used = detail.rate_year
        year = year_of(funding.date)
        basis = (f"at the {used} average rate" if used in (None, year) else
                 f"at the {used} average rate (nearest year with a rate)")
        sheet.row("In USD", f"{format_usd(row.amount_usd)} {basis}")
    sheet.row("Recipient", row.company_name or funding.company_id)
    sheet.rows("Investors", split_list(funding.investors))
    sheet.row("Purpose", funding.purpose, multiline=True)
    sheet.row("Note", funding.note, multiline=True)
    if full and detail.source is not None:
        sheet.sources([detail.source])
    return sheet.renderable()
