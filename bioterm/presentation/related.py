"""One-line labels for links to related records (all literal text)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from rich.text import Text

from bioterm import timeline
from bioterm.enums import CompanyKind, FundingKind, Modality, PartnershipKind, Phase, SiteStatus
from bioterm.presentation.cells import amount_with_usd, capacity_cell, capacity_view
from bioterm.presentation.facts import points_of
from bioterm.presentation.links import Entry, Heading, Link, Note
from bioterm.store.records import FundingRow, PartnershipRow
from bioterm.stored import CapacityPoint, Company, Drug, Site
from bioterm.text import literal, split_list, vocab_label


def _label(main: str, *extras: str) -> Text:
    text = Text(literal(main), no_wrap=True, overflow="ellipsis", end="")
    rest = [e for e in extras if e]
    if rest:
        text.append(" · " + " · ".join(rest), style="dim")
    return text


def company_link(company: Company | None, ref: str, role: str = "") -> Link:
    if company is None:
        return Link("company", ref, _label(ref, role))
    zh = literal(company.name_zh) if company.name_zh else ""
    return Link("company", company.id,
                _label(company.name, zh, vocab_label(CompanyKind, company.kind), role))


def drug_links(drugs: Sequence[Drug]) -> list[Entry]:
    entries: list[Entry] = [Heading("Drugs", len(drugs))]
    entries.extend(
        Link("drug", d.id, _label(d.name, vocab_label(Phase, d.phase),
                                  vocab_label(Modality, d.modality)))
        for d in drugs
    )
    if not drugs:
        entries.append(Note(Text("No drugs recorded.", style="dim")))
    return entries


def target_links(targets: str | None) -> list[Entry]:
    """A drug's targets, each opening the landscape of every programme on it."""
    items = split_list(targets)
    entries: list[Entry] = [Heading("Targets", len(items))]
    entries.extend(Link("target", t, _label(t, "landscape")) for t in items)
    if not items:
        entries.append(Note(Text("No targets recorded.", style="dim")))
    return entries


def site_links(sites: Sequence[Site], capacity: Iterable[CapacityPoint], today: date
               ) -> list[Entry]:
    by_site: dict[str | None, list[timeline.Point]] = {}
    for point in points_of(capacity):
        by_site.setdefault(point.site_id, []).append(point)
    entries: list[Entry] = [Heading("Sites", len(sites))]
    for s in sites:
        label = _label(s.name, literal(s.city or ""), vocab_label(SiteStatus, s.status))
        view = capacity_view(timeline.site_timeline(by_site.get(s.id, [])), today)
        if view is not None:
            label.append("  ")
            label.append_text(capacity_cell(view))
        entries.append(Link("site", s.id, label))
    if not sites:
        entries.append(Note(Text("No sites recorded.", style="dim")))
    return entries


def funding_label(row: FundingRow) -> Text:
    f = row.funding
    return _label(f"{f.date} {vocab_label(FundingKind, f.kind)}",
                  amount_with_usd(f.amount, f.currency, f.qualifier, row.amount_usd))


def funding_links(rows: Sequence[FundingRow]) -> list[Entry]:
    entries: list[Entry] = [Heading("Funding", len(rows))]
    entries.extend(Link("funding", str(r.id), funding_label(r)) for r in rows)
    if not rows:
        entries.append(Note(Text("No funding recorded.", style="dim")))
    return entries


def partnership_links(rows: Sequence[PartnershipRow]) -> list[Entry]:
    entries: list[Entry] = [Heading("Partnerships", len(rows))]
    for row in rows:
        p = row.partnership
        since = f"since {literal(p.since)}" if p.since else ""
        entries.append(Link("company", row.other_id, _label(
            row.other_name, vocab_label(PartnershipKind, p.kind), since)))
    if not rows:
        entries.append(Note(Text("No partnerships recorded.", style="dim")))
    return entries


def companies_by_role(pairs: Sequence[tuple[str, str, Company | None]],
                      title: str) -> list[Entry]:
    """A heading and one link per (ref, role, company) — recipient, partner, investors."""
    entries: list[Entry] = [Heading(title)]
    for ref, role, company in pairs:
        entries.append(company_link(company, ref, role))
    return entries

