"""Dashboard numbers on a small, known set of reports, recommendations and letters."""

from __future__ import annotations

import datetime as dt

import pytest

from correspondence_desk.core.records import NewRecommendation, NewResponse, Position, Progress, ReportStatus

TODAY = dt.date(2026, 11, 26)


def _rec(label, deadline=None, position=None, progress=None):
    return NewRecommendation(
        label, f"Recommendation {label} text.", deadline=deadline, position=position, progress=progress
    )


def test_the_summary_counts_what_needs_doing(services):
    late = services.reports.create(
        reference="LATE-1",
        title="Overdue report",
        response_due=TODAY - dt.timedelta(days=3),
        recommendations=[
            _rec(
                "1",
                deadline=TODAY - dt.timedelta(days=1),
                position=Position.ACCEPTED,
                progress=Progress.AMBER,
            ),
            _rec(
                "2",
                deadline=TODAY - dt.timedelta(days=9),
                position=Position.ACCEPTED,
                progress=Progress.COMPLETE,
            ),
            _rec("3", deadline=TODAY - dt.timedelta(days=9), position=Position.NOT_ACCEPTED),
        ],
    )
    soon = services.reports.create(
        reference="SOON-1",
        title="Due soon",
        response_due=TODAY + dt.timedelta(days=14),
        recommendations=[_rec("1", deadline=TODAY + dt.timedelta(days=2)), _rec("2")],
    )
    services.reports.create(reference="LATER-1", title="Not yet", response_due=TODAY + dt.timedelta(days=15))
    done = services.reports.create(
        reference="DONE-1",
        title="Answered",
        response_due=TODAY - dt.timedelta(days=30),
        recommendations=[_rec("1", position=Position.ACCEPTED, progress=Progress.GREEN)],
    )
    services.reports.update(done.id, status=ReportStatus.RESPONDED)
    issued = services.letters.create(
        reference="L-ISSUED", responses=[NewResponse(late.recommendations[0].id, "Accepted.")]
    )
    services.letters.issue(issued.id, render=lambda _detail: b"%PDF-1.4 test")
    draft = services.letters.create(
        reference="L-DRAFT", subject="Draft reply", responses=[NewResponse(soon.recommendations[0].id, "")]
    )

    summary = services.dashboard.summary(TODAY)

    assert [(i.reference, i.days) for i in summary.overdue_reports.items] == [("LATE-1", -3)]
    assert [(i.reference, i.days) for i in summary.due_soon_reports.items] == [("SOON-1", 14)]
    # complete and not-accepted recommendations have no deadline of ours left to miss
    assert [(i.reference, i.label) for i in summary.overdue_recommendations.items] == [("LATE-1", "1")]
    assert [(i.reference, i.label, i.days) for i in summary.due_soon_recommendations.items] == [
        ("SOON-1", "1", 2)
    ]
    # open reports only; LATE-1/1 is answered in an issued letter, a draft answer does not count
    unanswered = summary.unanswered_recommendations
    assert unanswered.total == 4
    assert [(i.reference, i.label) for i in unanswered.items] == [
        ("LATE-1", "2"),
        ("LATE-1", "3"),
        ("SOON-1", "1"),
        ("SOON-1", "2"),
    ]
    letters = summary.letters_awaiting_issue
    assert [(i.id, i.status, i.report_id) for i in letters.items] == [(draft.id, "draft", soon.id)]
    positions = dict(summary.by_position)
    assert positions[Position.ACCEPTED] == 3 and positions[Position.NOT_ACCEPTED] == 1
    assert positions[None] == 2 and positions[Position.NOTED] == 0
    assert dict(summary.by_progress) == {
        Progress.RED: 0,
        Progress.AMBER: 1,
        Progress.GREEN: 1,
        Progress.COMPLETE: 1,
        None: 3,
    }


def test_lists_are_cut_short_but_totals_are_not(services):
    services.reports.create(
        reference="BIG-1",
        title="Many recommendations",
        response_due=TODAY - dt.timedelta(days=1),
        recommendations=[_rec(str(n)) for n in range(1, 8)],
    )
    summary = services.dashboard.summary(TODAY, shown=3)
    assert summary.unanswered_recommendations.total == 7
    assert [i.label for i in summary.unanswered_recommendations.items] == ["1", "2", "3"]


def test_any_list_of_the_summary_comes_whole_on_request(services):
    services.reports.create(
        reference="BIG-1",
        title="Many recommendations",
        response_due=TODAY - dt.timedelta(days=1),
        recommendations=[_rec(str(n)) for n in range(1, 8)],
    )
    capped = services.dashboard.summary(TODAY, shown=3).unanswered_recommendations
    whole = services.dashboard.items("unanswered_recommendations", TODAY)
    assert whole.total == capped.total == 7 and len(whole.items) == 7
    assert whole.items[:3] == capped.items
    assert services.dashboard.items("overdue_reports", TODAY).items[0].reference == "BIG-1"
    with pytest.raises(ValueError, match="No dashboard list"):
        services.dashboard.items("everything", TODAY)
