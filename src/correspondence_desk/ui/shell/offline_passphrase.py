"""The passphrase of a sealed offline copy: asked once to open it, twice to seal a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from correspondence_desk.core.offline.sealing import MIN_PASSPHRASE


def passphrase_edit(name: str) -> QLineEdit:
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
        self.first = passphrase_edit("passphrase")
        self.second = passphrase_edit("passphraseAgain")
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
