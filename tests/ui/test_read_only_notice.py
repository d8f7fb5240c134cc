"""Issue 13: a database the app may not write says so across the top of the window, before anyone
types a letter that cannot be saved, and the commands that only make things are greyed out."""

from __future__ import annotations

from correspondence_desk.core.db import open_database
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for
from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.shell.main_window import MainWindow
from correspondence_desk.ui.shell.pages import REPORTS


def test_a_writable_database_shows_no_notice(window):
    assert window.notice.isHidden()
    assert window.actions.new_report.isEnabled() and window.actions.new_letter.isEnabled()


def test_a_read_only_database_says_so_and_why_and_offers_no_new_records(qtbot, tmp_path, settings):
    path = tmp_path / "office.sqlite3"
    writable = Services(open_database(location_for(path)))
    writable.load_demo()
    writable.close()
    services = Services(open_database(location_for(path), read_only=True))
    window = MainWindow(services, settings, opener=DatabaseOpener())
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.notice.isVisible()
        said = window.notice.text()
        assert said.startswith("<b>Read-only.</b>") and str(path) in said and "opened read-only" in said
        assert "changes cannot be saved" in said and "copy the file" in said
        assert not window.actions.new_report.isEnabled()
        assert not window.actions.import_report.isEnabled()
        assert not window.actions.new_letter.isEnabled()
        window.go_to(REPORTS)  # reading still works
        qtbot.waitUntil(lambda: window.reports_page.model.rowCount() == 1, timeout=10_000)
    finally:
        window.close()
        services.close()


def test_a_read_only_server_role_is_told_whom_to_ask():
    from types import SimpleNamespace

    from correspondence_desk.ui.shell.database_notice import notice_text

    reader = SimpleNamespace(
        read_only=True, read_only_reason="Your database role office_carol may only read", is_sqlite=False
    )
    said = notice_text(reader)
    assert "Your database role office_carol may only read: you can look" in said
    assert "administrator for an editor's role" in said and "copy the file" not in said
