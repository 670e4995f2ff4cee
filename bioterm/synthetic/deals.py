"""Funding rounds with their investor links, and deals with the drugs they cover.

About 500,000 rounds, 1,500,000 investor links (three organisations per
round on average, the first of a private round often its lead), 200,000
deals and a deal-drug link for each deal that licenses a drug, at scale 1.
USD figures come from the store's own conversion (`store.usd.finite_usd`),
so a generated row holds exactly what an imported one would.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from bioterm.store.usd import finite_usd
from bioterm.synthetic import vocabulary as syn

if TYPE_CHECKING:
    from bioterm.synthetic.generate import _Generator

Row = tuple[Any, ...]
Pool = tuple[list[int], list[float]]
"""Company indexes and cumulative weights over them."""

LINKS_PER_ROUND = 3.0
"""Investor links per round on average (about 1.5 million at scale 1)."""
PUBLIC_KINDS = frozenset(("grant", "subsidy", "award", "government_fund"))
FUNDING_OWNERS = {"biotech": 1.0, "pharma": 0.6, "cdmo": 0.8, "cro": 0.4, "supplier": 0.3,
                  "university": 0.3, "research_institute": 0.3}
INVESTOR_WEIGHTS = {"investor": 1.0}
BODY_WEIGHTS = {"government": 1.0}
LICENSEE_WEIGHTS = {"pharma": 10.0, "biotech": 2.0, "cdmo": 0.3, "investor": 0.2}
TARGET_WEIGHTS = {"biotech": 1.0, "university": 0.3, "research_institute": 0.2}

DEAL_KINDS = (("licence", 45), ("collaboration", 16), ("co_development", 10), ("option", 8),
              ("acquisition", 8), ("asset_purchase", 7), ("newco", 6))
DRUG_DEAL_SHARE = {"licence": 0.97, "co_development": 0.9, "option": 0.9,
                   "asset_purchase": 1.0, "newco": 0.7, "collaboration": 0.3, "acquisition": 0.2}
"""How often a deal of each kind covers a drug in the database."""
UPFRONT_MEDIAN_USD = {"licence": 1.5e7, "collaboration": 5e6, "co_development": 1e7,
                      "option": 5e6, "acquisition": 3e8, "asset_purchase": 5e7, "newco": 3e7}
MILESTONE_MULTIPLE = {"licence": 12.0, "collaboration": 15.0, "co_development": 8.0,
                      "option": 20.0, "acquisition": 0.25, "asset_purchase": 3.0, "newco": 6.0}
TERRITORIES = {
    "out_of_china": (("Worldwide excluding Greater China", 5), ("Worldwide", 3),
                     ("United States", 1), ("United States and Europe", 1),
                     ("Worldwide excluding mainland China", 1)),
    "into_china": (("Greater China", 5), ("Mainland China", 3),
                   ("Mainland China, Hong Kong and Macau", 1), ("Greater China and Korea", 1)),
    "domestic": (("Mainland China", 4), ("Greater China", 1)),
    "other": (("Worldwide", 3), ("Asia-Pacific", 1), ("Europe", 1)),
}
DEAL_CURRENCIES = {
    "domestic": (("CNY", 80), ("USD", 20)),
    "other": (("USD", 80), ("EUR", 12), ("GBP", 4), ("JPY", 4)),
}
ROYALTIES = ("tiered single-digit", "tiered high single-digit to low double-digit",
             "tiered low double-digit", "mid-teens", "undisclosed tiered")


def _round_sig(value: float, digits: int = 3) -> float:
    return float(round(value, digits - 1 - math.floor(math.log10(value))))


def _pool(gen: _Generator, weights: dict[str, float], fallback: str) -> Pool:
    """Companies of the weighted kinds and cumulative Pareto weights over them."""
    cum = gen.owners(weights)
    members, out, previous = [], [], 0.0
    for i, total in enumerate(cum):
        if total > previous:
            members.append(i)
            out.append(total)
        previous = total
    if not members:
        raise ValueError(f"no {fallback} among the generated companies")
    return members, out


def funding(gen: _Generator) -> None:
    """Rounds, and the organisations named in each as links (leads marked)."""
    kinds = syn.Weighted.of(syn.FUNDING_KINDS)
    currencies = syn.Weighted.of(syn.CURRENCIES)
    owners = gen.owners(FUNDING_OWNERS)
    investors = _pool(gen, INVESTOR_WEIGHTS, "investor")
    bodies = _pool(gen, BODY_WEIGHTS, "government body")
    public_share = sum(w for k, w in syn.FUNDING_KINDS if k in PUBLIC_KINDS) / sum(
        w for _, w in syn.FUNDING_KINDS)
    # Public rounds name one body; private ones enough for LINKS_PER_ROUND overall.
    private_mean = (LINKS_PER_ROUND - public_share) / (1 - public_share)
    private_max = max(1, round(2 * private_mean - 1))
    seen: set[tuple[int, str, str]] = set()
    companies = range(len(gen.company_ids))
    for batch in gen._batches(gen.n["funding"]):
        rows, links = [], []
        chosen = gen.rng.choices(companies, cum_weights=owners, k=len(batch))
        for c in chosen:
            kind = kinds.pick(gen.rng)
            when = gen.date(2000, 2025)
            while (c, when, kind) in seen:
                when = gen.date(2000, 2025)
            seen.add((c, when, kind))
            public = kind in PUBLIC_KINDS
            members, cum = bodies if public else investors
            want = 1 if public else gen.rng.randint(1, private_max)
            backers: dict[int, None] = {}
            for _ in range(want * 3):  # popular investors are drawn twice: draw again
                if len(backers) == want:
                    break
                backers.setdefault(gen.rng.choices(members, cum_weights=cum)[0], None)
            amount = currency = usd = None
            if gen.rng.random() < 0.93:
                currency = "CNY" if public and gen.company_zh[c] else currencies.pick(gen.rng)
                target = syn.FUNDING_MEDIAN_USD[kind] * gen.rng.lognormvariate(0, 0.8)
                amount = _round_sig(target / syn.USD_PER_UNIT[currency])
                usd = finite_usd(amount, currency, when, gen.rates)
            rows.append((
                gen.company_ids[c], when, kind, amount, currency,
                gen.rng.choice(("exact",) * 8 + ("about", "over")), usd,
                "; ".join(gen.company_names[b] for b in backers), None, None, gen.source(),
            ))
            lead_first = not public and gen.rng.random() < 0.7
            links.extend(
                (gen.company_ids[c], when, kind, gen.company_ids[b],
                 int(lead_first and n == 0), gen.source())
                for n, b in enumerate(backers))
        gen._insert("funding", rows)
        gen._insert("funding_investors", links)
        gen._tick("funding", len(batch) * (1 + round(LINKS_PER_ROUND)))


def _direction(licensor_country: str, licensee_country: str) -> str:
    a, b = licensor_country == "China", licensee_country == "China"
    return "domestic" if a and b else "out_of_china" if a else "into_china" if b else "other"


class _Deals:
    def __init__(self, gen: _Generator) -> None:
        self.gen = gen
        self.kinds = syn.Weighted.of(DEAL_KINDS)
        self.licensees = _pool(gen, LICENSEE_WEIGHTS, "licensee")
        self.targets = _pool(gen, TARGET_WEIGHTS, "deal target")
        self.territories = {d: syn.Weighted.of(t) for d, t in TERRITORIES.items()}
        self.currencies = {d: syn.Weighted.of(c) for d, c in DEAL_CURRENCIES.items()}
        self.index = {cid: i for i, cid in enumerate(gen.company_ids)}

    def write(self) -> None:
        gen = self.gen
        drugs = gen.load.counts.get("drugs", 0)
        for batch in gen._batches(gen.n["deals"]):
            kinds = [self.kinds.pick(gen.rng) for _ in batch]
            with_drug = [drugs > 0 and gen.rng.random() < DRUG_DEAL_SHARE[k] for k in kinds]
            picked = [gen.rng.randint(1, drugs) if w else 0 for w in with_drug]
            found = gen.load.drugs_by_rowid([p for p in picked if p])
            rows, links, entries = [], [], []
            for i, kind, rowid in zip(batch, kinds, picked, strict=True):
                drug = found.get(rowid)
                row = self._deal(i, kind, drug)
                rows.append(row)
                if drug is not None:
                    links.append((row[0], drug[0], row[21]))
                entries.append((row[0], gen.company_names[self.index[row[1]]], None,
                                gen.company_names[self.index[row[2]]], row[7], row[5]))
            gen._insert("deals", rows)
            gen._insert("deal_drugs", links)
            gen.load.index_search("deal", entries, gen.pinyin.__getitem__)
            gen._tick("deals", len(batch))

    def _party(self, pool: Pool, avoid: int) -> int:
        members, cum = pool
        while True:
            pick = self.gen.rng.choices(members, cum_weights=cum)[0]
            if pick != avoid or len(members) == 1:
                return pick

    def _deal(self, i: int, kind: str, drug: tuple[str, str, str] | None) -> Row:
        gen, rng = self.gen, self.gen.rng
        licensor = self.index[drug[2]] if drug else self._party(self.targets, -1)
        licensee = self._party(self.licensees, licensor)
        if licensee == licensor:  # one company in the whole file
            licensee = (licensor + 1) % len(gen.company_ids)
        direction = _direction(gen.company_countries[licensor], gen.company_countries[licensee])
        when = None if rng.random() < 0.03 else gen.date(2005, 2025)
        programmes = drug[1] if drug else (
            f"{rng.choice(syn.TARGETS)} discovery programme" if rng.random() < 0.5 else None)
        currency = self.currencies.get(direction, self.currencies["other"]).pick(rng)
        upfront = milestones = total = equity = None
        if rng.random() < 0.8:  # a fifth of deals disclose no terms at all
            up_usd = UPFRONT_MEDIAN_USD[kind] * rng.lognormvariate(0, 1.0)
            ms_usd = None
            if kind != "acquisition" or rng.random() < 0.3:
                ms_usd = up_usd * MILESTONE_MULTIPLE[kind] * rng.lognormvariate(0, 0.6)
            eq_usd = up_usd * rng.uniform(0.2, 1.0) if rng.random() < (
                0.6 if kind == "newco" else 0.08) else None
            unit = syn.USD_PER_UNIT[currency]
            upfront = None if rng.random() < 0.1 else _round_sig(up_usd / unit)
            milestones = None if ms_usd is None else _round_sig(ms_usd / unit)
            equity = None if eq_usd is None else _round_sig(eq_usd / unit)
            total = _round_sig((up_usd + (ms_usd or 0) + (eq_usd or 0)) / unit)
        status, status_date = self._status(kind, when)
        return (
            f"deal-{i:07d}", gen.company_ids[licensor], gen.company_ids[licensee], when, kind,
            self.territories[direction].pick(rng), direction, programmes,
            upfront, rng.choice(("exact",) * 17 + ("about", "about", "over")),
            milestones, rng.choice(("up_to",) * 9 + ("about",)),
            total, rng.choice(("up_to",) * 17 + ("about", "about", "over")),
            equity, "exact", currency if total is not None else None,
            rng.choice(ROYALTIES) if kind in ("licence", "co_development") and
            rng.random() < 0.6 else None,
            status, status_date, None, gen.source(),
            finite_usd(upfront, currency, when, gen.rates),
            finite_usd(total, currency, when, gen.rates),
        )

    def _status(self, kind: str, when: str | None) -> tuple[str | None, str | None]:
        rng = self.gen.rng
        roll = rng.random()
        if roll < 0.05:
            return None, None
        if roll < 0.13:
            status = "terminated"
        elif kind in ("acquisition", "asset_purchase") and roll < 0.9:
            status = "completed"
        else:
            return "active", None
        if when is None:
            return status, None
        year = min(2026, int(when[:4]) + rng.randint(1, 4))  # after the announcement
        return status, f"{year}-{rng.randint(1, 12):02d}"


def deals(gen: _Generator) -> None:
    _Deals(gen).write()
