"""The window around the pages: start-up recovery, database switching, import wiring, layout memory."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import types

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for
from correspondence_desk.ui import app
from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.shell import startup
from correspondence_desk.ui.shell.about import AboutDialog
from correspondence_desk.ui.shell.main_window import MainWindow
from correspondence_desk.ui.shell.pages import DIRECTORY, LETTERS, REPORTS


@pytest.fixture(autouse=True)
def _questions_answer_no(messages):
    messages.answer = dialogs.QMessageBox.StandardButton.No


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_window_has_named_actions_with_standard_shortcuts(window):
    assert window.windowTitle() == "Correspondence Desk"
    assert window.navigation.objectName() == "navigation"
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels[:4] == ["Dashboard", "Reports", "Letters", "Contacts & bodies"]
    expected = {
        "actionNewReport": "Ctrl+N",
        "actionImport": "Ctrl+I",
        "actionQuit": "Ctrl+Q",
        "actionFind": "Ctrl+F",
        "actionOpenDatabase": "Ctrl+O",
    }
    for name, keys in expected.items():
        assert action(window, name).shortcut() == QKeySequence(keys), name
    assert action(window, "actionNewDatabase") is not None
    menus = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert menus[:3] == ["&File", "&Edit", "&View"] and menus[-1] == "&Help"


def test_ctrl_and_a_number_switches_page(window, demo, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == REPORTS
    qtbot.waitUntil(window.reports_page.view.hasFocus)  # ready for arrows and Enter
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == DIRECTORY


def test_page_menus_follow_the_page_shown(window):
    window.go_to(REPORTS)
    visible = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert "&Report" in visible
    window.go_to(DIRECTORY)
    visible = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert "&Report" not in visible


def test_find_focuses_the_current_pages_filter(window, qtbot):
    window.activateWindow()
    window.go_to(REPORTS)
    action(window, "actionFind").trigger()
    qtbot.waitUntil(lambda: window.reports_page.filter.hasFocus())


def test_empty_database_offers_the_example_once(window, services, monkeypatch, messages):
    window.offer_demo()
    assert len(messages) == 1 and "Load the example" in str(messages[0])
    assert services.reports.list() == []  # the answer was No
    window.offer_demo()
    assert len(messages) == 1


def test_accepting_the_example_loads_it(window, services, messages):
    messages.answer = dialogs.QMessageBox.StandardButton.Yes
    window.offer_demo()
    assert [r.reference for r in services.reports.list()] == ["TEC-2026-04"]


def test_a_question_before_an_action_says_the_action_on_its_button(window, services, demo, monkeypatch):
    buttons: list[str] = []

    def answer(box):
        buttons.append(box.button(dialogs.QMessageBox.StandardButton.Yes).text())
        assert box.defaultButton() is box.button(dialogs.QMessageBox.StandardButton.Cancel)
        return dialogs.QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(dialogs, "exec_box", answer)
    page = window.reports_page
    window.go_to(REPORTS)
    window.refresh_all()
    page.select(demo.report.id)
    page.delete_selected()
    window.open_report(demo.report.id)
    page.editor.view.selectRow(0)
    page.editor.delete_recommendation()
    assert buttons == ["Delete report", "Delete"]  # not "Yes"
    assert [r.reference for r in services.reports.list()] == ["TEC-2026-04"]  # Cancel kept it
    assert len(services.reports.get(demo.report.id).recommendations) == 9


def test_the_example_is_offered_on_a_button_that_says_so(window, services, monkeypatch):
    buttons: list[str] = []
    monkeypatch.setattr(
        dialogs,
        "exec_box",
        lambda box: (
            buttons.append(box.button(dialogs.QMessageBox.StandardButton.Yes).text())
            or dialogs.QMessageBox.StandardButton.Cancel
        ),
    )
    window.offer_demo()
    assert buttons == ["Load the example"]


def test_status_bar_shows_database_and_counts(window, demo, services):
    window.go_to(REPORTS)
    window.refresh_all()
    assert str(services.db.location) in window.database_label.text()
    assert window.counts_label.text() == "1 report · 9 recommendations"


def test_new_database_switches_and_rebuilds_pages(window, services, demo, tmp_path, monkeypatch):
    target = tmp_path / "second"
    monkeypatch.setattr(
        "correspondence_desk.ui.shell.databases.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), ""),
    )
    old_page = window.reports_page
    action(window, "actionNewDatabase").trigger()
    assert window.services is not services
    assert str(tmp_path / "second.sqlite3") in window.database_label.text()
    window.go_to(REPORTS)
    assert window.reports_page is not old_page and window.reports_page.model.rowCount() == 0
    assert window.reports_page.list_stack.currentWidget() is window.reports_page.empty


def test_new_database_never_overwrites_an_existing_file(window, db_path, monkeypatch, messages):
    before = db_path.read_bytes()
    monkeypatch.setattr(
        "correspondence_desk.ui.shell.databases.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(db_path), ""),
    )
    services = window.services
    action(window, "actionNewDatabase").trigger()
    assert window.services is services and "already exists" in str(messages[0])
    assert db_path.read_bytes() == before


def test_open_database_switches_to_an_existing_file(window, demo, tmp_path, _migrated_template, monkeypatch):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(_migrated_template, other)
    monkeypatch.setattr(
        "correspondence_desk.ui.shell.databases.QFileDialog.getOpenFileName", lambda *a, **k: (str(other), "")
    )
    action(window, "actionOpenDatabase").trigger()
    assert str(other) in window.database_label.text()
    window.go_to(REPORTS)
    assert window.reports_page.model.rowCount() == 0


def _fake_import_module(monkeypatch, result_factory):
    calls = []

    class ImportReviewDialog:
        @staticmethod
        def run(parent, services, path=None, text=None):
            calls.append((path, text))
            return result_factory(services)

    module = types.ModuleType("correspondence_desk.ui.importing.review_dialog")
    module.ImportReviewDialog = ImportReviewDialog
    monkeypatch.setitem(sys.modules, "correspondence_desk.ui.importing.review_dialog", module)
    return calls


def test_import_opens_the_imported_report(window, services, tmp_path, monkeypatch):
    calls = _fake_import_module(monkeypatch, lambda s: s.reports.create(title="Imported", reference="IMP-1"))
    action(window, "actionImport").trigger()
    assert calls == [(None, None)]  # the review dialog asks for the file (or pasted text) itself
    page = window.reports_page
    assert window.stack.currentIndex() == REPORTS
    assert page.stack.currentWidget() is page.editor and page.editor.detail.reference == "IMP-1"
    assert page.model.rowCount() == 1


def test_paste_recommendations_passes_the_clipboard_text(window, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    calls = _fake_import_module(monkeypatch, lambda s: None)
    QGuiApplication.clipboard().setText("1. The Mayor should publish a plan.")
    action(window, "actionPasteRecommendations").trigger()
    assert calls == [(None, "1. The Mayor should publish a plan.")]


def test_dropping_a_report_file_imports_it(window, tmp_path, monkeypatch, qtbot):
    calls = _fake_import_module(monkeypatch, lambda s: None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "Report.DOCX"))])
    event = QDropEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: calls == [(str(tmp_path / "Report.DOCX"), None)])
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    assert (
        window._importable(
            QDropEvent(
                QPoint(5, 5),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )
        is None
    )


def test_layout_is_remembered_between_runs(qtbot, services, settings):
    first = MainWindow(services, settings, opener=DatabaseOpener())
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)
    first.splitter.setSizes([170, 590])
    sizes, size = first.splitter.sizes(), first.size()
    first.go_to(DIRECTORY)
    first.close()
    second = MainWindow(services, settings, opener=DatabaseOpener())
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size
    assert second.splitter.sizes() == sizes
    assert second.stack.currentIndex() == DIRECTORY


def test_about_box_shows_version_and_font_licence(qtbot):
    about = AboutDialog("/tmp/desk.sqlite3")
    qtbot.addWidget(about)
    licence = about.findChild(type(about.findChild(object, "fontLicence")), "fontLicence")
    assert "SIL OPEN FONT LICENSE" in licence.toPlainText().upper()


# --- start-up -------------------------------------------------------------------------------------


def _newer_database(path):
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


@pytest.mark.parametrize("damage", ["newer", "garbage"])
def test_a_database_that_cannot_be_opened_gives_choices_and_is_left_untouched(db_path, monkeypatch, damage):
    if damage == "newer":
        _newer_database(db_path)
    else:
        db_path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    before = db_path.read_bytes()
    hook_before = sys.excepthook
    asked = []
    monkeypatch.setattr(
        startup.DatabaseProblemDialog,
        "choose",
        lambda self: asked.append(self.informativeText()) or startup.Choice.QUIT,
    )
    assert app.run(str(db_path)) == 1
    assert len(asked) == 1
    assert db_path.read_bytes() == before
    assert "has not been changed" in asked[0]
    assert sys.excepthook is hook_before


def test_open_another_database_after_a_failure(db_path, tmp_path, _migrated_template, monkeypatch):
    _newer_database(db_path)
    good = tmp_path / "good.sqlite3"
    shutil.copyfile(_migrated_template, good)
    monkeypatch.setattr(startup.DatabaseProblemDialog, "choose", lambda self: startup.Choice.OPEN_ANOTHER)
    monkeypatch.setattr(startup.QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    services = startup.open_with_recovery(DatabaseOpener(), location_for(db_path))
    try:
        assert isinstance(services, Services) and services.db.location.path == good
    finally:
        services.close()


def test_restore_a_backup_beside_a_damaged_database(db_path, tmp_path, services, demo, monkeypatch):
    from correspondence_desk.core.db import backup_database

    backup = backup_database(services.db, tmp_path / "backup.sqlite3")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database at all")
    monkeypatch.setattr(startup.DatabaseProblemDialog, "choose", lambda self: startup.Choice.RESTORE)
    monkeypatch.setattr(startup.QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    restored = startup.open_with_recovery(DatabaseOpener(), location_for(damaged))
    try:
        assert restored.db.location.path == tmp_path / "damaged-restored.sqlite3"
        assert [r.reference for r in restored.reports.list()] == ["TEC-2026-04"]
    finally:
        restored.close()
    assert damaged.read_bytes() == b"not a database at all"


def test_unexpected_errors_are_logged_and_explained(monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(dialogs, "show_bug", lambda parent, t, e, tb, log: shown.append((t, str(e), log)))
    hook = app.make_excepthook(lambda: None, None)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level("ERROR", logger="correspondence_desk"):
            hook(RuntimeError, exc, exc.__traceback__)
    assert shown == [(RuntimeError, "boom", "")]
    assert "Unexpected error" in caplog.text


def test_every_control_of_the_report_side_has_an_accessible_name(window, demo):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
    )

    window.go_to(REPORTS)
    window.refresh_all()
    window.reports_page.open_report(demo.report.id)
    window.go_to(DIRECTORY)
    controls = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit)
    unnamed = []
    for page in (window.reports_page, window.page(DIRECTORY)):
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, controls) or _inside(widget, (QComboBox, QAbstractItemView)):
                continue  # a combo box's popup list, an item view's own corner button
            if isinstance(widget.parent(), (QLineEdit, QTabBar)):
                continue  # Qt's own parts: a line edit's clear button, a tab bar's scroll arrows
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text.replace("&", "").strip()):
                unnamed.append(f"{type(widget).__name__} {widget.objectName()} in {_chain(widget)}")
    assert unnamed == []


def _inside(widget, kinds) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def _chain(widget) -> str:
    names = []
    while widget is not None:
        names.append(type(widget).__name__)
        widget = widget.parent()
    return "/".join(names)


def test_run_shows_the_window_then_opens_the_database(db_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    seen = []

    def attached(window):  # called once the database is open: stop there
        seen.append((window.isVisible(), str(window.services.db.location.path)))
        QApplication.instance().exit(0)

    monkeypatch.setattr(MainWindow, "offer_demo", attached)
    assert app.run(str(db_path)) == 0
    assert seen == [(True, str(db_path))]


def test_issuing_a_letter_refreshes_the_reports_page_when_shown_again(window, services, demo):
    from correspondence_desk.core.printing import render_letter_pdf

    window.go_to(REPORTS)
    assert [r.answered_count for r in window.reports_page.model.records()] == [0]
    window.go_to(LETTERS)
    letters = window.page(LETTERS)
    services.letters.issue(demo.letter.id, render_letter_pdf)
    letters.composer.letter_changed.emit(demo.letter.id)  # what the composer says after issuing
    window.go_to(REPORTS)
    assert [r.answered_count for r in window.reports_page.model.records()] == [9]


def test_switching_database_with_an_unsaved_letter_asks_first(window, demo, monkeypatch, messages):
    window.go_to(LETTERS)
    letters = window.page(LETTERS)
    letters.open_letter(demo.letter.id)
    letters.composer.form.body.setPlainText("A covering letter still being written.")
    messages.answer = dialogs.QMessageBox.StandardButton.Cancel
    opened = []
    monkeypatch.setattr(
        "correspondence_desk.ui.shell.databases.QFileDialog.getOpenFileName",
        lambda *a, **k: opened.append(a) or ("", ""),
    )
    before = window.database_label.text()
    action(window, "actionOpenDatabase").trigger()
    assert any("unsaved changes" in m.text for m in messages) and not opened
    assert window.database_label.text() == before
    assert letters.composer.form.body.toPlainText() == "A covering letter still being written."


def test_closing_with_an_unsaved_letter_asks_even_after_switching_database(
    window, demo, tmp_path, _migrated_template, monkeypatch, messages
):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(_migrated_template, other)
    monkeypatch.setattr("correspondence_desk.ui.shell.databases.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(other), ""))  # fmt: skip
    action(window, "actionOpenDatabase").trigger()
    window.services.load_demo()
    window.go_to(LETTERS)
    letters = window.page(LETTERS)
    letters.open_letter(window.services.letters.list()[0].id)
    letters.composer.form.body.setPlainText("Still being written.")
    messages.answer = dialogs.QMessageBox.StandardButton.Cancel
    assert not window.close()  # the question was asked and Cancel keeps the window open
    assert window.isVisible() and any(
        "unsaved" in m.text.lower() or "save" in m.text.lower() for m in messages
    )
    assert letters.composer.form.body.toPlainText() == "Still being written."


START_UP = """
import sys
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from correspondence_desk.ui import app
from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.shell.main_window import MainWindow

