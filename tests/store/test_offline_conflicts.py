"""Each kind of conflict a check-in meets, on both engines as the server: nothing is overwritten
without a choice, a run with a conflict left open applies nothing, and the choices apply."""

from __future__ import annotations

import pytest

from correspondence_desk.core.db import check_database
from correspondence_desk.core.offline.checkin import checkin
from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.core.services.demo import load_demo


def pdf(label: str) -> bytes:
    return f"%PDF-1.7 {label}\n%%EOF".encode()


@pytest.fixture
def taken(services, tmp_path):
    demo = load_demo(services)
    copy = tmp_path / "laptop.sqlite3"
    checkout(services.db, copy, actor="alice")
    return demo, copy


def _count_events(services) -> int:
    return len(services.audit.list(limit=5000))


def test_the_same_field_changed_on_both_sides_waits_for_a_choice(services, taken, desk):
    demo, copy = taken
    rid = demo.report.id
    with desk(copy) as offline:
        offline.reports.update(rid, notes="Offline: the clerk's note", title="Title changed offline")
    services.reports.update(rid, notes="Server: the office's note")
    events = _count_events(services)

    plan = checkin(copy, services.db)
    assert not plan.applied and plan.unresolved == (f"reports:[{rid}]",)
    (conflict,) = plan.conflicts
    assert conflict.kind == "same_field" and conflict.per_field
    (diff,) = conflict.fields
    assert (diff.field, diff.offline, diff.server, diff.base) == (
        "notes",
        "Offline: the clerk's note",
        "Server: the office's note",
        "",
    )
    assert "title" in conflict.note  # the field only offline changed goes in with the choice
    report = services.reports.get(rid)
    assert (report.title, report.notes) == (demo.report.title, "Server: the office's note")
    assert _count_events(services) == events  # applied nothing, not even the audit events

    plan = checkin(copy, services.db, resolutions={conflict.id: {"notes": "server"}})
    assert plan.applied
    report = services.reports.get(rid)
    assert (report.title, report.notes) == ("Title changed offline", "Server: the office's note")
    assert check_database(services.db.location).ok


def test_choosing_offline_takes_the_offline_value(services, taken, desk):
    demo, copy = taken
    rec = demo.report.recommendations[0]
    with desk(copy) as offline:
        offline.reports.update_recommendation(rec.id, owner="Offline owner")
    services.reports.update_recommendation(rec.id, owner="Server owner")
    (conflict,) = checkin(copy, services.db, dry_run=True).conflicts
    assert checkin(copy, services.db, resolutions={conflict.id: "offline"}).applied
    assert services.reports.get_recommendation(rec.id).owner == "Offline owner"


def test_different_fields_of_one_record_merge_and_say_so(services, taken, desk):
    demo, copy = taken
    rec = demo.report.recommendations[0]
    with desk(copy) as offline:
        offline.reports.update_recommendation(rec.id, owner="Transport team")
    services.reports.update_recommendation(rec.id, paragraph_ref="para 4.2")
    plan = checkin(copy, services.db)
    assert plan.applied and plan.conflicts == ()
    (merged,) = [c for c in plan.changes if c.action == "merge"]
    assert merged.fields == ("owner",) and "paragraph_ref" in merged.note
    after = services.reports.get_recommendation(rec.id)
    assert (after.owner, after.paragraph_ref) == ("Transport team", "para 4.2")


def test_edited_offline_and_deleted_on_the_server(services, taken, desk, tmp_path):
    demo, copy = taken
    rec = demo.report.recommendations[-1]
    with desk(copy) as offline:
        offline.reports.update_recommendation(rec.id, text="Reworded on the train.")
    services.reports.delete_recommendation(rec.id)
    plan = checkin(copy, services.db)
    (conflict,) = plan.conflicts
    assert conflict.kind == "deleted_on_server" and not plan.applied
    assert [f.server for f in conflict.fields] == ["(deleted)"]
    # keeping the server's side: it stays deleted
    assert checkin(copy, services.db, dry_run=True, resolutions={conflict.id: "server"}).unresolved == ()
    # keeping the offline side: it comes back, as a new record with the offline text
    plan = checkin(copy, services.db, resolutions={conflict.id: "offline"})
    assert plan.applied
    texts = [r.text for r in services.reports.get(demo.report.id).recommendations]
    assert texts[-1] == "Reworded on the train." and len(texts) == len(demo.report.recommendations)
    assert check_database(services.db.location).ok


def test_deleted_offline_and_changed_on_the_server(services, taken, desk):
    demo, copy = taken
    rec = demo.report.recommendations[-1]
    with desk(copy) as offline:
        offline.reports.delete_recommendation(rec.id)
    services.reports.update_recommendation(rec.id, owner="Still working on it")
    plan = checkin(copy, services.db)
    (conflict,) = plan.conflicts
    assert conflict.kind == "deleted_offline"
    assert [(f.field, f.offline, f.server) for f in conflict.fields] == [
        ("owner", "(deleted)", "Still working on it")
    ]
    assert checkin(copy, services.db, resolutions={conflict.id: "server"}).applied
    assert services.reports.get_recommendation(rec.id).owner == "Still working on it"


