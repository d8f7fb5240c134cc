"""Opening, migrating, refusing and backing up databases: nothing the user has is ever damaged."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from correspondence_desk.core import db as dbmod
from correspondence_desk.core.db import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    backup_database,
    check_database,
    open_database,
    restore_database,
)
from correspondence_desk.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    DatabaseTooNewError,
    NotADatabaseError,
)
from correspondence_desk.core.migrate import MigrationResult, include_name, script_revisions
from correspondence_desk.core.model import Base
from correspondence_desk.core.services import Services
from correspondence_desk.core.services.demo import load_demo
from correspondence_desk.paths import location_for, resolve_database


def test_migrating_an_empty_database_gives_exactly_the_orm_schema(new_database):
    db = open_database(location_for(new_database))
    try:
        assert db.created
        with db.engine.connect() as conn:
            # The search tables and columns live outside the ORM (migrate.include_name, as env.py).
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        db.close()


def test_known_revisions_match_the_shipped_migrations():
    assert list(KNOWN_REVISIONS) == script_revisions()


def test_pragmas_are_set(db_path):
    db = open_database(location_for(db_path))
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path):
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        open_database(location_for(db_path))
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


def test_a_file_that_is_not_a_database_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Minutes of the meeting held on Tuesday\n" * 10)
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="not a Correspondence Desk database"):
        open_database(location_for(path))
    assert path.read_bytes() == before


def test_another_applications_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(NotADatabaseError, match="another application"):
        open_database(location_for(path))
    with closing(sqlite3.connect(path)) as conn, conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert names == ["invoices"]


def test_a_corrupt_database_gets_a_clear_error(tmp_path, db_path):
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(bytes(data))
    before = broken.read_bytes()
    with pytest.raises((CorruptDatabaseError, NotADatabaseError)):
        open_database(location_for(broken))
    assert broken.read_bytes() == before
    assert not check_database(location_for(broken)).ok


def test_a_missing_database_is_reported_when_it_must_exist(tmp_path):
    with pytest.raises(DatabaseMissingError, match="no database"):
        open_database(location_for(tmp_path / "gone.sqlite3"), create=False)
    assert not (tmp_path / "gone.sqlite3").exists()


def test_an_existing_database_is_backed_up_before_a_migration(db_path, monkeypatch):
    svc = Services(open_database(location_for(db_path)))
    load_demo(svc)
    svc.close()
    # pretend this version of the app knows one revision more than the file has
    monkeypatch.setattr(dbmod, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0999"))
    monkeypatch.setattr(dbmod, "HEAD_REVISION", "0999")
    upgraded = []

    def upgrade(engine, **_kw):
        upgraded.append(engine)
        return MigrationResult(KNOWN_REVISIONS[-1], "0999", ["0999"])

    monkeypatch.setattr("correspondence_desk.core.migrate.upgrade_to_head", upgrade)
    db = open_database(location_for(db_path))
    db.close()
    assert upgraded, "the migration ran"
    assert db.backup_path is not None and db.backup_path.exists()
    assert db.migrated_from == KNOWN_REVISIONS[-1]
    with closing(sqlite3.connect(db.backup_path)) as conn:
        assert conn.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 9


@pytest.mark.sqlite_only
def test_backup_and_restore_round_trip(services, tmp_path):
    load_demo(services)
    dest = backup_database(services.db, tmp_path / "copy.sqlite3")
    assert check_database(location_for(dest)).ok
    report = services.reports.list()[0]
    services.reports.delete(report.id)
    assert services.reports.list() == []
    location = services.db.location
    services.close()
    safety = restore_database(location, dest)
    assert safety is not None and safety.exists()
    again = Services(open_database(location))
    try:
        assert [r.reference for r in again.reports.list()] == [report.reference]
    finally:
        again.close()


@pytest.mark.sqlite_only
def test_restore_refuses_a_file_that_is_not_a_backup(location, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"%PDF-1.7 not a database")
    with pytest.raises(NotADatabaseError):
        restore_database(location, junk)


def test_database_location_precedence(tmp_path):
    env = {"CORRESPONDENCE_DESK_DB": str(tmp_path / "env.sqlite3")}
    assert resolve_database(str(tmp_path / "flag.sqlite3"), env).path == tmp_path / "flag.sqlite3"
    assert resolve_database(None, env).path == tmp_path / "env.sqlite3"
    default = resolve_database(None, {})
    assert not default.explicit and default.path.name == "correspondence-desk.sqlite3"
    url = "postgresql+psycopg://desk:secret@db.example/desk"
    pg = resolve_database(url, {})
    assert pg.url == url and pg.path is None and "secret" not in str(pg)


def test_every_migration_goes_down_and_up_again(new_database):
    from correspondence_desk.core.migrate import downgrade_to, upgrade_to_head

    db = open_database(location_for(new_database))
    try:
        for target in [*reversed(KNOWN_REVISIONS[:-1]), "base"]:
            downgrade_to(db.engine, target)
        result = upgrade_to_head(db.engine)
        assert (result.before, result.after, result.applied) == (None, HEAD_REVISION, list(KNOWN_REVISIONS))
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        db.close()
    assert check_database(location_for(new_database)).ok