threads = []
real_open = DatabaseOpener.open

def spy(self, location, *, create):
    threads.append(QThread.currentThread() is QApplication.instance().thread())
    return real_open(self, location, create=create)

DatabaseOpener.open = spy
MainWindow.offer_demo = lambda window: QApplication.instance().exit(0)
code = app.run(sys.argv[1])
print(code, threads)
"""


def test_start_up_opens_the_database_off_the_gui_thread(db_path, tmp_path):
    # The real start-up runs the application's own event loop: in a process of its own, as a person
    # starts it, not in the test process whose many windows are still being deleted.
    import os
    import subprocess

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", START_UP, str(db_path)], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    # exit code 0, and opened once, on a worker: an upgrade never freezes the window
    assert done.stdout.strip().splitlines()[-1] == "0 [False]", done.stdout + done.stderr


def test_tools_back_up_now_and_check_run_off_the_gui_thread(window, services, demo, qtbot, messages):
    op = window.tools.back_up_now()
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    backups = list(services.path.parent.glob("backups/*.sqlite3"))
    assert len(backups) == 1 and "Backed up to" in window.statusBar().currentMessage()
    op = window.tools.check_database()
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert [m.title for m in messages] == ["Check database"] and "good order" in messages[0].text


def test_tools_restore_puts_a_backup_back_and_keeps_the_current_copy(
    window, services, demo, qtbot, monkeypatch, messages
):
    from correspondence_desk.ui.shell import tools

    messages.answer = dialogs.QMessageBox.StandardButton.Yes  # "Restore a backup?"
    op = window.tools.back_up_now()
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    (backup,) = services.path.parent.glob("backups/*.sqlite3")
    services.reports.create(title="Logged after the backup", reference="LATE-1")
    monkeypatch.setattr(tools, "ask_backup_file", lambda *_a: str(backup))
    op = window.tools.restore_backup()
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert window.services is not services
    assert [r.reference for r in window.services.reports.list()] == ["TEC-2026-04"]
    assert len(list(services.path.parent.glob("backups/*before-restore.sqlite3"))) == 1  # nothing lost


def test_help_lists_the_shortcuts_the_window_answers_to(window, qtbot):
    from correspondence_desk.ui.shell.help import GuideDialog, ShortcutsDialog, shortcut_rows

    rows = dict(shortcut_rows(window))
    assert rows["Ctrl+N"] == "New report" and rows["Ctrl+I"] == "Import report"
    assert rows["F1"] == "Keyboard shortcuts"
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(rows)
    guide = GuideDialog(window)
    qtbot.addWidget(guide)
    assert "Issue it" in guide.browser.toPlainText()
