"""Where data lives: platformdirs by default, overridden by --db or CORRESPONDENCE_DESK_DB.

Nothing here touches the disk at import; folders are created only when a database is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "CORRESPONDENCE_DESK_DB"
APP_DIR_NAME = "CorrespondenceDesk"
DB_FILENAME = "correspondence-desk.sqlite3"


def default_data_dir() -> Path:
    import platformdirs

    # "Local", not roaming, on Windows: a roaming profile copying an open SQLite file corrupts it.
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


@dataclass(frozen=True)
class DatabaseLocation:
    """A database to open: a SQLite file path, or a server URL (PostgreSQL) used as is."""

    url: str
    path: Path | None  # the SQLite file, None for a server database
    explicit: bool  # named by the user (flag or environment), not the default location

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def backup_dir(self) -> Path | None:
        return self.path.parent / "backups" if self.path else None

    def __str__(self) -> str:
        return str(self.path) if self.path else _hide_password(self.url)


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{rest.split('@', 1)[1]}"
    return url


def needs_password(url: str) -> bool:
    """A server URL as an offline copy keeps it: its password left out (`user:***@`)."""
    return ":***@" in url


def with_password(url: str, password: str | None) -> str:
    """The URL to connect with: `password` in place of the one left out (or added for the user)."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url.replace(":***@", "@")
    user = rest.split("@", 1)[0].split(":", 1)[0]
    if not password:
        return f"{scheme}{sep}{user}@{rest.split('@', 1)[1]}"
    from urllib.parse import quote

    return f"{scheme}{sep}{user}:{quote(password, safe='')}@{rest.split('@', 1)[1]}"


def location_for(value: str | os.PathLike[str]) -> DatabaseLocation:
    text = os.fspath(value)
    if "://" in text:
        if text.startswith("sqlite:///"):
            path = Path(text.removeprefix("sqlite:///")).expanduser().absolute()
            return DatabaseLocation(f"sqlite:///{path}", path, True)
        return DatabaseLocation(text, None, True)
    path = Path(text).expanduser().absolute()
    return DatabaseLocation(f"sqlite:///{path}", path, True)


def resolve_database(arg: str | None = None, environ: dict[str, str] | None = None) -> DatabaseLocation:
    """--db wins, then the environment variable, then the per-user default file."""
    env = os.environ if environ is None else environ
    if arg:
        return location_for(arg)
    if env.get(ENV_VAR):
        return location_for(env[ENV_VAR])
    path = default_data_dir() / DB_FILENAME
    return DatabaseLocation(f"sqlite:///{path}", path, False)
