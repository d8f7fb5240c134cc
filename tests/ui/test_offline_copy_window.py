"""A window on a sealed offline copy: each saved change is sealed again when the app is idle (not only
on close), and changes a crash left unsealed are offered for recovery on the next open."""

from __future__ import annotations

import sqlite3

from correspondence_desk.core.offline import sealing
from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.paths import location_for
from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.common.background import wait_for_background_work
from correspondence_desk.ui.shell import offline_dialogs as od
from correspondence_desk.ui.shell import resealing
from correspondence_desk.ui.shell.main_window import MainWindow
from correspondence_desk.ui.shell.startup import open_existing

PASSPHRASE = "harbour lights at six"


def _notes_sealed(copy, tmp_path, report_id):
    plain = tmp_path / "peek.sqlite3"
    plain.write_bytes(sealing.unseal_bytes(copy.read_bytes(), PASSPHRASE))
    try:
        return (
            sqlite3.connect(plain)
            .execute("SELECT notes FROM reports WHERE id = ?", (report_id,))
            .fetchone()[0]
        )
    finally:
        plain.unlink()


def test_a_saved_change_is_sealed_when_idle_without_closing(
    qtbot, services, demo, settings, tmp_path, monkeypatch
):
    copy = tmp_path / "sealed.sqlite3"
    checkout(services.db, copy, actor="alice", passphrase=PASSPHRASE)
    monkeypatch.setattr(resealing, "IDLE_MS", 50)
    monkeypatch.setattr(od, "ask_passphrase", lambda *_a, **_k: PASSPHRASE)
    offline = open_existing(DatabaseOpener(), str(copy))
    assert offline is not None
    win = MainWindow(offline, settings, opener=DatabaseOpener())
    qtbot.addWidget(win)
    try:
        assert win.resealer is not None
        offline.reports.update(demo.report.id, notes="Drafted on the 08:10")
        qtbot.waitUntil(lambda: win.resealer.sealed == 1, timeout=20_000)
        assert wait_for_background_work(20_000)
        assert _notes_sealed(copy, tmp_path, demo.report.id) == "Drafted on the 08:10"
        assert offline.sealed_copy.work_path.exists()  # still open: the working file stays until closed
    finally:
        offline.close()
    assert not offline.sealed_copy.work_path.exists()


def test_changes_a_crash_left_are_offered_and_recovered(
    qtbot, services, demo, settings, tmp_path, monkeypatch, messages
):
    copy = tmp_path / "sealed.sqlite3"
    checkout(services.db, copy, actor="alice", passphrase=PASSPHRASE)
    opener = DatabaseOpener()
    monkeypatch.setattr(od, "ask_passphrase", lambda *_a, **_k: PASSPHRASE)
    opener.remember_passphrase(copy, PASSPHRASE)
    crashed = opener.open(location_for(copy), create=False)
    crashed.reports.update(demo.report.id, notes="Saved just before the battery died")
    crashed.db.close()
    crashed.sealed_copy._end()  # the process died: nothing sealed, the working file left behind

    asked = []
    monkeypatch.setattr(od, "ask_recover", lambda _parent, what: asked.append(what) or None)
    assert open_existing(opener, str(copy)) is None  # cancelled: nothing opened, the leftover kept
    assert crashed.sealed_copy.work_path.exists() and "left unsealed" in asked[0]

    monkeypatch.setattr(od, "ask_recover", lambda _parent, what: "recover")
    recovered = open_existing(opener, str(copy))
    assert recovered is not None
    win = MainWindow(recovered, settings, opener=opener)
    qtbot.addWidget(win)
    try:
        assert recovered.reports.get(demo.report.id).notes == "Saved just before the battery died"
        assert _notes_sealed(copy, tmp_path, demo.report.id) == "Saved just before the battery died"
        qtbot.waitUntil(lambda: any(m.title == "Changes recovered" for m in messages), timeout=5000)
    finally:
        recovered.close()


def test_the_recover_question_is_a_box_with_three_answers(qtbot, messages):
    assert od.ask_recover(None, "copy.sqlite3 has changes left unsealed") is None  # no button clicked
    (shown,) = messages
    assert shown.title.startswith("Unsealed changes") and "Recover them" in shown.text
