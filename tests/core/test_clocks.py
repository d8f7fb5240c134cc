"""Response clocks: bank holidays from the holidays library, month ends, leap years, reasons for changes."""

from __future__ import annotations

import datetime as dt

import pytest

from correspondence_desk.core.clocks import (
    Clock,
    ClockChoice,
    Start,
    add_months,
    add_working_days,
    clock_start,
    due_date,
    due_from,
    explain_due,
    is_working_day,
)
from correspondence_desk.core.errors import ValidationError

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2027, 1, 31), 1, D(2027, 2, 28)),  # clamps to a short February
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2027, 12, 31), 2, D(2028, 2, 29)),  # across the year end into a leap February
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 3, 15), 2, D(2026, 5, 15)),
        (D(2026, 11, 30), 2, D(2027, 1, 30)),
    ],
)
def test_adding_months_clamps_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_easter_and_christmas_substitute_days_are_not_working_days():
    assert not is_working_day(D(2027, 3, 26))  # Good Friday
    assert not is_working_day(D(2027, 3, 29))  # Easter Monday
    # Christmas 2027 falls on a Saturday: Monday 27 and Tuesday 28 are the substitute days.
    assert not is_working_day(D(2027, 12, 27))
    assert not is_working_day(D(2027, 12, 28))
    assert is_working_day(D(2027, 12, 29))
    assert not is_working_day(D(2026, 12, 28))  # Boxing Day 2026 is a Saturday
    assert not is_working_day(D(2022, 9, 19))  # a one-off bank holiday (state funeral)
    assert is_working_day(D(2026, 11, 26))


def test_working_days_skip_weekends_and_bank_holidays():
    # Thursday 25 March 2027 + 2 working days: Good Friday, the weekend and Easter Monday are skipped.
    assert add_working_days(D(2027, 3, 25), 2) == D(2027, 3, 31)
    # Wednesday 23 December 2026 + 3: 24th, then 25 (Fri) and 28 (substitute Boxing Day) are skipped.
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 30)
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday → Monday
    assert add_working_days(D(2026, 11, 27), 0) == D(2026, 11, 27)


def test_each_preset_clock_gives_its_due_date():
    published = D(2026, 12, 31)
    assert due_date(Clock.TWO_MONTHS, published) == D(2027, 2, 28)
    assert due_date(Clock.ONE_MONTH, published) == D(2027, 1, 31)
    assert due_date(Clock.DAYS_56, published) == D(2027, 2, 25)
    assert due_date(ClockChoice(Clock.WORKING_DAYS, 5), published) == D(2027, 1, 8)  # skips New Year's Day
    assert due_date(Clock.CUSTOM, published, custom=D(2027, 4, 1)) == D(2027, 4, 1)
    assert due_date(Clock.TWO_MONTHS, None) is None


def test_a_stored_clock_code_round_trips_and_unknown_codes_are_refused():
    choice = ClockChoice(Clock.WORKING_DAYS, 15)
    assert choice.code == "working_days:15"
    assert ClockChoice.parse(choice.code) == choice
    assert choice.description == "15 working days from publication"
    assert ClockChoice.parse("") is None
    assert due_date("56_days", D(2026, 1, 1)) == D(2026, 2, 26)
    with pytest.raises(ValidationError, match="not a response clock"):
        due_date("fortnight", D(2026, 1, 1))


def test_logging_a_report_with_a_clock_sets_its_due_date(services):
    report = services.reports.create(
        title="Inspection of step-free access", published=D(2026, 1, 31), response_clock="two_months"
    )
    assert report.response_due == D(2026, 3, 31)
    assert report.response_clock == "two_months"


def test_moving_a_due_date_needs_a_reason_which_the_audit_keeps(services):
    report = services.reports.create(
        title="Bus reliability", published=D(2026, 5, 1), response_due=D(2026, 7, 1)
    )
    with pytest.raises(ValidationError, match=r"reason.*1 July 2026"):
        services.reports.update(report.id, response_due=D(2026, 7, 15))
    services.reports.update(report.id, response_due=D(2026, 7, 15), reason="Committee agreed an extension")
    event = services.audit.list(entity="report", entity_id=report.id)[0]
    assert event.changes["response_due"] == ["2026-07-01", "2026-07-15"]
    assert event.changes["reason"] == "Committee agreed an extension"


def test_setting_a_first_date_needs_no_reason_but_moving_a_deadline_or_target_does(services):
    from correspondence_desk.core.records import NewRecommendation

    report = services.reports.create(
        title="River services", recommendations=[NewRecommendation("1", "Publish a timetable.")]
    )
    rec = report.recommendations[0]
    rec = services.reports.update_recommendation(rec.id, deadline=D(2027, 1, 31), target_date=D(2027, 1, 1))
    for field in ("deadline", "target_date"):
        with pytest.raises(ValidationError, match=field.replace("_", " ")):
            services.reports.update_recommendation(rec.id, **{field: D(2027, 6, 30)})
    rec = services.reports.update_recommendation(rec.id, target_date=None, reason="Work paused")
    assert rec.target_date is None


def test_a_clock_counts_from_publication_and_only_without_it_from_receipt():
    published, received = D(2026, 9, 15), D(2026, 9, 16)
    assert clock_start(published, received) == (published, Start.PUBLICATION)
    assert clock_start(None, received) == (received, Start.RECEIPT)
    assert clock_start(None, None) == (None, None)
    two_months = ClockChoice(Clock.TWO_MONTHS)
    assert due_from(two_months, published, received) == D(2026, 11, 15)
    assert due_from(two_months, None, received) == D(2026, 11, 16)
    assert due_from(ClockChoice(Clock.CUSTOM), published, received) is None


def test_the_explanation_says_which_date_the_due_date_counts_from():
    two_months = ClockChoice(Clock.TWO_MONTHS)
    assert explain_due(two_months, D(2026, 9, 15), D(2026, 9, 16)) == (
        "Two months from publication (15 September 2026)."
    )
    from_receipt = explain_due(two_months, None, D(2026, 9, 16))
    assert from_receipt.startswith("Two months counted from the date received (16 September 2026)")
    assert "no publication date" in from_receipt
    assert "give the publication date" in explain_due(ClockChoice(Clock.WORKING_DAYS, 20), None, None)
    twenty = ClockChoice(Clock.WORKING_DAYS, 20)
    assert explain_due(twenty, D(2026, 9, 15), None).startswith("20 working days from publication")
    assert explain_due(ClockChoice(Clock.CUSTOM), D(2026, 9, 15), None) == ""
    assert explain_due(None, D(2026, 9, 15), None) == ""
