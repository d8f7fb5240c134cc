"""When a report's late response is now expected, and why: what a holding letter tells the committee.

The report's own response due date is the date the committee set and is never moved by this; each
new expected date is a row of its own (the latest is current), so the history stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.services.base import ServiceBase, require_text, utcnow


def record_expected(
    service: ServiceBase,
    s: Session,
    report_id: int,
    expected: dt.date,
    reason: str,
    letter_id: int | None = None,
) -> None:
    """Add a new expected date for the report's response, inside the caller's transaction."""
    report = service._get(s, m.Report, report_id, "report")
    if not isinstance(expected, dt.date):
        raise ValidationError("The new expected date must be a date.")
    reason = require_text(reason, "reason for the delay")
    if report.response_due is not None and expected <= report.response_due:
        raise ValidationError(
            f"The new expected date ({expected:%d/%m/%Y}) must be after the date the response was due "
            f"({report.response_due:%d/%m/%Y}): a holding letter says the response will be late."
        )
    s.add(
        m.ExpectedResponse(
            report_id=report.id,
            expected=expected,
            reason=reason,
            letter_id=letter_id,
            recorded_at=utcnow(),
            login=service._actor,
        )
    )
    s.flush()
    service._audit(
        s,
        "expected",
        report.id,
        {"expected": expected, "reason": reason, "response_due": report.response_due},
        summary=f"{report.reference}: response now expected by {expected:%d/%m/%Y}",
        entity="report",
    )


def latest_expected(
    s: Session, report_ids: Iterable[int] | None = None
) -> dict[int, r.ExpectedResponseRecord]:
    """Each report's current expected date (the latest recorded), in one query."""
    latest = select(func.max(m.ExpectedResponse.id)).group_by(m.ExpectedResponse.report_id)
    if report_ids is not None:
        latest = latest.where(m.ExpectedResponse.report_id.in_(list(report_ids)))
    rows = s.execute(
        select(m.ExpectedResponse, m.Letter.reference)
        .outerjoin(m.Letter, m.Letter.id == m.ExpectedResponse.letter_id)
        .where(m.ExpectedResponse.id.in_(latest))
    )
    return {
        row.report_id: r.ExpectedResponseRecord(
            report_id=row.report_id,
            expected=row.expected,
            reason=row.reason,
            letter_reference=reference or "",
            recorded_at=row.recorded_at,
            login=row.login,
        )
        for row, reference in rows
    }


class ExpectedService(ServiceBase):
    entity = "report"

    def record(
        self, report_id: int, expected: dt.date, reason: str, letter_id: int | None = None
    ) -> r.ExpectedResponseRecord:
        with self._unit() as s:
            record_expected(self, s, report_id, expected, reason, letter_id)
            return latest_expected(s, [report_id])[report_id]

    def current(self, report_id: int) -> r.ExpectedResponseRecord | None:
        with self._unit() as s:
            return latest_expected(s, [report_id]).get(report_id)

    def history(self, report_id: int) -> list[r.ExpectedResponseRecord]:
        with self._unit() as s:
            rows = s.execute(
                select(m.ExpectedResponse, m.Letter.reference)
                .outerjoin(m.Letter, m.Letter.id == m.ExpectedResponse.letter_id)
                .where(m.ExpectedResponse.report_id == report_id)
                .order_by(m.ExpectedResponse.id)
            )
            return [
                r.ExpectedResponseRecord(
                    row.report_id, row.expected, row.reason, reference or "", row.recorded_at, row.login
                )
                for row, reference in rows
            ]
