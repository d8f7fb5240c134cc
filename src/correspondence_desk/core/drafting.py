"""The rules of drafting a response letter, with no database and no Qt, so the composer window, the
command line, the services and the tests share them:
- the quick picks ("all of this report", "only those directed at us", "those not yet answered");
- standard lines and their placeholders ({addressee}, {committee}, {report_title});
- a recommendation directed only at other bodies starts as "noted" with the standard "directed at"
  line; others start empty for the author to write;
- the letter kinds (acknowledgement, holding letter, interim, final, progress update): each one's
  subject, starting body with its placeholders ({committee}, {report_title}, {published}, {due},
  {expected}, {chair}), which recommendations it answers, and how its references are made.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from correspondence_desk.core.records import (
    ContactRecord,
    NewResponse,
    RecommendationRecord,
    ReportDetail,
)
from correspondence_desk.core.vocabulary import LetterKind, LetterStatus, Pick, Position

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


def line_separators(before: str, after: str) -> tuple[str, str]:
    """What goes either side of a standard line inserted between `before` and `after` (the text on
    each side of the cursor), so it is never glued to the text: inside a line, a space each side;
    anywhere else, a blank line between it and the paragraphs around it."""
    line_before = before.rsplit("\n", 1)[-1]
    line_after = after.split("\n", 1)[0]
    if line_before.strip() and line_after.strip():  # in the middle of a sentence
        prefix = "" if before[-1].isspace() else " "
        suffix = "" if after[0].isspace() else " "
        return prefix, suffix
    prefix = suffix = ""
    if before.strip():
        prefix = "" if before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    if after.strip():
        suffix = "" if after.startswith("\n\n") else "\n" if after.startswith("\n") else "\n\n"
    return prefix, suffix


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


# --- letter kinds --------------------------------------------------------------------------------

LETTER_PLACEHOLDERS = ("{committee}", "{report_title}", "{published}", "{due}", "{expected}", "{chair}")

KIND_SUBJECTS = {
    LetterKind.ACKNOWLEDGEMENT: "The Committee's report: {report_title}",
    LetterKind.HOLDING: "Our response to the Committee's report: {report_title}",
    LetterKind.INTERIM: "Interim response to the Committee's report: {report_title}",
    LetterKind.FINAL: "Response to the Committee's report: {report_title}",
    LetterKind.PROGRESS_UPDATE: "Progress on the Committee's report: {report_title}",
}
# A first draft of each kind's covering letter; the author rewrites it. (Written for this project.)
KIND_BODIES = {
    LetterKind.ACKNOWLEDGEMENT: (
        "Thank you for sending us the {committee}'s report, {report_title}, published on {published}."
        "\n\nWe are considering its recommendations and will send you our response by {due}."
    ),
    LetterKind.HOLDING: (
        "I am writing about the {committee}'s report, {report_title}, published on {published}, to which "
        "our response was due on {due}."
        "\n\nI am sorry that our response will be later than that. We now expect to send it to you by "
        "{expected}, and I will write again should that date move."
    ),
    LetterKind.INTERIM: (
        "Thank you for the {committee}'s report, {report_title}. This letter is an interim response: "
        "the annex sets out our answer to the recommendations we can respond to now."
        "\n\nWe will send you our full response by {expected}."
    ),
    LetterKind.FINAL: OPENING,
    LetterKind.PROGRESS_UPDATE: (
        "I am writing to update the {committee} on what has been done since we responded to its report, "
        "{report_title}. The annex sets out, for each recommendation, where things now stand."
    ),
}
# Which recommendations a new letter of each kind answers (None: none, it has no annex).
KIND_PICKS: dict[LetterKind, Pick | None] = {
    LetterKind.ACKNOWLEDGEMENT: None,
    LetterKind.HOLDING: None,
    LetterKind.INTERIM: Pick.UNANSWERED,
    LetterKind.FINAL: Pick.ALL,
    LetterKind.PROGRESS_UPDATE: Pick.OURS,
}
# The code {kind} stands for in a reference pattern, and each kind's own pattern.
KIND_CODES = {
    LetterKind.ACKNOWLEDGEMENT: "ACK",
    LetterKind.HOLDING: "HOLD",
    LetterKind.INTERIM: "INT",
    LetterKind.FINAL: "L",
    LetterKind.PROGRESS_UPDATE: "UPD",
}


def letter_values(
    *,
    committee: str,
    report_title: str,
    published: dt.date | None,
    due: dt.date | None,
    expected: dt.date | None,
    chair: str,
) -> dict[str, str]:
    """The placeholders' values for a report: dates as a letter writes them ("15 September 2026");
    what is not known stays empty (its placeholder is then left in the text, for the author)."""
    from correspondence_desk.core.dates import long_date

    return {
        "{committee}": committee,
        "{report_title}": report_title,
        "{published}": long_date(published) if published else "",
        "{due}": long_date(due) if due else "",
        "{expected}": long_date(expected) if expected else "",
        "{chair}": chair,
    }


def fill_letter(text: str, values: Mapping[str, str]) -> str:
    """Replace the known placeholders that have a value; any other braces stay as typed."""
    for key in LETTER_PLACEHOLDERS:
        if values.get(key):
            text = text.replace(key, values[key])
    return text


def kind_subject(kind: LetterKind, values: Mapping[str, str]) -> str:
    return fill_letter(KIND_SUBJECTS[kind], values)


def kind_body(kind: LetterKind, values: Mapping[str, str]) -> str:
    return fill_letter(KIND_BODIES[kind], values)


def reference_pattern(kind: LetterKind, office_pattern: str | None = None) -> str:
    """The pattern new letters of this kind take their reference from (references.kind_pattern):
    without an office pattern each kind has its own ("ACK-2026-001"; final responses "L-2026-001")."""
    from correspondence_desk.core.references import NO_LETTERHEAD_PATTERN, kind_pattern

    if not office_pattern:
        return NO_LETTERHEAD_PATTERN
    return kind_pattern(office_pattern, "" if kind is LetterKind.FINAL else KIND_CODES[kind])


def make_reference(
    pattern: str, kind: LetterKind, *, seq: int, year: int, org: str = "", committee: str = ""
) -> str:
    return pattern.format(kind=KIND_CODES[kind], seq=seq, year=year, org=org, committee=committee)
