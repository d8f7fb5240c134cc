"""Progress updates: record one, read a recommendation's history, and see which are due.

The rules of the history (never overwritten, the latest is the current state, a moved target needs
a reason, completion keeps its date) are in progress_history.py; what is due in updates_due.py; the
owners' round-trip workbook in update_workbooks.py. Each call that writes is one transaction with
its audit event; every call returns frozen records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase
from correspondence_desk.core.services.progress_history import (
    KEEP,
    Target,
    append_update,
    audit_changes,
    update_summary,
)
from correspondence_desk.core.services.report_reading import resolve_recommendation, resolve_report

ITEMS_SHOWN = 50


class UpdatesService(ServiceBase):
    entity = "progress update"

    # --- recording ------------------------------------------------------------------------------

    def record(
        self,
        recommendation: int | str,
        *,
        progress: v.Progress | None,
        text: str = "",
        target_date: Target = KEEP,
        reason: str = "",
        owner: str | None = None,
        update_date: dt.date | None = None,
        version: int | None = None,
        today: dt.date | None = None,
    ) -> r.ProgressUpdateRecord:
        """Record one update (progress None: unchanged; target KEEP: unchanged, None: cleared)."""
        with self._unit() as s:
            rec_id = resolve_recommendation(s, recommendation)
            rec = self._get(s, m.Recommendation, rec_id, "recommendation")
            self._check_version(rec, version, "recommendation")
            if progress is None and rec.progress is None:
                raise ValidationError("Give the progress (red, amber, green or complete).")
            row = append_update(
                s,
                rec,
                recorded_by=self._actor,
                progress=progress,
                text=text,
                target_date=target_date,
                reason=reason,
                owner=owner,
                update_date=update_date,
                today=today,
            )
            self._audit(s, "create", row.id, audit_changes(row), summary=update_summary(rec, row))
            return convert.progress_update(row)

    # --- reading --------------------------------------------------------------------------------

    def history(self, recommendation: int | str) -> tuple[r.ProgressUpdateRecord, ...]:
        """Every update of one recommendation, oldest first (the last is its current state)."""
        with self._unit() as s:
            rec_id = resolve_recommendation(s, recommendation)
            rows = s.scalars(
                select(m.ProgressUpdate)
                .where(m.ProgressUpdate.recommendation_id == rec_id)
                .order_by(m.ProgressUpdate.update_date, m.ProgressUpdate.id)
            )
            return tuple(convert.progress_update(x) for x in rows)

    def for_report(self, report: int | str) -> dict[int, tuple[r.ProgressUpdateRecord, ...]]:
        """Each recommendation of a report (by id) with its updates, oldest first; [] when none."""
        with self._unit() as s:
            report_id = resolve_report(s, report)
            ids = s.scalars(
                select(m.Recommendation.id)
                .where(m.Recommendation.report_id == report_id)
                .order_by(m.Recommendation.sort_order)
            ).all()
            found: dict[int, list[r.ProgressUpdateRecord]] = {rec_id: [] for rec_id in ids}
            rows = s.scalars(
                select(m.ProgressUpdate)
                .join(m.Recommendation, m.Recommendation.id == m.ProgressUpdate.recommendation_id)
                .where(m.Recommendation.report_id == report_id)
                .order_by(m.ProgressUpdate.update_date, m.ProgressUpdate.id)
            )
            for row in rows:
                found[row.recommendation_id].append(convert.progress_update(row))
            return {rec_id: tuple(items) for rec_id, items in found.items()}

    # --- what is due ----------------------------------------------------------------------------

    def due(
        self, today: dt.date | None = None, within: int = v.DUE_SOON_DAYS, shown: int | None = ITEMS_SHOWN
    ) -> r.UpdatesDue:
        """Updates overdue and due within `within` days (the first `shown` of each, None: all), the
        longest overdue first, and the owners behind on them."""
        from correspondence_desk.core.services.settings import read_settings
        from correspondence_desk.core.services.updates_due import updates_due

        with self._unit() as s:
            every = read_settings(s).update_every_months
            return updates_due(s, today or dt.date.today(), every, within, shown)

    def overdue(self, today: dt.date | None = None) -> tuple[r.UpdateDue, ...]:
        """Every recommendation whose update is overdue, the longest overdue first."""
        return self.due(today, within=0, shown=None).overdue

    def owners_overdue(self, today: dt.date | None = None) -> tuple[r.OwnerOverdue, ...]:
        """The owners with overdue updates, the most overdue first."""
        return self.due(today, within=0, shown=0).owners

    # --- the owners' round-trip workbook (update_workbooks.py) ------------------------------------

    def owners(self) -> tuple[str, ...]:
        """Who owns open recommendations, as the workbook names them ("" last: nobody)."""
        from correspondence_desk.core.services.update_workbooks import open_owners

        with self._unit() as s:
            return open_owners(s)

    def export_workbook(
        self, path: Path, owner: str | None = None, today: dt.date | None = None
    ) -> r.WorkbookExport:
        """An .xlsx of open recommendations for one owner (None: every owner, a sheet each)."""
        from correspondence_desk.core.services.update_workbooks import export_workbook

        return export_workbook(self, Path(path), owner, today or dt.date.today())

    def import_workbook(
        self, path: Path, *, dry_run: bool = False, today: dt.date | None = None
    ) -> r.WorkbookReview:
        """Check every row of a returned workbook; unless `dry_run`, and only when no row has a
        problem, add its new updates (a row imported before is not added again)."""
        from correspondence_desk.core.services.update_workbooks import import_workbook

        return import_workbook(self, Path(path), dry_run=dry_run, today=today or dt.date.today())
