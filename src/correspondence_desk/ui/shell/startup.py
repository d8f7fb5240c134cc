"""Opening a database from the app, and what to do when it cannot be opened.

A damaged file, one written by a newer version, or one that is not a database at all is never
modified: the user chooses to open another file, restore a backup into a new file beside it, or quit.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import (
    DeskError,
    PassphraseNeeded,
    StorageError,
    UnsealedWorkFound,
    WrongPassphraseError,
)
from correspondence_desk.paths import DatabaseLocation, location_for
from correspondence_desk.ui.common import dialogs

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

DB_FILTER = "Correspondence Desk databases (*.sqlite3 *.sqlite *.db);;All files (*)"


class Opener(Protocol):
    """How the window reaches the database layer (made by the composition root, ui/app.py)."""

    def open(self, location: DatabaseLocation, *, create: bool) -> Services:
        """Services over the database, migrated; a StorageError says why it cannot be opened."""
        ...

    def restore(self, location: DatabaseLocation, backup: Path) -> None:
        """Replace (or create) the database at `location` with a verified copy of `backup`."""
        ...

    def remember_passphrase(self, path: Path, passphrase: str) -> None:
        """The passphrase for the next `open` of the sealed offline copy at `path`."""
        ...

    def remember_leftover(self, path: Path, choice: str) -> None:
        """For the next `open` of that copy: "recover" or "discard" the changes a crash left unsealed."""
        ...


def ask_for_passphrase(opener: Opener, path: Path, error: DeskError, parent: QWidget | None) -> bool:
    """A sealed copy: ask its passphrase (again, after a wrong one) and keep it for the next open.
    False: the person cancelled."""
    from correspondence_desk.ui.shell.offline_dialogs import ask_passphrase

    what = f"{path.name} is a sealed offline copy. Its passphrase:"
    if isinstance(error, WrongPassphraseError):
        what = f"That passphrase does not open {path.name}; the file is unchanged. Try again:"
    passphrase = ask_passphrase(parent, what)
    if passphrase is None:
        return False
    opener.remember_passphrase(path, passphrase)
    return True


def ask_about_leftover(opener: Opener, path: Path, error: UnsealedWorkFound, parent: QWidget | None) -> bool:
    """A crash left changes unsealed in the copy's working file: recover them or discard them.
    False: the person cancelled (the working file stays as it is, for next time)."""
    from correspondence_desk.ui.shell.offline_dialogs import ask_recover

    choice = ask_recover(parent, str(error))
    if choice is None:
        return False
    opener.remember_leftover(path, choice)
    return True


def _sealed_problem(error: BaseException, location: DatabaseLocation) -> bool:
    return (
        isinstance(error, PassphraseNeeded | WrongPassphraseError | UnsealedWorkFound)
        and location.path is not None
    )


def ask_sealed(opener: Opener, path: Path, error: DeskError, parent: QWidget | None) -> bool:
    """The passphrase, or what to do with a crash's leftover; False: cancelled."""
    if isinstance(error, UnsealedWorkFound):
        return ask_about_leftover(opener, path, error, parent)
    return ask_for_passphrase(opener, path, error, parent)


class Choice(enum.Enum):
    OPEN_ANOTHER = "open"
    RESTORE = "restore"
    QUIT = "quit"


