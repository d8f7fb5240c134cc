"""Progress updates as records: a dated history per recommendation that is never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy
from sqlalchemy import text

from correspondence_desk.core.errors import NotFoundError, ValidationError
from correspondence_desk.core.records import NewRecommendation, Progress, UpdateSource

TODAY = dt.date.today()


@pytest.fixture
def rec(demo):
    return demo.report.recommendations[0]  # TEC-2026-04/1, owned by Network Strategy


def test_each_update_is_kept_and_the_latest_is_the_current_state(services, rec):
    services.updates.record(rec.id, progress=Progress.RED, text="Survey not started", update_date=TODAY)
    services.updates.record(rec.id, progress=Progress.AMBER, text="Survey under way")
    latest = services.updates.record(rec.id, progress=Progress.GREEN, text="Map drafted")

    history = services.updates.history(rec.id)
    assert [u.text for u in history] == [
        "Survey not started",
        "Survey under way",
        "Map drafted",
    ]  # newest last
    assert [u.progress for u in history] == [Progress.RED, Progress.AMBER, Progress.GREEN]
    assert history[-1] == latest
    assert all(u.recorded_by == "tester" and u.source is UpdateSource.TYPED for u in history)
    assert all(u.owner == "Network Strategy" for u in history)  # the owner who gave it, by default
    current = services.reports.get_recommendation(rec.id)
    assert current.progress is Progress.GREEN  # the denormalised current value follows


def test_the_database_refuses_to_overwrite_an_update(services, rec):
    update = services.updates.record(rec.id, progress=Progress.AMBER, text="As it stands")
    with (
        services.db.engine.begin() as conn,
        pytest.raises(sqlalchemy.exc.DatabaseError, match="never changed"),
    ):
        conn.execute(text("UPDATE progress_updates SET text = 'rewritten' WHERE id = :id"), {"id": update.id})
    assert services.updates.history(rec.id)[0].text == "As it stands"


def test_a_moved_target_date_needs_a_reason_and_shows_in_the_history(services, rec):
    first = services.updates.record(rec.id, progress=Progress.AMBER, target_date=dt.date(2027, 3, 31))
    assert not first.target_moved and first.target_text == "31 March 2027"  # first set: not a revision
    with pytest.raises(
        ValidationError, match=r"reason for changing the target date \(it was 31 March 2027\)"
    ):
        services.updates.record(rec.id, progress=Progress.AMBER, target_date=dt.date(2027, 6, 30))
    assert services.reports.get_recommendation(rec.id).target_date == dt.date(2027, 3, 31)  # nothing saved

    moved = services.updates.record(
        rec.id,
        progress=Progress.AMBER,
        target_date=dt.date(2027, 6, 30),
        reason="  the boroughs' data came late ",
    )
    assert (
        moved.previous_target_date == dt.date(2027, 3, 31) and moved.reason == "the boroughs' data came late"
    )
    assert (
        moved.target_text == "30 June 2027 (revised from 31 March 2027 because the boroughs' data came late)"
    )
    # an update that keeps the date carries it, and needs no reason
    kept = services.updates.record(rec.id, progress=Progress.GREEN, text="On track")
    assert kept.target_date == dt.date(2027, 6, 30) and not kept.target_moved and kept.revision_note == ""
    assert services.reports.get_recommendation(rec.id).target_date == dt.date(2027, 6, 30)


def test_clearing_a_target_date_is_a_move_too(services, rec):
    services.updates.record(rec.id, progress=Progress.AMBER, target_date=dt.date(2027, 3, 31))
    with pytest.raises(ValidationError, match="reason"):
        services.updates.record(rec.id, progress=Progress.AMBER, target_date=None)
    cleared = services.updates.record(
        rec.id, progress=Progress.AMBER, target_date=None, reason="Scope under review"
    )
    assert cleared.target_date is None and cleared.previous_target_date == dt.date(2027, 3, 31)
    assert services.reports.get_recommendation(rec.id).target_date is None


def test_marking_complete_keeps_the_date_it_was_completed(services, rec):
    done = services.updates.record(
        rec.id, progress=Progress.COMPLETE, text="Map published", update_date=TODAY - dt.timedelta(days=10)
    )
    assert done.completed_on == TODAY - dt.timedelta(days=10)
    later = services.updates.record(rec.id, progress=Progress.COMPLETE, text="Link corrected")
    assert later.completed_on == TODAY - dt.timedelta(days=10)  # still the day it was completed
    reopened = services.updates.record(rec.id, progress=Progress.AMBER, text="Two schools were missed")
    assert reopened.completed_on is None
    again = services.updates.record(rec.id, progress=Progress.COMPLETE, text="All schools mapped")
    assert again.completed_on == TODAY


def test_updates_cannot_be_dated_in_the_future_or_before_the_latest(services, rec):
    with pytest.raises(ValidationError, match="in the future"):
        services.updates.record(rec.id, progress=Progress.AMBER, update_date=TODAY + dt.timedelta(days=1))
    services.updates.record(rec.id, progress=Progress.AMBER, update_date=TODAY - dt.timedelta(days=5))
    with pytest.raises(ValidationError, match="before the latest one"):
        services.updates.record(rec.id, progress=Progress.GREEN, update_date=TODAY - dt.timedelta(days=6))
    assert len(services.updates.history(rec.id)) == 1


def test_a_first_update_needs_a_progress(services, rec):
    with pytest.raises(ValidationError, match="Give the progress"):
        services.updates.record(rec.id, progress=None, text="Something")
    services.updates.record(rec.id, progress=Progress.RED)
    kept = services.updates.record(rec.id, progress=None, text="No change")  # None: as it was
    assert kept.progress is Progress.RED


def test_another_owner_can_give_an_update(services, rec):
    update = services.updates.record(rec.id, progress=Progress.GREEN, owner="  Schools Team ")
    assert update.owner == "Schools Team"
    assert services.reports.get_recommendation(rec.id).owner == "Network Strategy"


def test_each_update_writes_an_audit_event(services, rec):
    services.updates.record(rec.id, progress=Progress.AMBER, target_date=dt.date(2027, 3, 31))
    moved = services.updates.record(
        rec.id,
        progress=Progress.RED,
        text="Stalled",
        target_date=dt.date(2027, 9, 30),
        reason="Supplier left",
    )
    event = services.audit.list(entity="progress update", entity_id=moved.id)[0]
    assert event.action == "create" and event.os_user == "tester"
    assert event.changes["recommendation_id"] == rec.id and event.changes["progress"] == "red"
    assert (
        event.changes["target_date"] == "2027-09-30" and event.changes["previous_target_date"] == "2027-03-31"
    )
    assert event.changes["reason"] == "Supplier left" and event.summary == "TEC-2026-04/1: Red"


def test_a_stale_version_is_refused(services, rec):
    services.reports.update_recommendation(rec.id, owner="Schools Team")
    with pytest.raises(Exception, match="changed by someone else"):
        services.updates.record(rec.id, progress=Progress.AMBER, version=rec.version)


def test_editing_progress_or_target_on_the_recommendation_adds_an_update(services, rec):
    services.reports.update_recommendation(rec.id, progress=Progress.AMBER)
    services.reports.update_recommendation(rec.id, target_date=dt.date(2027, 3, 31))
    services.reports.update_recommendation(rec.id, target_date=dt.date(2027, 5, 31), reason="Waiting on data")
    services.reports.update_recommendation(rec.id, owner="Schools Team")  # not progress: no update
    services.reports.update_recommendation(rec.id, progress=Progress.COMPLETE)
    history = services.updates.history(rec.id)
    assert [(u.progress, u.target_date) for u in history] == [
        (Progress.AMBER, None),
        (Progress.AMBER, dt.date(2027, 3, 31)),
        (Progress.AMBER, dt.date(2027, 5, 31)),
        (Progress.COMPLETE, dt.date(2027, 5, 31)),
    ]
    assert history[1].previous_target_date is None  # first set, not moved
    assert history[2].revision_note == "revised from 31 March 2027 because Waiting on data"
    assert history[3].completed_on == TODAY and history[3].owner == "Schools Team"


def test_a_recommendation_added_with_progress_starts_its_history(services, demo):
    added = services.reports.add_recommendation(
        demo.report.id,
        NewRecommendation(
            label="10", text="A new one.", progress=Progress.GREEN, target_date=dt.date(2027, 1, 31)
        ),
    )
    (first,) = services.updates.history(added.id)
    assert first.progress is Progress.GREEN and first.target_date == dt.date(2027, 1, 31)
    plain = services.reports.add_recommendation(
        demo.report.id, NewRecommendation(label="11", text="Another.")
    )
    assert services.updates.history(plain.id) == ()


def test_deleting_a_recommendation_deletes_its_history(services, rec):
    services.updates.record(rec.id, progress=Progress.AMBER)
    services.reports.delete_recommendation(rec.id)
    with services.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM progress_updates")).scalar() == 0


def test_for_report_gives_every_recommendation_its_updates_oldest_first(services, demo, rec):
    services.updates.record(rec.id, progress=Progress.RED)
    services.updates.record(rec.id, progress=Progress.GREEN)
    history = services.updates.for_report(demo.report.reference)
    assert list(history) == [r.id for r in demo.report.recommendations]
    assert [u.progress for u in history[rec.id]] == [Progress.RED, Progress.GREEN]
    assert history[demo.report.recommendations[1].id] == ()


def test_a_recommendation_is_found_by_id_or_report_and_label(services, demo, rec):
    assert services.reports.resolve_recommendation(rec.id) == rec.id
    assert services.reports.resolve_recommendation(str(rec.id)) == rec.id
    assert services.reports.resolve_recommendation("tec-2026-04/1") == rec.id
    slashed = services.reports.create(
        title="A report whose reference has a slash",
        reference="HC 12/2026",
        recommendations=[NewRecommendation(label="R4", text="Do it.")],
    )
    assert services.reports.resolve_recommendation("HC 12/2026/r4") == slashed.recommendations[0].id
    with pytest.raises(NotFoundError, match=r"TEC-2026-04 has no recommendation “12” \(it has 1, 2, 3"):
        services.reports.resolve_recommendation("TEC-2026-04/12")
    with pytest.raises(NotFoundError, match="no report with reference “NOPE”"):
        services.reports.resolve_recommendation("NOPE/1")
    with pytest.raises(NotFoundError, match="REPORT/LABEL"):
        services.reports.resolve_recommendation("TEC-2026-04")
    with pytest.raises(NotFoundError, match="no recommendation with id 999"):
        services.reports.resolve_recommendation(999)
