"""What the Deals and Investors screens say: a deal's terms, an investor's portfolio."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from bioterm.currency import format_amount, format_usd
from bioterm.enums import CompanyKind, DealDirection, DealKind, DealStatus, FundingKind, Qualifier
from bioterm.presentation.cells import amount_with_usd
from bioterm.presentation.fact_sheet import FactSheet
from bioterm.presentation.links import Entry, Heading, Link, Note
from bioterm.presentation.text_grid import TextGrid
from bioterm.store.records import DealDetail, DealRow, InvestorDetail
from bioterm.text import join_list, literal, vocab_label


def _amount(value: float | None, currency: str | None, qualifier: str) -> str:
    """'up to USD 4.5B', or nothing when the figure was not disclosed."""
    if value is None:
        return ""
    prefix = Qualifier(qualifier).label.lower() + " " if qualifier not in ("exact", "") else ""
    return prefix + format_amount(value, currency, "exact")


def deal_title(detail: DealDetail) -> str:
    deal = detail.deal
    licensor = detail.licensor.name if detail.licensor else deal.licensor_id
    licensee = detail.licensee.name if detail.licensee else deal.licensee_id
    return f"{licensor} → {licensee}"


def deal_facts(detail: DealDetail, *, full: bool = True) -> RenderableType:
    deal = detail.deal
    sheet = FactSheet(deal_title(detail))
    badges = [vocab_label(DealKind, deal.kind), vocab_label(DealDirection, deal.direction),
              literal(deal.date or "date not given")]
    sheet.line(Text(" · ".join(b for b in badges if b), style="italic"))
    role = ("Target", "Buyer") if deal.kind in ("acquisition", "asset_purchase") else (
        "Licensor", "Licensee")
    sheet.row(role[0], detail.licensor.name if detail.licensor else deal.licensor_id)
    sheet.row(role[1], detail.licensee.name if detail.licensee else deal.licensee_id)
    sheet.row("Drugs", join_list(deal.programmes))
    sheet.row("Territory", deal.territory)
    sheet.row("Upfront", amount_with_usd(deal.upfront, deal.currency, deal.upfront_qualifier,
                                         detail.upfront_usd) if deal.upfront is not None
              else "not disclosed")
    sheet.row("Milestones", _amount(deal.milestones, deal.currency, deal.milestones_qualifier))
    total = amount_with_usd(deal.total, deal.currency, deal.total_qualifier, detail.total_usd) \
        if deal.total is not None else ""
    sheet.row("Total", total)
    sheet.row("Equity", _amount(deal.equity, deal.currency, deal.equity_qualifier))
    sheet.row("Royalty", deal.royalty)
    if deal.status:
        when = f" ({literal(deal.status_date)})" if deal.status_date else ""
        sheet.row("Status", vocab_label(DealStatus, deal.status) + when)
    sheet.row("Note", deal.note, multiline=True)
    if full:
        sheet.sources(detail.sources)
    return sheet.renderable()


def deal_label(row: DealRow, viewer: str = "") -> Text:
    """One line per deal: the parties, kind, date and its figures in USD."""
    parties = f"{row.licensor_name} → {row.licensee_name}"
    text = Text(literal(parties), no_wrap=True, overflow="ellipsis", end="")
    figures = [vocab_label(DealKind, row.kind), literal(row.date or "")]
    if row.upfront_usd is not None:
        figures.append(f"upfront {format_usd(row.upfront_usd)}")
    if row.total_usd is not None:
        figures.append(f"total {format_usd(row.total_usd)}")
    text.append(" · " + " · ".join(f for f in figures if f), style="dim")
    return text


def deal_links(rows: Sequence[DealRow]) -> list[Entry]:
    entries: list[Entry] = [Heading("Deals", len(rows))]
    entries.extend(Link("deal", r.id, deal_label(r)) for r in rows)
    if not rows:
        entries.append(Note(Text("No deals recorded.", style="dim")))
    return entries


PANE_ROUNDS = 20
"""Rounds the cursor's detail pane lists (the newest)."""
FULL_ROUNDS = 200
"""Rounds the detail view's fact sheet lists; its portfolio links list every one."""


def investor_facts(detail: InvestorDetail, *, full: bool = True) -> RenderableType:
    company = detail.company
    sheet = FactSheet(company.name, company.name_zh)
    sheet.line(Text(vocab_label(CompanyKind, company.kind), style="italic"))
    rounds = detail.rounds
    if detail.totals is not None:  # only the newest rounds were read
        t = detail.totals
        joined, led, size, dates = t.rounds, t.led, t.size_usd or 0, [t.first, t.last]
    else:
        joined, led = len(rounds), sum(1 for r in rounds if r.lead)
        size = sum(r.amount_usd or 0 for r in rounds)
        dates = sorted(r.date for r in rounds)
    sheet.row("Rounds", f"{joined:,} joined, {led:,} led")
    sheet.row("Round size", format_usd(size) if size else "no USD figure")
    if dates and joined:
        sheet.row("Active", dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}")
    sheet.row("Location", ", ".join(literal(p) for p in (company.hq_city, company.hq_country)
                                    if p))
    sheet.row("About", company.description, multiline=True)
    table = TextGrid()
    # Newest first, and only so many: a large fund's thousands of rounds would
    # take seconds to lay out on every cursor move (the full list is the links').
    shown = rounds[: FULL_ROUNDS if full else PANE_ROUNDS]
    for r in shown:
        what = Text(literal(r.company_name))
        what.append(f" · {vocab_label(FundingKind, r.kind)}", style="dim")
        if r.lead:
            what.append(" · led", style="bold")
        if r.amount is not None:
            what.append(" · " + amount_with_usd(r.amount, r.currency, r.qualifier, r.amount_usd),
                        style="dim")
        table.add_row(Text(literal(r.date)), what)
    if joined > len(shown):
        more = joined - len(shown)
        where = "in the portfolio below" if full else "open the investor for all of them"
        table.add_row(Text(""), Text(f"… {more:,} earlier rounds; {where}", style="dim"))
    if rounds:
        sheet.block(table, "Portfolio")
    if full:
        sheet.sources(detail.sources)
    return sheet.renderable()


def portfolio_links(detail: InvestorDetail) -> list[Entry]:
    entries: list[Entry] = [Heading("Portfolio", len(detail.rounds))]
    for r in detail.rounds:
        label = Text(literal(r.company_name), no_wrap=True, overflow="ellipsis", end="")
        extras = [literal(r.date), vocab_label(FundingKind, r.kind), "led" if r.lead else ""]
        label.append(" · " + " · ".join(e for e in extras if e), style="dim")
        if r.funding_id is not None:
            entries.append(Link("funding", str(r.funding_id), label))
        else:
            entries.append(Link("company", r.company_id, label))
    if not detail.rounds:
        entries.append(Note(Text("No rounds recorded.", style="dim")))
    return entries
