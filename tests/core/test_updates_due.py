"""Which progress updates are due: an office setting, counted from the response and each update."""

from __future__ import annotations

import datetime as dt

import pytest

from correspondence_desk.core.clocks import add_months
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import NewRecommendation, NewResponse, Position, Progress, ReportStatus
from correspondence_desk.core.services.updates_due import overdue_cutoff

ISSUED = dt.date(2026, 3, 31)


def on(day: dt.date) -> dict[str, dt.date]:
    """An update given on `day`, recorded as if that were today."""
    return {"update_date": day, "today": day}


def test_the_office_setting_is_stored_checked_and_audited(services):
    assert services.settings.get().update_every_months == 6  # the default
    assert services.settings.set(update_every_months=3).update_every_months == 3
    assert services.settings.get().update_every_months == 3
    # one registry of office settings: the same setting as `setting update-every-months 3`
    (event,) = services.audit.list(entity="office setting")
    assert event.changes == {"update-every-months": [6, 3]} and event.os_user == "tester"
    assert services.office.get("update-every-months") == 3
    services.settings.set(update_every_months=3)  # no change: no event
    assert len(services.audit.list(entity="office setting")) == 1
    for bad, message in [
        (0, "between 1 and 36"),
        (37, "between 1 and 36"),
        ("6", "whole number"),
        (True, "whole"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.settings.set(update_every_months=bad)
    with pytest.raises(ValidationError, match="no office setting colour"):
        services.settings.set(colour="blue")
    assert services.settings.get().update_every_months == 3


@pytest.fixture
def answered(services):
    """A report of five recommendations answered in a letter issued on 31 March 2026."""
    report = services.reports.create(
        title="Bridges",
        reference="BR-1",
        recommendations=[
            NewRecommendation(label=str(i), text=f"Recommendation {i}.", owner=owner)
            for i, owner in enumerate(["Roads", "Roads", "Parks", "", "Parks"], start=1)
        ],
    )
    recs = report.recommendations
    letter = services.letters.create(
        reference="L-1", letter_date=ISSUED, responses=[NewResponse(r.id, "We accept.") for r in recs]
    )
    services.letters.issue(letter.id, render=lambda _d: b"%PDF-1.4 test")
    return recs


def test_updates_fall_due_six_months_after_the_response_then_after_each_update(services, answered):
    first = answered[0]
    before = services.updates.due(today=dt.date(2026, 9, 29), within=14)
    assert before.overdue_total == 0 and before.due_soon_total == 5  # due 30 September
    assert {i.due for i in before.due_soon} == {dt.date(2026, 9, 30)} and before.due_soon[0].days == 1
    assert before.every_months == 6 and before.due_soon[0].responded == ISSUED
    assert services.updates.due(today=dt.date(2026, 9, 30)).overdue_total == 0  # due today is not late
    after = services.updates.due(today=dt.date(2026, 10, 1))
    assert after.overdue_total == 5 and after.overdue[0].days == -1

    services.updates.record(first.id, progress=Progress.AMBER, text="Survey done", **on(dt.date(2026, 8, 10)))
    later = services.updates.due(today=dt.date(2026, 10, 1))
    assert later.overdue_total == 4 and first.id not in {i.recommendation_id for i in later.overdue}
    assert [i.due for i in services.updates.due(today=dt.date(2027, 2, 1)).due_soon] == [dt.date(2027, 2, 10)]
    (item,) = [
        i for i in services.updates.overdue(today=dt.date(2027, 3, 1)) if i.recommendation_id == first.id
    ]
    assert item.last_update == dt.date(2026, 8, 10) and item.due == dt.date(2027, 2, 10) and item.days == -19
    assert item.reference == "BR-1/1" and item.owner == "Roads" and item.progress is Progress.AMBER


def test_the_setting_changes_when_updates_are_due(services, answered):
    services.settings.set(update_every_months=3)
    due = services.updates.due(today=dt.date(2026, 7, 1))
    assert due.every_months == 3 and due.overdue_total == 5 and due.overdue[0].due == dt.date(2026, 6, 30)


def test_only_open_answered_work_falls_due(services, answered, demo):
    one, two, three, four, _five = answered
    services.updates.record(
        one.id, progress=Progress.COMPLETE, today=dt.date(2026, 4, 1), update_date=dt.date(2026, 4, 1)
    )
    services.reports.update_recommendation(two.id, position=Position.NOTED)
    services.reports.update_recommendation(three.id, position=Position.NOT_ACCEPTED)
    services.reports.update_recommendation(four.id, position=Position.ACCEPTED)
    # the demo report's recommendations are answered only in a draft: nothing due for them
    ids = {i.recommendation_id for i in services.updates.overdue(today=dt.date(2027, 1, 1))}
    assert ids == {four.id, answered[4].id}
    services.reports.update(one.report_id, status=ReportStatus.CLOSED)
    assert services.updates.overdue(today=dt.date(2027, 1, 1)) == ()


def test_owners_with_overdue_updates_most_overdue_first(services, answered):
    services.updates.record(answered[0].id, progress=Progress.GREEN, **on(dt.date(2026, 5, 1)))
    owners = services.updates.owners_overdue(today=dt.date(2026, 12, 1))
    assert [(o.owner, o.count, o.oldest_due) for o in owners] == [
        ("Parks", 2, dt.date(2026, 9, 30)),
        ("Roads", 2, dt.date(2026, 9, 30)),
        ("", 1, dt.date(2026, 9, 30)),
    ]
    assert owners[0].days_late == 62
    summary = services.updates.due(today=dt.date(2026, 12, 1), shown=2)
    assert len(summary.overdue) == 2 and summary.overdue_total == 5 and len(summary.owners) == 3


@pytest.mark.parametrize("months", [1, 6, 12])
def test_the_overdue_cutoff_agrees_with_adding_months_at_every_month_end(months):
    start = dt.date(2027, 1, 1)
    for offset in range(0, 800, 1):
        today = start + dt.timedelta(days=offset)
        cutoff = overdue_cutoff(today, months)
        for base in (cutoff - dt.timedelta(days=3) + dt.timedelta(days=i) for i in range(7)):
            assert (add_months(base, months) < today) == (base < cutoff), (today, base)
