"""Composing a response letter: the use cases the composer needs, built on the other services.

The rules themselves (quick picks, placeholders, how a response starts) are pure functions in
core/drafting.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from correspondence_desk.core.drafting import (
    KIND_PICKS,
    NOTED_LINE,
    draft_response,
    fill_line,
    kind_body,
    kind_subject,
    letter_values,
    load_default_lines,
    pick_recommendations,
    salutation_for,
)
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import (
    ContactRecord,
    LetterDetail,
    NewResponse,
    RecommendationRecord,
    ReportDetail,
    StandardLineRecord,
)
from correspondence_desk.core.vocabulary import LetterKind, Pick, Position

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


# --- the service ---------------------------------------------------------------------------------


class ComposingService:
    """Letter-composing use cases built on the other services (each call they make is one unit of
    work with its audit event)."""

    def __init__(self, services: Services) -> None:
        self._s = services

    def own_body_ids(self) -> set[int]:
        return {b.id for b in self._s.bodies.list() if b.is_own}

    def standard_lines(self) -> list[StandardLineRecord]:
        """The library of standard lines, filled with the shipped defaults the first time."""
        lines = self._s.standard_lines.list()
        if lines:
            return lines
        from correspondence_desk.resources import resource

        for values in load_default_lines(resource("standard_lines.json").read_text(encoding="utf-8")):
            self._s.standard_lines.create(**values)
        return self._s.standard_lines.list()

    def noted_line(self) -> str:
        for line in self.standard_lines():
            if line.position == Position.NOTED and "{addressee}" in line.text:
                return line.text
        return NOTED_LINE

    def pick(
        self, report_ids: Sequence[int], pick: Pick, *, except_letter: int | None = None
    ) -> list[RecommendationRecord]:
        reports = [self._s.reports.get(rid) for rid in report_ids]
        return pick_recommendations(reports, pick, self.own_body_ids(), except_letter=except_letter)

    def drafts(self, recommendation_ids: Sequence[int]) -> list[NewResponse]:
        own = self.own_body_ids()
        noted = self.noted_line()
        reports: dict[int, ReportDetail] = {}
        drafts = []
        for rec_id in recommendation_ids:
            rec = self._s.reports.get_recommendation(rec_id)
            if rec.report_id not in reports:
                reports[rec.report_id] = self._s.reports.get(rec.report_id)
            drafts.append(draft_response(rec, reports[rec.report_id], own, noted))
        return drafts

    def new_letter(
        self,
        report_id: int,
        pick: Pick | None = None,
        *,
        kind: LetterKind = LetterKind.FINAL,
        expected: dt.date | None = None,
        reason: str = "",
        since: dt.date | None = None,
    ) -> LetterDetail:
        """A draft letter of this kind about a report: the kind's subject and starting body with the
        report's facts filled in, its reference (the letterhead's pattern), its default clearance
        route, and (for kinds with an annex) responses pre-filled; the same sender and recipient as
        the last letter on it (or on any report); undated until it is issued.

        A progress update letter reports the updates given on or after `since` (by default the
        date of the last letter issued about the report: `letters.default_since`), each
        recommendation starting with the position it has.

        A holding letter needs the new expected date and the reason: both are recorded on the
        report (its original due date is kept), in the same transaction as the letter."""
        kind = LetterKind(kind)
        if kind is LetterKind.HOLDING and (expected is None or not reason.strip()):
            raise ValidationError(
                "A holding letter says when the response is now expected, and the office records why: "
                "give the new expected date and the reason."
            )
        report = self._s.reports.get(report_id)
        sender, recipient = self._usual_people(report)
        current = self._s.expected.current(report.id)
        values = letter_values(
            committee=report.committee or "Committee",
            report_title=report.title,
            published=report.published,
            due=report.response_due,
            expected=expected or (current.expected if current else None),
            chair=recipient.full_name if recipient else "",
        )
        pick = pick if pick is not None else KIND_PICKS[kind]
        recs = pick_recommendations([report], pick, self.own_body_ids()) if pick is not None else []
        route = [c.id for c in self._s.clearance.default_route(kind)]
        responses = self.drafts([rec.id for rec in recs])
        updates_since = None
        if kind is LetterKind.PROGRESS_UPDATE:
            updates_since = since or self._s.letters.default_since(report.id)
            positions = {rec.id: rec.position for rec in recs}
            responses = [
                replace(x, position=x.position or positions.get(x.recommendation_id)) for x in responses
            ]
        return self._s.letters.create(
            kind=kind,
            report_id=report.id,
            letter_date=None,
            sender_id=sender.id if sender else None,
            recipient_id=recipient.id if recipient else None,
            subject=kind_subject(kind, values),
            salutation=salutation_for(recipient),
            body=kind_body(kind, values),
            responses=responses,
            committee=report.committee,
            route=route,
            expected=(expected, reason) if kind is LetterKind.HOLDING and expected is not None else None,
            updates_since=updates_since,
        )

    def add_recommendations(self, letter_id: int, recommendation_ids: Sequence[int]) -> LetterDetail:
        """Answer more recommendations in the letter, pre-filled; those already in it stay as they are."""
        present = {resp.recommendation.id for resp in self._s.letters.get(letter_id).responses}
        wanted = [rid for rid in recommendation_ids if rid not in present]
        return self._s.letters.add_responses(letter_id, self.drafts(wanted))

    def fill(self, text: str, recommendation_id: int) -> str:
        """A standard line with its placeholders filled for this recommendation."""
        rec = self._s.reports.get_recommendation(recommendation_id)
        return fill_line(text, rec, self._s.reports.get(rec.report_id))

    def _usual_people(self, report: ReportDetail) -> tuple[ContactRecord | None, ContactRecord | None]:
        letters = self._s.letters.list()  # newest first
        ordered = [x for x in letters if report.reference in x.reports] + letters
        for summary in ordered:
            detail = self._s.letters.get(summary.id)
            if detail.sender or detail.recipient:
                return detail.sender, detail.recipient
        own = [b for b in self._s.bodies.list() if b.is_own]
        own_ids = {b.id for b in own}
        own_names = {b.name.lower() for b in own}

        def ours(c: ContactRecord) -> bool:
            return c.body_id in own_ids or c.organisation.lower() in own_names

        contacts = self._s.contacts.list()
        sender = next((c for c in contacts if ours(c)), None)
        recipient = next((c for c in contacts if not ours(c)), None)
        return sender, recipient
