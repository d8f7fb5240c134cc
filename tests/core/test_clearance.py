"""Clearance routes: who clears a letter in what order, what each clearer saw, returns with
comments, edits after a clearance (and typo fixes), and issuing only when cleared."""

from __future__ import annotations

import hashlib

import pytest

from correspondence_desk.core.db import open_database
from correspondence_desk.core.errors import ConflictError, NotFoundError, ValidationError
from correspondence_desk.core.records import LetterStatus, RouteState, StepState
from correspondence_desk.core.services import Services
from correspondence_desk.core.vocabulary import ClearanceOutcome

COLLEAGUES = {  # login: (name, role)
    "sokafor": ("Sam Okafor", "Policy lead"),
    "areyes": ("Ana Reyes", "Legal"),
    "jbright": ("Jo Bright", "Signatory"),
}


def pdf_of(detail) -> bytes:
    """A stand-in for the PDF: different whenever what it shows differs."""
    return f"%PDF {detail.reference} {detail.body} {[r.text for r in detail.responses]}".encode()


@pytest.fixture
def office(services, demo):
    services.colleagues.add("Tess Tester", "tester", "Correspondence")  # the fixture's own login
    for login, (name, role) in COLLEAGUES.items():
        services.colleagues.add(name, login, role)
    return services


@pytest.fixture
def as_colleague(location):
    """Services acting as another login (a colleague at another desk)."""
    opened: list[Services] = []

    def make(login: str) -> Services:
        svc = Services(open_database(location), actor=login)
        opened.append(svc)
        return svc

    yield make
    for svc in opened:
        svc.close()


@pytest.fixture
def routed(office, demo):
    """The demo letter sent round policy → legal → signatory by the tester (its drafter)."""
    office.clearance.set_route(demo.letter.id, ["sokafor", "areyes", "jbright"])
    office.clearance.send(demo.letter.id)
    return demo.letter.id


def test_the_register_knows_who_me_is_and_refuses_a_second_colleague_with_a_login(office):
    assert office.colleagues.me().name == "Tess Tester"
    assert office.colleagues.login() == "tester"
    with pytest.raises(ValidationError, match="Sam Okafor already has the login “sokafor”"):
        office.colleagues.add("Samuel Okafor", "SOKAFOR")
    with pytest.raises(ValidationError, match="not a login"):
        office.colleagues.add("Two Words", "two words")
    events = office.audit.list(entity="colleague")
    assert [e.action for e in events] == ["create"] * 4
    assert events[0].colleague == "Tess Tester"  # the audit log names the colleague behind the login


def test_a_route_is_ordered_and_sending_puts_the_letter_with_the_first_clearer(office, demo):
    record = office.clearance.set_route(demo.letter.id, ["sokafor", "areyes", "jbright"])
    assert [s.colleague.login for s in record.steps] == ["sokafor", "areyes", "jbright"]
    assert record.state.state == RouteState.NOT_SENT and record.status == LetterStatus.DRAFT
    with pytest.raises(ValidationError, match="only once"):
        office.clearance.set_route(demo.letter.id, ["sokafor", "sokafor"])
    with pytest.raises(NotFoundError, match="no colleague with the login “nobody”"):
        office.clearance.set_route(demo.letter.id, ["nobody"])
    record = office.clearance.send(demo.letter.id)
    assert record.status == LetterStatus.IN_CLEARANCE
    assert record.state.text == "Step 1 of 3: Sam Okafor"
    assert record.current.colleague.login == "sokafor" and record.current.due > record.history[0].at.date()
    assert [a.outcome for a in record.history] == [ClearanceOutcome.SENT]
    assert office.letters.list()[0].clearance.text == "Step 1 of 3: Sam Okafor"


def test_clearing_keeps_the_exact_draft_each_clearer_saw(routed, as_colleague):
    policy = as_colleague("sokafor")
    record = policy.clearance.clear(routed, pdf_of, "Content is right.")
    seen = pdf_of(policy.letters.get(routed))
    step = record.steps[0]
    assert step.state == StepState.CLEARED and step.action.comment == "Content is right."
    assert step.action.pdf_sha256 == hashlib.sha256(seen).hexdigest()
    assert record.state.text == "Step 2 of 3: Ana Reyes"
    assert record.current.due is not None
    legal = as_colleague("areyes")
    legal.clearance.clear(routed, pdf_of)
    record = as_colleague("jbright").clearance.clear(routed, pdf_of, "Happy to sign.")
    assert record.status == LetterStatus.CLEARED and record.state.state == RouteState.CLEARED
    assert record.current is None and record.cleared_sha256 == record.steps[-1].action.pdf_sha256
    events = [e for e in policy.audit.list(entity="letter", entity_id=routed) if e.action == "clear"]
    assert [(e.os_user, e.colleague, e.changes["step"]) for e in reversed(events)] == [
        ("sokafor", "Sam Okafor", 1),
        ("areyes", "Ana Reyes", 2),
        ("jbright", "Jo Bright", 3),
    ]


