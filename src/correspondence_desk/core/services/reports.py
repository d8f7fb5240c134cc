"""Reports and their recommendations: the report edits here; reading them in report_reading.py, the
recommendation edits in recommendation_edits.py (`ReportsService` inherits them), the shared checks
in report_rules.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.clocks import ClockChoice, due_from
from correspondence_desk.core.errors import LockedError, ValidationError
from correspondence_desk.core.records import NewRecommendation
from correspondence_desk.core.services.attachments import store_attachment
from correspondence_desk.core.services.base import (
    apply_changes,
    next_free_reference,
    require_text,
    utcnow,
)
from correspondence_desk.core.services.recommendation_edits import RecommendationEdits
from correspondence_desk.core.services.report_reading import report_detail, report_summaries, resolve_report
from correspondence_desk.core.services.report_rules import REPORT_FIELDS, check_dates, date_change_reason


class ReportsService(RecommendationEdits):
    entity = "report"

    # --- finding --------------------------------------------------------------------------------

    def resolve(self, report: int | str) -> int:
        """A report id from an id or a reference (as typed on the command line)."""
        with self._unit() as s:
            return self._resolve(s, report)

    def _resolve(self, s: Session, report: int | str) -> int:
        return resolve_report(s, report)

    def list(self, text: str = "") -> list[r.ReportSummary]:
        with self._unit() as s:
            return report_summaries(s, text)

    def get(self, report: int | str) -> r.ReportDetail:
        with self._unit() as s:
            report_id = report if isinstance(report, int) else self._resolve(s, report)
            return self._detail(s, report_id)

    def _detail(self, s: Session, report_id: int) -> r.ReportDetail:
        return report_detail(s, report_id)

    # --- reports --------------------------------------------------------------------------------

    def next_reference(self, prefix: str = "R") -> str:
        """The reference a new report would get now (a suggestion: `create` chooses its own, inside
        the saving transaction, so two colleagues saving at once never get the same one)."""
        with self._unit() as s:
            return next_free_reference(s, m.Report, prefix)

    def create(
        self,
        *,
        title: str,
        reference: str = "",
        committee: str = "",
        recommendations: Sequence[NewRecommendation] = (),
        source: tuple[str, bytes] | None = None,
        **values: Any,
    ) -> r.ReportDetail:
        """Log a report (with its recommendations and source file) in one transaction."""
        unknown = set(values) - set(REPORT_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown report field {', '.join(sorted(unknown))}.")
        values["title"] = require_text(title, "report title")
        values["reference"] = reference.strip()  # "": the next free one, chosen when saving
        clock = ClockChoice.parse(values.get("response_clock", ""))
        if clock is not None and values.get("response_due") is None:
            # a known clock code with no date given: count it from publication (else receipt)
            values["response_due"] = due_from(clock, values.get("published"), values.get("received"))
        check_dates(values)
        with self._unit() as s:
            report_id = self._insert(s, values, committee, recommendations, source)
            return self._detail(s, report_id)

    def _insert(
        self,
        s: Session,
        values: dict[str, Any],
        committee: str,
        recommendations: Sequence[NewRecommendation],
        source: tuple[str, bytes] | None,
    ) -> int:
        """Add a checked report inside the caller's transaction (also used by the import service).
        With no reference given it takes the next free one, under the write lock."""
        self._lock(s)
        if not values.get("reference"):
            values["reference"] = next_free_reference(s, m.Report, "R")  # free: no need to look again
        elif s.scalar(
            select(m.Report.id).where(func.lower(m.Report.reference) == values["reference"].lower())
        ):
            raise ValidationError(f"A report with reference {values['reference']} already exists.")
        if committee.strip():
            values["committee_id"] = self._committee_id(s, committee)
        report = m.Report(created_at=utcnow(), **values)
        if source:
            report.source_attachment_id = store_attachment(s, source[0], source[1]).id
        s.add(report)
        s.flush()
        self._add_recommendations(s, report.id, recommendations, new_report=True)
        audit = {k: v for k, v in values.items() if v not in (None, "")}
        audit["recommendations"] = len(recommendations)
        self._audit(s, "create", report.id, audit, summary=f"{report.reference} {report.title}")
        return report.id

    def _committee_id(self, s: Session, name: str) -> int:
        """The committee's id, added if new (under the write lock: two saves add it once)."""
        self._lock(s)
        name = " ".join(name.split())
        found = s.scalar(select(m.Committee.id).where(func.lower(m.Committee.name) == name.lower()))
        if found is not None:
            return found
        committee = m.Committee(name=name, kind="")
        s.add(committee)
        s.flush()
        self._audit(s, "create", committee.id, {"name": name}, summary=name, entity="committee")
        return committee.id

    def update(
        self, report_id: int, version: int | None = None, *, reason: str = "", **changes: Any
    ) -> r.ReportDetail:
        committee = changes.pop("committee", None)
        if "title" in changes:
            changes["title"] = require_text(changes["title"], "report title")
        if "reference" in changes:
            changes["reference"] = require_text(changes["reference"], "report reference")
        with self._unit() as s:
            row = self._get(s, m.Report, report_id)
            self._check_version(row, version)
            if committee is not None:
                changes["committee_id"] = self._committee_id(s, committee) if committee.strip() else None
            merged = {f: getattr(row, f) for f in ("published", "received")} | changes
            check_dates(merged)
            reason = date_change_reason(row, changes, reason)
            diff: dict[str, Any] = apply_changes(row, changes, REPORT_FIELDS)
            if diff and reason:
                diff["reason"] = reason
            if diff:
                s.flush()
                self._audit(s, "update", row.id, diff, summary=row.reference)
            return self._detail(s, row.id)

    def set_source(self, report_id: int, filename: str, data: bytes) -> r.ReportDetail:
        with self._unit() as s:
            row = self._get(s, m.Report, report_id)
            attachment = store_attachment(s, filename, data)
            row.source_attachment_id = attachment.id
            s.flush()
            self._audit(s, "update", row.id, {"source": filename}, summary=row.reference)
            return self._detail(s, row.id)

    def delete(self, report_id: int, version: int | None = None) -> None:
        with self._unit() as s:
            row = self._get(s, m.Report, report_id)
            self._check_version(row, version)
            issued = s.scalar(
                select(func.count())
                .select_from(m.Response)
                .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
                .join(m.Letter, m.Letter.id == m.Response.letter_id)
                .where(m.Recommendation.report_id == report_id, m.Letter.status == v.LetterStatus.ISSUED)
            )
            if issued:
                raise LockedError(
                    f"Report {row.reference} is answered in an issued letter and cannot be deleted."
                )
            ref = row.reference
            s.delete(row)
            s.flush()
            self._audit(s, "delete", report_id, summary=ref)