def test_deleted_offline_unchanged_on_the_server_is_deleted(services, taken, desk):
    demo, copy = taken
    rec = demo.report.recommendations[-1]
    with desk(copy) as offline:
        offline.reports.delete_recommendation(rec.id)
    plan = checkin(copy, services.db)
    assert plan.applied and plan.count("delete") == 1
    assert rec.id not in {r.id for r in services.reports.get(demo.report.id).recommendations}


def test_a_letter_issued_on_both_sides(services, taken, desk):
    demo, copy = taken
    with desk(copy) as offline:
        offline.letters.issue(demo.letter.id, lambda d: pdf("printed at the committee venue"))
    services.letters.issue(demo.letter.id, lambda d: pdf("printed in the office"))
    plan = checkin(copy, services.db)
    (conflict,) = plan.conflicts
    assert conflict.kind == "issued_on_both" and conflict.choices == ("server", "both")
    assert checkin(copy, services.db, dry_run=True, resolutions={conflict.id: "offline"}).unresolved
    plan = checkin(copy, services.db, resolutions={conflict.id: "both"})
    assert plan.applied
    issued = [x for x in services.letters.list() if x.status.value == "issued"]
    assert len(issued) == 2
    by_ref = {x.reference: services.letters.issued_pdf(x.id) for x in issued}
    assert by_ref[demo.letter.reference] == pdf("printed in the office")
    assert by_ref[f"{demo.letter.reference}-offline"] == pdf("printed at the committee venue")
    offline_letter = services.letters.get(f"{demo.letter.reference}-offline")
    assert len(offline_letter.responses) == len(demo.letter.responses)
    result = check_database(services.db.location)
    assert result.ok, result.problems


def _issued_offline_edited_on_server(services, taken, desk):
    demo, copy = taken
    with desk(copy) as offline:
        offline.letters.issue(demo.letter.id, lambda d: pdf("printed at the committee venue"))
    response = demo.letter.responses[0]
    services.letters.update(demo.letter.id, subject="Subject reworded at the office")
    services.letters.update_response(response.id, text="Reply reworded at the office")
    return demo, copy, response


def test_a_letter_issued_offline_and_edited_on_the_server_waits_for_a_choice(services, taken, desk):
    demo, copy, _response = _issued_offline_edited_on_server(services, taken, desk)
    plan = checkin(copy, services.db)
    (conflict,) = plan.conflicts
    assert conflict.kind == "issued_offline_edited_on_server" and not plan.applied
    assert conflict.kind_words == "issued offline; edited on the server since it was taken"
    assert conflict.choices == ("offline", "both") and not conflict.per_field
    fields = {d.field: d for d in conflict.fields}
    assert fields["subject"].server == "Subject reworded at the office"
    assert any(f.endswith(": text") and d.server == "Reply reworded at the office" for f, d in fields.items())
    letter = services.letters.get(demo.letter.id)
    assert letter.status.value != "issued" and letter.subject == "Subject reworded at the office"
    # never merged field by field: nothing of the issue lands until a choice is made
    assert checkin(copy, services.db, resolutions={conflict.id: {"subject": "offline"}}).unresolved


def test_keeping_the_offline_issue_puts_back_the_text_that_went_out(services, taken, desk):
    demo, copy, response = _issued_offline_edited_on_server(services, taken, desk)
    (conflict,) = checkin(copy, services.db, dry_run=True).conflicts
    assert checkin(copy, services.db, resolutions={conflict.id: "offline"}).applied
    letter = services.letters.get(demo.letter.id)
    assert letter.status.value == "issued" and letter.subject == demo.letter.subject
    assert next(r for r in letter.responses if r.id == response.id).text == response.text
    assert services.letters.issued_pdf(demo.letter.id) == pdf("printed at the committee venue")
    result = check_database(services.db.location)
    assert result.ok, result.problems


def test_keeping_both_adds_the_offline_issue_beside_the_edited_draft(services, taken, desk):
    demo, copy, response = _issued_offline_edited_on_server(services, taken, desk)
    (conflict,) = checkin(copy, services.db, dry_run=True).conflicts
    assert checkin(copy, services.db, resolutions={conflict.id: "both"}).applied
    draft = services.letters.get(demo.letter.id)
    assert draft.status.value != "issued" and draft.subject == "Subject reworded at the office"
    issued = services.letters.get(f"{demo.letter.reference}-offline")
    assert issued.status.value == "issued" and issued.subject == demo.letter.subject
    assert services.letters.issued_pdf(issued.id) == pdf("printed at the committee venue")
    assert response.text in [r.text for r in issued.responses]
    result = check_database(services.db.location)
    assert result.ok, result.problems
