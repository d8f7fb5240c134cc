"""Backing up and checking the open database, as the Tools menu and the command line ask for them."""

from __future__ import annotations

from pathlib import Path

from correspondence_desk.core.checking import CheckResult
from correspondence_desk.core.db import backup_database, check_database
from correspondence_desk.core.services.base import ServiceBase


class HousekeepingService(ServiceBase):
    entity = "database"

    def backup(self, dest: Path | None = None) -> Path:
        """A verified copy of the database in `dest` (a file or folder; default: backups/ beside it)."""
        return backup_database(self._db, dest)

    def check(self) -> CheckResult:
        """The integrity and link checks (and, where the database keeps them, its records' seals)."""
        return check_database(self._db.location)
