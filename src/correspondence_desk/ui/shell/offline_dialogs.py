"""The asks of offline copies: the passphrase, unsealed changes to recover, Take offline…, the copy
to bring back, the server to bring it back to, and Bring back changes… with its conflicts.

Each dialog is shown through a function here (`ask_…`) that tests replace: no real modal dialog in a
test. The dialogs themselves are in offline_passphrase.py, offline_take.py and offline_bring_back.py.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from correspondence_desk import APP_NAME
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.shell.offline_bring_back import (
    BASE_COL,
    FIELD,
    KEEP,
    OFFLINE_COL,
    RECORD,
    SERVER_COL,
    BringBackDialog,
    ConnectionDialog,
)
from correspondence_desk.ui.shell.offline_passphrase import PassphraseDialog
from correspondence_desk.ui.shell.offline_take import COPY_FILTER, TakeOfflineDialog

__all__ = [
    "BASE_COL",
    "FIELD",
    "KEEP",
    "OFFLINE_COL",
    "RECORD",
    "SERVER_COL",
    "BringBackDialog",
    "ConnectionDialog",
    "PassphraseDialog",
    "TakeOfflineDialog",
    "ask_bring_back",
    "ask_connection",
    "ask_copy_file",
    "ask_passphrase",
    "ask_recover",
    "ask_take_offline",
]


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


def ask_connection(parent: QWidget | None, server: str, problem: str = "") -> tuple[str, str] | None:
    """(server URL without password, password or "") — or None when cancelled."""
    dialog = ConnectionDialog(server, problem, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_copy_file(parent: QWidget | None, start: str) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Bring back changes from an offline copy", start, COPY_FILTER
    )
    return path


def ask_take_offline(dialog: TakeOfflineDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_bring_back(dialog: BringBackDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted
