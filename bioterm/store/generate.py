"""A large synthetic database with the real schema, for benchmarks and scale testing.

`generate(path, scale=1)` writes about 1,000,000 drugs, 100,000 companies,
200,000 sites, 2,000,000 capacity points and 500,000 funding rows. Rows go in
through executemany in one transaction with journaling off; the indexes are
created afterwards (sorting once is far cheaper than maintaining b-trees row
by row); derived columns, the search index and the summary tables are written
as the store itself would write them. Output is deterministic for a seed.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from bioterm.currency import to_usd
from bioterm.enums import Phase
from bioterm.store import schema, summary
from bioterm.store import synthetic as syn
from bioterm.store.connection import create_empty

Progress = Callable[[str, int, int], None]
Row = tuple[Any, ...]

BASE_COUNTS = {
    "sources": 20_000, "companies": 100_000, "sites": 200_000, "capacity": 2_000_000,
    "drugs": 1_000_000, "funding": 500_000, "partnerships": 50_000,
}
"""Rows at scale 1; milestones follow from the drugs' phases (about one per drug)."""
BATCH = 20_000
YEARS = range(2000, 2027)
PHASE_RANK = {p.value: p.rank for p in Phase}

INSERT = {
    "sources": "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
    "fx_rates": "INSERT INTO fx_rates VALUES (?, ?, ?, ?)",
    "companies": "INSERT INTO companies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "sites": "INSERT INTO sites VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "capacity": "INSERT INTO capacity (company_id, site_id, date, litres, qualifier, status, "
    "note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "drugs": "INSERT INTO drugs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "milestones": "INSERT INTO milestones (drug_id, kind, date, region, status, indication, "
    "note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "funding": "INSERT INTO funding (company_id, date, kind, amount, currency, qualifier, "
    "amount_usd, investors, purpose, note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "partnerships": "INSERT INTO partnerships (company_id, partner_id, kind, since, note, "
    "source_id) VALUES (?, ?, ?, ?, ?, ?)",
    "search_terms": "INSERT INTO search_terms (term, kind, ref) VALUES (?, ?, ?)",
    "search_index": "INSERT INTO search_index (kind, ref, name, name_zh, pinyin, extra) "
    "VALUES (?, ?, ?, ?, ?, ?)",
}


def planned_counts(scale: float) -> dict[str, int]:
    return {table: max(2, round(n * scale)) for table, n in BASE_COUNTS.items()}


def search_entry(
    kind: str, ref: str, name: str, name_zh: str | None, pinyin: tuple[str, str],
    extra1: str | None, extra2: str | None,
) -> tuple[list[Row], Row]:
    """The rows search.reindex would write for one record (same terms, same columns)."""
    full, initials = pinyin
    terms = {name, name_zh or "", full, initials}
    for field in (extra1, extra2):
        for part in (field or "").split(";"):
            terms.add(part.strip())
    words = name.split()
    if len(words) > 1:
        terms.update(" ".join(words[i:]) for i in range(1, len(words)))
    folded = {t.casefold() for t in terms if t.strip()}
    index = (kind, ref, name, name_zh or "", f"{full} {initials}".strip(),
             " ".join(x for x in (extra1, extra2) if x))
    return [(t, kind, ref) for t in folded], index


class _Generator:
    def __init__(self, conn: sqlite3.Connection, scale: float, seed: int,
                 progress: Progress | None) -> None:
        self.conn = conn
        self.rng = random.Random(seed)
        self.seed = seed
        self.n = planned_counts(scale)
        self.progress = progress
        self.done = 0
        self.total = sum(self.n.values()) + self.n["drugs"]  # milestones ride on drugs
        self.counts: dict[str, int] = {}
        self.company_ids: list[str] = []
        self.company_names: list[str] = []
        self.company_kinds: list[str] = []
        self.company_zh: list[bool] = []
        self.rates: dict[tuple[str, int], float] = {}

    # -- plumbing -------------------------------------------------------------

    def _tick(self, stage: str, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(stage, min(self.done, self.total), self.total)

    def _insert(self, table: str, rows: Iterable[Row]) -> None:
        cursor = self.conn.executemany(INSERT[table], rows)
        self.counts[table] = self.counts.get(table, 0) + max(cursor.rowcount, 0)

    def _batches(self, count: int) -> Iterator[range]:
        for start in range(0, count, BATCH):
            yield range(start, min(count, start + BATCH))

    def source(self) -> str:
        return f"synthetic-{self.rng.randrange(self.n['sources']):06d}"

    def date(self, first: int = 2000, last: int = 2025, day: bool = True) -> str:
        year = min(last, first + int((last - first + 1) * self.rng.random() ** 0.6))
        month = self.rng.randint(1, 12)
        if not day or self.rng.random() < 0.15:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{self.rng.randint(1, 28):02d}"

    def owners(self, weights: dict[str, float]) -> list[float]:
        """Cumulative weights over companies: few own much, most own little (Pareto)."""
        cum, total = [], 0.0
        for kind in self.company_kinds:
            total += weights.get(kind, 0.0) * min(self.rng.paretovariate(1.3), 200.0)
            cum.append(total)
        return cum

    # -- tables -----------------------------------------------------------------

    def sources(self) -> None:
        note = f"Generated by bioterm db generate (seed {self.seed}); not real data."
        for batch in self._batches(self.n["sources"]):
            self._insert("sources", (
                (f"synthetic-{i:06d}", f"Synthetic industry record set {i}", syn.PUBLISHER,
                 None, self.date(2015, 2025), None, note) for i in batch
            ))
            self._tick("sources", len(batch))
        fx = []
        for currency, usd in syn.USD_PER_UNIT.items():
            for year in YEARS:
                rate = usd if currency == "USD" else round(
                    usd * (1 + 0.06 * math.sin(year * 1.7 + len(currency))), 6)
                self.rates[(currency, year)] = rate
                fx.append((currency, year, rate, "synthetic-000000"))
        self._insert("fx_rates", fx)

    def companies(self) -> None:
        kinds = syn.Weighted.of(syn.COMPANY_KINDS)
        cities = syn.Weighted.of([(str(i), w) for i, (*_, w) in enumerate(syn.CITIES)])
        china = [str(i) for i, c in enumerate(syn.CITIES) if c[2] == "China"]
        for batch in self._batches(self.n["companies"]):
            rows, terms, index = [], [], []
            for i in batch:
                kind = ("biotech", "cdmo")[i] if i < 2 else kinds.pick(self.rng)
                city = syn.CITIES[int(cities.pick(self.rng))]
                zh = syn.zh_name(self.rng) if city[2] == "China" and self.rng.random() < 0.8 \
                    else None
                name = self._company_name(kind, city[0], zh)
                if zh is None and self.rng.random() < 0.1:
                    city = syn.CITIES[int(self.rng.choice(china))]
                cid = f"{syn.slug(name)}-{i}"
                tickers = (f"HKEX:{self.rng.randint(1000, 9999):05d}"
                           if kind in ("biotech", "pharma") and self.rng.random() < 0.08 else None)
                rows.append((
                    cid, name, zh.name_zh if zh else None, tickers, kind,
                    str(self.rng.randint(1950, 2024)) if self.rng.random() < 0.7 else None,
                    city[0], city[1] or None, city[2], None, None, self.source(),
                ))
                pinyin = (zh.pinyin, zh.initials) if zh else ("", "")
                t, x = search_entry("company", cid, name, zh.name_zh if zh else None,
                                    pinyin, tickers, city[0])
                terms.extend(t)
                index.append(x)
                self.company_ids.append(cid)
                self.company_names.append(name)
                self.company_kinds.append(kind)
                self.company_zh.append(zh is not None)
            self._insert("companies", rows)
            self._insert("search_terms", terms)
            self._insert("search_index", index)
            self._tick("companies", len(batch))

    def _company_name(self, kind: str, city: str, zh: syn.ZhName | None) -> str:
        if kind == "government":
            return f"{city} {self.rng.choice(('Science and Technology Bureau', 'Health Commission', 'Development and Reform Commission', 'Biomedicine Guidance Fund'))}"  # noqa: E501
        if kind == "university":
            return self.rng.choice((f"{city} Medical University", f"University of {city}",
                                    f"{city} {syn.latin_word(self.rng)} University"))
        if kind == "research_institute":
            return f"{city} Institute of {self.rng.choice(syn.FIELDS)}"
        if zh is not None and kind in ("biotech", "pharma", "cdmo"):
            return f"{zh.english_head} {zh.english_suffix}"
        head = zh.english_head if zh is not None else syn.latin_word(self.rng)
        return f"{head} {self.rng.choice(syn.COMPANY_SUFFIX[kind])}"

    def sites(self) -> list[tuple[int, str]]:
        """Writes sites; returns (company index, site id) of those holding capacity."""
        owners = self.owners(syn.SITE_OWNERS)
        kinds = syn.Weighted.of(syn.SITE_KINDS)
        statuses = syn.Weighted.of(syn.SITE_STATUSES)
        partners = [i for i, k in enumerate(self.company_kinds) if k in ("supplier", "cdmo")]
        companies = range(len(self.company_ids))
        holders: list[tuple[int, str]] = []
        for batch in self._batches(self.n["sites"]):
            rows, terms, index = [], [], []
            chosen = self.rng.choices(companies, cum_weights=owners, k=len(batch))
            for i, c in zip(batch, chosen, strict=True):
                city, region, country, _ = self.rng.choice(syn.CITIES)
                kind = kinds.pick(self.rng)
                name = f"{city} {self.rng.choice(('biologics plant', 'R&D centre', 'manufacturing base', 'campus', 'drug product facility', 'innovation centre'))} {i % 97 + 1}"  # noqa: E501
                sid = f"{self.company_ids[c][:40]}-site-{i}"
                partner = (self.company_ids[self.rng.choice(partners)]
                           if partners and self.rng.random() < 0.15 else None)
                amount = round(10 ** self.rng.uniform(6, 9), -5) if self.rng.random() < 0.4 \
                    else None
                rows.append((
                    sid, self.company_ids[c], name, kind, statuses.pick(self.rng), city, None,
                    region or None, country, round(10 ** self.rng.uniform(3, 5.5), -2)
                    if self.rng.random() < 0.6 else None, "exact", partner,
                    self.rng.choice(syn.TECHNOLOGIES) if self.rng.random() < 0.5 else None,
                    amount, self.rng.choice(("USD", "CNY", "EUR")) if amount else None,
                    "exact", self.date(2000, 2026, day=False), None, self.source(),
                ))
                t, x = search_entry("site", sid, name, None, ("", ""), city, country)
                terms.extend(t)
                index.append(x)
                if kind in ("manufacturing", "rnd_manufacturing"):
                    holders.append((c, sid))
            self._insert("sites", rows)
            self._insert("search_terms", terms)
            self._insert("search_index", index)
            self._tick("sites", len(batch))
        return holders

    def capacity(self, holders: list[tuple[int, str]]) -> None:
        target = self.n["capacity"]
        wants = self._split(target, len(holders))
        rows: list[Row] = []
        written = 0
        for (c, sid), want in zip(holders, wants, strict=True):
            if not want:
                continue
            points = self._site_points(self.company_ids[c], sid, want)
            rows.extend(points)
            written += len(points)
            if len(rows) >= BATCH:
                self._insert("capacity", rows)
                self._tick("capacity", len(rows))
                rows = []
        self._insert("capacity", rows)
        self._tick("capacity", len(rows) + target - written)

    def _split(self, total: int, parts: int) -> list[int]:
        """`total` points over `parts` sites, unevenly (pairs trade points), summing exactly."""
        if parts == 0:
            return []
        base, extra = divmod(total, parts)
        wants = [base + (1 if i < extra else 0) for i in range(parts)]
        for i in range(0, parts - 1, 2):
            shift = self.rng.randint(0, max(0, min(wants[i], wants[i + 1]) - 1))
            wants[i], wants[i + 1] = wants[i] + shift, wants[i + 1] - shift
        return wants

    def _site_points(self, company: str, site: str, want: int) -> list[Row]:
        """Expansion phases: each announced, built, then running, at rising totals."""
        # Each point is about a year after the previous one; start early enough
        # that most of the series lies in the past, as announced plans do.
        year = self.rng.randint(2000, max(2000, 2026 - want))
        month = self.rng.randint(1, 12)
        litres, out = 0.0, []
        while len(out) < want:
            litres += self.rng.choice(syn.CAPACITY_STEP_LITRES)
            for status, months in (("planned", 0), ("under_construction", 8),
                                   ("operational", 24)):
                if len(out) >= want:
                    break
                month += months + self.rng.randint(0, 3)
                year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
                out.append((company, site, f"{year}-{month:02d}", litres, "exact", status,
                            None, self.source()))
        return out

    def drugs(self) -> None:
        owners = self.owners(syn.DRUG_OWNERS)
        phases = syn.Weighted.of(syn.PHASES)
        modalities = syn.Weighted.of(syn.MODALITIES)
        regions = syn.Weighted.of(syn.REGIONS)
        target_pop = syn.Weighted.of(
            [(t, 1 / (i + 1)) for i, t in enumerate(syn.TARGETS)])
        companies = range(len(self.company_ids))
        for batch in self._batches(self.n["drugs"]):
            rows, milestones, terms, index = [], [], [], []
            chosen = self.rng.choices(companies, cum_weights=owners, k=len(batch))
            for i, c in zip(batch, chosen, strict=True):
                phase, modality = phases.pick(self.rng), modalities.pick(self.rng)
                code = f"{syn.code_prefix(self.company_names[c])}-{self.rng.randint(100, 9999)}"
                named = PHASE_RANK[phase] >= PHASE_RANK["phase_2"] or self.rng.random() < 0.25
                name = syn.drug_inn(self.rng, modality) if named else code
                targets = "; ".join(dict.fromkeys(target_pop.many(
                    self.rng, 2 if modality in ("bispecific", "adc") else 1)))
                indications = "; ".join(dict.fromkeys(
                    self.rng.choice(syn.INDICATIONS) for _ in range(self.rng.randint(1, 3))))
                where = list(dict.fromkeys(regions.many(self.rng, self.rng.randint(1, 3))))
                did = f"{syn.slug(name)}-{i}"
                rows.append((
                    did, name, code if named else None, self.company_ids[c], modality,
                    targets, indications, phase, PHASE_RANK[phase],
                    int(self.rng.random() < 0.05), "; ".join(where), None, self.source(),
                ))
                milestones.extend(self._milestones(did, phase, where[0], indications))
                t, x = search_entry("drug", did, name, None, ("", ""),
                                    code if named else None, targets)
                terms.extend(t)
                index.append(x)
            self._insert("drugs", rows)
            self._insert("milestones", milestones)
            self._insert("search_terms", terms)
            self._insert("search_index", index)
            self._tick("drugs", 2 * len(batch))

    def _milestones(self, drug: str, phase: str, region: str, indication: str) -> list[Row]:
        chain = syn.PHASE_MILESTONES[phase][-2:]
        if not chain:
            return []
        year = self.rng.randint(2005, 2024)
        out = []
        for kind in chain:
            year += self.rng.randint(0, 2)
            when = f"{year}-{self.rng.randint(1, 12):02d}"
            status = "expected" if year > 2025 else "occurred"
            out.append((drug, kind, when, region, status, indication.split("; ")[0], None,
                        self.source()))
        return out

    def funding(self) -> None:
        kinds = syn.Weighted.of(syn.FUNDING_KINDS)
        currencies = syn.Weighted.of(syn.CURRENCIES)
        weights = {"biotech": 1.0, "pharma": 0.6, "cdmo": 0.8, "cro": 0.4, "supplier": 0.3,
                   "university": 0.3, "research_institute": 0.3}
        owners = self.owners(weights)
        investors = [n for n, k in zip(self.company_names, self.company_kinds, strict=True)
                     if k == "investor"] or ["Synthetic Capital"]
        bodies = [n for n, k in zip(self.company_names, self.company_kinds, strict=True)
                  if k == "government"] or ["Synthetic Science Bureau"]
        seen: set[tuple[int, str, str]] = set()
        companies = range(len(self.company_ids))
        for batch in self._batches(self.n["funding"]):
            rows = []
            chosen = self.rng.choices(companies, cum_weights=owners, k=len(batch))
            for c in chosen:
                kind = kinds.pick(self.rng)
                when = self.date(2000, 2025)
                while (c, when, kind) in seen:
                    when = self.date(2000, 2025)
                seen.add((c, when, kind))
                public = kind in ("grant", "subsidy", "award", "government_fund")
                backers = "; ".join(dict.fromkeys(
                    self.rng.choice(bodies if public else investors)
                    for _ in range(1 if public else self.rng.randint(1, 3))))
                amount = currency = usd = None
                if self.rng.random() < 0.93:
                    currency = "CNY" if public and self.company_zh[c] else \
                        currencies.pick(self.rng)
                    target = syn.FUNDING_MEDIAN_USD[kind] * self.rng.lognormvariate(0, 0.8)
                    raw = target / syn.USD_PER_UNIT[currency]
                    amount = float(round(raw, 2 - math.floor(math.log10(raw))))
                    usd = to_usd(amount, currency, int(when[:4]), self.rates)
                rows.append((
                    self.company_ids[c], when, kind, amount, currency,
                    self.rng.choice(("exact",) * 8 + ("about", "over")), usd, backers,
                    None, None, self.source(),
                ))
            self._insert("funding", rows)
            self._tick("funding", len(batch))

    def partnerships(self) -> None:
        kinds = syn.Weighted.of(syn.PARTNERSHIP_KINDS)
        count = len(self.company_ids)
        seen: set[tuple[int, int, str, str]] = set()
        rows = []
        while len(rows) < self.n["partnerships"]:
            a, b = self.rng.randrange(count), self.rng.randrange(count)
            key = (a, b, kinds.pick(self.rng), self.date(2005, 2025, day=False))
            if a == b or key in seen:
                continue
            seen.add(key)
            rows.append((self.company_ids[a], self.company_ids[b], key[2], key[3], None,
                         self.source()))
        self._insert("partnerships", rows)
        self._tick("partnerships", len(rows))


def _drop_indexes(conn: sqlite3.Connection) -> None:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
    for name in names:
        conn.execute(f'DROP INDEX "{name}"')


def generate(
    path: Path, scale: float = 1.0, seed: int = 0, progress: Progress | None = None
) -> dict[str, int]:
    """Write a synthetic database at `path` (atomically); returns rows per table.

    `progress(stage, done, total)` is called after each batch; the stages after
    the rows ("indexes", "summaries", "analyze") report done == total.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    partial = path.with_name(path.name + ".generating")
    partial.unlink(missing_ok=True)
    conn = create_empty(partial)
    try:
        conn.isolation_level = None
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144",
                       "temp_store = MEMORY", "threads = 2", "foreign_keys = OFF"):
            conn.execute(f"PRAGMA {pragma}")
        gen = _Generator(conn, scale, seed, progress)
        conn.execute("BEGIN")
        _drop_indexes(conn)
        gen.sources()
        gen.companies()
        gen.capacity(gen.sites())
        gen.drugs()
        gen.funding()
        gen.partnerships()
        _finish(conn, gen)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        _report(gen, "analyze")
    except BaseException:
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    conn.close()
    partial.replace(path)
    return {table: gen.counts.get(table, 0) for table in (
        "sources", "companies", "drugs", "milestones", "sites", "capacity", "funding",
        "partnerships", "fx_rates")}


def _finish(conn: sqlite3.Connection, gen: _Generator) -> None:
    _report(gen, "indexes")
    # Statement by statement: executescript would commit the open transaction.
    for statement in schema.INDEXES_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    # One b-tree per FTS column set instead of dozens of segments: faster MATCH.
    conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
    _report(gen, "summaries")
    summary.rebuild(conn)


def _report(gen: _Generator, stage: str) -> None:
    if gen.progress is not None:
        gen.progress(stage, gen.total, gen.total)
