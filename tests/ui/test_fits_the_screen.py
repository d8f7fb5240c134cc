"""Issue 12, items 5 and 6: every dialog fits a 1024×700 laptop screen, and at 1024 wide the text
columns (a report's title, a recommendation's text) get the width while empty columns give way."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from correspondence_desk.core.records import AuditRecord, NewRecommendation
from correspondence_desk.ui.common.history import HistoryDialog
from correspondence_desk.ui.importing.addressees import AddresseePicker
from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog
from correspondence_desk.ui.importing.review_model import ProposalModel
from correspondence_desk.ui.letters.recommendation_picker import RecommendationPicker
from correspondence_desk.ui.letters.responses_model import ResponsesModel
from correspondence_desk.ui.letters.standard_lines import StandardLinesDialog
from correspondence_desk.ui.reports.forms import AddRecommendationDialog, NewReportDialog
from correspondence_desk.ui.reports.page import ReportsModel, ReportsPage
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel
from correspondence_desk.ui.shell.about import AboutDialog
from correspondence_desk.ui.shell.help import GuideDialog, ShortcutsDialog
from correspondence_desk.ui.shell.pages import LETTERS, REPORTS

SMALL = (1024, 700)
TITLE_BAR = 32  # what a window manager's frame takes from the height
NAVIGATION = 190  # the page list on the left of the main window


def _dialogs(services, demo, window):
    event = AuditRecord(
        1, dt.datetime(2026, 11, 1, 9, 30), "tester", "report", 1, "update", {"notes": ["", "x"]}
    )
    return {
        "new report": NewReportDialog(services),
        "add recommendation": AddRecommendationDialog("10"),
        "import review": ImportReviewDialog(services),
        "import into a report": ImportReviewDialog(services, into=services.reports.get(demo.report.id)),
        "body picker": AddresseePicker(services.bodies.list(), ()),
        "keyboard shortcuts": ShortcutsDialog(window),
        "user guide": GuideDialog(window),
        "about": AboutDialog("/tmp/desk.sqlite3"),
        "history": HistoryDialog([event] * 40, "report TEC-2026-04"),
    }


def _letters_dialogs(services, demo):
    """The Letters page's own dialogs (changed on another branch): they fit 1024 × 700 at least."""
    return {
        "standard lines": StandardLinesDialog(services),
        "recommendation picker": RecommendationPicker(services, [demo.report.id]),
    }


def test_every_dialog_fits_a_1024_by_700_screen(qtbot, services, demo, window):
    room = QApplication.primaryScreen().availableGeometry()
    for name, dialog in _dialogs(services, demo, window).items():
        qtbot.addWidget(dialog)
        assert isinstance(dialog, QDialog)
        need = dialog.minimumSizeHint()
        assert need.width() <= SMALL[0] and need.height() <= SMALL[1] - TITLE_BAR, (name, need)
        # and it opens no bigger than the screen it is on (here the offscreen screen, 800 × 800)
        size = dialog.size()
        assert size.width() <= room.width() and size.height() <= room.height(), (name, size, room)
    for name, dialog in _letters_dialogs(services, demo).items():
        qtbot.addWidget(dialog)
        for size in (dialog.minimumSizeHint(), dialog.size()):
            assert size.width() <= SMALL[0] and size.height() <= SMALL[1] - TITLE_BAR, (name, size)


# --- the text columns win ------------------------------------------------------------------------


def _widths(view) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


@pytest.fixture
def reports(services):
    for n in range(12):
        services.reports.create(
            title=f"Keeping London moving: the night-time economy and transport after midnight, part {n}",
            reference=f"TEC-2026-{n:03d}",
            committee="Transport and Environment Committee",
            received=dt.date(2026, 1, 1) + dt.timedelta(days=n),
        )


@pytest.mark.parametrize("screen_width", [1024, 1440])
def test_the_report_title_gets_the_width_of_the_reports_list(qtbot, services, reports, screen_width):
    page = ReportsPage(services)
    qtbot.addWidget(page)
    page.resize(screen_width - NAVIGATION, 600)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.view.viewport().width() > 0)
    page.list.columns.refit()
    widths = _widths(page.view)
    title = widths[ReportsModel.TITLE]
    assert title == max(widths), widths
    assert title >= 0.35 * page.view.viewport().width(), widths
    assert sum(widths) <= page.view.viewport().width() + 2  # no sideways scrolling at either size
    # the reference (how people name a report) is never cut
    ref = page.view.model().index(0, ReportsModel.REFERENCE)
    assert widths[ReportsModel.REFERENCE] >= page.view.sizeHintForIndex(ref).width()


