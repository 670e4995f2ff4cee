"""The exact counts a list has made, so a new order or a cleared filter need not count again.

Counting a common filter at scale takes up to a second, in a worker, while the
table shows what its first page proves ("100+ drugs, counting…"). A new sort
keeps the same rows in another order, and clearing a filter goes back to rows
counted before: both counts are known. Showing them at once also keeps the
table's size and the count's width as they were, so the screen needs no new
layout.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from bioterm.store import ListQuery

KEPT = 32


def counted_part(query: ListQuery) -> Hashable:
    """What a query's count depends on: everything but its order."""
    return (query.text.strip(), tuple(sorted(query.facets.items())), query.company_id,
            query.watched_only, query.groups, query.today, query.capacity_kind)


class KnownCounts:
    """Exact counts by what they counted, until the data changes (`forget`)."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._counts: OrderedDict[Hashable, int] = OrderedDict()

    def remember(self, query: ListQuery, count: int) -> None:
        key = counted_part(query)
        self._counts[key] = count
        self._counts.move_to_end(key)
        while len(self._counts) > self._kept:
            self._counts.popitem(last=False)

    def get(self, query: ListQuery) -> int | None:
        return self._counts.get(counted_part(query))

    def forget(self) -> None:
        self._counts.clear()
