"""A new kind of record is one registry entry, one list spec and one small screen.

The partnerships entity below exists only in this test: declaring it must be
enough for a sixth tab, its number key, its help lines and a working list.
"""

from __future__ import annotations

import sqlite3
import sys
import types
from pathlib import Path

import pytest
from pilot_helpers import AppFactory, names, press, run, table_of

from bioterm import bindings
from bioterm.entities import REGISTRY, Column, Entity, Facet, Registry
from bioterm.enums import PartnershipKind
from bioterm.screens.help import HelpScreen
from bioterm.screens.list_screen import ListScreen
from bioterm.store import listing
from bioterm.widgets.nav_bar import NavTab

PARTNERSHIP = Entity(
    kind="partnership", table="partnerships", label="Partnership", noun="partnerships",
    section="partnerships", tab="Partnerships",
    list_screen="registry_extra.partnerships:PartnershipsScreen",
    columns=(
        Column("company", "Company", 24),
        Column("partner", "Partner", 24),
        Column("kind", "Kind", 18, "vocab", PartnershipKind),
        Column("since", "Since", 8),
    ),
    facets=(Facet("kind", "Any kind", PartnershipKind),),
    filter_hint="company or partner",
    default_sort="since",
    descending=True,
)

SPEC = listing.ListSpec(
    entity="partnerships",
    alias="p",
    joins="LEFT JOIN companies co ON co.id = p.company_id "
    "LEFT JOIN companies pa ON pa.id = p.partner_id",
    columns=(
        listing.ListColumn("company", "co.name", "p.company_id"),
        listing.ListColumn("partner", "pa.name", "p.partner_id"),
        listing.ListColumn("kind", "p.kind", "p.kind"),
        listing.ListColumn("since", "p.since", "p.since"),
    ),
    facets={"kind": "p.kind"},
    search_kind=None,
    default_sort="since",
    company_sql="p.company_id",
)


class PartnershipsScreen(ListScreen):
    kind = "partnership"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    package = types.ModuleType("registry_extra")
    module = types.ModuleType("registry_extra.partnerships")
    module.PartnershipsScreen = PartnershipsScreen  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "registry_extra", package)
    monkeypatch.setitem(sys.modules, "registry_extra.partnerships", module)
    monkeypatch.setitem(listing.SPECS, "partnerships", SPEC)
    return Registry((*REGISTRY.entities, PARTNERSHIP))


def _partnership_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM partnerships").fetchone()[0])


def test_an_entity_declared_once_gets_a_section_key_tab_and_list(
    make_app: AppFactory, registry: Registry, ui_db: Path
) -> None:
    expected = _partnership_count(ui_db)
    assert expected > 0
    key = str(len(REGISTRY.sections()) + 1)

    async def scenario() -> None:
        app = make_app(registry=registry)
        async with app.run_test(size=(120, 40)) as pilot:
            tabs = [(tab.mode, str(tab.render())) for tab in app.screen.query(NavTab)]
            assert tabs[-1] == ("partnerships", f"{key} Partnerships")
            await press(pilot, key)
            assert isinstance(app.screen, PartnershipsScreen)
            assert table_of(app).row_count == expected
            assert [c.label for c in table_of(app).display_columns][:2] == ["Company", "Partner"]
            since = names(app, column=3)
            assert since == sorted(since, reverse=True)  # the declared default order
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)

    run(scenario())


def test_help_derives_the_new_section(registry: Registry) -> None:
    text = "\n".join(
        row.keys + " " + row.description
        for _, rows in bindings.help_sections(registry) for row in rows
    )
    n = len(REGISTRY.sections()) + 1
    assert f"1 … {n}" in text and f"{n} Partnerships" in text
    assert f"1 … {n - 1}" not in text
    assert any("Partnerships" in title for title, _ in bindings.help_sections(registry))


def test_the_default_registry_is_untouched(registry: Registry) -> None:
    assert [mode for mode, _ in REGISTRY.sections()] == [
        "overview", "companies", "pipeline", "sites", "funding", "deals", "investors"]
    assert "partnership" not in REGISTRY.by_kind
