"""The pure rules of clearance (core/clearance.py): snapshots as text, diffs a sentence a line,
where a route stands, and default routes by role."""

from __future__ import annotations

import dataclasses

from correspondence_desk.core.clearance import (
    default_route,
    diff_summary,
    parse_logins,
    route_state,
    snapshot,
    snapshot_text,
    text_diff,
)
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.records import ColleagueRecord, LetterKind, Position, RouteState, StepState


def test_a_one_word_edit_is_one_changed_line_in_the_diff():
    letter = sample_letter(3)
    before = snapshot(letter)
    body = letter.body.replace(".", ". Indeed.", 1)
    after = snapshot(dataclasses.replace(letter, body=body))
    diff = text_diff(before, after)
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+Indeed."]
    assert diff_summary(diff) == "0 lines out, 1 line in"
    assert text_diff(before, before) == ()


def test_the_text_lists_the_letter_then_each_response_with_its_position():
    letter = sample_letter(2)
    resp = dataclasses.replace(letter.responses[0], position=Position.ACCEPTED_IN_PART, text="Partly. Soon.")
    lines = snapshot_text(snapshot(dataclasses.replace(letter, responses=(resp, letter.responses[1]))))
    assert lines[0] == f"Reference: {letter.reference}"
    first = lines.index(
        f"Recommendation {resp.recommendation.label} ({resp.report_reference}): Accepted in part"
    )
    assert lines[first + 1 : first + 3] == ["Partly.", "Soon."]
    assert lines.index(f"Subject: {letter.subject}") < first


def test_where_a_route_stands():
    step = lambda state, name="A": (state, name, name.lower(), None)  # noqa: E731
    assert route_state([]).state == RouteState.NO_ROUTE
    assert route_state([step(StepState.WAITING), step(StepState.WAITING)]).text == "Not sent (0 of 2 cleared)"
    current = route_state([step(StepState.CLEARED), step(StepState.CURRENT, "Bo")])
    assert (current.state, current.step, current.waiting_for, current.cleared) == (
        RouteState.IN_CLEARANCE,
        2,
        "Bo",
        1,
    )
    assert route_state([step(StepState.RETURNED, "Cy")]).text == "Returned by Cy (step 1 of 1)"
    assert route_state([step(StepState.CLEARED)] * 3).text == "Cleared (3 of 3)"


def test_default_routes_by_role_skip_roles_nobody_holds_and_inactive_colleagues():
    people = [
        ColleagueRecord(1, "Ana", "ana", "Legal"),
        ColleagueRecord(2, "Bo", "bo", "policy lead"),
        ColleagueRecord(3, "Cy", "cy", "Signatory", active=False),
        ColleagueRecord(4, "Di", "di", "Signatory"),
    ]
    assert [c.login for c in default_route(LetterKind.FINAL, people)] == ["bo", "ana", "di"]
    assert [c.login for c in default_route(LetterKind.FINAL, people, ["DI", "ana", "cy", "ana"])] == [
        "di",
        "ana",
    ]
    assert parse_logins(" ana, bo ,, di ") == ["ana", "bo", "di"]
