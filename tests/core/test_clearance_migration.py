"""Migration 0006 on a database with letters in it: "approved" reads as cleared, each letter learns
the report it is about, and the letters table's triggers (search) survive SQLite's table copy."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from alembic import command
from sqlalchemy import create_engine

from correspondence_desk.core.db import HEAD_REVISION, open_database
from correspondence_desk.core.migrate import alembic_config
from correspondence_desk.core.records import LetterKind, LetterStatus
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for


def _database_at(path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def test_an_0002_database_with_letters_upgrades_and_keeps_searching(tmp_path):
    path = tmp_path / "old.sqlite3"
    _database_at(path, "0002")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO reports (id, reference, title, status, notes, created_at, version_id, "
            "response_clock) VALUES (1, 'HSG-1', 'Empty homes', 'open', '', '2026-01-01', 1, '')"
        )
        conn.execute(
            "INSERT INTO recommendations (id, report_id, label, sort_order, text, paragraph_ref, "
            "deadline_phrase, owner, version_id) "
            "VALUES (1, 1, '1', 0, 'Bring empty homes back.', '', '', '', 1)"
        )
        for letter_id, ref, status in ((1, "L-1", "approved"), (2, "L-2", "draft")):
            conn.execute(
                "INSERT INTO letters (id, reference, subject, salutation, body, closing, copy_list, marking, "
                "annex_layout, status, imported, issued_sha256, created_at, version_id) VALUES "
                f"({letter_id}, '{ref}', 'Empty homes', 'Dear Marta,', 'About the homes.', "
                f"'Yours sincerely,', '', '', 'list', '{status}', 0, '', '2026-01-02', 1)"
            )
        conn.execute(
            "INSERT INTO responses (letter_id, recommendation_id, sort_order, text, version_id) "
            "VALUES (1, 1, 0, 'We agree.', 1)"
        )
    db = open_database(location_for(path))
    services = Services(db, actor="tester")
    try:
        assert db.migrated_from == "0002" and db.backup_path is not None
        first, second = services.letters.get("L-1"), services.letters.get("L-2")
        assert first.status == LetterStatus.CLEARED and second.status == LetterStatus.DRAFT
        assert first.kind == second.kind == LetterKind.FINAL
        assert first.report_id == 1 and second.report_id is None
        assert services.clearance.get("L-1").steps == ()  # no route: issues as it did
        # the search triggers on letters were made again after the table copy
        assert sorted(h.id for h in services.search.search("homes") if h.kind == "letter") == [1, 2]
        services.letters.update(2, body="About the derelict warehouses.")
        assert [h.id for h in services.search.search("warehouses") if h.kind == "letter"] == [2]
        services.letters.delete(2)
        assert not [h for h in services.search.search("warehouses") if h.kind == "letter"]
        assert services.letters.issue(1, lambda d: b"%PDF old").is_issued
    finally:
        services.close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert {"search_letters_ai", "search_letters_ad", "search_letters_au"} <= triggers


def test_0006_downgrades_to_0002_and_back(tmp_path):
    path = tmp_path / "round.sqlite3"
    _database_at(path, "head")
    services = Services(open_database(location_for(path)), actor="tester")
    try:
        from correspondence_desk.core.services.demo import load_demo

        demo = load_demo(services)
        services.colleagues.add("Sam Okafor", "sokafor")
        services.clearance.set_route(demo.letter.id, ["sokafor"])
        services.clearance.send(demo.letter.id)
    finally:
        services.close()
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    engine.dispose()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT status FROM letters").fetchall() == [("draft",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "clearance_steps" not in tables and "colleagues" not in tables
        assert conn.execute(
            "SELECT count(*) FROM search_letters WHERE search_letters MATCH 'school'"
        ).fetchone()
    _database_at(path, "head")
