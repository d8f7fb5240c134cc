"""Nothing the app refuses is written; new files are private; backups are whole, verified, rotated
wisely and restore; a failed upgrade or demo leaves no trace; what is too long or holds a NUL is
refused by name before the database sees it; undated items sort the same on both engines."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from correspondence_desk.core import db as dbmod
from correspondence_desk.core.backups import BACKUPS_KEPT, backup_database, prune_backups, restore_database
from correspondence_desk.core.db import HEAD_REVISION, check_database, open_database
from correspondence_desk.core.errors import (
    DatabaseMissingError,
    DatabaseTooNewError,
    NeedsUpgradeError,
    NotADatabaseError,
    ReadOnlyError,
    ValidationError,
)
from correspondence_desk.core.records import NewRecommendation
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def _newer(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_a_refused_file_keeps_every_byte_and_gains_no_side_files(db_path, tmp_path, mode):
    _newer(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(f"PRAGMA journal_mode={mode}")
    other = tmp_path / "invoices.db"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute(f"PRAGMA journal_mode={mode}")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    for path, refusal in ((db_path, DatabaseTooNewError), (other, NotADatabaseError)):
        before = path.read_bytes()
        assert before[18] == (2 if mode == "wal" else 1)
        for create, migrate in ((True, True), (False, False)):
            with pytest.raises(refusal):
                open_database(location_for(path), create=create, migrate=migrate)
        assert not check_database(location_for(path)).ok
        assert path.read_bytes() == before  # header included: not switched to WAL, not touched
        assert _side_files(path) == []
    assert not (db_path.parent / "backups").exists()


def test_a_zero_byte_file_is_not_made_into_a_database_by_reading(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with pytest.raises(DatabaseMissingError, match="empty file"):
        open_database(location_for(path), create=False)
    result = check_database(location_for(path))
    assert not result.ok and "empty file" in result.problems[0]
    assert path.stat().st_size == 0 and _side_files(path) == []
    db = open_database(location_for(path), create=True)  # a command that creates may use it
    db.close()
    assert check_database(location_for(path)).ok


def test_a_new_database_and_its_side_files_are_owner_only(tmp_path):
    os.umask(0o022)
    path = tmp_path / "new" / "desk.sqlite3"
    services = Services(open_database(location_for(path)))
    try:
        services.reports.create(title="Private matters")
        assert _mode(path) == 0o600
        for side in ("-wal", "-shm"):
            if Path(f"{path}{side}").exists():
                assert _mode(Path(f"{path}{side}")) == 0o600
    finally:
        services.close()


@pytest.mark.sqlite_only
def test_backups_are_private_whole_and_leave_no_side_files(services, tmp_path):
    services.reports.create(title="Kept safe")
    dest = backup_database(services.db, tmp_path / "copy.sqlite3")
    auto = backup_database(services.db, reason="before-upgrade-from-0002")
    for path in (dest, auto):
        assert _mode(path) == 0o600
        assert _side_files(path) == []
        assert path.read_bytes()[18] == 1  # rollback journal: opens from read-only media, no -shm
        assert check_database(location_for(path)).ok
    assert _mode(auto.parent) == 0o700


def test_exports_are_private(services, tmp_path):
    services.reports.create(title="Exported", recommendations=[NewRecommendation("1", "Do it.")])
    out = tmp_path / "tracker.csv"
    services.exports.tracker(out)
    assert _mode(out) == 0o600


def test_rotation_keeps_the_newest_copy_made_before_each_upgrade(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    names = [f"desk-2026010{n}-000000-000000-before-upgrade-from-0001.sqlite3" for n in (1, 2)]
    names += [f"desk-20260201-0000{n:02d}-000000-before-restore.sqlite3" for n in range(BACKUPS_KEPT + 5)]
    for name in names:
        (folder / name).write_bytes(b"")
    removed = {p.name for p in prune_backups(folder, "desk")}
    kept = {p.name for p in folder.iterdir()}
    assert names[1] in kept and names[0] in removed  # the newest pre-upgrade copy survives
    assert len(kept) == BACKUPS_KEPT + 1


def test_restore_of_every_backup_the_app_made_works_and_is_recorded(db_path, tmp_path):
    location = location_for(db_path)
    services = Services(open_database(location), actor="clerk")
    services.reports.create(title="Before the accident")
    made = backup_database(services.db)
    services.reports.create(title="After the backup")
    services.close()
    safety = restore_database(location, made, actor="clerk")
    assert safety is not None and check_database(location_for(safety)).ok
    again = Services(open_database(location))
    try:
        assert [r.title for r in again.reports.list()] == ["Before the accident"]
        (event,) = again.audit.list(entity="database")
        assert event.action == "restore" and event.changes["source"] == str(made)
        assert event.changes["kept"] == str(safety)
    finally:
        again.close()
    assert check_database(location).ok  # the restore event continues the restored chain
    restore_database(location, safety)  # and the copy kept before the restore restores too
    assert "After the backup" in [r.title for r in Services(open_database(location)).reports.list()]


def test_a_failed_upgrade_leaves_the_file_as_it_was(db_path, monkeypatch):
    from correspondence_desk.core.migrate import downgrade_to

    db = open_database(location_for(db_path))
    downgrade_to(db.engine, "0002")
    db.close()
    before = check_database(location_for(db_path))
    assert before.revision == "0002"

    def broken(*_args, **_kwargs):
        raise RuntimeError("power cut in the middle of the upgrade")

    import correspondence_desk.core.migrations.versions  # noqa: F401
    from correspondence_desk.core import audit_chain

    monkeypatch.setattr(audit_chain, "event_hash", broken)  # fails inside 0003, after its DDL began
    with pytest.raises(RuntimeError, match="power cut"):
        open_database(location_for(db_path))
    monkeypatch.undo()
    after = check_database(location_for(db_path))
    assert after.revision == "0002" and after.ok, after.problems
    with closing(sqlite3.connect(db_path)) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(audit_events)")]
    assert "chain_hash" not in columns  # the DDL was rolled back with the rest
    open_database(location_for(db_path)).close()
    assert check_database(location_for(db_path)).revision == HEAD_REVISION


def test_read_commands_never_upgrade(db_path):
    from correspondence_desk.core.migrate import downgrade_to

    db = open_database(location_for(db_path))
    downgrade_to(db.engine, "0002")
    db.close()
    with pytest.raises(NeedsUpgradeError, match="needs upgrading from schema 0002"):
        open_database(location_for(db_path), create=False, migrate=False)
    assert check_database(location_for(db_path)).revision == "0002"


def test_opened_read_only_it_reads_and_refuses_to_write(location):
    services = Services(open_database(location))
    services.reports.create(title="On the record")
    services.close()
    services = Services(open_database(location, read_only=True))
    try:
        assert services.db.read_only
        assert [r.title for r in services.reports.list()] == ["On the record"]
        with pytest.raises(ReadOnlyError, match="read-only"):
            services.reports.create(title="Not this")
    finally:
        services.close()


def test_a_demo_stopped_half_way_leaves_nothing_and_can_run_again(services, monkeypatch):
    real = services.letters.create

    def fail(**_kwargs):
        raise OSError("killed half-way")

    monkeypatch.setattr(services.letters, "create", fail)
    with pytest.raises(OSError, match="half-way"):
        services.load_demo()
    assert services.reports.list() == [] and services.bodies.list() == []
    monkeypatch.setattr(services.letters, "create", real)
    assert services.load_demo().added


def test_too_long_text_and_nul_characters_are_refused_by_name(services):
    with pytest.raises(
        ValidationError, match=r"title of report R-\d+-\d+ is too long: 501 characters, at most 500"
    ):
        services.reports.create(title="x" * 501)
    report = services.reports.create(reference="HSG-2026-01", title="Housing")
    with pytest.raises(ValidationError, match="title of report HSG-2026-01 is too long"):
        services.reports.update(report.id, title="y" * 600)
    with pytest.raises(ValidationError, match="text of recommendation 1 contains a NUL"):
        services.reports.add_recommendation(report.id, NewRecommendation("1", "Pasted\x00text"))
    with pytest.raises(ValidationError, match=r"subject of letter L-\d+-\d+ is too long: 516 characters"):
        services.letters.create(subject="Response to the Committee's report: " + "z" * 480)
    with pytest.raises(ValidationError, match="aliases of the body “London Councils” contains a NUL"):
        services.bodies.create(name="London Councils", aliases=["the\x00boroughs"])
    assert [r.reference for r in services.reports.list()] == ["HSG-2026-01"]


def test_undated_items_sort_last_on_both_engines(services):
    services.reports.create(reference="R-NONE", title="Never received")
    services.reports.create(reference="R-OLD", title="Old", received=dt.date(2025, 1, 1))
    services.reports.create(reference="R-NEW", title="New", received=dt.date(2026, 1, 1))
    assert [r.reference for r in services.reports.list()] == ["R-NEW", "R-OLD", "R-NONE"]
    services.reports.create(reference="R-DUE", title="Due", response_due=dt.date(2026, 3, 1),
                            recommendations=[NewRecommendation("1", "Due one.")])  # fmt: skip
    services.reports.create(
        reference="R-NODUE", title="No date", recommendations=[NewRecommendation("1", "x")]
    )
    unanswered = services.dashboard.summary(today=dt.date(2026, 1, 1)).unanswered_recommendations.items
    assert [i.reference for i in unanswered] == ["R-DUE", "R-NODUE"]


def test_a_database_too_new_is_refused_on_either_engine(location):
    db = open_database(location)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    db.close()
    with pytest.raises(DatabaseTooNewError):
        open_database(location)
    assert dbmod.KNOWN_REVISIONS[-1] == HEAD_REVISION
