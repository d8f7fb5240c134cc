"""Services: one transaction per call with its audit event, frozen records, locks and conflicts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from correspondence_desk.core.errors import ConflictError, LockedError, NotFoundError, ValidationError
from correspondence_desk.core.records import (
    Addressee,
    AddresseeRole,
    LetterStatus,
    NewRecommendation,
    NewResponse,
    Position,
    ReportStatus,
    ResponseEdit,
)
from correspondence_desk.core.services.demo import LETTER_REFERENCE, REPORT_REFERENCE, load_demo


def _fake_pdf(detail) -> bytes:
    return f"%PDF-1.4 {detail.reference} {len(detail.responses)}".encode()


def test_records_are_frozen(services):
    body = services.bodies.create(name="Mayor of London", short_name="the Mayor", aliases="the Mayor; Mayor")
    assert body.aliases == ("the Mayor", "Mayor")
    with pytest.raises(dataclasses.FrozenInstanceError):
        body.name = "x"  # type: ignore[misc]


def test_every_change_writes_an_audit_event_with_the_os_user(services):
    body = services.bodies.create(name="London Councils")
    services.bodies.update(body.id, body.version, short_name="LC")
    services.bodies.delete(body.id)
    events = services.audit.list(entity="body")
    assert [e.action for e in events] == ["delete", "update", "create"]
    assert all(e.os_user == "tester" for e in events)
    assert events[1].changes == {"short_name": ["", "LC"]}


def test_the_audit_log_is_append_only(services):
    services.bodies.create(name="London Councils")
    with services.db.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text("UPDATE audit_events SET os_user = 'someone else'"))
    with services.db.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text("DELETE FROM audit_events"))


def test_a_stale_edit_is_a_conflict_not_a_silent_overwrite(services):
    contact = services.contacts.create(name="Priya Castellano", job_title="Chair")
    services.contacts.update(contact.id, contact.version, job_title="Chair of the Committee")
    with pytest.raises(ConflictError, match="changed by someone else"):
        services.contacts.update(contact.id, contact.version, job_title="Deputy Chair")
    assert services.contacts.get(contact.id).job_title == "Chair of the Committee"


def test_invalid_input_gets_a_clear_error(services):
    with pytest.raises(ValidationError, match="cannot be empty"):
        services.reports.create(title="  ")
    with pytest.raises(ValidationError, match="not an email"):
        services.contacts.create(name="A Person", email="not an address")
    with pytest.raises(ValidationError, match="received before it was published"):
        services.reports.create(title="T", published=dt.date(2026, 5, 2), received=dt.date(2026, 5, 1))
    services.bodies.create(name="Mayor of London")
    with pytest.raises(ValidationError, match="already a body called “Mayor of London”"):
        services.bodies.create(name="Mayor of London")


def test_report_with_recommendations_and_addressees(services):
    mayor = services.bodies.create(name="Mayor of London", short_name="the Mayor")
    vru = services.bodies.create(name="Violence Reduction Unit", short_name="VRU")
    report = services.reports.create(
        title="Safer streets",
        committee="Police and Crime Committee",
        published=dt.date(2026, 3, 1),
        recommendations=[
            NewRecommendation("1", "The Mayor should act.\n\nAnd report back.", addressees=[mayor.id]),
            NewRecommendation(
                "2",
                "The Mayor, with the VRU, should plan by 31 December 2026.",
                addressees=[Addressee(mayor.id), Addressee(vru.id, AddresseeRole.PARTNER)],
                deadline=dt.date(2026, 12, 31),
                deadline_phrase="by 31 December 2026",
            ),
        ],
        source=("report.txt", b"Recommendation 1 ..."),
    )
    assert report.reference.startswith("R-")
    assert report.committee == "Police and Crime Committee"
    assert report.source is not None and report.source.size == len(b"Recommendation 1 ...")
    first, second = report.recommendations
    assert first.paragraphs == ["The Mayor should act.", "And report back."]
    assert second.addressee_names == "the Mayor"
    assert [a.role for a in second.addressees] == [AddresseeRole.LEAD, AddresseeRole.PARTNER]
    summary = services.reports.list()[0]
    assert (summary.recommendation_count, summary.answered_count) == (2, 0)


def test_recommendations_edit_reorder_and_delete(services):
    body = services.bodies.create(name="Mayor of London")
    report = services.reports.create(
        title="T", recommendations=[NewRecommendation(str(i), f"Text {i}") for i in range(1, 4)]
    )
    rec = report.recommendations[0]
    updated = services.reports.update_recommendation(
        rec.id, rec.version, text="New text", addressees=[body.id], position=Position.ACCEPTED
    )
    assert updated.text == "New text" and updated.addressees[0].name == "Mayor of London"
    assert updated.version > rec.version
    with pytest.raises(ConflictError):
        services.reports.update_recommendation(rec.id, rec.version, owner="x")
    only_addressees = services.reports.update_recommendation(updated.id, updated.version, addressees=[])
    assert only_addressees.addressees == () and only_addressees.version > updated.version
    with pytest.raises(ValidationError, match="already has a recommendation 2"):
        services.reports.update_recommendation(rec.id, label="2")
    ids = [r.id for r in report.recommendations]
    detail = services.reports.reorder_recommendations(report.id, list(reversed(ids)))
    assert [r.label for r in detail.recommendations] == ["3", "2", "1"]
    services.reports.delete_recommendation(ids[1])
    assert [r.label for r in services.reports.get(report.id).recommendations] == ["3", "1"]


def test_demo_is_complete_and_loading_it_twice_adds_nothing(services):
    first = load_demo(services)
    assert first.added
    report = first.report
    assert report.reference == REPORT_REFERENCE and len(report.recommendations) >= 8
    assert len({a.name for r in report.recommendations for a in r.addressees}) >= 4
    assert any(len(r.paragraphs) > 1 for r in report.recommendations)
    assert sum(1 for r in report.recommendations if r.deadline) >= 3
    letter = first.letter
    assert {r.recommendation.id for r in letter.responses} == {r.id for r in report.recommendations}
    assert letter.status == LetterStatus.DRAFT
    counts = (len(services.bodies.list()), len(services.contacts.list()), len(services.letters.list()))
    again = load_demo(services)
    assert not again.added
    assert (
        len(services.bodies.list()),
        len(services.contacts.list()),
        len(services.letters.list()),
    ) == counts
    assert len(services.reports.list()) == 1


def test_issuing_locks_the_letter_and_stores_the_pdf(services, demo):
    letter = services.letters.get(LETTER_REFERENCE)
    issued = services.letters.issue(letter.id, _fake_pdf, letter.version)
    assert issued.status == LetterStatus.ISSUED and issued.issued_at is not None
    pdf = services.letters.issued_pdf(LETTER_REFERENCE)
    assert pdf == _fake_pdf(letter)
    import hashlib

    assert issued.issued_sha256 == hashlib.sha256(pdf).hexdigest()
    with pytest.raises(LockedError, match="issued"):
        services.letters.update(letter.id, body="Changed")
    with pytest.raises(LockedError):
        services.letters.update_response(issued.responses[0].id, text="Changed")
    with pytest.raises(LockedError):
        services.letters.remove_response(issued.responses[0].id)
    with pytest.raises(LockedError):
        services.letters.delete(letter.id)
    with pytest.raises(LockedError):
        services.reports.delete(demo.report.id)
    # positions taken in the issued letter are recorded on the recommendations
    report = services.reports.get(REPORT_REFERENCE)
    assert report.recommendations[0].position == issued.responses[0].position
    assert services.reports.list()[0].answered_count == len(report.recommendations)
    # every recommendation answered: the report is marked responded, and its response is no longer due
    assert report.status == ReportStatus.RESPONDED
    assert services.audit.list(entity="report", entity_id=report.id)[0].changes == {
        "status": ["open", "responded"]
    }


def test_a_report_answered_only_in_part_stays_open(services, demo):
    letter = services.letters.create(
        recipient_id=demo.letter.recipient.id,
        responses=[NewResponse(demo.report.recommendations[0].id, "Accepted.", Position.ACCEPTED)],
    )
    services.letters.issue(letter.id, _fake_pdf)
    assert services.reports.get(REPORT_REFERENCE).status == ReportStatus.OPEN


def test_new_version_of_an_issued_letter_is_an_editable_copy(services, demo):
    issued = services.letters.issue(demo.letter.id, _fake_pdf)
    copy = services.letters.new_version(issued.id)
    assert copy.reference == f"{issued.reference} v2"
    assert copy.status == LetterStatus.DRAFT and copy.previous_version_id == issued.id
    assert [r.text for r in copy.responses] == [r.text for r in issued.responses]
    changed = services.letters.update(copy.id, copy.version, body="A shorter covering letter.")
    assert changed.body == "A shorter covering letter."
    # both answers are visible for a recommendation answered twice
    answers = services.letters.responses_to(demo.report.recommendations[0].id)
    assert [a.letter_reference for a in answers] == [issued.reference, copy.reference]


def test_letters_resolve_by_reference_or_id(services, demo):
    assert services.letters.resolve(LETTER_REFERENCE.lower()) == demo.letter.id
    assert services.letters.resolve(str(demo.letter.id)) == demo.letter.id
    with pytest.raises(NotFoundError, match="no letter"):
        services.letters.resolve("L-0000")


def test_responses_can_be_added_edited_and_reordered(services, demo):
    report = demo.report
    letter = services.letters.create(recipient_id=demo.letter.recipient.id)
    assert letter.reference == f"CTA/{dt.date.today().year}/001"  # the demo letterhead's pattern
    letter = services.letters.add_responses(
        letter.id, [NewResponse(r.id) for r in report.recommendations[:3]]
    )
    letter = services.letters.add_responses(letter.id, [NewResponse(report.recommendations[0].id)])
    assert len(letter.responses) == 3
    resp = services.letters.update_response(
        letter.responses[1].id, text="Agreed.", position=Position.ACCEPTED
    )
    assert resp.text == "Agreed." and resp.position == Position.ACCEPTED
    order = [r.id for r in reversed(letter.responses)]
    letter = services.letters.reorder_responses(letter.id, order)
    assert [r.id for r in letter.responses] == order
    with pytest.raises(ValidationError, match="answers no recommendation"):
        empty = services.letters.create()
        services.letters.issue(empty.id, _fake_pdf)


# --- saving a letter: one call, one transaction ----------------------------------------------------


def _commits(services) -> list[int]:
    """A list that grows by one for each transaction committed on the database."""
    from sqlalchemy import event

    seen: list[int] = []
    event.listen(services.db.engine, "commit", lambda _conn: seen.append(1))
    return seen


def test_saving_a_letter_is_one_transaction_with_an_event_per_record_changed(services, demo):
    letter = services.letters.get(demo.letter.id)
    first, second = letter.responses[0], letter.responses[1]
    order = [r.id for r in reversed(letter.responses)]
    events_before = len(services.audit.list(limit=1000))
    commits = _commits(services)
    saved = services.letters.save(
        letter.id,
        letter.version,
        {"body": "A new covering letter.", "closing": "Yours faithfully,"},
        [
            ResponseEdit(first.id, first.version, "We accept it.", Position.ACCEPTED),
            ResponseEdit(second.id, second.version, second.text, second.position),  # unchanged
        ],
        order,
    )
    assert len(commits) == 1
    assert (saved.body, saved.closing) == ("A new covering letter.", "Yours faithfully,")
    assert [r.id for r in saved.responses] == order
    answered = {r.id: r for r in saved.responses}[first.id]
    assert (answered.text, answered.position) == ("We accept it.", Position.ACCEPTED)
    assert saved.version > letter.version  # other windows holding the old version now see a conflict
    every = services.audit.list(limit=1000)  # newest first
    events = every[: len(every) - events_before]
    assert sorted((e.entity, e.entity_id) for e in events) == [("letter", letter.id), ("response", first.id)]
    letter_event = next(e for e in events if e.entity == "letter")
    assert letter_event.changes["body"][1] == "A new covering letter."
    assert letter_event.changes["order"] == [[r.id for r in letter.responses], order]
    assert letter_event.changes["responses_edited"] == [first.recommendation.label]


def test_a_conflict_half_way_through_a_save_saves_nothing(services, demo):
    letter = services.letters.get(demo.letter.id)
    by_label = {r.recommendation.label: r for r in letter.responses}
    # a colleague answers recommendation 3 while this letter is open
    services.letters.update_response(by_label["3"].id, by_label["3"].version, text="Their answer.")
    events_before = len(services.audit.list(limit=1000))
    with pytest.raises(ConflictError, match="Recommendation 3’s response was changed by someone else"):
        services.letters.save(
            letter.id,
            letter.version,
            {"body": "My covering letter."},
            [
                ResponseEdit(by_label[x].id, by_label[x].version, f"My answer to {x}.", Position.ACCEPTED)
                for x in ("1", "3", "5")
            ],
            [r.id for r in reversed(letter.responses)],
        )
    now = services.letters.get(demo.letter.id)
    assert now.body == letter.body
    assert [r.id for r in now.responses] == [r.id for r in letter.responses]
    texts = {r.recommendation.label: r.text for r in now.responses}
    assert texts["1"] == by_label["1"].text and texts["5"] == by_label["5"].text
    assert texts["3"] == "Their answer."
    assert len(services.audit.list(limit=1000)) == events_before


def test_a_letter_changed_elsewhere_is_not_saved_over(services, demo):
    letter = services.letters.get(demo.letter.id)
    services.letters.update(letter.id, letter.version, subject="Changed elsewhere")
    with pytest.raises(ConflictError, match=f"Letter {letter.reference} was changed by someone else"):
        services.letters.save(letter.id, letter.version, {"body": "Mine."})
    assert services.letters.get(letter.id).body == letter.body
    with pytest.raises(ValidationError, match="every response of the letter once"):
        services.letters.save(letter.id, services.letters.get(letter.id).version, order=[1])


# --- issuing: render first, then store in one transaction -----------------------------------------


def test_a_letter_changed_between_render_and_store_is_not_issued(services, demo):
    letter = services.letters.get(demo.letter.id)
    commits = _commits(services)

    def render_while_a_colleague_edits(detail):
        assert len(commits) == 1  # the read is committed: no transaction is open while rendering
        services.letters.update(detail.id, detail.version, closing="Yours faithfully,")
        return _fake_pdf(detail)

    with pytest.raises(ConflictError, match="was changed by someone else while it was being prepared"):
        services.letters.issue(letter.id, render_while_a_colleague_edits, letter.version)
    now = services.letters.get(letter.id)
    assert now.status == LetterStatus.DRAFT and now.closing == "Yours faithfully,"
    assert services.letters.issued_pdf(letter.id) is None
    assert all(r.position is None for r in services.reports.get(demo.report.id).recommendations)

    # a response edited meanwhile is named
    def render_while_a_response_changes(detail):
        resp = detail.responses[2]
        services.letters.update_response(resp.id, resp.version, text="Edited meanwhile.")
        return _fake_pdf(detail)

    with pytest.raises(ConflictError, match="Recommendation 3’s response was changed"):
        services.letters.issue(letter.id, render_while_a_response_changes)
    assert not services.letters.get(letter.id).is_issued


def test_issuing_records_each_position_with_its_audit_event(services, demo):
    letter = services.letters.save(demo.letter.id, demo.letter.version, {"letter_date": None})
    rendered = []
    issued = services.letters.issue(letter.id, lambda d: rendered.append(d) or _fake_pdf(d), letter.version)
    # an undated draft is dated the day it is issued, in the PDF and on record alike
    assert rendered[0].letter_date == issued.letter_date == dt.date.today()
    events = services.audit.list(entity="recommendation", limit=100)
    taken = {r.recommendation.id: r.position for r in issued.responses if r.position is not None}
    assert taken and {e.entity_id: e.changes["position"] for e in events} == {
        rec_id: [None, position.value] for rec_id, position in taken.items()
    }
    issue_event = services.audit.list(entity="letter", entity_id=letter.id)[0]
    assert issue_event.action == "issue" and issue_event.changes["letter_date"] == dt.date.today().isoformat()
