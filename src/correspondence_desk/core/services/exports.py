"""Exports as use cases: the tracker (CSV/XLSX), the calendar (.ics) and a report's progress report.

The writers live in core/exports; this service hands them the database, so the UI and the command
line ask for an export without ever holding the database layer themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from correspondence_desk.core.services.base import ServiceBase

Progress = Callable[[int, int], None]  # (rows done, rows in all)
Cancelled = Callable[[], bool]


class ExportsService(ServiceBase):
    entity = "export"

    def tracker(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> int:
        """One row per recommendation, as CSV or XLSX by the file's extension; the rows written."""
        from correspondence_desk.core.exports.tracker import export_tracker

        return export_tracker(self._db, Path(path), progress=progress, cancelled=cancelled)

    def calendar(self, path: Path, since: dt.date | None = None) -> int:
        """Response due dates and deadlines as an .ics calendar; the events written."""
        from correspondence_desk.core.exports.ics import export_calendar

        return export_calendar(self._db, Path(path), since=since)

    def progress_report(self, report_id: int) -> bytes:
        """The PDF of each recommendation's position, latest update, target date (and why it moved)
        and latest response."""
        from correspondence_desk.core.exports.progress_report import progress_report_pdf
        from correspondence_desk.core.services.reports import ReportsService
        from correspondence_desk.core.services.updates import UpdatesService

        report = ReportsService(self._db, self._actor).get(report_id)
        history = UpdatesService(self._db, self._actor).for_report(report.id)
        return progress_report_pdf(report, updates=history)
