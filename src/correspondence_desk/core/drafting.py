"""The rules of drafting a response letter, with no database and no Qt, so the composer window, the
command line, the services and the tests share them:
- the quick picks ("all of this report", "only those directed at us", "those not yet answered");
- standard lines and their placeholders ({addressee}, {committee}, {report_title});
- a recommendation directed only at other bodies starts as "noted" with the standard "directed at"
  line; others start empty for the author to write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from correspondence_desk.core.records import (
    ContactRecord,
    NewResponse,
    RecommendationRecord,
    ReportDetail,
)
from correspondence_desk.core.vocabulary import LetterStatus, Pick, Position

NOTED_LINE = "We note that this recommendation is directed at {addressee}."
# a first paragraph to start from; the author rewrites it
OPENING = (
    "Thank you for the {committee}'s report, {report_title}. Our response to each of its "
    "recommendations is set out in the annex to this letter."
)
PLACEHOLDERS = ("{addressee}", "{committee}", "{report_title}")


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


def load_default_lines(text: str) -> list[dict[str, Any]]:
    """The shipped standard lines (resources/standard_lines.json): title, text, optional position."""
    items = json.loads(text)
    lines = []
    for i, item in enumerate(items):
        position = Position(item["position"]) if item.get("position") else None
        lines.append({"title": item["title"], "text": item["text"], "position": position, "sort_order": i})
    return lines
