"""bioterm's benchmark: every figure of design.md's "Performance", beside its target.

    python benchmarks/run.py                 # scale 1 (generates /tmp/bioterm-scale1.db once)
    python benchmarks/run.py --scale 0.1     # a smaller generated database
    python benchmarks/run.py --quick         # tiny scale, few repetitions (what the tests run)
    python benchmarks/run.py --db /tmp/scale1.db --steps deals,investors   # some steps only

Figures are ratios where design.md states them as ratios, measured in the same
run on the same machine: cold starts against a bare Textual app, the scale
database against the bundled one, import against `sqlite3 .import` and
`sqlite-utils insert --csv`; a page scroll is shown beside a bare Textual
app's (bare_scroll.py), what paging a full screen costs Textual itself.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bare_scroll import measure_bare_scroll
from coldstart import Launch, TerminalUnavailable, launch, stop_server
from importing import ImportTimes, measure_import
from ui import SECTIONS, NotMeasurable, measure_search, measure_sections, measure_ui, percentile

from bioterm.paths import bundled_db_path
from bioterm.synthetic.generate import generate

HERE = Path(__file__).resolve().parent
OVERVIEW_MARKER = "Recent events"
"""Text the overview paints once its data is on screen."""
STEPS = ("coldstart", "ui", "search", *SECTIONS, "import")
"""What --steps may name; all of them by default."""
Check = Callable[[float | None, float], bool]
"""Whether a figure meets its target, from its p95 on the bundled and the scale database."""


def at_scale(limit: float) -> Check:
    return lambda bundled, scale: scale <= limit


def on_both(bundled_limit: float, scale_limit: float) -> Check:
    return lambda bundled, scale: (bundled is not None and bundled <= bundled_limit
                                   and scale <= scale_limit)


SECTION_TARGETS: dict[str, tuple[str, Check | None]] = {
    "switch to section": ("p95 ≤ 100 ms", at_scale(0.100)),
    "filter keystroke": ("p95 ≤ 50 ms", at_scale(0.050)),
    "clear filter": ("p95 ≤ 50 ms", at_scale(0.050)),
    "page scroll": ("p95 ≤ 16 / 30 ms", on_both(0.016, 0.030)),
    "jump to last row": ("—", None),
    "sort by column": ("p95 ≤ 50 ms", at_scale(0.050)),
    "page scroll (sorted)": ("p95 ≤ 30 ms", at_scale(0.030)),
    "open detail": ("— (no freeze)", None),
}
"""The targets for a list screen (first switch, keystroke, sort, clear, scroll), as
the pipeline's: a page scroll within 16 ms bundled and 30 ms at scale."""
MEMORY_KEYS = ("3", "slash", "t", "i", "n", "Escape", "Escape", "PageDown", "PageDown",
               "PageDown", "End", "4", "5", "6", "PageDown", "7", "PageDown", "2", "Enter",
               "sleep:0.5", "Escape", "1", "sleep:0.5")


@dataclass
class Row:
    name: str
    small: str = ""
    large: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.0f} ms" if seconds < 10 \
        else f"{seconds:.1f} s"


def p50_p95(values: list[float] | None) -> str:
    if not values:
        return "—"
    return f"{percentile(values, 0.5) * 1000:.1f} / {percentile(values, 0.95) * 1000:.1f} ms"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "NO")


def ensure_database(path: Path, scale: float) -> None:
    if path.exists():
        return
    print(f"generating {path} at scale {scale} …", flush=True)
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if time.monotonic() - last[0] > 5 or done == total:
            last[0] = time.monotonic()
            print(f"  {stage:<12} {done * 100 // max(total, 1):3d}%", flush=True)

    generate(path, scale=scale, progress=progress)


def compile_package() -> None:
    """Write bioterm's bytecode, as `pip install` does for an installed copy.

    An editable install under PYTHONDONTWRITEBYTECODE (this machine's default)
    never writes it, so every launch compiled a hundred modules from source
    (0.3–0.5 s) while Textual, the baseline's only import, loads compiled.
    """
    import compileall

    import bioterm

    compileall.compile_dir(Path(bioterm.__file__).parent, quiet=1)