class DatabaseProblemDialog(QMessageBox):
    """“This database cannot be opened” with the three ways forward."""

    def __init__(self, error: StorageError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseProblemDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(f"Cannot open the database — {APP_NAME}")
        self.setText("The database cannot be opened.")
        self.setInformativeText(
            f"{html.escape(str(error))}<br><br>The file has not been changed. You can open another "
            "database, restore a backup (into a new file beside this one), or quit."
        )
        self._buttons = {
            self.addButton("&Open another…", QMessageBox.ButtonRole.AcceptRole): Choice.OPEN_ANOTHER,
            self.addButton("&Restore a backup…", QMessageBox.ButtonRole.ActionRole): Choice.RESTORE,
            self.addButton("&Quit", QMessageBox.ButtonRole.RejectRole): Choice.QUIT,
        }

    def choose(self) -> Choice:
        dialogs.exec_box(self)
        return self._buttons.get(self.clickedButton(), Choice.QUIT)

    @classmethod
    def ask(cls, error: StorageError, parent: QWidget | None = None) -> Choice:
        return cls(error, parent).choose()


def restore_beside(opener: Opener, damaged: DatabaseLocation, backup: Path) -> DatabaseLocation:
    """Restore `backup` into a new file next to the database that failed, which stays as it is."""
    if damaged.path is None:
        raise DeskError("A server database is restored with the server's own tools.")
    stem, n = damaged.path.stem, 1
    target = damaged.path.with_name(f"{stem}-restored{damaged.path.suffix}")
    while target.exists():
        n += 1
        target = damaged.path.with_name(f"{stem}-restored-{n}{damaged.path.suffix}")
    location = location_for(target)
    opener.restore(location, backup)
    return location


def open_with_recovery(
    opener: Opener, location: DatabaseLocation, parent: QWidget | None = None
) -> Services | None:
    """Open the database, asking what to do for as long as it cannot be opened; None means quit."""
    while True:
        try:
            return opener.open(location, create=True)
        except StorageError as error:
            choice = DatabaseProblemDialog.ask(error, parent)
        except DeskError as error:
            dialogs.show_desk_error(parent, error, "Opening the database")
            choice = Choice.OPEN_ANOTHER
        if choice is Choice.QUIT:
            return None
        try:
            chosen = _choose_other(opener, location, choice, parent)
        except DeskError as error:
            dialogs.show_desk_error(parent, error, "Restoring the backup")
            continue
        if chosen is not None:
            location = chosen


def open_in_background(
    opener: Opener,
    location: DatabaseLocation,
    parent: QWidget,
    on_open: Callable[[Services], object],
    on_quit: Callable[[], object],
) -> None:
    """As `open_with_recovery`, with the opening (and any upgrade, which can take a while on a big
    database) on a worker thread: the window keeps answering. The choices come back to the GUI thread."""
    from correspondence_desk.ui.common.background import BackgroundOp

    def attempt(where: DatabaseLocation) -> None:
        (
            BackgroundOp(parent, lambda _task: opener.open(where, create=True), doing="opening the database")
            .success(on_open)
            .failure(lambda error: failed(where, error))
            .run_in_background()
        )

    def failed(where: DatabaseLocation, error: BaseException) -> None:
        if _sealed_problem(error, where):
            assert isinstance(error, DeskError) and where.path is not None
            if ask_sealed(opener, where.path, error, parent):
                attempt(where)
                return
            choice = Choice.OPEN_ANOTHER
        elif isinstance(error, StorageError):
            choice = DatabaseProblemDialog.ask(error, parent)
        elif isinstance(error, DeskError):
            dialogs.show_desk_error(parent, error, "Opening the database")
            choice = Choice.OPEN_ANOTHER
        else:
            dialogs.show_failure(parent, error, "opening the database")
            choice = Choice.QUIT
        if choice is Choice.QUIT:
            on_quit()
            return
        try:
            chosen = _choose_other(opener, where, choice, parent)
        except DeskError as problem:
            dialogs.show_desk_error(parent, problem, "Restoring the backup")
            chosen = None
        attempt(chosen or where)

    attempt(location)


def _choose_other(
    opener: Opener, location: DatabaseLocation, choice: Choice, parent: QWidget | None
) -> DatabaseLocation | None:
    start = str(location.path.parent) if location.path else ""
    if choice is Choice.OPEN_ANOTHER:
        path, _ = QFileDialog.getOpenFileName(parent, "Open a database", start, DB_FILTER)
        return location_for(path) if path else None
    backups = location.backup_dir if location.backup_dir and location.backup_dir.is_dir() else None
    path, _ = QFileDialog.getOpenFileName(
        parent, "Choose a backup to restore", str(backups or start), DB_FILTER
    )
    return restore_beside(opener, location, Path(path)) if path else None


def open_existing(opener: Opener, path: str, parent: QWidget | None = None) -> Services | None:
    """File > Open database…: an existing file only; errors are shown, nothing is created. A sealed
    offline copy asks for its passphrase (until it opens, or the person cancels)."""
    location = location_for(path)
    while True:
        try:
            return opener.open(location, create=False)
        except DeskError as error:
            if _sealed_problem(error, location):
                assert location.path is not None
                if ask_sealed(opener, location.path, error, parent):
                    continue
                return None
            dialogs.show_desk_error(parent, error, "Opening the database")
        return None


def create_new(opener: Opener, path: str, parent: QWidget | None = None) -> Services | None:
    """File > New database…: refuses an existing file so nothing is ever overwritten."""
    target = Path(path)
    if target.suffix == "":
        target = target.with_suffix(".sqlite3")
    if target.exists():
        dialogs.show_error(
            parent,
            f"{target} already exists. Choose a new file name, or use File > Open database… to open it.",
            "New database",
        )
        return None
    try:
        return opener.open(location_for(target), create=True)
    except DeskError as error:
        dialogs.show_desk_error(parent, error, "Creating the database")
        return None
