"""Keys of one's own: the keymap file is checked as a whole, applied through
Textual's keymap, and shown by the help; a bad file warns once and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pilot_helpers import AppFactory, names, plain, press, run

from bioterm import bindings
from bioterm.keymap import Keymap, key_name, load, parse
from bioterm.screens.help import HelpScreen

CONTEXTS = bindings.CONTEXTS


def test_the_default_keys_do_not_clash_and_every_binding_has_a_unique_id() -> None:
    assert parse("", CONTEXTS) == Keymap()
    ids = [b.id for group in CONTEXTS.values() for b in group]
    assert all(ids)
    # One id is one binding: copies shown differently (a footer) share key and action.
    by_id: dict[str, tuple[str, str]] = {}
    for group in CONTEXTS.values():
        for binding in group:
            meaning = (binding.key, binding.action)
            assert by_id.setdefault(binding.id or "", meaning) == meaning, binding.id


def test_ids_map_to_keys_in_flat_or_nested_form() -> None:
    text = 'record.watch = "W"\n[table]\nsort = "S"\n[section]\ndeals = "!"\n'
    assert parse(text, CONTEXTS) == Keymap(
        {"record.watch": "W", "table.sort": "S", "section.deals": "exclamation_mark"})
    clash = parse('section.deals = "?"\n', CONTEXTS).warning or ""
    assert clash.count("would mean both") == 1
    # One clash, named once with every place it would bite.
    assert "section.deals and app.help (lists, detail views, the overview" in clash


def test_a_file_that_cannot_be_used_is_set_aside_whole_with_every_reason() -> None:
    found = parse('record.watch = "s"\nno.such = "z"\n', CONTEXTS)
    assert found.keys == {}
    assert found.warning is not None
    assert "unknown binding id “no.such”" in found.warning
    assert "“s” would mean both record.watch and table.sort (lists)" in found.warning
    assert found.warning.endswith("Using the default keys.")
    not_toml = parse("record.watch = ", CONTEXTS)
    assert not_toml.keys == {} and "is not valid TOML" in (not_toml.warning or "")
    not_a_key = parse('record.watch = "ctrl+"\n', CONTEXTS)
    assert "is not a key" in (not_a_key.warning or "")
    assert parse("record.watch = 5\n", CONTEXTS).keys == {}


@given(st.text(max_size=200))
def test_any_text_gives_a_keymap_or_a_warning_never_an_error(text: str) -> None:
    found = parse(text, CONTEXTS)
    assert (found.warning is None) or found.keys == {}


def test_single_characters_are_named_as_textual_names_them() -> None:
    assert key_name("/") == "slash" and key_name("W") == "W" and key_name("ctrl+s") == "ctrl+s"
    assert key_name("ctrl+") is None and key_name("") is None


def test_a_missing_file_is_no_change_and_an_unreadable_one_warns(tmp_path: Path) -> None:
    assert load(tmp_path / "keymap.toml", CONTEXTS) == Keymap()
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe")
    assert "could not be read" in (load(bad, CONTEXTS).warning or "")


def test_the_dashboard_answers_the_users_keys_and_the_help_shows_them(
    make_app: AppFactory, ui_db: Path
) -> None:
    async def scenario() -> None:
        app = make_app(keymap=Keymap({"record.watch": "W", "section.deals": "d"}))
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "2", "w")
            with sqlite3.connect(ui_db) as conn:
                assert conn.execute("SELECT count(*) FROM watchlist").fetchone()[0] == 0
            await press(pilot, "W")
            assert names(app)[0].startswith("★ ")
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            shown = plain(app.screen.query_one("#help-table"))
            assert "W " in shown.split("Watch the record")[0].splitlines()[-1]
            assert "d Deals" in shown
            await press(pilot, "escape", "d")
            assert app.current_mode == "deals"

    run(scenario())


def test_a_bad_keymap_warns_once_on_start(make_app: AppFactory) -> None:
    async def scenario() -> None:
        app = make_app(keymap=parse('no.such = "z"\n', CONTEXTS, "keymap.toml"))
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, "2")
            warnings = [n for n in app._notifications if n.title == "Your keymap"]
            assert len(warnings) == 1 and "no.such" in warnings[0].message
            await press(pilot, "w")  # the default keys work
            assert names(app)[0].startswith("★ ")

    run(scenario())