def cold_starts(scale_db: Path, reps: int, marker: str) -> tuple[dict[str, list[float]],
                                                                   Launch | None, list[str]]:
    compile_package()
    bioterm = [sys.executable, "-m", "bioterm"]
    home = tempfile.mkdtemp(prefix="bioterm-bench-home-")
    # A private data dir, so "no --db" means the bundled database, as for a new user.
    env = {"XDG_DATA_HOME": home, "BIOTERM_DB": ""}
    runs: dict[str, list[float]] = {"baseline": [], "bundled": [], "scale": []}
    notes: list[str] = []
    try:
        for _ in range(reps):
            # Interleaved, so that machine noise falls on all three alike.
            runs["baseline"].append(launch([sys.executable, str(HERE / "bare_app.py")],
                                           "bare textual app ready").seconds)
            runs["bundled"].append(launch(bioterm, marker, env=env).seconds)
            runs["scale"].append(launch([*bioterm, "--db", str(scale_db)], marker,
                                        env=env).seconds)
        memory = launch([*bioterm, "--db", str(scale_db)], marker, env=env, keys=MEMORY_KEYS)
    except (TerminalUnavailable, TimeoutError) as exc:
        notes.append(f"cold start not measured: {str(exc).splitlines()[0]}")
        memory = None
    finally:
        stop_server()
    return runs, memory, notes


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _ui(db: Path, reps: int, notes: list[str]) -> dict[str, list[float]]:
    try:
        return measure_ui(db, reps)
    except NotMeasurable as exc:
        notes.append(f"UI not measured: {exc}")
    except Exception as exc:  # the dashboard is young; report, keep measuring the rest
        notes.append(f"UI run on {db.name} failed: {type(exc).__name__}: {exc}")
    return {}


def _sections(db: Path, reps: int, names: list[str], notes: list[str]
              ) -> dict[str, dict[str, list[float]]]:
    try:
        return measure_sections(db, reps, names)
    except Exception as exc:  # report, keep measuring the rest
        notes.append(f"{', '.join(names)} on {db.name} failed: {type(exc).__name__}: {exc}")
    return {}


def _measured_rows(measured: dict[str, tuple[list[float] | None, list[float] | None]],
                   targets: dict[str, tuple[str, Check | None]],
                   prefix: str = "") -> list[Row]:
    rows = []
    for name, (a, b) in measured.items():
        target, check = targets[name]
        p95_a = percentile(a, 0.95) if a else None
        p95_b = percentile(b, 0.95) if b else None
        r = _ratio(p95_b, p95_a)
        ok = None if check is None or p95_b is None else check(p95_a, p95_b)
        rows.append(Row(f"{prefix}{name} p50 / p95", p50_p95(a), p50_p95(b),
                        "—" if r is None else f"{r:.1f}× bundled", target, verdict(ok)))
    return rows


def table(rows: list[Row], label: str) -> str:
    header = Row("measurement", "bundled", label, "ratio", "target", "met")
    cols = [[getattr(r, f) for r in [header, *rows]] for f in
            ("name", "small", "large", "ratio", "target", "met")]
    widths = [max(len(v) for v in col) for col in cols]
    lines = []
    for i, r in enumerate([header, *rows]):
        cells = [getattr(r, f) for f in ("name", "small", "large", "ratio", "target", "met")]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def bare_scroll_row(bare: list[float], bundled: list[float] | None) -> Row:
    """The page scroll of a bare Textual app (bare_scroll.py), timed the same way:
    what paging a full screen of lines costs Textual itself on this machine."""
    r = _ratio(percentile(bundled, 0.95) if bundled else None, percentile(bare, 0.95))
    return Row("  page scroll, bare Textual app (baseline)", p50_p95(bare), "",
               "—" if r is None else f"bundled {r:.1f}× bare")


