"""Nothing forged unnoticed: the audit log's hash chain, the append-only rules and the issued PDFs,
checked by `check` on both engines — including after someone got past the triggers."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from correspondence_desk.core.db import check_database
from correspondence_desk.core.records import NewRecommendation, NewResponse


def _pdf(detail) -> bytes:
    return f"%PDF-1.7 issued {detail.reference} with {len(detail.responses)} responses\n%%EOF".encode()


@pytest.fixture
def history(services):
    """A little history: bodies, a report, an issued letter (its PDF's SHA-256 in the chain)."""
    body = services.bodies.create(name="London Councils")
    services.bodies.update(body.id, body.version, short_name="LC")
    report = services.reports.create(
        title="Step-free access at river piers",
        committee="Transport Committee",
        recommendations=[NewRecommendation("1", "Publish a plan."), NewRecommendation("2", "Fund lifts.")],
    )
    letter = services.letters.create(
        subject="Response", responses=[NewResponse(rec.id, "We accept.") for rec in report.recommendations]
    )
    issued = services.letters.issue(letter.id, _pdf)
    return issued


def _sql(services, *statements: str) -> None:
    with services.db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _unprotect(services) -> None:
    """What someone with the database in hand does first: get past the append-only triggers."""
    if services.is_sqlite:
        _sql(services, "DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete")
    else:
        _sql(services, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change")


def test_a_healthy_history_checks_out_with_every_event_chained(services, history):
    result = check_database(services.db.location)
    assert result.ok, result.problems
    events = services.audit.list(limit=1000)
    assert result.audit_events == len(events) >= 6
    assert len(result.audit_head) == 64 and result.issued_pdfs == 1
    assert result.counts["letters"] == 1 and result.counts["recommendations"] == 2
    issue = next(e for e in events if e.action == "issue")
    assert issue.changes["sha256"] == history.issued_sha256  # the PDF's hash is in the chain


def test_events_cannot_be_changed_removed_or_replaced(services, history):
    for statement in (
        "UPDATE audit_events SET summary = 'nothing happened'",
        "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            _sql(services, statement)
    if services.is_sqlite:  # REPLACE deletes without firing delete triggers: refused before it can
        with pytest.raises(DBAPIError, match="append-only"):
            _sql(
                services,
                "REPLACE INTO audit_events (id, at, os_user, entity, action, changes, summary, db_user, "
                "prev_hash, chain_hash) SELECT id, at, 'someone', entity, action, changes, 'forged', "
                "db_user, prev_hash, chain_hash FROM audit_events WHERE id = 1",
            )
    else:
        with pytest.raises(DBAPIError, match="append-only"):
            _sql(services, "TRUNCATE audit_events")
    assert check_database(services.db.location).ok


def test_an_event_edited_past_the_triggers_is_the_first_broken_link(services, history):
    _unprotect(services)
    target = services.audit.list(entity="body")[-1].id  # the body's creation
    _sql(services, f"UPDATE audit_events SET os_user = 'someone else' WHERE id = {target}")
    result = check_database(services.db.location)
    assert not result.ok
    broken = [p for p in result.problems if "audit log is broken" in p]
    assert broken == [broken[0]] and f"event #{target} " in broken[0] and "do not match" in broken[0]
    assert any("trigger" in p for p in result.problems)  # the missing or disabled trigger is named


def test_a_removed_event_breaks_the_chain_at_the_next_one(services, history):
    _unprotect(services)
    events = sorted(e.id for e in services.audit.list(limit=1000))
    _sql(services, f"DELETE FROM audit_events WHERE id = {events[2]}")
    problems = check_database(services.db.location).problems
    assert any(f"event #{events[3]} " in p and "does not follow" in p for p in problems)


def test_a_dropped_or_emptied_audit_log_is_noticed(services, history):
    if services.is_sqlite:
        _sql(
            services,
            "CREATE TABLE audit_copy AS SELECT * FROM audit_events",
            "DROP TABLE audit_events",
        )
    else:
        _sql(services, "DROP TABLE audit_events")
    problems = check_database(services.db.location).problems
    assert any("audit_events is missing" in p for p in problems), problems


def test_a_fresh_log_in_place_of_the_old_one_still_misses_the_issue(services, history):
    _unprotect(services)
    _sql(services, "DELETE FROM audit_events")  # a new, self-consistent (empty) history
    problems = check_database(services.db.location).problems
    assert any(history.reference in p and "not in the audit log" in p for p in problems), problems


def test_replaced_pdf_bytes_are_found_out(services, history):
    _sql(services, f"UPDATE letters SET issued_pdf = {_blob(services)} WHERE id = {history.id}")
    problems = check_database(services.db.location).problems
    assert any(history.reference in p and "does not match its SHA-256" in p for p in problems), problems


def _blob(services) -> str:
    return "X'25'" if services.is_sqlite else "'\\x25'::bytea"  # a one-byte "issued copy"


def test_existing_events_are_chained_by_the_upgrade_that_adds_the_chain(location, engine):
    from correspondence_desk.core.db import make_engine, open_database
    from correspondence_desk.core.migrate import downgrade_to

    db = open_database(location)
    downgrade_to(db.engine, "0002")
    db.close()
    raw = make_engine(location)
    with raw.begin() as conn:
        for n in range(3):
            conn.execute(
                text(
                    "INSERT INTO audit_events (at, os_user, entity, entity_id, action, changes, summary) "
                    f"VALUES ('2025-0{n + 1}-01 10:00:00', 'clerk', 'report', {n}, 'create', "
                    "'{\"title\": \"Old\"}', 'before the chain')"
                )
            )
    raw.dispose()
    db = open_database(location)
    db.close()
    result = check_database(location)
    assert result.ok, result.problems
    assert result.audit_events == 4  # the three old ones, chained, and the upgrade itself
