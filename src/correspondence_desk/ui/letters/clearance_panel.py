"""The "Clearance" tab of the composer: the letter's route with each step's outcome and comment, what
changed since a colleague cleared it (a text diff), and the history of every send, clearance and
return. The actions (route, send, clear, return, clearance sheet) are the controller's
(clearance.py); this is only what is shown."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.records import ClearanceRecord, ClearanceStepRecord, StepState
from correspondence_desk.ui.common.history import local_time
from correspondence_desk.ui.common.table_model import Column, RecordTableModel, short_date


def _when(step: ClearanceStepRecord) -> str:
    """On the user's clock, as the issued banner and the history show times (stored in UTC)."""
    return local_time(step.action.at) if step.action is not None else ""


def _due(step: ClearanceStepRecord) -> str:
    return short_date(step.due) if step.state == StepState.CURRENT else ""


class StepsModel(RecordTableModel[ClearanceStepRecord]):
    NUMBER, COLLEAGUE, ROLE, OUTCOME, WHEN, DUE, COMMENT = range(7)
    COLUMNS = (
        Column("Step", lambda s: str(s.number), sort=lambda s: s.number),
        Column("Colleague", lambda s: s.colleague.name),
        Column("Role", lambda s: s.colleague.role),
        Column("Outcome", lambda s: s.outcome_text),
        Column("When", _when),
        Column("Due", _due),
        Column(
            "Comment",
            lambda s: s.action.comment if s.action else "",
            tooltip=lambda s: s.action.comment if s.action else "",
        ),
    )


class ClearancePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: ClearanceRecord | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("clearanceSummary")
        self.summary.setAccessibleName("Clearance")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        self.model = StepsModel(parent=self)
        self.steps = QTableView(self)
        self.steps.setObjectName("clearanceSteps")
        self.steps.setAccessibleName("Clearance route")
        self.steps.setModel(self.model)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setWordWrap(False)
        self.steps.verticalHeader().hide()
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.steps.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_diff())

        self.comment = QLineEdit(self)
        self.comment.setObjectName("clearanceComment")
        self.comment.setAccessibleName("Comment with your clearance")
        self.comment.setPlaceholderText("A comment with your clearance (optional)")
        self.buttons = QGridLayout()  # two short rows: the tab stays as narrow as the others

        self.diff_title = QLabel(self)
        self.diff = QPlainTextEdit(self)
        self.diff.setObjectName("clearanceDiff")
        self.diff.setAccessibleName("What changed since the clearance")
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # a sentence a line: wrap it
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        self.diff.setFont(fixed)
        self.diff.setPlaceholderText(
            "Once a colleague has cleared the letter, any change made to it since shows here, line by line."
        )
        self.history = QPlainTextEdit(self)
        self.history.setObjectName("clearanceHistory")
        self.history.setAccessibleName("Clearance history")
        self.history.setReadOnly(True)
        self.history.setPlaceholderText(
            "Nothing yet: each send, clearance and return is listed here, with who and when."
        )

        lower = QSplitter(Qt.Orientation.Vertical, self)
        lower.setChildrenCollapsible(False)
        diff_box = QWidget(lower)
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        diff_layout.addWidget(self.diff_title)
        diff_layout.addWidget(self.diff, 1)
        history_box = QWidget(lower)
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel("<b>History</b>", history_box))
        history_layout.addWidget(self.history, 1)
        lower.addWidget(diff_box)
        lower.addWidget(history_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.buttons)
        layout.addWidget(self.steps, 2)
        layout.addWidget(self.comment)
        layout.addWidget(lower, 3)

    def add_buttons(self, rows: list[list[QAction]]) -> None:
        for row, actions in enumerate(rows):
            for column, action in enumerate(actions):
                button = QToolButton(self)
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
                self.buttons.addWidget(button, row, column)
        self.buttons.setColumnStretch(len(max(rows, key=len)), 1)

    def show_record(self, record: ClearanceRecord) -> None:
        self.record = record
        selected = self.steps.currentIndex().row()
        self.model.set_records(list(record.steps))
        self.steps.resizeColumnsToContents()
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.summary.setText(_summary(record))
        row = selected if 0 <= selected < len(record.steps) else self._interesting_row(record)
        if row >= 0:
            self.steps.selectRow(row)
        self._show_diff()
        self.history.setPlainText("\n".join(_history_line(a) for a in reversed(record.history)))

    @staticmethod
    def _interesting_row(record: ClearanceRecord) -> int:
        """The step worth looking at first: one changed since cleared, else the current one."""
        for i, step in enumerate(record.steps):
            if step.diff:
                return i
        current = record.current
        return current.number - 1 if current else (0 if record.steps else -1)

    def _show_diff(self) -> None:
        record = self.record
        row = self.steps.currentIndex().row()
        if record is None or not 0 <= row < len(record.steps):
            self.diff_title.setText("<b>Changes since cleared</b>")
            self.diff.setPlainText("")
            return
        step = record.steps[row]
        self.diff_title.setText(f"<b>Changes since {escape(step.colleague.name)} cleared it</b>")
        if step.diff:
            self.diff.setPlainText("\n".join(step.diff))
        elif step.action is not None and step.state == StepState.CLEARED:
            self.diff.setPlainText("None: the letter is exactly as they cleared it.")
        else:
            self.diff.setPlainText("They have not cleared it yet.")


def _summary(record: ClearanceRecord) -> str:
    if not record.steps:
        return (
            "<b>No clearance route.</b> Nobody has to clear this letter before it is issued. "
            "Choose a route to send it round colleagues first."
        )
    me = (
        f"You are {escape(record.me.name)}."
        if record.me
        else f"Your login “{escape(record.login)}” is not in the colleagues register."
    )
    rule = (
        "Issued only once every step has cleared it."
        if record.required
        else "May be issued before it is cleared."
    )
    turn = " <b>It is your turn to clear it.</b>" if record.my_turn else ""
    return f"<b>{escape(record.state.text)}</b> — {rule} {me}{turn}"


def _history_line(action) -> str:
    step = f" (step {action.step_number})" if action.step_number else ""
    comment = f": “{action.comment}”" if action.comment else ""
    changed = ""
    if action.changed_at:
        changed = " — changed since" + (
            f", as a typo fix confirmed by {action.changed_by}" if action.typo_fix else ""
        )
    when = local_time(action.at)
    return f"{when}  {action.outcome.label} by {action.colleague}{step}{comment}{changed}"