def import_rows_for(imp: ImportTimes) -> list[Row]:
    """bioterm's import time beside each of its two targets, then the two references."""
    name = f"import {imp.rows:,}-row drugs CSV: bioterm"
    r = _ratio(imp.bioterm, imp.sqlite3)
    out = [Row(name, "", ms(imp.bioterm), "—" if r is None else f"{r:.1f}× sqlite3",
               "≤ 8× sqlite3 .import", verdict(None if r is None else r <= 8))]
    r = _ratio(imp.sqlite_utils, imp.bioterm)
    out.append(Row("  bioterm vs sqlite-utils", "", ms(imp.bioterm),
                   "—" if r is None else f"{r:.2f}× faster", "≥ 3× faster than sqlite-utils",
                   verdict(None if r is None else r >= 3)))
    out.append(Row("  sqlite3 .import --csv (reference)", "", ms(imp.sqlite3), "1.0×"))
    r = _ratio(imp.sqlite_utils, imp.sqlite3)
    out.append(Row("  sqlite-utils insert --csv (reference)", "", ms(imp.sqlite_utils),
                   "—" if r is None else f"{r:.1f}× sqlite3"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument("--db", type=Path, default=None,
                        help="scale database (generated if absent)")
    parser.add_argument("--quick", action="store_true", help="tiny scale, few repetitions")
    parser.add_argument("--reps", type=int, default=None)
    parser.add_argument("--import-rows", type=int, default=None)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bioterm-bench")
    parser.add_argument("--marker", default=OVERVIEW_MARKER)
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated, of: {', '.join(STEPS)} (default all)")
    args = parser.parse_args(argv)
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = sorted(set(steps) - set(STEPS))
    if unknown:
        parser.error(f"unknown steps {', '.join(unknown)}; choose from {', '.join(STEPS)}")
    scale = args.scale if args.scale is not None else (0.002 if args.quick else 1.0)
    reps = args.reps or (1 if args.quick else 5)
    import_rows = args.import_rows or (2000 if args.quick else 200_000)
    scale_db = args.db or Path(tempfile.gettempdir()) / f"bioterm-scale{scale:g}.db"
    ensure_database(scale_db, scale)
    label = f"scale {scale:g}"
    notes: list[str] = []
    rows: list[Row] = []

    if "coldstart" in steps:
        print("cold starts …", flush=True)
        starts, memory, start_notes = cold_starts(scale_db, reps, args.marker)
        notes += start_notes
        bare, small, large = (_median(starts[k]) for k in ("baseline", "bundled", "scale"))
        rows.append(Row("cold start, bare Textual app (baseline)", ms(bare), "", "1.00×"))
        r = _ratio(small, bare)
        rows.append(Row("cold start → painted overview", ms(small), ms(large),
                        "—" if r is None else f"{r:.2f}× bare", "≤ 1.3× bare",
                        verdict(None if r is None else r <= 1.3)))
        r = _ratio(large, small)
        rows.append(Row(f"  {label} vs bundled", "", ms(large),
                        "—" if r is None else f"{r:.2f}× bundled", "≤ 1.5× bundled",
                        verdict(None if r is None else r <= 1.5)))

    if "ui" in steps or "search" in steps:
        print("dashboard interactions …", flush=True)
        ui_small = _ui(bundled_db_path(), reps, notes) if "ui" in steps else {}
        ui_large = _ui(scale_db, reps, notes) if "ui" in steps else {}
        targets: dict[str, tuple[str, Check | None]] = {
            "filter keystroke": ("p95 ≤ 50 ms", at_scale(0.050)),
            "page scroll": ("p95 ≤ 16 / 30 ms", on_both(0.016, 0.030)),
            "open company detail": ("— (no freeze)", None),
            "jump to last row": ("—", None),
            "sort by column": ("p95 ≤ 50 ms", at_scale(0.050)),
            "clear filter": ("p95 ≤ 50 ms", at_scale(0.050)),
            "switch to pipeline": ("p95 ≤ 100 ms", at_scale(0.100)),
        }
        measured = {k: (ui_small.get(k), ui_large.get(k)) for k in targets} \
            if "ui" in steps else {}
        if "search" in steps:
            measured["global search (store)"] = (measure_search(bundled_db_path(), reps),
                                                  measure_search(scale_db, reps))
            targets["global search (store)"] = ("p95 ≤ 30 ms", at_scale(0.030))
        rows += _measured_rows(measured, targets)
        if "ui" in steps:
            rows.append(bare_scroll_row(measure_bare_scroll(reps), ui_small.get("page scroll")))
    if "coldstart" in steps:
        peak = memory.peak_rss_mb if memory else None
        rows.append(Row("peak memory (RSS, screens exercised)", "", "—" if peak is None
                        else f"{peak:.0f} MB", "", "≤ 150 MB",
                        verdict(None if peak is None else peak <= 150)))

    sections = [name for name in SECTIONS if name in steps]
    if sections:
        print(f"{', '.join(sections)} screens …", flush=True)
        small_sections = _sections(bundled_db_path(), reps, sections, notes)
        large_sections = _sections(scale_db, reps, sections, notes)
        for name in sections:
            a, b = small_sections.get(name, {}), large_sections.get(name, {})
            rows += _measured_rows({k: (a.get(k), b.get(k)) for k in SECTION_TARGETS},
                                   SECTION_TARGETS, prefix=f"{name}: ")

    if "import" not in steps:
        return _print(rows, notes, scale_db, label, reps)
    print(f"import of {import_rows:,} drugs …", flush=True)
    imp: ImportTimes = measure_import(args.work, import_rows)
    notes += imp.notes
    rows += import_rows_for(imp)

    return _print(rows, notes, scale_db, label, reps)


def _print(rows: list[Row], notes: list[str], scale_db: Path, label: str, reps: int) -> int:
    print()
    print(f"bioterm benchmark — {scale_db} ({label}), {reps} repetition(s)")
    print(table(rows, label))
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
