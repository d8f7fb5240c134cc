"""What "Issue letter?" says: the letter, its date (and a warning unless it is today), the recipient
and how many responses are still empty."""

from __future__ import annotations

import dataclasses
import datetime as dt

from correspondence_desk.core.issue_summary import date_warning, issue_summary
from correspondence_desk.core.records import ContactRecord, LetterDetail, LetterKind

TODAY = dt.date(2026, 11, 12)


def test_a_letter_dated_today_names_itself_its_recipient_and_no_warning():
    letter = LetterDetail(
        id=1,
        reference="OUR/2026/031",
        letter_date=TODAY,
        sender=None,
        recipient=ContactRecord(id=2, name="Dr Ana Obi", organisation="Harbour Committee"),
        subject="Response to the ferries report",
        kind=LetterKind.ACKNOWLEDGEMENT,
    )
    summary = issue_summary(letter, TODAY)
    assert summary.facts == (
        "Letter: OUR/2026/031 — Response to the ferries report",
        "Date: 12 November 2026 (today)",
        "To: Dr Ana Obi, Harbour Committee",
    )
    assert summary.warnings == ()
    assert "⚠" not in summary.text()


def test_undated_past_and_future_dates_are_warned_about():
    assert date_warning(None, TODAY) == "The letter has no date: it will be dated today, 12 November 2026."
    assert date_warning(TODAY - dt.timedelta(days=1), TODAY) == (
        "The letter is dated 1 day ago (11 November 2026), not today."
    )
    assert date_warning(TODAY + dt.timedelta(days=9), TODAY) == (
        "The letter is dated 9 days ahead (21 November 2026), not today."
    )
    assert date_warning(TODAY, TODAY) == ""


def test_empty_responses_and_a_missing_recipient_are_counted(services, demo):
    letter = services.letters.get(demo.letter.id)
    first, second, *rest = letter.responses
    letter = dataclasses.replace(
        letter,
        recipient=None,
        letter_date=None,
        responses=(dataclasses.replace(first, text=" "), dataclasses.replace(second, text=""), *rest),
    )
    summary = issue_summary(letter, TODAY)
    total = len(letter.responses)
    assert f"Responses: {total - 2} of {total} written" in summary.facts
    assert "Date: 12 November 2026 (today)" in summary.facts  # an undated letter takes today
    assert "2 responses are empty." in summary.warnings
    assert any("No recipient" in w for w in summary.warnings)
    assert any("no date" in w for w in summary.warnings)
    assert summary.text().count("⚠") == len(summary.warnings)
