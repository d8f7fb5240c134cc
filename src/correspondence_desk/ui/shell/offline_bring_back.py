"""Bring back changes…: the server to bring a copy back to (from a window on the copy), then the dry
run's plan with its conflicts side by side (offline | server | what both came from), a choice each."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.offline.records import BOTH, OFFLINE, SERVER, CheckinPlan, Conflict
from correspondence_desk.ui.shell.offline_passphrase import passphrase_edit

CHOICE_WORDS = {OFFLINE: "Keep offline", SERVER: "Keep server", BOTH: "Keep both"}
CHOOSE = "— choose —"


class ConnectionDialog(QDialog):
    """Where to bring a copy back to, from a window on the copy: the server it came from (which the
    copy keeps without its password), and the password when the server needs one."""

    def __init__(self, server: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.setWindowTitle("Bring back changes")
        intro = QLabel("Bring this copy's changes back to the database it was taken from:")
        intro.setWordWrap(True)
        self.server = QLineEdit(server.replace(":***@", "@"))
        self.server.setObjectName("connectionServer")
        self.password = passphrase_edit("connectionPassword")
        note = QLabel(problem or "Leave the password empty if the server does not ask for one.")
        note.setObjectName("connectionProblem")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Database:", self.server)
        form.addRow("&Password:", self.password)
        form.addRow(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Compare")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.server.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )
        self.resize(560, self.sizeHint().height())
        (self.password if ":***@" in server or problem else self.server).setFocus()

    def chosen(self) -> tuple[str, str]:
        return self.server.text().strip(), self.password.text()


# columns of the conflicts table
RECORD, FIELD, OFFLINE_COL, SERVER_COL, BASE_COL, KEEP = range(6)


class BringBackDialog(QDialog):
    """The dry run's result: what will be applied, and each conflict field by field with a choice.
    "Bring back" is enabled once every conflict has one."""

    def __init__(self, plan: CheckinPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bringBackDialog")
        self.setWindowTitle("Bring back changes")
        self.resize(980, 640)
        self.plan = plan
        taken = f"{plan.taken_at:%d %b %Y %H:%M} UTC" if plan.taken_at else "?"
        kept = f"; {plan.server_only} records changed only here are kept" if plan.server_only else ""
        head = QLabel(
            f"Offline copy {plan.copy}, taken by {plan.taken_by} on {taken}.\n"
            f"{len(plan.changes)} changes to apply and {plan.events} offline audit events to add{kept}; "
            f"{len(plan.conflicts)} conflicts need your choice. Nothing is changed until you bring it back."
        )
        head.setObjectName("bringBackSummary")
        head.setWordWrap(True)
        self.changes = QListWidget()
        self.changes.setObjectName("bringBackChanges")
        self.changes.setAccessibleName("What will be applied")
        for change in plan.changes:
            self.changes.addItem(change.line())
        if not plan.changes:
            self.changes.addItem("No changes to apply.")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("bringBackConflicts")
        self.table.setAccessibleName("Conflicts")
        self.table.setHorizontalHeaderLabels(
            ["Record", "Field", "Offline", "Server", "Both came from", "Keep"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in (OFFLINE_COL, SERVER_COL, BASE_COL):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(RECORD, 240)
        self.table.setColumnWidth(KEEP, 130)
        self.table.verticalHeader().hide()
        self.combos: list[tuple[Conflict, str, QComboBox]] = []  # (conflict, field or "", combo)
        for conflict in plan.conflicts:
            self._add_conflict(conflict)
        self.table.resizeRowsToContents()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Bring back")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(QLabel(f"Will be applied ({len(plan.changes)}):"))
        layout.addWidget(self.changes, 1)
        if plan.conflicts:
            layout.addWidget(QLabel(f"Conflicts ({len(plan.conflicts)}): choose what to keep for each"))
            layout.addWidget(self.table, 2)
        else:
            self.table.hide()
        layout.addWidget(self.buttons)
        self._check()

    def _cell(self, row: int, col: int, text: str, tip: str = "") -> None:
        item = QTableWidgetItem(text if text else "(empty)")
        item.setToolTip(tip or text)
        self.table.setItem(row, col, item)

    def _combo(self, conflict: Conflict, field: str, choices: Sequence[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Keep for {conflict.what} {field}".strip())
        combo.addItem(CHOOSE, None)
        for choice in choices:
            combo.addItem(CHOICE_WORDS.get(choice, choice), choice)
        chosen = self.plan.resolutions.get(conflict.id)
        if isinstance(chosen, dict):
            chosen = chosen.get(field)
        if chosen in choices:
            combo.setCurrentIndex(combo.findData(chosen))
        combo.currentIndexChanged.connect(self._check)
        self.combos.append((conflict, field, combo))
        return combo

    def _add_conflict(self, conflict: Conflict) -> None:
        rows = conflict.fields or ()
        first = self.table.rowCount()
        self.table.setRowCount(first + max(1, len(rows)))
        self._cell(first, RECORD, f"{conflict.what}\n{conflict.kind_words}", conflict.note)
        for offset, diff in enumerate(rows):
            row = first + offset
            self._cell(row, FIELD, diff.field)
            self._cell(row, OFFLINE_COL, diff.offline)
            self._cell(row, SERVER_COL, diff.server)
            self._cell(row, BASE_COL, diff.base)
            if conflict.per_field:  # a choice each field
                self.table.setCellWidget(row, KEEP, self._combo(conflict, diff.field, (OFFLINE, SERVER)))
        if conflict.per_field:
            return
        if not rows:
            self._cell(first, FIELD, "(the record)", conflict.note)
        self.table.setCellWidget(first, KEEP, self._combo(conflict, "", conflict.choices))

    def resolutions(self) -> dict[str, object]:
        found: dict[str, object] = {}
        for conflict, field, combo in self.combos:
            choice = combo.currentData()
            if choice is None:
                continue
            if conflict.per_field:
                per = found.setdefault(conflict.id, {})
                assert isinstance(per, dict)
                per[field] = choice
            else:
                found[conflict.id] = choice
        return found

    def complete(self) -> bool:
        return all(combo.currentData() is not None for _c, _f, combo in self.combos)

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.complete() and not self.plan.already
        )
