"""A large synthetic database with the real schema, for benchmarks and scale tests.

Tooling, not part of the dashboard: it writes through the store's `FreshLoad`,
so every row, search entry and summary is what the store itself would write.
"""

from bioterm.synthetic.generate import generate, planned_counts
from bioterm.synthetic.vocabulary import PUBLISHER

__all__ = ["PUBLISHER", "generate", "planned_counts"]
