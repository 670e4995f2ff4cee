"""Every store call a screen makes, timed on one database (median of a few calls).

This is what tells the dashboard which calls are instant and which belong in
a worker: run `python benchmarks/store_calls.py /tmp/bioterm-scale1.db`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bioterm.paths import DbLocation, Origin
from bioterm.store import ListQuery, Store
from bioterm.store.listing import SPECS

FILTERS = ("k", "ka", "tinib", "mab", "pd-1", "shanghai", "qzx")


def _time(call: Callable[[], Any], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def calls(store: Store) -> list[tuple[str, Callable[[], Any]]]:
    out: list[tuple[str, Callable[[], Any]]] = []
    for entity, spec in SPECS.items():
        q = ListQuery()
        out.append((f"{entity}: count", lambda e=entity, q=q: store.list_count(e, q)))
        out.append((f"{entity}: first window",
                    lambda e=entity, q=q: store.list_window(e, q, 0, 100)))
        out.append((f"{entity}: window at 10,000",
                    lambda e=entity, q=q: store.list_window(e, q, 10_000, 100)))
        total = store.list_count(entity, q)
        out.append((f"{entity}: last window",
                    lambda e=entity, q=q, t=total: store.list_window(e, q, max(0, t - 100), 100)))
        for col in spec.columns:
            if col.sort_sql is None:
                continue
            for desc in (False, True):
                sq = ListQuery(sort=col.key, descending=desc)
                out.append((f"{entity}: sort {col.key}{' desc' if desc else ''}",
                            lambda e=entity, q=sq: store.list_window(e, q, 0, 100)))
        for facet in spec.facets:
            out.append((f"{entity}: facet counts {facet}",
                        lambda e=entity, f=facet: store.facet_counts(e, f, ListQuery())))
            values = store.facet_counts(entity, facet, ListQuery())
            if values:
                fq = ListQuery(facets={facet: values[-1][0]})
                out.append((f"{entity}: facet {facet}={values[-1][0]} window",
                            lambda e=entity, q=fq: store.list_window(e, q, 0, 100)))
                out.append((f"{entity}: facet {facet}={values[-1][0]} count",
                            lambda e=entity, q=fq: store.list_count(e, q)))
        for text in FILTERS:
            tq = ListQuery(text=text)
            out.append((f"{entity}: filter {text!r} window",
                        lambda e=entity, q=tq: store.list_window(e, q, 0, 100)))
            out.append((f"{entity}: filter {text!r} count",
                        lambda e=entity, q=tq: store.list_count(e, q)))
    for text in ("a", "ak", "akeso", "kang", "康方", "tinib", "pd-1", "zzq"):
        out.append((f"search {text!r}", lambda t=text: store.search(t)))
    # The company with most drugs: the heaviest detail view a person can open.
    big = store.conn.execute(
        "SELECT company_id FROM drugs GROUP BY company_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    some = store.list_window("companies", ListQuery(), 0, 100)
    ids = [str(r[0]) for r in some]
    out.append(("company_detail (typical)", lambda: store.company_detail(ids[0])))
    if big:
        out.append(("company_detail (largest)", lambda: store.company_detail(big[0])))
    drug = store.list_window("drugs", ListQuery(), 0, 1)[0][0]
    site = store.list_window("sites", ListQuery(), 0, 1)[0][0]
    out.append(("drug_detail", lambda: store.drug_detail(drug)))
    out.append(("site_detail", lambda: store.site_detail(site)))
    out.append(("capacity_points_for_companies(100)",
                lambda: store.capacity_points_for_companies(ids)))
    out.append(("overview", store.overview))
    if hasattr(store, "industry_capacity"):
        out.append(("industry_capacity", store.industry_capacity))
    out.append(("funding_by_year", store.funding_by_year))
    out.append(("event_rows", store.event_rows))
    out.append(("counts (exact)", store.counts))
    return out


def main(argv: list[str]) -> int:
    db = Path(argv[0])
    reps = int(argv[1]) if len(argv) > 1 else 3
    store = Store.open(DbLocation(db, Origin.OPTION))
    for name, call in calls(store):
        seconds = _time(call, reps)
        flag = "  SLOW" if seconds > 0.030 else ""
        print(f"{seconds * 1000:10.1f} ms  {name}{flag}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
