"""Migration 0005 on a database of the previous schema (0002) with data in it: every progress and
target date becomes a first update, dated from the audit log where it knows.

Runs on SQLite and on PostgreSQL (the suite's own server, tests/conftest.py)
(postgresql+psycopg://user@host/db; the test makes and drops its own database there).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic import command
from sqlalchemy import text

from correspondence_desk.core.db import HEAD_REVISION, make_engine, open_database
from correspondence_desk.core.migrate import alembic_config
from correspondence_desk.core.records import Progress, UpdateSource
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for, resolve_database

APRIL_2 = dt.date(2026, 4, 2)


@pytest.fixture
def location(new_database):
    """A database with no schema yet, on each engine (the suite's own PostgreSQL server)."""
    return resolve_database(new_database)


def _at_revision_0002(location) -> None:
    engine = make_engine(location)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
    finally:
        engine.dispose()


REPORTS = [  # id, reference, received, created_at
    (1, "OLD-1", dt.date(2026, 2, 1), dt.datetime(2026, 1, 20, 9, 0)),
    (2, "OLD-2", None, dt.datetime(2026, 1, 15, 10, 30)),
]
RECOMMENDATIONS = [  # id, report, label, owner, progress, target
    (1, 1, "1", "Roads", "amber", dt.date(2027, 3, 31)),
    (2, 1, "2", "Parks", "complete", dt.date(2026, 3, 31)),
    (3, 1, "3", "", "red", None),
    (4, 2, "1", "Roads", None, dt.date(2026, 12, 31)),
    (5, 2, "2", "", None, None),
    (6, 2, "3", "Parks", "green", None),
]
AUDIT = [  # at, user, entity id, action, changes
    (dt.datetime(2026, 5, 4, 8, 0), "alice", 1, "update", {"progress": [None, "amber"]}),
    (dt.datetime(2026, 6, 10, 14, 5), "bob", 1, "update", {"target_date": ["2026-12-31", "2027-03-31"],
                                                            "reason": "Budget delayed"}),
    (dt.datetime(2026, 6, 11, 9, 0), "bob", 1, "update", {"owner": ["", "Roads"]}),  # not progress
    (dt.datetime(2026, 4, 2, 16, 0), "alice", 2, "update", {"progress": ["green", "complete"]}),
    (dt.datetime(2026, 3, 3, 11, 0), "carol", 6, "create", {"report_id": 2, "label": "3"}),
]  # fmt: skip


def _fill(location) -> None:
    engine = make_engine(location)
    try:
        with engine.begin() as conn:
            for rid, ref, received, created in REPORTS:
                conn.execute(
                    text(
                        "INSERT INTO reports (id, reference, title, received, response_clock, status, notes, "
                        "created_at, version_id) "
                        "VALUES (:id, :ref, :title, :received, '', 'open', '', :created, 1)"
                    ),
                    {
                        "id": rid,
                        "ref": ref,
                        "title": f"Report {ref}",
                        "received": received,
                        "created": created,
                    },
                )
            for rec_id, report_id, label, owner, progress, target in RECOMMENDATIONS:
                values = {"id": rec_id, "report": report_id, "label": label, "text": f"Do {rec_id}."}
                values |= {"owner": owner, "progress": progress, "target": target}
                conn.execute(
                    text(
                        "INSERT INTO recommendations (id, report_id, label, sort_order, text, paragraph_ref, "
                        "deadline_phrase, owner, progress, target_date, version_id) VALUES (:id, :report, "
                        ":label, :id, :text, '', '', :owner, :progress, :target, 3)"
                    ),
                    values,
                )
            for at, user, entity_id, action, changes in AUDIT:
                conn.execute(
                    text(
                        "INSERT INTO audit_events (at, os_user, entity, entity_id, action, changes, summary) "
                        "VALUES (:at, :user, 'recommendation', :eid, :action, :changes, '')"
                    ),
                    {
                        "at": at,
                        "user": user,
                        "eid": entity_id,
                        "action": action,
                        "changes": json.dumps(changes),
                    },
                )
            if engine.dialect.name == "postgresql":  # explicit ids: move the sequences on
                for table in ("reports", "recommendations"):
                    conn.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
    finally:
        engine.dispose()


def test_existing_progress_and_targets_become_first_updates_dated_from_the_audit_log(location):
    _at_revision_0002(location)
    _fill(location)

    db = open_database(location)
    services = Services(db, actor="tester")
    try:
        assert db.migrated_to == HEAD_REVISION
        first = {rec_id: services.updates.history(rec_id) for rec_id, *_ in RECOMMENDATIONS}
        assert first[5] == ()  # neither progress nor target: no update
        assert all(len(h) == 1 and h[0].source is UpdateSource.MIGRATED for k, h in first.items() if k != 5)
        one, two, three, four, six = (first[k][0] for k in (1, 2, 3, 4, 6))
        # the latest edit of progress or target date dates it; the target's move keeps its reason
        assert (one.update_date, one.recorded_by) == (dt.date(2026, 6, 10), "bob")
        assert (one.progress, one.target_date, one.owner) == (Progress.AMBER, dt.date(2027, 3, 31), "Roads")
        assert one.revision_note == "revised from 31 December 2026 because Budget delayed"
        # complete: the day it was marked complete is kept
        assert (two.progress, two.update_date, two.completed_on) == (Progress.COMPLETE, APRIL_2, APRIL_2)
        # nothing in the log: the report's received date, else the day it was logged
        assert (three.update_date, three.progress) == (dt.date(2026, 2, 1), Progress.RED)
        assert three.recorded_by == "migration"
        assert (four.update_date, four.progress) == (dt.date(2026, 1, 15), None)
        assert four.target_date == dt.date(2026, 12, 31)
        assert six.update_date == dt.date(2026, 3, 3) and six.recorded_by == "carol"  # the day it was added
        # the recommendations themselves are untouched, and the history carries on from here
        rec = services.reports.get_recommendation(1)
        assert (rec.progress, rec.target_date, rec.version) == (Progress.AMBER, dt.date(2027, 3, 31), 3)
        later = services.updates.record("OLD-1/1", progress=Progress.GREEN, text="Back on track")
        assert [u.id for u in services.updates.history(1)] == [one.id, later.id]
        assert services.settings.set(update_every_months=4).update_every_months == 4
    finally:
        services.close()


def test_an_empty_database_of_the_previous_schema_migrates_to_an_empty_history(tmp_path):
    location = location_for(tmp_path / "empty.sqlite3")
    _at_revision_0002(location)
    db = open_database(location)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM progress_updates")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM office_settings")).scalar() == 0
    finally:
        db.close()
