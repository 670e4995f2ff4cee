"""A list chart's title: what it shows, and of which rows."""

from __future__ import annotations

from bioterm.store import ListQuery


def chart_title(subject: str, noun: str, query: ListQuery) -> str:
    """"Funding per year, US$ · all rounds", or "… · the rounds listed" once the
    filter, facets, ★ only or a group narrow the list (the chart follows them)."""
    return f"{subject} · {'the ' + noun + ' listed' if query.narrowed else 'all ' + noun}"
