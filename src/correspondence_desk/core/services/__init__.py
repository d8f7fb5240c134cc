"""Use cases, one module per family. `Services` bundles them over one open database."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from correspondence_desk.core.db import Database
from correspondence_desk.core.services.attachments import AttachmentsService
from correspondence_desk.core.services.audit import AuditService
from correspondence_desk.core.services.composing import ComposingService
from correspondence_desk.core.services.dashboard import DashboardService
from correspondence_desk.core.services.directory import (
    BodiesService,
    CommitteesService,
    ContactsService,
    StandardLinesService,
)
from correspondence_desk.core.services.letters import LettersService, NewResponse
from correspondence_desk.core.services.reports import Addressee, NewRecommendation, ReportsService
from correspondence_desk.core.services.search import SearchService

if TYPE_CHECKING:
    from correspondence_desk.core.services.importing import ImportService

__all__ = ["Addressee", "NewRecommendation", "NewResponse", "Services"]


class Services:
    """Every service over one database, acting as one OS user (for the audit log)."""

    def __init__(self, db: Database, actor: str | None = None) -> None:
        self.db = db
        self._actor = actor
        self.bodies = BodiesService(db, actor)
        self.contacts = ContactsService(db, actor)
        self.committees = CommitteesService(db, actor)
        self.standard_lines = StandardLinesService(db, actor)
        self.reports = ReportsService(db, actor)
        self.letters = LettersService(db, actor)
        self.attachments = AttachmentsService(db, actor)
        self.audit = AuditService(db, actor)
        self.search = SearchService(db, actor)
        self.dashboard = DashboardService(db, actor)
        self.composing = ComposingService(self)  # builds on the services above

    @functools.cached_property
    def importing(self) -> ImportService:
        # imported on first use: the report parser behind it is a large part of the start-up
        # of commands that never import (render, issue, the lists)
        from correspondence_desk.core.services.importing import ImportService

        return ImportService(self.db, self._actor)

    @property
    def location(self) -> str:
        return str(self.db.location)

    def close(self) -> None:
        self.db.close()
