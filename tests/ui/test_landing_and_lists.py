"""Issue 12, items 8 and 9: a dashboard or search hit lands on the item itself, and lists are complete
— "Show all" where a list is capped, true totals in search with more on request, the reports list
filtered by status and overdue, "1 result" and not "1 results"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from correspondence_desk.core.records import NewRecommendation, ReportStatus
from correspondence_desk.ui.dashboard.page import DashboardPage
from correspondence_desk.ui.search.page import HitRole, MoreRole, SearchPage
from correspondence_desk.ui.shell.pages import DASHBOARD, LETTERS, REPORTS, SEARCH

TODAY = dt.date(2026, 11, 26)

# --- item 8: landing on the item ------------------------------------------------------------------


def test_a_dashboard_recommendation_opens_its_report_with_that_row_selected(window, services, demo, qtbot):
    last = demo.report.recommendations[-1]
    services.reports.update_recommendation(last.id, deadline=dt.date.today() - dt.timedelta(days=3))
    window.go_to(DASHBOARD)
    window.refresh_all()
    dashboard = window.page(DASHBOARD)
    tree = dashboard.trees["overdue_recommendations"]
    qtbot.waitUntil(lambda: tree.model().rowCount() == 1)  # the summary loads on a worker
    with qtbot.waitSignal(dashboard.openRecommendation) as opened:
        tree.activated.emit(tree.model().index(0, 0))
    assert opened.args == [demo.report.id, last.id]
    assert window.stack.currentIndex() == REPORTS
    editor = window.reports_page.editor
    assert editor.detail.id == demo.report.id and editor.selected().id == last.id  # not the first row


def test_a_search_hit_on_a_recommendation_selects_it_in_its_report(window, demo):
    window.go_to(SEARCH)
    search = window.page(SEARCH)
    search.search_for("river bus")
    hit_item = search.results.topLevelItem(0).child(0)
    hit = hit_item.data(0, HitRole)
    assert hit.kind == "recommendation"
    search.results.itemActivated.emit(hit_item, 0)
    editor = window.reports_page.editor
    assert window.stack.currentIndex() == REPORTS and editor.selected().id == hit.id
    assert editor.selected().id != demo.report.recommendations[0].id


def test_a_response_hit_opens_the_letter_with_that_response_selected(window, demo):
    letters = window.page(LETTERS)
    response = demo.letter.responses[3]
    assert window.navigator.open_response(demo.letter.id, response.id)
    assert window.stack.currentIndex() == LETTERS
    composer = letters.composer
    assert composer.letter.id == demo.letter.id
    assert composer.tabs.currentWidget() is composer.responses
    panel = composer.responses
    assert panel.model.record(panel.current_row()).id == response.id  # not the first row


def test_a_response_removed_since_still_opens_its_letter(window, demo):
    assert window.navigator.open_response(demo.letter.id, 999_999)
    assert window.page(LETTERS).composer.letter.id == demo.letter.id


# --- item 9: complete lists -----------------------------------------------------------------------


@pytest.fixture
def many_overdue(services):
    for n in range(55):
        services.reports.create(
            reference=f"LATE-{n:03d}", title=f"Late report {n}", response_due=TODAY - dt.timedelta(days=n + 1)
        )


def test_the_dashboard_shows_the_first_fifty_and_then_all(qtbot, services, many_overdue):
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh(TODAY)
    tree, note, show_all = (
        page.trees["overdue_reports"],
        page.notes["overdue_reports"],
        page.show_all_buttons["overdue_reports"],
    )
    assert tree.model().rowCount() == 50
    assert note.text() == "Showing the first 50 of 55." and show_all.text() == "Show all 55"
    assert show_all.isVisibleTo(page)
    assert page.status_text() == "Overdue responses: 50 of 55"
    op = page.show_all("overdue_reports")
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert tree.model().rowCount() == 55
    assert not show_all.isVisibleTo(page) and note.text() == "All 55 shown."
    assert page.status_text() == "Overdue responses: 55"
    assert tree.model().index(54, 1).data() == "1 day late"  # one day, not "1 days"


def test_an_empty_dashboard_list_says_so_and_what_next(qtbot, services):
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh(TODAY)
    assert page.nothing_yet.isVisibleTo(page) and "Ctrl+N" in page.nothing_yet.text()
    assert page.notes["overdue_reports"].text() == "No response is overdue."
    assert "Ctrl+Shift+N" in page.notes["letters_awaiting_issue"].text()


@pytest.fixture
def search(qtbot, services, demo):
    for n in range(30):
        services.reports.create(reference=f"FER-{n:03d}", title=f"River ferries, part {n}")
    page = SearchPage(services)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    return page


def test_search_shows_the_true_totals_and_more_on_request(search):
    search.search_for("ferries")
    group = search.results.topLevelItem(0)
    assert group.text(0) == "Reports (25 of 30)"
    assert group.childCount() == 26
    more = group.child(25)
    assert more.data(0, HitRole) is None and more.data(0, MoreRole) == "report"
    assert more.text(0) == "Show 5 more reports… (5 not shown)"
    assert search.status.text() == "Found 30 reports."
    assert search.status_text() == "Found 30 reports"
    search.results.itemActivated.emit(more, 0)
    group = search.results.topLevelItem(0)
    assert group.text(0) == "Reports (30)" and group.childCount() == 30
    assert all(group.child(i).data(0, HitRole) is not None for i in range(30))


def test_one_result_is_one_result(search):
    search.search_for("river bus")
    assert search.status.text() == "Found 1 recommendation · 1 response."


def test_enter_or_down_in_the_search_box_goes_to_the_best_hit_and_enter_opens_it(search, qtbot):
    search.field.setFocus()
    qtbot.keyClicks(search.field, "river bus")  # no waiting for the typing pause: Enter searches
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert search.results.hasFocus()
    current = search.results.currentItem()
    hit = current.data(0, HitRole)
    assert hit is not None and hit.kind == "recommendation"  # a result, not the group's heading
    with qtbot.waitSignal(search.openRecommendation) as opened:
        qtbot.keyClick(search.results, Qt.Key.Key_Return)
    assert opened.args == [hit.report_id, hit.id]
    search.field.setFocus()
    qtbot.keyClick(search.field, Qt.Key.Key_Down)
    assert search.results.hasFocus() and search.results.currentItem().data(0, HitRole) is not None


def test_enter_in_a_lists_filter_opens_the_one_row_it_left_and_down_goes_into_the_list(window, demo, qtbot):
    window.go_to(REPORTS)
    window.refresh_all()
    page = window.reports_page
    qtbot.keyClicks(page.filter, "TEC-2026")
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    assert page.editing() and page.editor.detail.id == demo.report.id  # no Tab past the buttons
    window.go_to(LETTERS)
    letters = window.page(LETTERS)
    letters.refresh()
    letters.filter.setFocus()
    qtbot.keyClick(letters.filter, Qt.Key.Key_Down)
    assert letters.view.hasFocus() and letters.view.currentIndex().row() == 0
    qtbot.keyClick(letters.view, Qt.Key.Key_Return)
    assert letters.composer.letter is not None and letters.composer.letter.id == demo.letter.id


def test_a_search_leaves_the_best_hit_current_so_tab_then_enter_opens_it(search):
    search.search_for("ferries")
    assert search.results.currentItem() is search.results.topLevelItem(0).child(0)


def test_before_searching_and_when_nothing_is_found_the_page_says_what_to_do(search):
    assert search.body.showing_message() and "cycl*" in search.body.message_text()
    search.search_for("zebra crossing")
    assert search.body.showing_message()
    assert "Nothing found for “zebra crossing”" in search.body.message_text()
    assert "fewer words" in search.body.message_text()


@pytest.fixture
def statuses(services, demo):
    services.reports.create(
        reference="OLD-1",
        title="Answered long ago",
        status=ReportStatus.RESPONDED,
        received=dt.date(2025, 1, 1),
    )
    services.reports.create(reference="OLD-2", title="Nothing more to do", status=ReportStatus.CLOSED)
    services.reports.create(
        reference="LATE-1",
        title="Still waiting",
        response_due=dt.date.today() - dt.timedelta(days=1),
        recommendations=[NewRecommendation("1", "The Mayor should act.")],
    )


def test_the_reports_list_filters_by_status_and_overdue(window, statuses):
    window.go_to(REPORTS)
    window.refresh_all()
    page = window.reports_page
    listed = page.list

    def shown() -> list[str]:
        return sorted(page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))

    assert shown() == ["LATE-1", "OLD-1", "OLD-2", "TEC-2026-04"]
    listed.show_only("Open")
    assert shown() == ["LATE-1", "TEC-2026-04"] and page.count_label.text() == "2 of 4 reports"
    listed.show_only("Response overdue")
    overdue = ["LATE-1"] + (["TEC-2026-04"] if dt.date.today() > dt.date(2026, 11, 15) else [])
    assert shown() == overdue
    listed.show_only("Responded")
    assert shown() == ["OLD-1"]
    assert window.counts_label.text().startswith("1 of 4 reports")
    listed.show_only("Closed")
    page.filter.setText("answered")
    page.apply_filter()
    assert shown() == [] and listed.list_stack.showing_message()
    assert "among <b>closed</b>" in listed.empty.text() and "All reports" in listed.empty.text()
    listed.clear_filter()
    assert len(shown()) == 4 and not listed.list_stack.showing_message()
