"""bioterm: a terminal dashboard for tracking the biopharma industry."""

__version__ = "0.1.0"
