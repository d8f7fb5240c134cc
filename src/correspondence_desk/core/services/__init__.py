"""Use cases, one module per family. `Services` bundles them over one open database.

Each service is built, and its module imported, on first use: a command that only renders a letter
should not pay for the report parser, the bank-holiday tables or the search code at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from correspondence_desk.core.db import Database

if TYPE_CHECKING:
    from correspondence_desk.core.offline.sealing import OpenedCopy
    from correspondence_desk.core.records import DemoResult
    from correspondence_desk.core.services.attachments import AttachmentsService
    from correspondence_desk.core.services.audit import AuditService
    from correspondence_desk.core.services.clearance import ClearanceService
    from correspondence_desk.core.services.colleagues import ColleaguesService
    from correspondence_desk.core.services.composing import ComposingService
    from correspondence_desk.core.services.dashboard import DashboardService
    from correspondence_desk.core.services.directory import (
        BodiesService,
        CommitteesService,
        ContactsService,
        StandardLinesService,
    )
    from correspondence_desk.core.services.emailing import EmailingService
    from correspondence_desk.core.services.expected import ExpectedService
    from correspondence_desk.core.services.exports import ExportsService
    from correspondence_desk.core.services.housekeeping import HousekeepingService
    from correspondence_desk.core.services.importing import ImportService
    from correspondence_desk.core.services.letterhead import LetterheadService
    from correspondence_desk.core.services.letters import LettersService
    from correspondence_desk.core.services.office import OfficeSettingsService
    from correspondence_desk.core.services.offline import OfflineService
    from correspondence_desk.core.services.prints import PrintsService
    from correspondence_desk.core.services.reports import ReportsService
    from correspondence_desk.core.services.search import SearchService
    from correspondence_desk.core.services.settings import SettingsService
    from correspondence_desk.core.services.updates import UpdatesService

__all__ = ["Services"]


class Services:
    """Every service over one database, acting as one OS user (for the audit log)."""

    def __init__(self, db: Database, actor: str | None = None) -> None:
        self.db = db
        self._actor = actor
        self._on_close: list[Callable[[], object]] = []
        self.shown_location = ""  # what to call it when `location` is a decrypted temporary file
        self.sealed_copy: OpenedCopy | None = None  # set when this desk is a sealed offline copy, open

    @cached_property
    def bodies(self) -> BodiesService:
        from correspondence_desk.core.services.directory import BodiesService

        return BodiesService(self.db, self._actor)

    @cached_property
    def contacts(self) -> ContactsService:
        from correspondence_desk.core.services.directory import ContactsService

        return ContactsService(self.db, self._actor)

    @cached_property
    def committees(self) -> CommitteesService:
        from correspondence_desk.core.services.directory import CommitteesService

        return CommitteesService(self.db, self._actor)

    @cached_property
    def standard_lines(self) -> StandardLinesService:
        from correspondence_desk.core.services.directory import StandardLinesService

        return StandardLinesService(self.db, self._actor)

    @cached_property
    def reports(self) -> ReportsService:
        from correspondence_desk.core.services.reports import ReportsService

        return ReportsService(self.db, self._actor)

    @cached_property
    def letters(self) -> LettersService:
        from correspondence_desk.core.services.letters import LettersService

        return LettersService(self.db, self._actor)

    @cached_property
    def attachments(self) -> AttachmentsService:
        from correspondence_desk.core.services.attachments import AttachmentsService

        return AttachmentsService(self.db, self._actor)

    @cached_property
    def emailing(self) -> EmailingService:
        from correspondence_desk.core.services.emailing import EmailingService

        return EmailingService(self.db, self._actor)

    @cached_property
    def audit(self) -> AuditService:
        from correspondence_desk.core.services.audit import AuditService

        return AuditService(self.db, self._actor)

    @cached_property
    def search(self) -> SearchService:
        from correspondence_desk.core.services.search import SearchService

        return SearchService(self.db, self._actor)

    @cached_property
    def dashboard(self) -> DashboardService:
        from correspondence_desk.core.services.dashboard import DashboardService

        return DashboardService(self.db, self._actor)

    @cached_property
    def composing(self) -> ComposingService:
        from correspondence_desk.core.services.composing import ComposingService

        return ComposingService(self)  # builds on the services above

    @cached_property
    def importing(self) -> ImportService:
        from correspondence_desk.core.services.importing import ImportService

        return ImportService(self.db, self._actor)

    @cached_property
    def exports(self) -> ExportsService:
        from correspondence_desk.core.services.exports import ExportsService

        return ExportsService(self.db, self._actor)

    @cached_property
    def housekeeping(self) -> HousekeepingService:
        from correspondence_desk.core.services.housekeeping import HousekeepingService

        return HousekeepingService(self.db, self._actor)

    @cached_property
    def letterhead(self) -> LetterheadService:
        from correspondence_desk.core.services.letterhead import LetterheadService

        return LetterheadService(self.db, self._actor)

    @cached_property
    def prints(self) -> PrintsService:
        from correspondence_desk.core.services.prints import PrintsService

        return PrintsService(self.db, self._actor)

    @cached_property
    def updates(self) -> UpdatesService:
        from correspondence_desk.core.services.updates import UpdatesService

        return UpdatesService(self.db, self._actor)

    @cached_property
    def settings(self) -> SettingsService:
        from correspondence_desk.core.services.settings import SettingsService

        return SettingsService(self.db, self._actor)

    @cached_property
    def colleagues(self) -> ColleaguesService:
        from correspondence_desk.core.services.colleagues import ColleaguesService

        return ColleaguesService(self.db, self._actor)

    @cached_property
    def clearance(self) -> ClearanceService:
        from correspondence_desk.core.services.clearance import ClearanceService

        return ClearanceService(self.db, self._actor)

    @cached_property
    def office(self) -> OfficeSettingsService:
        from correspondence_desk.core.services.office import OfficeSettingsService

        return OfficeSettingsService(self.db, self._actor)

    @cached_property
    def expected(self) -> ExpectedService:
        from correspondence_desk.core.services.expected import ExpectedService

        return ExpectedService(self.db, self._actor)

    @cached_property
    def offline(self) -> OfflineService:
        from correspondence_desk.core.services.offline import OfflineService

        return OfflineService(self.db, self._actor)

    def load_demo(self) -> DemoResult:
        """Add the fictional example (bodies, contacts, a report, a draft letter) unless it is there."""
        from correspondence_desk.core.services.demo import load_demo

        return load_demo(self)

    @property
    def read_only(self) -> bool:
        """Open read-only (read-only media, file or folder, or a read-only database role)."""
        return self.db.read_only

    @property
    def read_only_reason(self) -> str:
        """Why, in words, for a banner ("… is on read-only media"); "" when writable."""
        return self.db.read_only_reason

    @property
    def is_sqlite(self) -> bool:
        return self.db.location.is_sqlite

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for a server database)."""
        return self.db.location.path

    @property
    def location(self) -> str:
        return self.shown_location or str(self.db.location)

    def when_committed(self, callback: Callable[[], object]) -> None:
        """Run `callback` (on the committing thread) as each transaction commits."""
        self.db.when_committed(callback)

    def when_closed(self, callback: Callable[[], object]) -> None:
        """Run `callback` after the database is closed (a sealed copy is sealed again then)."""
        self._on_close.append(callback)

    def close(self) -> None:
        self.db.close()
        callbacks, self._on_close = self._on_close, []
        for callback in callbacks:
            callback()
