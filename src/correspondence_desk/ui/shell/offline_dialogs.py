"""The dialogs of offline copies: the passphrase, Take offline…, and Bring back changes… with its
conflicts side by side (offline | server | what both came from), a choice each.

Each is shown through a module function (`ask_…`) that tests replace: no real modal dialog in a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.offline.records import BOTH, OFFLINE, SERVER, CheckinPlan, Conflict
from correspondence_desk.core.offline.sealing import MIN_PASSPHRASE
from correspondence_desk.core.records import ReportSummary
from correspondence_desk.ui.common import dialogs

COPY_FILTER = "Offline copies (*.sqlite3);;All files (*)"
CHOICE_WORDS = {OFFLINE: "Keep offline", SERVER: "Keep server", BOTH: "Keep both"}
CHOOSE = "— choose —"


def _passphrase_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PassphraseDialog(QDialog):
    """Asks for a sealed copy's passphrase (twice when sealing a new one)."""

    def __init__(self, what: str, *, confirm: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle("Passphrase")
        self.first = _passphrase_edit("passphrase")
        self.second = _passphrase_edit("passphraseAgain")
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        form = QFormLayout(self)
        intro = QLabel(what)
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow("&Passphrase:", self.first)
        if confirm:
            form.addRow("&Again:", self.second)
        else:
            self.second.hide()
        self.confirm = confirm
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        text = self.first.text()
        problem = ""
        if self.confirm and len(text) < MIN_PASSPHRASE:
            problem = f"At least {MIN_PASSPHRASE} characters."
        elif self.confirm and self.second.text() != text:
            problem = "The two passphrases differ."
        elif not text:
            problem = " "
        self.problem.setText(problem.strip())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(parent: QWidget | None, what: str, *, confirm: bool = False) -> str | None:
    dialog = PassphraseDialog(what, confirm=confirm, parent=parent)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_recover(parent: QWidget | None, what: str) -> str | None:
    """A crash left changes unsealed: "recover" (the default), "discard", or None (cancel: open nothing)."""
    box = QMessageBox(parent)
    box.setObjectName("recoverDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"Unsealed changes — {APP_NAME}")
    box.setText(what)
    box.setInformativeText(
        "Recover them to seal them into the copy and carry on where you left off; the plain working "
        "file is then removed securely."
    )
    recover = box.addButton("&Recover the changes", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(recover)
    dialogs.exec_box(box)
    clicked = box.clickedButton()
    return "recover" if clicked is recover else "discard" if clicked is discard else None


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
        self.password = _passphrase_edit("connectionPassword")
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


def ask_connection(parent: QWidget | None, server: str, problem: str = "") -> tuple[str, str] | None:
    """(server URL without password, password or "") — or None when cancelled."""
    dialog = ConnectionDialog(server, problem, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_copy_file(parent: QWidget | None, start: str) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Bring back changes from an offline copy", start, COPY_FILTER
    )
    return path


class TakeOfflineDialog(QDialog):
    """Which reports to take, where the copy goes, and whether it is sealed with a passphrase
    (ticked at first when the letters in the open reports carry a protective marking)."""

    def __init__(
        self, reports: Sequence[ReportSummary], marked: int, folder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takeOfflineDialog")
        self.setWindowTitle("Take offline")
        self.resize(620, 520)
        intro = QLabel(
            "A copy of the reports you choose, with their letters, contacts and standard lines, to work "
            "on away from the office. Colleagues see that you took them, and can still edit them; "
            "File › Bring back changes… merges the copy back and shows any clash."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("offlineReports")
        self.list.setAccessibleName("Reports to take offline")
        for summary in reports:
            item = QListWidgetItem(f"{summary.reference} — {summary.title}")
            item.setData(Qt.ItemDataRole.UserRole, summary.reference)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if summary.status.value == "open" else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.path = QLineEdit(str(Path(folder) / "offline-copy.sqlite3"))
        self.path.setObjectName("offlinePath")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.protect = QCheckBox("&Seal the copy with a passphrase (encrypted at rest)")
        self.protect.setObjectName("offlineProtect")
        self.protect.setChecked(marked > 0)
        note = (
            f"{marked} letters carry a protective marking: sealing is recommended."
            if marked
            else "Recommended for a copy that leaves the office."
        )
        self.first = _passphrase_edit("offlinePassphrase")
        self.second = _passphrase_edit("offlinePassphraseAgain")
        self.problem = QLabel()
        self.problem.setObjectName("offlineProblem")
        form = QFormLayout()
        file_label = QLabel("Copy &file:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, where)
        form.addRow(self.protect)
        form.addRow(QLabel(note))
        form.addRow("&Passphrase:", self.first)
        form.addRow("&Again:", self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Take offline")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        reports_label = QLabel("&Reports:")
        reports_label.setBuddy(self.list)
        layout.addWidget(reports_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for signal in (self.first.textChanged, self.second.textChanged, self.path.textChanged):
            signal.connect(self._check)
        self.protect.toggled.connect(self._check)
        self.list.itemChanged.connect(self._check)
        self._check()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Offline copy", self.path.text(), COPY_FILTER)
        if path:
            self.path.setText(path)

    def chosen(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked
        ]

    def passphrase(self) -> str | None:
        return self.first.text() if self.protect.isChecked() else None

    def out_path(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _check(self) -> None:
        sealed = self.protect.isChecked()
        self.first.setEnabled(sealed)
        self.second.setEnabled(sealed)
        problem = ""
        if not self.chosen():
            problem = "Tick at least one report."
        elif not self.path.text().strip():
            problem = "Choose where the copy goes."
        elif self.out_path().exists():
            problem = "That file exists already: choose a new name (nothing is overwritten)."
        elif sealed and len(self.first.text()) < MIN_PASSPHRASE:
            problem = f"The passphrase needs at least {MIN_PASSPHRASE} characters."
        elif sealed and self.first.text() != self.second.text():
            problem = "The two passphrases differ."
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


def ask_take_offline(dialog: TakeOfflineDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


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
        if conflict.per_field:
            for offset, diff in enumerate(rows):
                row = first + offset
                self._cell(row, FIELD, diff.field)
                self._cell(row, OFFLINE_COL, diff.offline)
                self._cell(row, SERVER_COL, diff.server)
                self._cell(row, BASE_COL, diff.base)
                self.table.setCellWidget(row, KEEP, self._combo(conflict, diff.field, (OFFLINE, SERVER)))
            return
        for offset, diff in enumerate(rows):
            row = first + offset
            self._cell(row, FIELD, diff.field)
            self._cell(row, OFFLINE_COL, diff.offline)
            self._cell(row, SERVER_COL, diff.server)
            self._cell(row, BASE_COL, diff.base)
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


def ask_bring_back(dialog: BringBackDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted
