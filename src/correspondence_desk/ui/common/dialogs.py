"""Every message box of the app, in plain words, in one place.

A `DeskError` carries a message written for people: it is shown as is (`show_desk_error`). Anything
else is a bug: `show_failure` logs it with its traceback and `show_bug` says what happened — that
what was saved is safe and the action may not have finished — with the details behind a button and
the log file named, never a bare traceback.

Tests: the static QMessageBox functions are the seam for the simple boxes; boxes built here with
buttons of their own are shown through `exec_box`, which tests replace.
"""

from __future__ import annotations

import enum
import logging
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import ConflictError, DeskError

log = logging.getLogger(__name__)

# What is true after an unexpected error anywhere in the app: saving is one transaction per action,
# so an action either saved all of its change or none of it; unsaved edits are still in their windows.
AFTER_A_BUG = (
    "Everything saved before is safe, and this action either finished or saved nothing. "
    "Anything typed but not yet saved is still where you typed it."
)


def exec_box(box: QMessageBox) -> int:
    """Show a box built here and wait for the answer (replaced in tests: no real modal dialog)."""
    return box.exec()


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


def show_failure(
    parent: QWidget | None, exc: BaseException, doing: str = "", *, log_bug: bool = True
) -> None:
    """Whatever went wrong: plain words for a DeskError, a logged bug report for anything else."""
    if isinstance(exc, DeskError):
        show_desk_error(parent, exc, doing[:1].upper() + doing[1:] if doing else "")
        return
    if log_bug:
        log.error("Unexpected error%s", f" while {doing}" if doing else "", exc_info=exc)
    show_bug(parent, type(exc), exc, exc.__traceback__, doing=doing)


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


def confirm_action(parent: QWidget | None, question: str, title: str, action: str, details: str = "") -> bool:
    """Ask before an action that cannot be undone, on a button that says what it does ("Issue
    letter"), with Cancel the default; `details` go under the question."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"{title} — {APP_NAME}")
    box.setText(question)
    box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(action)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return exec_box(box) == QMessageBox.StandardButton.Yes


class Unsaved(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> Unsaved:
    """'Letter CTA/… has unsaved changes.' Save (the default), Discard or Cancel."""
    answer = QMessageBox.question(
        parent,
        f"Unsaved changes — {APP_NAME}",
        f"{what} has unsaved changes. Save them first?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def ask_discard(parent: QWidget | None, question: str, title: str) -> bool:
    """Discard or Cancel (the default): True when the user chose to drop their work."""
    answer = QMessageBox.question(
        parent,
        f"{title} — {APP_NAME}",
        question,
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def show_bug(
    parent: QWidget | None,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    log_path: str = "",
    *,
    doing: str = "",
) -> None:
    """An unexpected error: say so plainly and truthfully, keep the details behind a button."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(f"Unexpected problem — {APP_NAME}")
    box.setText(
        f"Something went wrong that Correspondence Desk did not expect{f' while {doing}' if doing else ''}."
    )
    where = f" The details are also in the log file {log_path}." if log_path else ""
    box.setInformativeText(
        f"{AFTER_A_BUG} If this happens again, please send the details below to whoever supports the app."
        + where
    )
    box.setDetailedText(details)
    exec_box(box)
