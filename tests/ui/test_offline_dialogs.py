"""File › Take offline… and File › Bring back changes… in the window (the dialogs' exec replaced),
the banner on an offline copy, the notice on a report taken offline, and a sealed copy's passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.core.offline.sealing import is_sealed
from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.common.background import wait_for_background_work
from correspondence_desk.ui.shell import offline_dialogs as od
from correspondence_desk.ui.shell.main_window import MainWindow
from correspondence_desk.ui.shell.startup import open_existing


def _settle(qtbot, until) -> None:
    assert wait_for_background_work(20_000)
    qtbot.waitUntil(until, timeout=20_000)


def test_take_offline_from_the_file_menu(qtbot, window, services, demo, tmp_path, monkeypatch, messages):
    out = tmp_path / "train.sqlite3"
    seen = {}

    def answer(dialog: od.TakeOfflineDialog) -> bool:
        seen["reports"] = dialog.chosen()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.path.setText(str(out))
        dialog.protect.setChecked(True)
        dialog.first.setText("short")
        seen["short_refused"] = not ok.isEnabled()
        dialog.first.setText("a long enough passphrase")
        dialog.second.setText("a long enough passphrase")
        seen["enabled"] = ok.isEnabled()
        return True

    monkeypatch.setattr(od, "ask_take_offline", answer)
    window.actions.take_offline.trigger()
    _settle(qtbot, lambda: any(m.title == "Taken offline" for m in messages))
    assert seen == {"reports": [demo.report.reference], "short_refused": True, "enabled": True}
    assert is_sealed(out)
    # the server's report editor now says who took it
    assert window.open_report(demo.report.id)
    notice = window.reports_page.editor.offline_notice
    _settle(qtbot, lambda: notice.text().startswith("Taken offline by "))
    assert notice.isVisibleTo(window)


def _conflicting_copy(services, demo, tmp_path, desk_services):
    copy = tmp_path / "laptop.sqlite3"
    checkout(services.db, copy, actor="alice")
    offline = desk_services(copy)
    try:
        offline.reports.update(demo.report.id, notes="Offline note", title="Retitled offline")
    finally:
        offline.close()
    services.reports.update(demo.report.id, notes="Server note")
    return copy


def _open(path):
    return DatabaseOpener().open(
        __import__("correspondence_desk.paths").paths.location_for(path), create=False
    )


def test_bring_back_shows_the_dry_run_and_conflicts_side_by_side(
    qtbot, window, services, demo, tmp_path, monkeypatch, messages
):
    copy = _conflicting_copy(services, demo, tmp_path, _open)
    monkeypatch.setattr(od, "ask_copy_file", lambda _parent, _start: str(copy))
    seen = {}

    def answer(dialog: od.BringBackDialog) -> bool:
        table = dialog.table
        seen["row"] = [
            table.item(0, col).text() for col in (od.FIELD, od.OFFLINE_COL, od.SERVER_COL, od.BASE_COL)
        ]
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["blocked"] = not ok.isEnabled()
        combo = table.cellWidget(0, od.KEEP)
        combo.setCurrentIndex(combo.findData("offline"))
        seen["enabled"] = ok.isEnabled()
        seen["changes"] = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
        return True

    monkeypatch.setattr(od, "ask_bring_back", answer)
    window.actions.bring_back.trigger()
    _settle(qtbot, lambda: any(m.title == "Changes brought back" for m in messages))
    assert seen["row"] == ["notes", "Offline note", "Server note", "(empty)"]
    assert seen["blocked"] and seen["enabled"]
    assert any("title" in line for line in seen["changes"])
    report = services.reports.get(demo.report.id)
    assert (report.title, report.notes) == ("Retitled offline", "Offline note")


def test_cancelling_the_conflicts_dialog_changes_nothing(
    qtbot, window, services, demo, tmp_path, monkeypatch
):
    copy = _conflicting_copy(services, demo, tmp_path, _open)
    monkeypatch.setattr(od, "ask_copy_file", lambda _parent, _start: str(copy))
    asked = []
    monkeypatch.setattr(od, "ask_bring_back", lambda dialog: asked.append(dialog) and False)
    window.actions.bring_back.trigger()
    _settle(qtbot, lambda: bool(asked))
    assert services.reports.get(demo.report.id).notes == "Server note"


def test_a_window_on_an_offline_copy_says_whose_and_since_when(qtbot, services, demo, settings, tmp_path):
    copy = tmp_path / "laptop.sqlite3"
    checkout(services.db, copy, actor="alice")
    offline = _open(copy)
    win = MainWindow(offline, settings, opener=DatabaseOpener())
    qtbot.addWidget(win)
    win.show()
    try:
        assert win.offline_label.isVisibleTo(win)
        assert win.offline_label.text().startswith(f"Offline copy of {services.location} since ")
        assert "Offline copy of" in win.windowTitle()
    finally:
        offline.close()


def test_a_sealed_copy_asks_for_its_passphrase_until_it_opens(qtbot, services, demo, tmp_path, monkeypatch):
    copy = tmp_path / "sealed.sqlite3"
    checkout(services.db, copy, actor="alice", passphrase="the right passphrase")
    before = copy.read_bytes()
    answers = iter(["a wrong passphrase", "the right passphrase"])
    asked = []

    def ask(_parent, what, *, confirm=False):
        asked.append(what)
        return next(answers)

    monkeypatch.setattr(od, "ask_passphrase", ask)
    opener = DatabaseOpener()
    opened = open_existing(opener, str(copy))
    assert opened is not None and len(asked) == 2 and "does not open" in asked[1]
    assert copy.read_bytes() == before  # the wrong try wrote nothing
    assert [r.reference for r in opened.reports.list()] == [demo.report.reference]
    opened.reports.update(demo.report.id, notes="Sealed work")
    opened.close()  # sealed again, the decrypted file removed
    assert is_sealed(copy) and copy.read_bytes() != before
    monkeypatch.setattr(od, "ask_passphrase", lambda *_a, **_k: None)
    assert open_existing(opener, str(copy)) is None  # cancelled: nothing opened


def test_the_take_offline_dialog_ticks_open_reports_and_refuses_an_existing_file(
    qtbot, services, demo, tmp_path
):
    existing = tmp_path / "there.sqlite3"
    existing.write_bytes(b"")
    dialog = od.TakeOfflineDialog(services.reports.list(), 2, str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.protect.isChecked()  # marked letters: sealed by default
    assert dialog.list.item(0).checkState() == Qt.CheckState.Checked
    dialog.protect.setChecked(False)
    dialog.path.setText(str(existing))
    assert "exists already" in dialog.problem.text()
    dialog.path.setText(str(tmp_path / "new.sqlite3"))
    assert dialog.problem.text() == "" and dialog.passphrase() is None
