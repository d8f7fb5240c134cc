"""What the letters and issuing services share: finding a letter, reading it whole, refusing to change
an issued one, and marking a report answered once an issued letter answers all of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import ConflictError, LockedError, NotFoundError, ValidationError
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase
from correspondence_desk.core.vocabulary import AnnexLayout

LETTER_FIELDS = (
    "reference",
    "letter_date",
    "sender_id",
    "recipient_id",
    "subject",
    "salutation",
    "body",
    "closing",
    "copy_list",
    "marking",
    "annex_layout",
    "status",
    "updates_since",
)


def check_letter_values(values: dict[str, Any]) -> None:
    if "letter_date" in values and not (
        values["letter_date"] is None or isinstance(values["letter_date"], dt.date)
    ):
        raise ValidationError("The letter date must be a date.")
    if "annex_layout" in values:
        try:
            values["annex_layout"] = AnnexLayout(values["annex_layout"])
        except ValueError:
            raise ValidationError("The annex layout is either “list” or “table”.") from None
    if "updates_since" in values and not (
        values["updates_since"] is None or isinstance(values["updates_since"], dt.date)
    ):
        raise ValidationError("The date progress updates are reported from must be a date.")
    if values.get("status") == v.LetterStatus.ISSUED:
        raise ValidationError("Use “Issue letter” to issue a letter.")
    if values.get("status") in v.CLEARANCE_STATUSES:
        raise ValidationError("A letter's clearance route sets its status: send it for clearance instead.")
    if "kind" in values:
        try:
            values["kind"] = v.LetterKind(values["kind"])
        except ValueError:
            kinds = ", ".join(k.value for k in v.LetterKind)
            raise ValidationError(
                f"“{values['kind']}” is not a kind of letter (the kinds: {kinds})."
            ) from None


def response_name(resp: m.Response) -> str:
    """How a message names a response: by the recommendation it answers."""
    return f"Recommendation {resp.recommendation.label}’s response"


class LetterRows(ServiceBase):
    entity = "letter"

    def _resolve(self, s: Session, letter: int | str) -> int:
        if isinstance(letter, int):
            if s.get(m.Letter, letter) is None:
                raise NotFoundError(f"There is no letter with id {letter}.")
            return letter
        text = letter.strip()
        found = s.scalar(select(m.Letter.id).where(func.lower(m.Letter.reference) == text.lower()))
        if found is None and text.isdigit():
            found = s.scalar(select(m.Letter.id).where(m.Letter.id == int(text)))
        if found is None:
            raise NotFoundError(f"There is no letter with reference or id “{text}”.")
        return found

    def _detail(self, s: Session, letter_id: int) -> r.LetterDetail:
        row = s.scalars(
            select(m.Letter)
            .where(m.Letter.id == letter_id)
            .options(
                selectinload(m.Letter.responses)
                .joinedload(m.Response.recommendation)
                .joinedload(m.Recommendation.report)
            )
            .execution_options(populate_existing=True)
        ).one()
        detail = convert.letter(row)
        if detail.kind is v.LetterKind.PROGRESS_UPDATE:
            from correspondence_desk.core.services.letter_progress import with_updates

            detail = with_updates(s, detail)
        return detail

    def _editable(self, s: Session, letter_id: int, version: int | None = None) -> m.Letter:
        """The letter row, refused when issued or when it is not at `version` any more."""
        row = self._get(s, m.Letter, letter_id)
        if row.status == v.LetterStatus.ISSUED:
            when = f" on {row.issued_at:%d/%m/%Y}" if row.issued_at else ""
            raise LockedError(
                f"Letter {row.reference} was issued{when} and cannot be changed; start a new version instead."
            )
        if version is not None and row.version_id != version:
            raise ConflictError(
                f"Letter {row.reference} was changed by someone else since you opened it. "
                "Reload it and make your change again."
            )
        return row

    def _mark_answered_reports(self, s: Session, letter: m.Letter) -> None:
        """An open report whose every recommendation now has an issued answer becomes "responded",
        so the dashboard stops counting its response as due."""
        report_ids = set(
            s.scalars(
                select(m.Recommendation.report_id)
                .join(m.Response, m.Response.recommendation_id == m.Recommendation.id)
                .where(m.Response.letter_id == letter.id)
            )
        )
        answered = (
            select(m.Response.id)
            .join(m.Letter, m.Letter.id == m.Response.letter_id)
            .where(
                m.Response.recommendation_id == m.Recommendation.id, m.Letter.status == v.LetterStatus.ISSUED
            )
            .exists()
        )
        for report in s.scalars(
            select(m.Report).where(m.Report.id.in_(report_ids), m.Report.status == v.ReportStatus.OPEN)
        ):
            waiting = s.scalar(
                select(func.count())
                .select_from(m.Recommendation)
                .where(m.Recommendation.report_id == report.id, ~answered)
            )
            if not waiting:
                report.status = v.ReportStatus.RESPONDED
                s.flush()
                self._audit(
                    s,
                    "update",
                    report.id,
                    {"status": [v.ReportStatus.OPEN.value, v.ReportStatus.RESPONDED.value]},
                    summary=f"{report.reference} answered in full by {letter.reference}",
                    entity="report",
                )
