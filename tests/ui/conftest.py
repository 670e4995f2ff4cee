"""Databases and app factories for the dashboard tests.

Every database here starts from the two-report dataset (stable: the
`industry` dataset grows) and adds, through the store's own write path, the
few rows the UI tests need: exchange rates (so USD figures show), a Chinese
name for Akeso (palette search by 中文 and pinyin), a site with a single
capacity point, and — in `hostile_db` — names built to break a terminal.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bioterm.app import BiotermApp
from bioterm.models import (
    CapacityPoint,
    Company,
    Deal,
    DealDrug,
    Drug,
    Funding,
    FundingInvestor,
    FxRate,
    Site,
    Source,
)
from bioterm.paths import DbLocation, Origin, data_sources_dir
from bioterm.store import Store
from bioterm.store.build import build

TODAY = date(2025, 6, 30)
"""Fixed, so timelines (which run to today) and snapshots never change by themselves."""
FIXTURE_SOURCE = "ui-test-fixture"

HOSTILE_NAMES = {
    "markup": "[bold]red[/] Pharma",
    "link": "[link=http://x]Click Bio[/link]",
    "ansi": "\x1b[31mRed Ink\x1b[0m Therapeutics",
    "osc": "\x1b]8;;http://x\x1b\\OSC Link\x1b]8;;\x1b\\ Labs",
    "rtl": "שלום Biotech مرحبا",
    "emoji": "🧬 Helix 👩‍🔬 Labs",
    "cjk": "恒瑞医药 Hengrui",
    "long": "Very Long Name " + "x" * 285,
}


def location(path: Path) -> DbLocation:
    return DbLocation(path, Origin.OPTION)


def _fixture_rows() -> list[list[object]]:
    source = Source(id=FIXTURE_SOURCE, title="UI test fixture (not real data)")
    rates = [
        FxRate(currency="CNY", year=year, usd=rate, source_id=FIXTURE_SOURCE)
        for year, rate in ((2020, 0.145), (2021, 0.155), (2022, 0.1487), (2023, 0.1412))
    ]
    akeso = Company(
        id="akeso", name="Akeso, Inc.", name_zh="康方生物", tickers="9926.HK", kind="biotech",
        founded="2012", hq_country="China",
        key_people="Xia Yu (founder, president and CEO)",
        description="Antibody drug developer listed in Hong Kong.",
        source_id="akeso-cytiva-flexfactory-2021",
    )
    single_point = CapacityPoint(
        company_id="ascentawits", site_id="ascentawits-pingshan-new-site", date="2026",
        litres=4000, status="planned", note="Fixture: a site with one capacity point.",
        source_id=FIXTURE_SOURCE,
    )
    deal = Deal(
        id="fixture-akeso-cytiva-licence", licensor_id="akeso", licensee_id="cytiva",
        date="2023-06-01", kind="licence", direction="out_of_china",
        territory="worldwide outside Greater China", programmes="Cadonilimab",
        upfront=100_000_000, milestones=900_000_000, total=1_000_000_000, currency="CNY",
        royalty="tiered", status="active", note="Fixture: not a real deal.",
        source_id=FIXTURE_SOURCE,
    )
    covers = DealDrug(deal_id=deal.id, drug_id="cadonilimab", source_id=FIXTURE_SOURCE)
    investor = FundingInvestor(
        company_id="ascentawits", date="2022", kind="award",
        investor_id="shenzhen-municipal-government", lead=True, source_id=FIXTURE_SOURCE,
    )
    chemical = CapacityPoint(
        company_id="akeso", site_id="akeso-guangzhou-knowledge-city", date="2024",
        litres=9000, status="operational", kind="chemical_reactor",
        note="Fixture: reactor volume, kept apart from bioreactor litres.",
        source_id=FIXTURE_SOURCE,
    )
    return [[source], rates, [akeso], [single_point, chemical], [deal], [covers], [investor]]


def _hostile_rows() -> list[list[object]]:
    companies = [
        Company(id=f"hostile-{key}", name=name, kind="biotech", hq_city=name[:40],
                description=f"Description of {name}\nwith a second line\r\x07bell",
                source_id=FIXTURE_SOURCE)
        for key, name in HOSTILE_NAMES.items()
    ]
    site = Site(id="hostile-site", company_id="hostile-ansi", name=HOSTILE_NAMES["osc"],
                kind="manufacturing", status="operational", city=HOSTILE_NAMES["markup"],
                source_id=FIXTURE_SOURCE)
    capacity = CapacityPoint(company_id="hostile-ansi", site_id="hostile-site", date="2022",
                             litres=1000, status="operational", source_id=FIXTURE_SOURCE)
    drug = Drug(id="hostile-drug", name=HOSTILE_NAMES["link"], company_id="hostile-markup",
                modality="mab", phase="phase_1", targets=HOSTILE_NAMES["ansi"],
                indications=HOSTILE_NAMES["rtl"], source_id=FIXTURE_SOURCE)
    funding = Funding(company_id="hostile-emoji", date="2023-05", kind="series_a",
                      amount=1e7, currency="USD", investors=HOSTILE_NAMES["osc"],
                      source_id=FIXTURE_SOURCE)
    return [companies, [site], [capacity], [drug], [funding]]


def write_rows(path: Path, groups: list[list[object]]) -> None:
    store = Store.open_for_write(location(path))
    try:
        with store.transaction():
            for group in groups:
                store.upsert(group)  # type: ignore[arg-type]
    finally:
        store.close()


@pytest.fixture(scope="session")
def ui_csv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only the two-report dataset: the other datasets grow and would move every snapshot."""
    root = tmp_path_factory.mktemp("ui-csv")
    shutil.copytree(data_sources_dir() / "reports", root / "reports")
    return root


@pytest.fixture(scope="session")
def ui_db_template(ui_csv_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-db") / "ui.db"
    build(ui_csv_root, path)
    write_rows(path, _fixture_rows())
    return path


@pytest.fixture(scope="session")
def hostile_db_template(ui_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-db") / "hostile.db"
    shutil.copyfile(ui_db_template, path)
    write_rows(path, _hostile_rows())
    return path


@pytest.fixture
def ui_db(ui_db_template: Path, tmp_path: Path) -> Path:
    """A private copy: live-refresh tests write to it."""
    path = tmp_path / "ui.db"
    shutil.copyfile(ui_db_template, path)
    return path


@pytest.fixture
def hostile_db(hostile_db_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    shutil.copyfile(hostile_db_template, path)
    return path


AppFactory = Callable[..., BiotermApp]


@pytest.fixture
def make_app(ui_db: Path) -> Iterator[AppFactory]:
    """Build apps over a database (the ui fixture unless given), closing stores after."""
    stores: list[Store] = []

    def factory(path: Path | None = None, **kwargs: object) -> BiotermApp:
        store = Store.open(location(path or ui_db))
        stores.append(store)
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("preload", False)
        kwargs.setdefault("filter_delay", 0)  # assertions follow keystrokes at once
        return BiotermApp(store, **kwargs)  # type: ignore[arg-type]

    yield factory
    for store in stores:
        store.close()
