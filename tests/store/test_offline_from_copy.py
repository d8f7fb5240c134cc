"""Bringing a copy back from a window on the copy itself, both engines as the server: the copy opened
(sealed), its working file checked in under the sealed file's name, the copy marked brought back and
sealed again; and the server's URL as the copy keeps it, with the password put back."""

from __future__ import annotations

import sqlite3

from correspondence_desk.core.offline import sealing
from correspondence_desk.core.offline.checkin import checkin
from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.core.services.demo import load_demo
from correspondence_desk.paths import needs_password, with_password

PASSPHRASE = "seven bridges of the town"


def test_an_open_sealed_copy_is_brought_back_from_its_working_file(services, desk, tmp_path):
    demo = load_demo(services)
    copy = tmp_path / "sealed.sqlite3"
    checkout(services.db, copy, actor="alice", passphrase=PASSPHRASE)
    opened = sealing.open_sealed(copy, PASSPHRASE)
    try:
        with desk(opened.work_path, "bob") as offline:
            offline.reports.update(demo.report.id, notes="Drafted at the venue")
        dry = checkin(opened.work_path, services.db, dry_run=True, shown_as=copy)
        assert dry.copy == str(copy) and not dry.applied and not dry.conflicts
        assert services.reports.get(demo.report.id).notes != "Drafted at the venue"
        plan = checkin(opened.work_path, services.db, shown_as=copy)
        assert plan.applied and services.reports.get(demo.report.id).notes == "Drafted at the venue"
        assert opened.reseal()  # marked brought back: sealed again
        assert "brought back" in checkin(opened.work_path, services.db, dry_run=True).already
    finally:
        opened.close()
    plain = tmp_path / "peek.sqlite3"
    plain.write_bytes(sealing.unseal_bytes(copy.read_bytes(), PASSPHRASE))
    assert sqlite3.connect(plain).execute("SELECT brought_back_at FROM offline_origin").fetchone()[0]
    assert services.offline.notices(demo.report.id) == []  # the notice is gone on the server


def test_the_server_url_as_a_copy_keeps_it_gets_its_password_back():
    kept = "postgresql+psycopg://alice:***@dbhost/desk"
    assert needs_password(kept) and not needs_password("postgresql+psycopg://alice@dbhost/desk")
    assert with_password(kept, "s3cret/:@") == "postgresql+psycopg://alice:s3cret%2F%3A%40@dbhost/desk"
    assert with_password(kept, "") == "postgresql+psycopg://alice@dbhost/desk"
    assert with_password("/home/alice/desk.sqlite3", "x") == "/home/alice/desk.sqlite3"
