"""A window on a sealed offline copy: each saved change is sealed again when the app is idle (not only
on close), and changes a crash left unsealed are offered for recovery on the next open."""

from __future__ import annotations

import sqlite3

import pytest

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


# --- File › Bring back changes… from a window on the copy itself -------------------------------------


def _window_on_sealed_copy(qtbot, services, settings, tmp_path, monkeypatch):
    copy = tmp_path / "sealed.sqlite3"
    checkout(services.db, copy, actor="alice", passphrase=PASSPHRASE)
    monkeypatch.setattr(od, "ask_passphrase", lambda *_a, **_k: PASSPHRASE)
    opener = DatabaseOpener()
    offline = open_existing(opener, str(copy))
    win = MainWindow(offline, settings, opener=opener)
    qtbot.addWidget(win)
    win.show()
    return copy, offline, win


def test_bring_back_from_the_copy_runs_the_dry_run_then_applies_and_offers_the_server(
    qtbot, services, demo, settings, tmp_path, monkeypatch, messages
):
    copy, offline, win = _window_on_sealed_copy(qtbot, services, settings, tmp_path, monkeypatch)
    offline.reports.update(demo.report.id, notes="Written on the ferry", title="Retitled offline")
    services.reports.update(demo.report.id, notes="Written at the office")
    seen = {}

    def answer(dialog: od.BringBackDialog) -> bool:
        seen["head"] = dialog.plan.copy
        seen["conflicts"] = [c.what for c in dialog.plan.conflicts]
        combo = dialog.table.cellWidget(0, od.KEEP)
        combo.setCurrentIndex(combo.findData("server"))
        return True

    monkeypatch.setattr(od, "ask_bring_back", answer)
    monkeypatch.setattr(od, "ask_connection", lambda *_a: pytest.fail("a SQLite server asks nothing"))
    try:
        win.actions.bring_back.trigger()
        qtbot.waitUntil(
            lambda: any(m.title.startswith("Changes brought back") for m in messages), timeout=20_000
        )
        assert wait_for_background_work(20_000)
        assert seen["head"] == str(copy) and len(seen["conflicts"]) == 1  # named as the sealed file
        report = services.reports.get(demo.report.id)
        assert (report.title, report.notes) == ("Retitled offline", "Written at the office")
        said = next(m for m in messages if m.title.startswith("Changes brought back"))
        assert "Brought back:" in said.text and f"Open {services.location} now?" in said.text
        # the window switched to the server, and the copy (closed) is sealed, marked brought back
        qtbot.waitUntil(lambda: win.services is not offline, timeout=20_000)
        assert win.services.location == str(services.location) and not win.offline_label.isVisibleTo(win)
        again = sealing.open_sealed(copy, PASSPHRASE)
        try:
            row = (
                sqlite3.connect(again.work_path)
                .execute("SELECT brought_back_at FROM offline_origin")
                .fetchone()
            )
            assert row[0] is not None
        finally:
            again.close(reseal=False)
    finally:
        win.services.close()
        offline.close()


def test_a_server_that_needs_a_password_is_asked_for_it(
    qtbot, services, demo, settings, tmp_path, monkeypatch, messages
):
    from correspondence_desk.core.errors import ServerPasswordNeeded

    _copy, offline, win = _window_on_sealed_copy(qtbot, services, settings, tmp_path, monkeypatch)
    urls, asked = [], []

    def bring_back_here(_copy, url, **_kwargs):
        urls.append(url)
        raise ServerPasswordNeeded("The database server needs your password (no password supplied).")

    monkeypatch.setattr(win.databases.opener, "bring_back_here", bring_back_here)
    monkeypatch.setattr(win.offline, "_origin", lambda: _Origin("postgresql+psycopg://alice@dbhost/desk"))
    answers = iter([("postgresql+psycopg://alice@dbhost/desk", "p@ss word"), None])
    monkeypatch.setattr(
        od, "ask_connection", lambda _p, server, problem="": asked.append(problem) or next(answers)
    )
    try:
        win.actions.bring_back.trigger()
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=20_000)
        assert wait_for_background_work(20_000)
        # tried as the copy keeps it, then with the password it was given (quoted), then cancelled
        assert urls == [
            "postgresql+psycopg://alice@dbhost/desk",
            "postgresql+psycopg://alice:p%40ss%20word@dbhost/desk",
        ]
        assert all("needs your password" in problem for problem in asked)
        assert not messages  # cancelled: nothing more said
    finally:
        offline.close()


class _Origin:
    def __init__(self, server):
        self.server, self.brought_back_at = server, None


def test_the_connection_dialog_hides_nothing_but_the_password(qtbot):
    dialog = od.ConnectionDialog("postgresql+psycopg://alice:***@dbhost/desk", "")
    qtbot.addWidget(dialog)
    dialog.password.setText("secret")
    assert dialog.chosen() == ("postgresql+psycopg://alice@dbhost/desk", "secret")
