"""Two colleagues clearing the same step at once: exactly one wins, the other gets a clear conflict,
on SQLite and on PostgreSQL, between two sessions and between two processes.

Both engines come from the suite's fixtures (tests/conftest.py: the throw-away PostgreSQL server
./run-tests starts).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from correspondence_desk.core.db import open_database
from correspondence_desk.core.errors import ConflictError, ValidationError
from correspondence_desk.core.records import LetterStatus, StepState
from correspondence_desk.core.services import Services
from correspondence_desk.core.services.demo import load_demo
from correspondence_desk.paths import location_for


@pytest.fixture
def engine_location(location):
    """The test database on each engine (tests/conftest.py), with the demo and three colleagues."""
    loc = location
    svc = Services(open_database(loc), actor="drafter")
    try:
        demo = load_demo(svc)
        svc.colleagues.add("Dee Drafter", "drafter")
        svc.colleagues.add("Sam Okafor", "sokafor", "Policy lead")
        svc.colleagues.add("Jo Bright", "jbright", "Signatory")
        svc.clearance.set_route(demo.letter.id, ["sokafor", "jbright"])
        svc.clearance.send(demo.letter.id)
    finally:
        svc.close()
    return loc, demo.letter.id


def _pdf(detail) -> bytes:
    return f"%PDF {detail.reference} {detail.version}".encode()


def test_two_sessions_clearing_the_same_step_at_once_one_wins(engine_location):
    """Both read the letter and render what they saw before either stores: a real race."""
    loc, letter_id = engine_location
    both_rendered = threading.Barrier(2, timeout=20)
    results: dict[str, object] = {}

    def render(detail) -> bytes:
        both_rendered.wait()  # neither stores until both have read the same version
        return _pdf(detail)

    def clear(name: str) -> None:
        svc = Services(open_database(loc), actor="sokafor")  # the same clearer at two desks
        try:
            results[name] = svc.clearance.clear(letter_id, render, f"cleared at {name}")
        except Exception as exc:
            results[name] = exc
        finally:
            svc.close()

    threads = [threading.Thread(target=clear, args=(name,)) for name in ("desk A", "desk B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [n for n, r in results.items() if not isinstance(r, Exception)]
    losers = [r for r in results.values() if isinstance(r, Exception)]
    assert len(winners) == 1, results
    assert len(losers) == 1 and isinstance(losers[0], ConflictError), losers
    assert "at the same moment" in str(losers[0]) or "changed, cleared or returned" in str(losers[0])
    svc = Services(open_database(loc), actor="drafter")
    try:
        record = svc.clearance.get(letter_id)
        assert record.steps[0].state == StepState.CLEARED
        assert record.steps[0].action.comment == f"cleared at {winners[0]}"
        assert [a.outcome.value for a in record.history] == ["sent", "cleared"]  # one clearance, not two
        assert record.state.text == "Step 2 of 2: Jo Bright"
    finally:
        svc.close()


def test_a_clearance_and_a_return_racing_at_the_same_step(engine_location):
    """The clearer clears at one desk while returning at another: exactly one of them counts."""
    loc, letter_id = engine_location
    both_rendered = threading.Barrier(2, timeout=20)
    results: dict[str, object] = {}

    def render(detail) -> bytes:
        both_rendered.wait()
        return _pdf(detail)

    def act(what: str) -> None:
        svc = Services(open_database(loc), actor="sokafor")
        try:
            if what == "clear":
                results[what] = svc.clearance.clear(letter_id, render)
            else:
                results[what] = svc.clearance.return_for_amendment(letter_id, "Not yet.", render)
        except Exception as exc:
            results[what] = exc
        finally:
            svc.close()

    threads = [threading.Thread(target=act, args=(w,)) for w in ("clear", "return")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(type(r).__name__ for r in results.values()) == ["ClearanceRecord", "ConflictError"]
    svc = Services(open_database(loc), actor="drafter")
    try:
        status = svc.letters.get(letter_id).status
        won = next(w for w, r in results.items() if not isinstance(r, Exception))
        assert status == (LetterStatus.IN_CLEARANCE if won == "clear" else LetterStatus.DRAFT)
    finally:
        svc.close()


def test_two_processes_clearing_at_once_exactly_one_clears(tmp_path, db_path):
    """`correspondence-desk clear` run twice at the same moment by the same clearer (SQLite file)."""
    location = location_for(db_path)
    svc = Services(open_database(location), actor="drafter")
    try:
        demo = load_demo(svc)
        svc.colleagues.add("Sam Okafor", "sokafor", "Policy lead")
        svc.colleagues.add("Jo Bright", "jbright", "Signatory")
        svc.clearance.set_route(demo.letter.id, ["sokafor", "jbright"])
        svc.clearance.send(demo.letter.id)
    finally:
        svc.close()
    env = {**os.environ, "LOGNAME": "sokafor", "USER": "sokafor"}  # "me" on the CLI is the OS user
    argv = [sys.executable, "-m", "correspondence_desk", "--db", str(location.path), "clear",
            "CTA/TEC/2026/017", "--comment", "fine"]  # fmt: skip
    procs = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]  # fmt: skip
    outcomes = [(p.wait(60), *p.communicate()) for p in procs]
    assert sorted(code for code, _out, _err in outcomes) == [0, 1], outcomes
    loser = next(err for code, _out, err in outcomes if code == 1)
    assert loser.count("\n") == 1 and "Traceback" not in loser
    # whichever came second: a conflict if it read before the first stored, else the letter moved on
    assert "at the same moment" in loser or "not your turn" in loser or "by someone else" in loser
    svc = Services(open_database(location), actor="drafter")
    try:
        history = svc.clearance.get(demo.letter.id).history
        assert [a.outcome.value for a in history] == ["sent", "cleared"]
    finally:
        svc.close()


def test_the_whole_route_on_each_engine(engine_location):
    """Send, clear, edit after clearance, clear again, issue: the same on both engines."""
    loc, letter_id = engine_location
    policy = Services(open_database(loc), actor="sokafor")
    signatory = Services(open_database(loc), actor="jbright")
    drafter = Services(open_database(loc), actor="drafter")
    try:
        policy.clearance.clear(letter_id, _pdf)
        letter = drafter.letters.get(letter_id)
        drafter.letters.save(letter_id, letter.version, {"subject": letter.subject + " (revised)"})
        assert drafter.clearance.get(letter_id).state.text == "Step 1 of 2: Sam Okafor"
        with pytest.raises(ValidationError, match="not yet cleared by Sam Okafor"):
            drafter.letters.issue(letter_id, _pdf)
        policy.clearance.clear(letter_id, _pdf)
        assert [i.letter_id for i in signatory.dashboard.summary().awaiting_my_clearance.items] == [letter_id]
        signatory.clearance.clear(letter_id, _pdf, "Signed.")
        assert drafter.letters.issue(letter_id, _pdf).is_issued
        assert len(drafter.clearance.sheet_pdf(letter_id)) > 1000
    finally:
        for svc in (policy, signatory, drafter):
            svc.close()
