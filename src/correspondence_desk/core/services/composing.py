"""Composing a response letter: which recommendations to answer, and how responses start.

The rules live here, with no Qt, so the composer window, the command line and the tests share them:
- the quick picks ("all of this report", "only those directed at us", "those not yet answered");
- standard lines and their placeholders ({addressee}, {committee}, {report_title});
- a recommendation directed only at other bodies starts as "noted" with the standard "directed at"
  line; others start empty for the author to write.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from correspondence_desk.core.model import LetterStatus, Position
from correspondence_desk.core.records import (
    ContactRecord,
    LetterDetail,
    RecommendationRecord,
    ReportDetail,
    StandardLineRecord,
)
from correspondence_desk.core.services.letters import NewResponse

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

NOTED_LINE = "We note that this recommendation is directed at {addressee}."
# a first paragraph to start from; the author rewrites it
OPENING = (
    "Thank you for the {committee}'s report, {report_title}. Our response to each of its "
    "recommendations is set out in the annex to this letter."
)
PLACEHOLDERS = ("{addressee}", "{committee}", "{report_title}")


class Pick(enum.StrEnum):
    ALL = "all"  # every recommendation of the report(s)
    OURS = "ours"  # those with one of our own bodies among the addressees
    UNANSWERED = "unanswered"  # those no issued letter has answered yet

    @property
    def label(self) -> str:
        return {
            Pick.ALL: "All of this report",
            Pick.OURS: "Only those directed at us",
            Pick.UNANSWERED: "Those not yet answered",
        }[self]


# --- pure rules ----------------------------------------------------------------------------------


def addressee_phrase(rec: RecommendationRecord) -> str:
    """How a letter names the bodies a recommendation is directed at: "the Mayor", "London Councils",
    "the Mayor and London Councils". A short name that reads as a phrase ("the Mayor") wins over the
    full name; otherwise the full name, as a letter spells it out."""
    leads = rec.lead_addressees or rec.addressees
    names = [a.short_name if a.short_name.lower().startswith("the ") else a.name for a in leads]
    if len(names) <= 1:
        return names[0] if names else "another body"
    return ", ".join(names[:-1]) + " and " + names[-1]


def fill_placeholders(text: str, *, addressee: str = "", committee: str = "", report_title: str = "") -> str:
    """Replace the known placeholders only: other braces a user types stay as typed."""
    values = {"{addressee}": addressee, "{committee}": committee, "{report_title}": report_title}
    for key, value in values.items():
        if value:
            text = text.replace(key, value)
    return text


def is_ours(rec: RecommendationRecord, own_body_ids: set[int]) -> bool:
    return any(a.body_id in own_body_ids for a in rec.addressees)


def directed_elsewhere(rec: RecommendationRecord, own_body_ids: set[int]) -> bool:
    """Directed at other bodies only (a partner role for us still makes it ours to answer)."""
    return bool(rec.addressees) and not is_ours(rec, own_body_ids)


def answered_ids(reports: Iterable[ReportDetail], *, except_letter: int | None = None) -> set[int]:
    """Recommendations some issued letter has answered (a draft does not count until it is sent)."""
    return {
        resp.recommendation.id
        for report in reports
        for resp in report.responses
        if resp.letter_status == LetterStatus.ISSUED and resp.letter_id != except_letter
    }


def pick_recommendations(
    reports: Sequence[ReportDetail],
    pick: Pick,
    own_body_ids: set[int],
    *,
    except_letter: int | None = None,
) -> list[RecommendationRecord]:
    recs = [rec for report in reports for rec in report.recommendations]
    if pick == Pick.OURS:
        return [rec for rec in recs if is_ours(rec, own_body_ids)]
    if pick == Pick.UNANSWERED:
        done = answered_ids(reports, except_letter=except_letter)
        return [rec for rec in recs if rec.id not in done]
    return recs


def draft_response(
    rec: RecommendationRecord, report: ReportDetail, own_body_ids: set[int], noted_line: str = NOTED_LINE
) -> NewResponse:
    """The starting point of a response: "noted" with the standard line when the recommendation is
    directed at another body, otherwise empty with no position yet."""
    if directed_elsewhere(rec, own_body_ids):
        text = fill_line(noted_line, rec, report)
        return NewResponse(rec.id, text, Position.NOTED)
    return NewResponse(rec.id, "", None)


def fill_line(text: str, rec: RecommendationRecord, report: ReportDetail) -> str:
    return fill_placeholders(
        text, addressee=addressee_phrase(rec), committee=report.committee, report_title=report.title
    )


def salutation_for(contact: ContactRecord | None) -> str:
    return f"Dear {contact.greeting_name}," if contact and contact.greeting_name else "Dear Sir or Madam,"


def load_default_lines(text: str) -> list[dict]:
    """The shipped standard lines (resources/standard_lines.json): title, text, optional position."""
    items = json.loads(text)
    lines = []
    for i, item in enumerate(items):
        position = Position(item["position"]) if item.get("position") else None
        lines.append({"title": item["title"], "text": item["text"], "position": position, "sort_order": i})
    return lines


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

    def new_letter(self, report_id: int, pick: Pick = Pick.ALL) -> LetterDetail:
        """A draft letter answering a report: the same sender and recipient as the last letter on it
        (or on any report), responses pre-filled, undated until it is issued."""
        report = self._s.reports.get(report_id)
        sender, recipient = self._usual_people(report)
        recs = pick_recommendations([report], pick, self.own_body_ids())
        return self._s.letters.create(
            letter_date=None,
            sender_id=sender.id if sender else None,
            recipient_id=recipient.id if recipient else None,
            subject=f"Response to the Committee's report: {report.title}",
            salutation=salutation_for(recipient),
            body=fill_placeholders(
                OPENING, committee=report.committee or "Committee", report_title=report.title
            ),
            responses=self.drafts([rec.id for rec in recs]),
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