@pytest.mark.parametrize("screen_width", [1024, 1440])
def test_the_recommendation_text_wins_and_empty_columns_give_way(qtbot, window, services, screen_width):
    report = services.reports.create(
        title="Night buses",
        recommendations=[
            NewRecommendation(str(n), "The Mayor should run more night buses.") for n in (1, 2, 3)
        ],
    )
    window.resize(screen_width, 700)
    window.go_to(REPORTS)
    window.open_report(report.id)
    editor = window.reports_page.editor
    view, columns = editor.view, editor.grid.columns
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    columns.refit()
    widths = _widths(view)
    M = RecommendationsModel
    assert widths[M.TEXT] == max(widths) and widths[M.TEXT] >= 0.35 * view.viewport().width()
    header = view.horizontalHeader()
    # no owner, position or progress yet: those columns are only as wide as their headings
    for empty in (M.OWNER, M.POSITION, M.PROGRESS):
        assert widths[empty] <= header.sectionSizeFromContents(empty).width() + 2, (empty, widths)
    for rec in services.reports.get(report.id).recommendations:
        services.reports.update_recommendation(rec.id, owner="Head of Network Strategy and Partnerships")
    editor.reload()
    columns.refit()
    assert view.columnWidth(M.OWNER) > widths[M.OWNER]  # filled, it takes what it needs (up to a share)
    assert view.columnWidth(M.TEXT) == max(_widths(view))


def test_on_a_small_screen_the_timeline_gives_way_too_and_the_grid_never_scrolls_sideways(
    qtbot, window, demo
):
    window.resize(1440, 900)  # the window is opened big, then made to fit the laptop's screen
    window.go_to(REPORTS)
    window.open_report(demo.report.id)
    editor = window.reports_page.editor
    view, columns = editor.view, editor.grid.columns
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    timeline_before = editor.timeline.width()
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: editor.lower.width() < 900)
    columns.refit()
    assert editor.timeline.width() < timeline_before  # not the grid alone held at its buttons' width
    widths = _widths(view)
    assert sum(widths) <= view.viewport().width() + 2, widths  # no sideways scrolling
    M = RecommendationsModel
    assert widths[M.TEXT] == max(widths)
    dated = next(r for r in range(view.model().rowCount()) if view.model().index(r, M.DEADLINE).data())
    # a deadline is shown whole: "31 Mar 20…" would lose its year
    assert widths[M.DEADLINE] >= view.sizeHintForIndex(view.model().index(dated, M.DEADLINE)).width()


@pytest.mark.parametrize("screen_width", [1024, 1440])
def test_a_letters_responses_give_the_two_texts_the_width_not_the_position(qtbot, window, demo, screen_width):
    window.resize(screen_width, 700 if screen_width == 1024 else 900)
    window.go_to(LETTERS)
    window.page(LETTERS).open_letter(demo.letter.id)
    composer = window.page(LETTERS).composer
    composer.tabs.setCurrentWidget(composer.responses)
    view = composer.responses.view
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    composer.responses.columns.refit()
    widths = _widths(view)
    M = ResponsesModel
    # "Noted — directed at another body" took more than the recommendation it answers
    assert widths[M.RECOMMENDATION] > widths[M.POSITION] and widths[M.RESPONSE] > widths[M.POSITION], widths
    assert widths[M.POSITION] <= 0.2 * view.viewport().width() + 1, widths
    assert sum(widths) <= view.viewport().width() + 2, widths  # no sideways scrolling
    noted = view.model().index(1, M.POSITION)
    assert noted.data(Qt.ItemDataRole.ToolTipRole) == noted.data() == "Noted — directed at another body"


@pytest.mark.parametrize("screen_width", [1024, 1440])
def test_the_import_review_grid_gives_the_text_the_width(qtbot, services, screen_width):
    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.resize(screen_width - 40, 660)
    dialog.show()
    dialog.load_text(
        "1. The Mayor should publish a map of every school street and the hours each one is closed.\n\n"
        "2. The Capital Transport Authority should report on idling fines each year."
    )
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    grid = dialog.grid
    grid.columns.refit()
    widths = [grid.columnWidth(c) for c in range(grid.model().columnCount()) if not grid.isColumnHidden(c)]
    assert grid.columnWidth(ProposalModel.TEXT) == max(widths)
    # no paragraph references in pasted text: that column is only as wide as its heading
    para = grid.horizontalHeader().sectionSizeFromContents(ProposalModel.PARAGRAPH).width()
    assert grid.columnWidth(ProposalModel.PARAGRAPH) <= para + 2


def test_a_report_with_long_addressees_still_gives_the_text_the_most(qtbot, window, services):
    bodies = [
        services.bodies.create(name=f"The Very Long Named Regional Partnership Board {n}") for n in range(3)
    ]
    report = services.reports.create(
        title="Partnership working",
        recommendations=[
            NewRecommendation(str(n), "The partners should agree a plan.", addressees=[b.id for b in bodies])
            for n in range(1, 4)
        ],
    )
    window.resize(1024, 700)
    window.go_to(REPORTS)
    window.open_report(report.id)
    editor = window.reports_page.editor
    editor.grid.columns.refit()
    widths = _widths(editor.view)
    assert widths[RecommendationsModel.TEXT] == max(widths)
    assert widths[RecommendationsModel.ADDRESSEES] <= 0.2 * editor.view.viewport().width() + 1
