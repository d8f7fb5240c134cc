"""The "Responses" tab of the composer: the responses table and an editor for the selected one
(position, response text, standard lines, and the answers earlier letters gave)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.drafting import line_separators
from correspondence_desk.core.records import ResponseRecord, StandardLineRecord
from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.positions import PositionCombo, PositionDelegate
from correspondence_desk.ui.common.widgets import set_read_only, tab_leaves
from correspondence_desk.ui.letters.earlier_answers import EarlierAnswers
from correspondence_desk.ui.letters.responses_model import ResponsesModel, ResponseTextDelegate
from correspondence_desk.ui.letters.standard_lines import StandardLinePicker

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class ResponsesPanel(QWidget):
    add_requested = Signal()
    response_selected = Signal(object)  # the ResponseRecord now being edited
    remove_requested = Signal(int)  # response id

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = ResponsesModel(self)
        self._syncing = False

        self.add_button = self._button("&Add recommendations…", "Add recommendations to answer")
        self.add_button.setObjectName("addRecommendations")
        self.remove_button = self._button("&Remove", "Remove the selected response from the letter")
        self.up_button = self._button("Move &up", "Move the selected response up the annex")
        self.down_button = self._button("Move do&wn", "Move the selected response down the annex")
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.view = QTableView(self)
        self.view.setObjectName("responsesView")
        self.view.setAccessibleName("Responses in this letter")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(ResponsesModel.POSITION, PositionDelegate(self.view))
        self.view.setItemDelegateForColumn(ResponsesModel.RESPONSE, ResponseTextDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        # the two texts share the width; a long position ("Noted — directed at another body") takes
        # up to a fifth of it and is cut before they are
        self.columns = ColumnFitter(
            self.view,
            text={ResponsesModel.RECOMMENDATION: 1.0, ResponsesModel.RESPONSE: 1.0},
            short={ResponsesModel.LABEL: (30, 0.08), ResponsesModel.POSITION: (80, 0.2)},
            text_min=100,
        )

        # right-click: the table's own commands, as the buttons above it
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            action = QAction(button.text(), self.view)
            action.triggered.connect(button.click)
            self.view.addAction(action)
        self.heading = QLabel(self)
        self.heading.setAccessibleName("Selected recommendation")
        self.heading.setWordWrap(True)
        self.recommendation = QTextBrowser(self)
        self.recommendation.setAccessibleName("Recommendation text")
        self.recommendation.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.position = PositionCombo(self)
        self.position.setObjectName("positionCombo")
        self.lines = StandardLinePicker(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("responseText")
        self.text.setAccessibleName("Response text")
        self.text.setPlaceholderText("The response, as it will print under the recommendation.")
        tab_leaves(self.text)
        self.earlier = EarlierAnswers(self)
        self.earlier.use_requested.connect(self.use_answer)

        editor = QWidget(self)
        form = QFormLayout(editor)
        form.setContentsMargins(0, 6, 0, 0)
        form.addRow(self.heading)
        form.addRow(self.recommendation)
        form.addRow("&Position:", self.position)
        form.addRow("Standar&d line:", self.lines)
        form.addRow("Respo&nse:", self.text)
        form.addRow(self.earlier)

        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("responsesSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.view)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 5)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.model.dataChanged.connect(lambda *_: self._show_selected(from_model=True))
        self.model.modelReset.connect(self._after_reset)
        self.text.textChanged.connect(self._text_typed)
        self.position.currentIndexChanged.connect(self._position_chosen)
        self.lines.chosen.connect(self.insert_line)
        self._show_selected()

    def _button(self, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        return button

    # --- state --------------------------------------------------------------------------------

    def load(
        self,
        responses: tuple[ResponseRecord, ...],
        lines: list[StandardLineRecord],
        read_only: bool,
        on_screen: tuple[ResponseRecord, ...] | None = None,
    ) -> None:
        """Show the stored responses (or `on_screen`: unsaved edits over them)."""
        row = max(0, self.current_row())
        self.model.read_only = read_only
        self.model.load(responses, on_screen)
        self.lines.set_lines(lines)
        self.set_read_only(read_only)
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        set_read_only(self.text, read_only)
        self.earlier.set_read_only(read_only)
        for w in (
            self.position,
            self.lines,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            w.setEnabled(not read_only)
        for action in self.view.actions():
            action.setEnabled(not read_only)

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, ResponsesModel.RESPONSE)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _after_reset(self) -> None:
        self._show_selected()

    # --- the editor follows the selected row -----------------------------------------------------

    def _show_selected(self, from_model: bool = False) -> None:
        row = self.current_row()
        has = 0 <= row < self.model.rowCount()
        if not has:
            self.heading.setText("<i>Choose a response in the table to edit it.</i>")
            self._syncing = True
            self.recommendation.clear()
            self.text.clear()
            self.earlier.clear()
            self._syncing = False
            self.text.setEnabled(False)
            self.position.setEnabled(False)
            self.lines.setEnabled(False)
            return
        rec_resp = self.model.record(row)
        rec = rec_resp.recommendation
        self.text.setEnabled(True)
        self.set_read_only(self.model.read_only)
        self._syncing = True
        try:
            directed = rec.addressee_names or "no body recorded"
            self.heading.setText(
                f"<b>Recommendation {escape(rec.label)}</b> of {escape(rec_resp.report_reference)}"
                f" — directed at {escape(directed)}"
            )
            if not from_model:
                self.recommendation.setPlainText(rec.text)
                self._show_earlier(rec_resp)
                self.response_selected.emit(rec_resp)
            if self.text.toPlainText() != rec_resp.text:
                self.text.setPlainText(rec_resp.text)
                self.text.moveCursor(QTextCursor.MoveOperation.End)  # a line inserted goes at the end
            self.position.set_position(rec_resp.position)
            if not from_model:
                self.lines.follow(rec_resp.position)
        finally:
            self._syncing = False

    def _show_earlier(self, current: ResponseRecord) -> None:
        others = [
            r
            for r in self.services.letters.responses_to(current.recommendation.id)
            if r.letter_id != current.letter_id
        ]
        self.earlier.show_answers(others)

    def _text_typed(self) -> None:
        row = self.current_row()
        if self._syncing or row < 0 or self.model.read_only:
            return
        self.model.set_text(row, self.text.toPlainText())

    def _position_chosen(self) -> None:
        row = self.current_row()
        if self._syncing or row < 0 or self.model.read_only:
            return
        self.model.set_position(row, self.position.position())
        self.lines.follow(self.position.position())

    def insert_line(self, line: StandardLineRecord) -> None:
        """Insert a standard line at the cursor (the end, until the user puts it elsewhere), set apart
        from the text around it, placeholders filled: one edit for Ctrl+Z."""
        row = self.current_row()
        if row < 0 or self.model.read_only:
            return
        resp = self.model.record(row)
        text = self.services.composing.fill(line.text, resp.recommendation.id)
        cursor = self.text.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()  # a selection is replaced by the line
        whole = self.text.toPlainText()
        prefix, suffix = line_separators(whole[: cursor.position()], whole[cursor.position() :])
        cursor.insertText(prefix + text + suffix)
        cursor.endEditBlock()
        self.text.setTextCursor(cursor)
        # the line's position applies to a response started with it, never overriding a chosen one
        # in a response already under way
        if line.position is not None and (resp.position is None or not resp.text.strip()):
            self.model.set_position(row, line.position)
        self.text.setFocus()

    def use_answer(self, answer: ResponseRecord) -> None:
        """'Use this answer': an earlier letter's response becomes this one's (text and position);
        the text box's Ctrl+Z brings back what was there."""
        row = self.current_row()
        if row < 0 or self.model.read_only:
            return
        cursor = self.text.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(answer.text)  # one edit the text box can undo
        self.text.setTextCursor(cursor)
        if answer.position is not None:
            self.model.set_position(row, answer.position)
        self.text.setFocus()

    def _remove(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.remove_requested.emit(self.model.record(row).id)

    def _move(self, delta: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.select_row(self.model.move(row, delta))
