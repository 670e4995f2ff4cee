"""Start-up stays lean: the app and the overview import no heavy module (design.md, Performance).

Timings belong to benchmarks/; these tests pin down the cause of slow starts
instead: which modules the first screen pulls in. Each runs in a fresh
interpreter, since this test process has long imported everything.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

HEAVY = ("pyarrow", "textual_fastdatatable", "textual_plotext", "plotext", "pypinyin")


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                            text=True, timeout=120, check=True)
    return result.stdout.strip()


def test_importing_the_app_loads_nothing_heavy() -> None:
    loaded = _python(f"""
        import sys
        import bioterm.app
        print(",".join(m for m in {HEAVY!r} if m in sys.modules))
    """)
    assert loaded == ""


def test_showing_the_overview_loads_no_table_or_pinyin(ui_db: Path) -> None:
    loaded = _python(f"""
        import asyncio, sys
        from datetime import date
        from pathlib import Path
        from bioterm.app import BiotermApp
        from bioterm.paths import DbLocation, Origin
        from bioterm.store import Store

        async def main():
            store = Store.open(DbLocation(Path({str(ui_db)!r}), Origin.OPTION))
            app = BiotermApp(store, today=date(2025, 6, 30), preload=False)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                assert type(app.screen).__name__ == "OverviewScreen"
                print(",".join(m for m in ("pyarrow", "textual_fastdatatable", "pypinyin")
                               if m in sys.modules))
        asyncio.run(main())
    """)
    assert loaded == ""


def test_the_dashboard_reads_without_pydantic(ui_db: Path) -> None:
    """Records are validated where they are written: opening the app, the overview and
    a detail view (all reads) imports no pydantic; an import (a write) does."""
    loaded = _python(f"""
        import asyncio, sys
        from datetime import date
        from pathlib import Path
        from bioterm.app import BiotermApp
        from bioterm.paths import DbLocation, Origin
        from bioterm.store import Store

        async def main():
            store = Store.open(DbLocation(Path({str(ui_db)!r}), Origin.OPTION))
            app = BiotermApp(store, today=date(2025, 6, 30), preload=False)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                app.open_record("company", "akeso")
                await pilot.pause()
                assert type(app.screen).__name__ == "CompanyDetailScreen"
                read = "pydantic" in sys.modules
                import bioterm.importer.run
                print(read, "pydantic" in sys.modules)
        asyncio.run(main())
    """)
    assert loaded == "False True"
