"""Which database file bioterm reads and writes.

Reading: --db, else BIOTERM_DB, else the user database if it exists, else the
bundled one (read-only). Writing: the same, except that the bundled file is
never written — the first write copies it to the user location.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

ENV_VAR = "BIOTERM_DB"
DB_FILENAME = "bioterm.db"


class Origin(StrEnum):
    OPTION = "--db"
    ENVIRONMENT = ENV_VAR
    USER = "user database"
    BUNDLED = "bundled database"


@dataclass(frozen=True)
class DbLocation:
    path: Path
    origin: Origin

    @property
    def is_bundled(self) -> bool:
        return self.origin is Origin.BUNDLED

    def describe(self) -> str:
        return f"{self.path} ({self.origin.value})"


def bundled_db_path() -> Path:
    return Path(str(resources.files("bioterm") / "data" / DB_FILENAME))


def data_sources_dir() -> Path:
    """The readable CSV files the bundled database is built from."""
    return Path(str(resources.files("bioterm") / "data" / "csv"))


def user_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("bioterm", appauthor=False)) / DB_FILENAME


def keymap_path() -> Path:
    """The user's keymap file (bioterm.keymap), in the platform's config folder."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("bioterm", appauthor=False)) / "keymap.toml"


def view_prefs_path() -> Path:
    """The user's list layout (bioterm.view_prefs): hidden columns, the detail pane."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("bioterm", appauthor=False)) / "view.json"


def resolve_read(option: str | os.PathLike[str] | None = None) -> DbLocation:
    if option:
        return DbLocation(Path(option).expanduser(), Origin.OPTION)
    env = os.environ.get(ENV_VAR)
    if env:
        return DbLocation(Path(env).expanduser(), Origin.ENVIRONMENT)
    user = user_db_path()
    if user.exists():
        return DbLocation(user, Origin.USER)
    return DbLocation(bundled_db_path(), Origin.BUNDLED)


def resolve_write(option: str | os.PathLike[str] | None = None) -> DbLocation:
    """Where a write goes; the bundled file is replaced by the user location."""
    return write_location_for(resolve_read(option))


def write_location_for(location: DbLocation) -> DbLocation:
    """Where writes go when `location` is the one being read."""
    if location.is_bundled:
        return DbLocation(user_db_path(), Origin.USER)
    return location
