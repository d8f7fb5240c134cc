"""The review grid says how each item was found and how sure the parser is; the unsure ones can be
shown alone and reached by keyboard (F8 / Shift+F8)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from correspondence_desk.core.importing.proposal import ProposedRecommendation
from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog
from correspondence_desk.ui.importing.review_model import ProposalModel

M = ProposalModel

ITEMS = (
    ProposedRecommendation(
        "1", "The Mayor should publish a plan.", why="label “Recommendation 1”", confidence=0.95
    ),
    ProposedRecommendation("2", "Reopen the paths.", why="a bullet, numbered in order", confidence=0.45),
    ProposedRecommendation("3", "Fund ten fountains.", why="label “Recommendation 3”", confidence=0.9),
    ProposedRecommendation("4", "Report on closures.", why="wording: where the asking stops", confidence=0.6),
)


def opened(qtbot, services, recs=ITEMS) -> ImportReviewDialog:
    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts reach the active window only
    dialog.review.show_proposal(recs, (), first=True)  # what a finished reading hands the pane
    return dialog


def visible_numbers(dialog: ImportReviewDialog) -> list[str]:
    return [
        dialog.model.record(row).rec.number
        for row in range(dialog.model.rowCount())
        if not dialog.grid.isRowHidden(row)
    ]


def test_each_row_shows_how_it_was_found_and_how_sure(qtbot, services):
    dialog = opened(qtbot, services)
    assert dialog.model.index(0, M.SURE).data() == "95%"
    assert dialog.model.index(1, M.SURE).data() == "Check · 45%"
    assert dialog.model.index(1, M.WHY).data() == "a bullet, numbered in order"
    assert "45% sure" in dialog.model.index(1, M.WHY).data(Qt.ItemDataRole.ToolTipRole)
    assert dialog.model.index(1, M.NUMBER).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dialog.model.index(0, M.NUMBER).data(Qt.ItemDataRole.BackgroundRole) is None
    # read-only: the parser's judgement, not something to type over
    assert not dialog.model.flags(dialog.model.index(1, M.SURE)) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.grid.isColumnHidden(M.SURE) and not dialog.grid.isColumnHidden(M.WHY)
    dialog._show_response_columns(True)  # two text columns: the reasons give way (kept under the grid)
    assert dialog.grid.isColumnHidden(M.WHY) and not dialog.grid.isColumnHidden(M.SURE)
    dialog._show_response_columns(False)
    dialog.review.select_row(1)
    assert "Check this one" in dialog.review.found.text()
    assert "a bullet, numbered in order" in dialog.review.found.text()


def test_the_count_and_the_filter_show_only_the_unsure_ones(qtbot, services):
    dialog = opened(qtbot, services)
    bar = dialog.review.unsure
    assert bar.count_label.text().startswith("2 of 4 to check")
    bar.only_unsure.setChecked(True)
    assert visible_numbers(dialog) == ["2", "4"]
    assert dialog.review.current_row() == 1  # moved off the row it hid
    bar.only_unsure.setChecked(False)
    assert visible_numbers(dialog) == ["1", "2", "3", "4"]
    # saving is unaffected by what the filter hides
    assert [r.number for r in dialog.model.recommendations()] == ["1", "2", "3", "4"]


def test_f8_goes_to_the_next_unsure_one_and_shift_f8_back(qtbot, services):
    dialog = opened(qtbot, services)
    dialog.review.select_row(0)
    dialog.grid.setFocus()
    qtbot.keyClick(dialog.grid, Qt.Key.Key_F8)
    assert dialog.review.current_row() == 1
    qtbot.keyClick(dialog.grid, Qt.Key.Key_F8)
    assert dialog.review.current_row() == 3
    qtbot.keyClick(dialog.grid, Qt.Key.Key_F8)
    assert dialog.review.current_row() == 1  # round again
    qtbot.keyClick(dialog.grid, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.review.current_row() == 3


def test_all_sure_says_so_and_an_added_row_is_not_called_unsure(qtbot, services):
    dialog = opened(qtbot, services, ITEMS[:1])
    assert dialog.review.unsure.count_label.text() == "The parser is sure of all 1"
    assert not dialog.review.unsure.next_button.isEnabled()
    dialog.actions.add.trigger()
    assert dialog.model.index(1, M.WHY).data() == "added in the review"
    assert dialog.review.unsure.count_label.text() == "The parser is sure of all 2"


def test_a_real_document_carries_the_parsers_reasons(qtbot, services, tmp_path):
    path = tmp_path / "paths.txt"
    path.write_text(
        "Recommendations\n\nRecommendation 1\nThe Mayor should publish a plan for the paths.\n\n"
        "Recommendation 2\nTransport for London should report on closures.\n",
        encoding="utf-8",
    )
    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start(path)
    qtbot.waitUntil(lambda: not dialog.proposer.busy and dialog.model.rowCount() == 2, timeout=15_000)
    assert "Recommendation 1" in dialog.model.index(0, M.WHY).data()
    assert dialog.model.index(0, M.SURE).data().endswith("%")
