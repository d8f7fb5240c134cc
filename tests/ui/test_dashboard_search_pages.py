"""The dashboard and search pages (offscreen): numbers, charts, grouping, bold matches, one click away."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt

from correspondence_desk.core.records import NewRecommendation, Progress
from correspondence_desk.ui.common.background import wait_for_background_work
from correspondence_desk.ui.dashboard.page import DashboardPage
from correspondence_desk.ui.search.page import HitRole, HtmlRole, SearchPage
from correspondence_desk.ui.shell.pages import DASHBOARD

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def dashboard(qtbot, services, demo):
    services.reports.update_recommendation(demo.report.recommendations[0].id, progress=Progress.AMBER)
    services.reports.create(
        reference="HSG-2026-01",
        title="Temporary accommodation",
        response_due=TODAY + dt.timedelta(days=5),
        recommendations=[
            NewRecommendation("1", "Publish the waiting list.", deadline=TODAY - dt.timedelta(days=2))
        ],
    )
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh(TODAY)
    return page


def test_dashboard_shows_counts_lists_and_charts(dashboard):
    # the demo report was due on 15 November 2026: overdue on the 26th
    assert dashboard.tiles["overdue_reports"].text() == "1\nOverdue responses"
    assert dashboard.tiles["due_soon_reports"].text().startswith("1\n")
    assert dashboard.tiles["letters_awaiting_issue"].text().startswith("1\n")
    overdue = dashboard.models["overdue_reports"]
    assert overdue.index(0, 2).data() == "TEC-2026-04" and overdue.index(0, 1).data() == "11 days late"
    overdue_recs = dashboard.models["overdue_recommendations"]
    assert overdue_recs.index(0, 3).data() == "1. Publish the waiting list."
    bars = {b.label: b.count for b in dashboard.progress_chart.bars}
    assert bars["Amber"] == 1 and bars["Not recorded"] == 9
    assert "Amber: 1" in dashboard.progress_chart.accessibleDescription()
    assert sum(b.count for b in dashboard.position_chart.bars) == 10
    assert not dashboard.position_chart.grab().isNull()  # paints without error


def test_the_keyboard_reaches_the_list_and_enter_opens(dashboard, qtbot, demo):
    dashboard.focus_main()
    tree = dashboard.trees["overdue_reports"]
    assert tree.hasFocus() and tree.currentIndex().row() == 0
    with qtbot.waitSignal(dashboard.openReport) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [demo.report.id]


def test_clicking_a_tile_shows_its_list_and_a_click_opens_the_item(dashboard, qtbot, demo):
    dashboard.tiles["letters_awaiting_issue"].click()
    assert dashboard.tabs.currentIndex() == 5
    assert dashboard.tiles["letters_awaiting_issue"].isChecked()
    letters = dashboard.trees["letters_awaiting_issue"]
    with qtbot.waitSignal(dashboard.openLetter) as opened:
        letters.clicked.emit(letters.model().index(0, 0))
    assert opened.args == [demo.letter.id]
    reports = dashboard.trees["overdue_reports"]
    with qtbot.waitSignal(dashboard.openReport) as opened:
        reports.activated.emit(reports.model().index(0, 0))
    assert opened.args == [demo.report.id]


@pytest.fixture
def search(qtbot, services, demo):
    page = SearchPage(services)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    return page


def test_search_groups_results_by_kind_with_matched_words_in_bold(search):
    search.search_for("river bus")
    view = search.results
    assert view.objectName() == "searchView"
    groups = [view.topLevelItem(i).text(0) for i in range(view.topLevelItemCount())]
    assert groups == ["Recommendations (1)", "Responses (1)"]
    first = view.topLevelItem(0).child(0)
    assert "<b>river</b> <b>bus</b>" in first.data(0, HtmlRole)
    assert first.data(0, HitRole).kind == "recommendation"
    assert not view.grab().isNull()  # the rich-text delegate paints


def test_odd_input_gives_no_error_and_a_plain_message(search):
    search.search_for('"')
    assert search.results.topLevelItemCount() == 0
    search.search_for("zebra crossing AND")
    assert search.status.text() == "Nothing found."


def test_typing_searches_after_a_pause(search, qtbot):
    qtbot.keyClicks(search.field, "idling")
    qtbot.waitUntil(lambda: search.results.topLevelItemCount() > 0, timeout=3000)


def test_a_click_lands_on_the_recommendation_or_the_response_itself(search, qtbot, demo):
    search.search_for("idling")
    view = search.results
    groups = {
        view.topLevelItem(i).text(0).split(" (")[0]: view.topLevelItem(i)
        for i in range(view.topLevelItemCount())
    }
    rec_hit = groups["Recommendations"].child(0).data(0, HitRole)
    with qtbot.waitSignal(search.openRecommendation) as opened:
        view.itemClicked.emit(groups["Recommendations"].child(0), 0)
    assert opened.args == [demo.report.id, rec_hit.id]
    response_hit = groups["Responses"].child(0).data(0, HitRole)
    with qtbot.waitSignal(search.openResponse) as opened:
        view.itemClicked.emit(groups["Responses"].child(0), 0)
    assert opened.args == [demo.letter.id, response_hit.id]
    assert response_hit.id in {r.id for r in demo.letter.responses}


def test_main_window_search_action_and_export_menu(qtbot, window, demo, tmp_path, monkeypatch):
    from PySide6.QtGui import QAction

    from correspondence_desk.ui.shell import export_menu as export_actions
    from correspondence_desk.ui.shell.pages import SEARCH

    action = window.findChild(QAction, "actionSearch")
    assert action.shortcut().toString() == "Ctrl+Shift+F"
    action.trigger()
    assert window.stack.currentIndex() == SEARCH
    assert window.findChild(type(window.pages[SEARCH].results), "searchView") is not None
    from PySide6.QtWidgets import QMenu

    names = [a.objectName() for a in window.findChild(QMenu, "exportMenu").actions()]
    assert "actionExportTrackerXlsx" in names and "actionExportCalendar" in names
    target = tmp_path / "tracker"
    monkeypatch.setattr(export_actions, "ask_save_path", lambda *_args: str(target))
    op = window.exports.export("tracker_xlsx")
    with qtbot.waitSignal(op.finished, timeout=20000):
        pass
    wait_for_background_work()
    assert openpyxl.load_workbook(tmp_path / "tracker.xlsx").active.max_row == 10
    assert "Wrote 9 recommendations" in window.statusBar().currentMessage()
    monkeypatch.setattr(export_actions, "ask_save_path", lambda *_args: "")
    assert window.exports.export("calendar") is None  # the user cancelled the file dialog


def test_progress_report_export_needs_a_selected_report(qtbot, services, demo, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from correspondence_desk.ui.common import dialogs
    from correspondence_desk.ui.shell import export_menu as export_actions
    from correspondence_desk.ui.shell.export_menu import ExportActions

    told = []
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, message, *_a: told.append(message))
    window = QWidget()
    qtbot.addWidget(window)
    selected: list[int | None] = [None]
    exports = ExportActions(window, lambda: services, current_report=lambda: selected[0])
    assert exports.export("progress_report") is None
    assert told == ["Select a report in the Reports list first."]
    selected[0] = demo.report.id
    offered = []
    monkeypatch.setattr(
        export_actions, "ask_save_path", lambda _w, _t, _f, name: offered.append(name) or str(tmp_path / "p")
    )
    op = exports.export("progress_report")
    with qtbot.waitSignal(op.finished, timeout=20000):
        pass
    wait_for_background_work()
    assert offered == ["TEC-2026-04-progress.pdf"]
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    assert told[-1].startswith("Saved the progress report for TEC-2026-04")


def test_the_window_reads_the_dashboard_on_a_worker_and_stays_answering(window, demo, qtbot, monkeypatch):
    import threading

    page = window.page(DASHBOARD)
    read_on: list[str] = []
    summary = page.services.dashboard.summary

    def watched(today):
        read_on.append(threading.current_thread().name)
        return summary(today)

    monkeypatch.setattr(page.services.dashboard, "summary", watched)
    page.tiles["letters_awaiting_issue"].set_count(0)
    window.refresh_all()
    qtbot.waitUntil(lambda: page.tiles["letters_awaiting_issue"].text().startswith("1\n"))
    assert read_on and threading.main_thread().name not in read_on
