"""`bioterm config`: where the user's keymap lives, and the keys it can change."""

from __future__ import annotations

import click

from bioterm.cli_support import friendly


@click.group()
def config() -> None:
    """Your own settings: the keymap file and the binding ids it maps to keys."""


@config.command("path")
@friendly
def config_path() -> None:
    """Print where the keymap file is read from (it need not exist)."""
    from bioterm.paths import keymap_path

    click.echo(str(keymap_path()))


@config.command("keys")
@friendly
def config_keys() -> None:
    """List every binding id with the keys in force and what it does.

    A line `record.watch = "W"` in the keymap file (see `bioterm config path`)
    moves that binding to W; the dashboard checks the file when it starts.
    """
    from bioterm import bindings
    from bioterm.keymap import load
    from bioterm.paths import keymap_path

    path = keymap_path()
    keymap = load(path, bindings.CONTEXTS)
    if keymap.warning:
        click.echo(f"warning: {keymap.warning}", err=True)
    seen: set[str] = set()
    for place, group in bindings.CONTEXTS.items():
        for binding in group:
            if not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            keys = keymap.keys.get(binding.id, binding.key)
            what = binding.tooltip or binding.description
            where = "everywhere" if binding in bindings.GLOBAL else place
            click.echo(f"{binding.id:<20} {keys:<18} {what} ({where})")
