"""The command line's composition root: the one cli module that opens the database (core.db), builds
the services, and backs up, restores and checks through core.db.

Every other cli module is handed a `Desk` and asks it for the services; none imports the database
layer (the import-linter contract in pyproject.toml names this module as the only exception).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from correspondence_desk.paths import resolve_database

if TYPE_CHECKING:
    from correspondence_desk.core.checking import CheckResult
    from correspondence_desk.core.offline.records import CheckinPlan, CheckoutResult
    from correspondence_desk.core.services import Services


class Desk:
    """The database a command line names (--db, else $CORRESPONDENCE_DESK_DB, else the per-user file).

    Nothing is opened until a command asks, so a mistake found first (a bad date, a missing file)
    creates and touches nothing.
    """

    def __init__(self, db_arg: str | None, *, unsealed_work: str | None = None) -> None:
        self.location = resolve_database(db_arg)
        self.unsealed_work = unsealed_work  # --unsealed-work: "recover" or "discard" a crash's leftover

    def exists(self) -> bool:
        """Is there a database to open (a server database is assumed to be there)?"""
        return self.location.path is None or self.location.path.exists()

    @contextlib.contextmanager
    def services(self, *, create: bool = False, writes: bool = False) -> Iterator[Services]:
        """The services over the opened database, closed whatever happens.

        The per-user default is created on first use; a database the user names must exist unless
        the command is one that creates (demo, import-report). A command that only reads never
        creates a schema and never upgrades a server's (that is for a command that writes, or the
        owner); a local file is upgraded after a backup, as the app does, and says so.
        """
        from correspondence_desk.core.db import open_for_command
        from correspondence_desk.core.offline import sealing
        from correspondence_desk.core.services import Services

        location, opened = self.location, None
        if location.path is not None and sealing.is_sealed(location.path):
            # a sealed offline copy: work on it decrypted in a private folder, sealed again after
            from correspondence_desk.cli.offline import passphrase_for
            from correspondence_desk.paths import location_for

            opened = self._open_sealed(location.path, passphrase_for(location.path))
            location = location_for(opened.work_path)
        try:
            db = open_for_command(location, writes=create or writes)
            if db.upgrade_note and db.migrated_from is not None:  # an upgrade (a new file is no news)
                print(db.upgrade_note, file=sys.stderr)
            services = Services(db)
            try:
                yield services
            finally:
                services.close()
        finally:
            if opened is not None:
                opened.close()

    def _open_sealed(self, path: Path, passphrase: str) -> Any:
        from correspondence_desk.core.errors import DeskError, UnsealedWorkFound
        from correspondence_desk.core.offline import sealing

        try:
            opened = sealing.open_sealed(path, passphrase, leftover=self.unsealed_work or sealing.ASK)
        except UnsealedWorkFound as exc:
            raise DeskError(
                f"{exc} Run the command again with --unsealed-work recover to keep them (sealed into "
                "the copy), or --unsealed-work discard to drop them."
            ) from exc
        if opened.recovered:
            print(
                f"Recovered the changes left unsealed in {path}; they are sealed in it now.", file=sys.stderr
            )
        return opened

    def backup(self, dest: Path | None) -> Path:
        """A verified copy at `dest` (None: the backups folder beside the database); its path."""
        from correspondence_desk.core.db import backup_database

        with self.services() as services:
            return backup_database(services.db, dest)

    def restore(self, source: Path) -> Path | None:
        """Replace the database with a verified backup; the safety copy of the one replaced, if any."""
        from correspondence_desk.core.db import restore_database

        return restore_database(self.location, source)

    def setup_server(self, url: str) -> list[str]:
        """Make the shared database's roles and schema at `url` (its administrator's URL)."""
        from correspondence_desk.core.postgres import setup_server

        return setup_server(url).lines()

    def copy_to(self, url: str) -> list[str]:
        """Copy this (local) desk into the empty shared database at `url`, verified."""
        from correspondence_desk.core.copying import copy_to

        return copy_to(self.location, url).lines()

    def check(self) -> CheckResult:
        """Integrity, foreign keys and schema version, read-only (a damaged file is not opened)."""
        from correspondence_desk.core.db import check_database

        return check_database(self.location)

    # --- offline copies (core/offline): the copy and the server are both opened here -------------

    @contextlib.contextmanager
    def _server(self, url: str) -> Iterator[Services]:
        from correspondence_desk.core.db import open_database
        from correspondence_desk.core.services import Services
        from correspondence_desk.paths import location_for

        db = open_database(location_for(url), create=False, migrate=True)
        services = Services(db)
        try:
            yield services
        finally:
            services.close()

    def marked_letters(self, url: str, reports: list[str]) -> int:
        """How many letters a copy of `reports` would hold that carry a protective marking."""
        from correspondence_desk.core.offline.checkout import marked_letters

        with self._server(url) as server:
            return marked_letters(server.db, reports)

    def checkout(self, url: str, out: Path, reports: list[str], passphrase: str | None) -> CheckoutResult:
        """Take `reports` (none: every open one) from the server at `url` into the new file `out`."""
        from correspondence_desk.core.offline.checkout import checkout

        with self._server(url) as server:
            return checkout(server.db, out, reports=reports, passphrase=passphrase)

    def checkin(
        self, copy: Path, url: str, *, dry_run: bool, resolutions: dict[str, Any], passphrase: str | None
    ) -> CheckinPlan:
        """Bring the offline copy at `copy` back into the server at `url`."""
        from correspondence_desk.core.errors import DeskError, UnsealedWorkFound
        from correspondence_desk.core.offline import sealing
        from correspondence_desk.core.offline.checkin import checkin

        leftover = self.unsealed_work or sealing.ASK
        with self._server(url) as server:
            try:
                return checkin(
                    copy, server.db, dry_run=dry_run, resolutions=resolutions, passphrase=passphrase,
                    leftover=leftover,
                )  # fmt: skip
            except UnsealedWorkFound as exc:
                raise DeskError(
                    f"{exc} Nothing was brought back: run it again with --unsealed-work recover to "
                    "bring them back too, or --unsealed-work discard to leave them out."
                ) from exc
