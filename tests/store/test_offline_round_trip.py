"""Taking reports offline and bringing the changes back, with no conflict: both engines as the server
(the `services` fixture), the copy a local SQLite file."""

from __future__ import annotations

import hashlib

import pytest

from correspondence_desk.core.db import check_database
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.offline.checkin import checkin
from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.core.records import NewRecommendation, NewResponse
from correspondence_desk.core.services.demo import load_demo


def pdf(label: str) -> bytes:
    return f"%PDF-1.7 {label}\n%%EOF".encode()


@pytest.fixture
def taken(services, tmp_path):
    demo = load_demo(services)
    other = services.reports.create(
        title="Ferry piers", recommendations=[NewRecommendation("1", "Fix the piers.")]
    )
    copy = tmp_path / "laptop.sqlite3"
    result = checkout(services.db, copy, reports=[demo.report.reference], actor="alice")
    return demo, other, copy, result


def test_a_copy_holds_the_chosen_reports_and_where_it_came_from(services, taken, desk):
    demo, other, copy, result = taken
    assert result.reports == (demo.report.reference,)
    assert result.counts["reports"] == 1 and result.counts["letters"] == 1
    with desk(copy) as offline:
        assert [r.reference for r in offline.reports.list()] == [demo.report.reference]
        assert offline.letters.get(demo.letter.id).reference == demo.letter.reference
        origin = offline.offline.origin()
        assert origin.taken_by == "alice" and origin.copy_id == result.copy_id
        assert origin.banner().startswith(f"Offline copy of {services.location} since ")
    # the server shows a notice on the report taken, not on the other, and nothing is locked
    notice = services.offline.notices(demo.report.id)
    assert [n.taken_by for n in notice] == ["alice"]
    assert notice[0].text().startswith("Taken offline by alice on ")
    assert services.offline.notices(other.id) == []
    services.reports.update(demo.report.id, notes="Edited on the server meanwhile")  # no lock
    assert services.offline.origin() is None


def test_round_trip_applies_offline_changes_and_keeps_server_ones(services, taken, desk):
    demo, _other, copy, result = taken
    rec1, rec2 = demo.report.recommendations[:2]
    with desk(copy, "bob") as offline:
        offline.reports.update(demo.report.id, title="Cleaner air at the school gate (revised on the train)")
        offline.reports.update_recommendation(rec1.id, owner="Air Quality Unit")
        letter = offline.letters.get(demo.letter.id)
        offline.letters.update_response(letter.responses[0].id, text="We accept this, written offline.")
    services.reports.update_recommendation(rec2.id, owner="Schools Team")  # only on the server

    dry = checkin(copy, services.db, dry_run=True, actor="alice")
    assert not dry.applied and dry.conflicts == () and dry.count("update") == 3
    assert services.reports.get(demo.report.id).title == demo.report.title  # a dry run changes nothing

    plan = checkin(copy, services.db, actor="alice")
    assert plan.applied and plan.conflicts == () and plan.server_only == 1
    report = services.reports.get(demo.report.id)
    assert report.title.endswith("(revised on the train)")
    owners = {r.id: r.owner for r in report.recommendations}
    assert owners[rec1.id] == "Air Quality Unit" and owners[rec2.id] == "Schools Team"
    assert services.letters.get(demo.letter.id).responses[0].text == "We accept this, written offline."
    # the offline history is on the server's chain, marked as made offline on that copy
    offline_events = [e for e in services.audit.list(limit=500) if "offline" in e.changes]
    assert len(offline_events) == plan.events == 3
    assert {e.os_user for e in offline_events} == {"bob"}
    assert all(e.changes["offline"]["copy"] == result.copy_id for e in offline_events)
    assert all("made offline on copy" in e.summary for e in offline_events)
    checked = check_database(services.db.location)
    assert checked.ok, checked.problems
    # the notice is gone; the copy says it was brought back; a second check-in changes nothing
    assert services.offline.notices(demo.report.id) == []
    with desk(copy) as offline:
        assert offline.offline.origin().brought_back_at is not None
    events_before = len(services.audit.list(limit=1000))
    again = checkin(copy, services.db, actor="alice")
    assert again.already and "nothing changed" in again.already
    assert len(services.audit.list(limit=1000)) == events_before


def test_a_new_report_made_offline_gets_a_server_reference(services, taken, desk):
    _demo, _other, copy, _ = taken
    with desk(copy) as offline:
        kept = offline.reports.create(
            reference="TRAIN-1",
            title="Written on the train",
            recommendations=[NewRecommendation("1", "Add seats.")],
        )
        clash = offline.reports.create(title="Also offline")  # the next free reference in the copy
        letter = offline.letters.create(
            subject="Response on seats",
            responses=[NewResponse(kept.recommendations[0].id, "Seats will be added.")],
        )
        issued = offline.letters.issue(letter.id, lambda d: pdf(d.reference))
    taken_ref = services.reports.create(title="Logged in the office meanwhile", reference=clash.reference)
    plan = checkin(copy, services.db, actor="alice")
    assert plan.applied
    refs = {r.title: r.reference for r in services.reports.list()}
    assert refs["Written on the train"] == "TRAIN-1"  # still free: kept
    assert refs["Also offline"] != clash.reference  # taken meanwhile: renumbered
    assert refs["Logged in the office meanwhile"] == taken_ref.reference
    assert any(clash.reference in c.note for c in plan.changes if c.action == "add")
    # the letter issued offline stays issued, with its very bytes and SHA-256
    server_letter = services.letters.get(issued.reference)
    assert server_letter.status.value == "issued"
    assert services.letters.issued_pdf(server_letter.id) == pdf(issued.reference)
    assert server_letter.issued_sha256 == hashlib.sha256(pdf(issued.reference)).hexdigest()
    report = services.reports.get("TRAIN-1")
    assert [r.text for r in report.recommendations] == ["Add seats."]
    assert server_letter.responses[0].recommendation.id == report.recommendations[0].id
    assert check_database(services.db.location).ok


def test_a_copy_is_only_brought_back_to_the_server_it_came_from(services, taken, tmp_path, desk):
    _demo, _other, copy, _ = taken
    with desk(tmp_path / "elsewhere.sqlite3") as elsewhere:
        elsewhere.reports.create(title="Another office")
        with pytest.raises(DeskError, match="was not taken from"):
            checkin(copy, elsewhere.db)
    with pytest.raises(DeskError, match="not an offline copy"):
        checkin(tmp_path / "elsewhere.sqlite3", services.db)


def test_checkout_never_overwrites_a_file(services, taken):
    _demo, _other, copy, _ = taken
    before = copy.read_bytes()
    with pytest.raises(DeskError, match="already exists"):
        checkout(services.db, copy)
    assert copy.read_bytes() == before
