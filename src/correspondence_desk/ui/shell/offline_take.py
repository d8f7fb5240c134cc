"""Take offline…: which reports go, where the copy is written, and whether it is sealed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.offline.sealing import MIN_PASSPHRASE
from correspondence_desk.core.records import ReportSummary
from correspondence_desk.ui.shell.offline_passphrase import passphrase_edit

COPY_FILTER = "Offline copies (*.sqlite3);;All files (*)"


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
        self.first = passphrase_edit("offlinePassphrase")
        self.second = passphrase_edit("offlinePassphraseAgain")
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