def test_a_clearer_who_is_not_next_on_the_route_is_refused(routed, as_colleague):
    with pytest.raises(
        ValidationError, match=r"not your turn .* with Sam Okafor \(Policy lead\), step 1 of 3"
    ):
        as_colleague("jbright").clearance.clear(routed, pdf_of)
    with pytest.raises(ValidationError, match="You are not on its route"):
        as_colleague("tester").clearance.clear(routed, pdf_of)
    with pytest.raises(ValidationError, match="Your login “stranger” is not in the colleagues register"):
        as_colleague("stranger").clearance.clear(routed, pdf_of)
    assert as_colleague("tester").clearance.get(routed).steps[0].state == StepState.CURRENT  # nothing moved


def test_a_return_sends_the_letter_back_to_its_drafter_with_the_comment(routed, as_colleague, office):
    as_colleague("sokafor").clearance.clear(routed, pdf_of)
    legal = as_colleague("areyes")
    with pytest.raises(ValidationError, match="returned with a comment"):
        legal.clearance.return_for_amendment(routed, "  ", pdf_of)
    record = legal.clearance.return_for_amendment(routed, "Paragraph 2 overstates our duty.", pdf_of)
    assert record.status == LetterStatus.DRAFT and record.state.state == RouteState.RETURNED
    assert record.steps[1].state == StepState.RETURNED
    assert record.steps[1].action.comment == "Paragraph 2 overstates our duty."
    assert record.state.text == "Returned by Ana Reyes (step 2 of 3)"
    with pytest.raises(ValidationError, match=r"not in clearance .*returned for amendment"):
        legal.clearance.clear(routed, pdf_of)
    returned = office.dashboard.summary().returned_to_me  # the tester sent it round
    assert [(i.letter_id, i.status) for i in returned.items] == [
        (routed, "Returned by Ana Reyes: Paragraph 2 overstates our duty.")
    ]
    assert as_colleague("sokafor").dashboard.summary().returned_to_me.total == 0


def _edit_body(services, letter_id, new_body, *, typo_fix=False):
    letter = services.letters.get(letter_id)
    return services.letters.save(letter_id, letter.version, {"body": new_body}, typo_fix=typo_fix)


def test_an_edit_after_clearance_shows_what_changed_and_runs_the_route_again(routed, as_colleague, office):
    as_colleague("sokafor").clearance.clear(routed, pdf_of)
    as_colleague("areyes").clearance.clear(routed, pdf_of)
    before = office.letters.get(routed).body
    _edit_body(office, routed, before + "\n\nWe will also publish the data each term.")
    record = office.clearance.get(routed)
    assert record.state.text == "Step 1 of 3: Sam Okafor"  # from the first step whose text changed
    first, second, third = record.steps
    assert first.state == StepState.CURRENT and first.changed_since_cleared
    assert second.state == StepState.WAITING and second.changed_since_cleared
    assert third.state == StepState.WAITING and not third.changed_since_cleared
    assert first.outcome_text == "Changed since cleared: to clear again"
    assert "+We will also publish the data each term." in first.diff
    assert first.diff[0] == "--- as Sam Okafor cleared it"
    reset = [e for e in office.audit.list(entity="letter", entity_id=routed) if e.action == "clearance_reset"]
    assert reset[0].changes["from_step"] == 1
    with pytest.raises(ValidationError, match="not your turn"):
        as_colleague("jbright").clearance.clear(routed, pdf_of)


def test_a_response_edit_after_a_full_clearance_reopens_the_route(routed, as_colleague, office):
    for login in ("sokafor", "areyes", "jbright"):
        as_colleague(login).clearance.clear(routed, pdf_of)
    letter = office.letters.get(routed)
    resp = letter.responses[2]
    office.letters.update_response(resp.id, resp.version, text=resp.text + " By March.")
    record = office.clearance.get(routed)
    assert record.status == LetterStatus.IN_CLEARANCE and record.state.step == 1
    assert any(line.startswith("+") and "By March." in line for line in record.steps[0].diff)
    with pytest.raises(ValidationError, match="not yet cleared by Sam Okafor"):
        office.letters.issue(routed, pdf_of)


def test_a_typo_fix_confirmed_by_the_editor_keeps_the_clearances(routed, as_colleague, office):
    as_colleague("sokafor").clearance.clear(routed, pdf_of)
    body = office.letters.get(routed).body
    _edit_body(office, routed, body.replace("annex", "anex"))
    assert office.clearance.get(routed).state.step == 1  # not confirmed: cleared again from step 1
    as_colleague("sokafor").clearance.clear(routed, pdf_of)
    _edit_body(office, routed, body, typo_fix=True)  # the typo put right, confirmed as a typo fix
    record = office.clearance.get(routed)
    assert record.state.text == "Step 2 of 3: Ana Reyes"
    step = record.steps[0]
    assert step.state == StepState.CLEARED and step.action.typo_fix
    assert step.action.changed_by == "Tess Tester"  # named, not by login
    assert step.outcome_text == "Cleared — changed since (confirmed as a typo fix)"
    assert "-" + "Our response to each recommendation is in the anex to this letter." in step.diff
    typo = [e for e in office.audit.list(entity="letter", entity_id=routed) if e.action == "typo_fix"]
    assert typo and typo[0].changes["steps"] == [1]


def test_an_edit_that_changes_nothing_a_clearer_reads_leaves_the_route_alone(routed, as_colleague, office):
    as_colleague("sokafor").clearance.clear(routed, pdf_of)
    letter = office.letters.get(routed)
    office.letters.save(routed, letter.version, {"body": letter.body})
    assert office.clearance.get(routed).state.text == "Step 2 of 3: Ana Reyes"


def test_issuing_is_refused_until_cleared_naming_who_has_not(routed, as_colleague, office):
    with pytest.raises(ValidationError) as refused:
        office.letters.issue(routed, pdf_of)
    assert str(refused.value) == (
        "Letter CTA/TEC/2026/017 cannot be issued until its clearance route is complete: "
        "not yet cleared by Sam Okafor (Policy lead), Ana Reyes (Legal) and Jo Bright (Signatory)."
    )
    for login in ("sokafor", "areyes", "jbright"):
        as_colleague(login).clearance.clear(routed, pdf_of)
    issued = office.letters.issue(routed, pdf_of)
    record = office.clearance.get(routed)
    assert issued.is_issued and record.issued_sha256 == issued.issued_sha256
    assert record.cleared_sha256 == record.issued_sha256  # a dated letter goes out exactly as cleared


def test_the_office_can_issue_without_clearance_and_a_letter_with_no_route_issues(office, demo, as_colleague):
    assert office.letters.issue(demo.letter.id, pdf_of).is_issued  # the demo letter has no route
    letter = office.letters.new_version(demo.letter.id)
    office.clearance.set_route(letter.id, ["sokafor", "areyes"])
    office.clearance.send(letter.id)
    with pytest.raises(ValidationError, match="not yet cleared by Sam Okafor"):
        office.letters.issue(letter.id, pdf_of)
    assert office.office.set("issue-only-when-cleared", "off") is False
    issued = office.letters.issue(letter.id, pdf_of)
    assert issued.is_issued
    assert as_colleague("sokafor").dashboard.summary().awaiting_my_clearance.total == 0  # with nobody now
    event = next(e for e in office.audit.list(entity="letter", entity_id=letter.id) if e.action == "issue")
    assert event.changes["issued_before_cleared_by"] == ["Sam Okafor (Policy lead)", "Ana Reyes (Legal)"]


def test_a_clearance_races_an_edit_and_the_edit_is_a_conflict(routed, as_colleague, office):
    """The drafter saves while the clearer is looking: the clearer cannot clear text they did not see."""
    policy = as_colleague("sokafor")
    seen = policy.letters.get(routed)
    _edit_body(office, routed, seen.body + "\n\nOne more paragraph.")
    with pytest.raises(ConflictError, match="changed, cleared or returned by someone else"):
        policy.clearance.clear(routed, pdf_of, version=seen.version)
    assert office.clearance.get(routed).steps[0].state == StepState.CURRENT


def test_changing_the_route_keeps_the_steps_that_stay_where_they_were(routed, as_colleague, office):
    as_colleague("sokafor").clearance.clear(routed, pdf_of)
    record = office.clearance.set_route(routed, ["sokafor", "jbright"])  # legal taken off
    assert [s.state for s in record.steps] == [StepState.CLEARED, StepState.CURRENT]
    assert record.state.text == "Step 2 of 2: Jo Bright"
    record = office.clearance.set_route(routed, [])
    assert record.status == LetterStatus.DRAFT and record.state.state == RouteState.NO_ROUTE
    assert office.letters.issue(routed, pdf_of).is_issued


def test_a_colleague_on_a_route_cannot_be_deleted_only_made_inactive(routed, office):
    sam = office.colleagues.find_login("sokafor")
    with pytest.raises(ValidationError, match="untick “Active”"):
        office.colleagues.delete(sam.id, sam.version)
    office.colleagues.update(sam.id, sam.version, active=False)
    with pytest.raises(ValidationError, match="not active"):
        office.clearance.set_route(routed, ["sokafor", "areyes", "jbright", "tester"])


def test_the_clearance_sheet_is_one_page_with_every_step_and_both_hashes(routed, as_colleague, office):
    import io

    from pypdf import PdfReader

    long_comment = "This needs care. " * 60
    as_colleague("sokafor").clearance.return_for_amendment(routed, long_comment, pdf_of)
    for _ in range(6):  # a long history: sent, returned, sent again…
        office.clearance.send(routed)
        as_colleague("sokafor").clearance.return_for_amendment(routed, long_comment, pdf_of)
    office.clearance.send(routed)
    for login in ("sokafor", "areyes", "jbright"):
        as_colleague(login).clearance.clear(routed, pdf_of, f"Cleared by {login}.")
    issued = office.letters.issue(routed, pdf_of)
    sheet = office.clearance.sheet_pdf(routed)
    reader = PdfReader(io.BytesIO(sheet))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert len(reader.pages) == 1
    assert "Clearance sheet: CTA/TEC/2026/017" in text and "Cleared by jbright." in text
    assert f"SHA-256 of the PDF issued: {issued.issued_sha256}" in text
    assert "The issued PDF is exactly the PDF cleared." in text
