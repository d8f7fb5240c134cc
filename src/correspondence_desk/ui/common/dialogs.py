"""Message boxes in plain words, in one place (tests patch QMessageBox's static functions).

A `DeskError` carries a message written for people: it is shown as is. Anything else is a bug and
goes to `show_bug`, which says what happened and where the log is, never a bare traceback.
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import ConflictError, DeskError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, message: str, title: str = "Cannot do that") -> None:
    QMessageBox.warning(parent, f"{title} — {APP_NAME}", message)


def show_info(parent: QWidget | None, message: str, title: str = APP_NAME) -> None:
    QMessageBox.information(parent, title, message)


def show_desk_error(parent: QWidget | None, error: DeskError, action: str = "") -> None:
    """An error the user can act on; `action` says what was being done ("Saving the report")."""
    if isinstance(error, ConflictError):
        title = "Changed by someone else"
        message = (
            f"{error}\n\nThe latest version has been loaded; make your change again if it is still needed."
        )
    else:
        title = f"{action} failed" if action else "Cannot do that"
        message = str(error)
    show_error(parent, message, title)


def confirm(parent: QWidget | None, question: str, title: str) -> bool:
    """Ask before something destructive; the safe answer (Cancel) is the default."""
    box = QMessageBox.question(
        parent,
        f"{title} — {APP_NAME}",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return box == QMessageBox.StandardButton.Yes


def show_bug(
    parent: QWidget | None,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    log_path: str = "",
) -> None:
    """An unexpected error: apologise, say nothing was lost on purpose, keep the details behind a button."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(f"Unexpected problem — {APP_NAME}")
    box.setText("Something went wrong that Correspondence Desk did not expect.")
    where = f" The details are also in the log file {log_path}." if log_path else ""
    box.setInformativeText(
        "Your saved work is safe: every change is saved as soon as you make it. "
        "If this happens again, please send the details below to whoever supports the app." + where
    )
    box.setDetailedText(details)
    box.exec()
