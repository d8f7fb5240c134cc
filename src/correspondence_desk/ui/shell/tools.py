"""Tools › Back up now…, Restore a backup…, Check database: the command line's backup, restore and
check, each off the GUI thread with progress, each ending in a plain message. The follow-up commands
(the owners' workbook, the progress update settings) are follow_up.py's, in the same menu."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from correspondence_desk.paths import location_for
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.shell.startup import DB_FILTER

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow

RESTORE_WARNING = (
    "Restoring replaces everything in this database with the backup {backup}.\n\n"
    "The database as it is now is saved first, so this can be undone by restoring that copy. "
    "Colleagues using the same file should close it first."
)


def ask_backup_file(window: MainWindow, start: str) -> str:
    """The backup to restore, or "" (a seam the tests replace)."""
    path, _ = QFileDialog.getOpenFileName(window, "Choose a backup to restore", start, DB_FILTER)
    return path


class DatabaseTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.last_op: BackgroundOp[object] | None = None
        self.back_up = QAction("&Back up now", window)
        self.back_up.setObjectName("actionBackUp")
        self.back_up.setStatusTip("Save a verified copy of the database in its backups folder")
        self.back_up.triggered.connect(lambda _checked=False: self.back_up_now())
        self.restore = QAction("&Restore a backup…", window)
        self.restore.setObjectName("actionRestore")
        self.restore.setStatusTip("Replace this database with one of its backups (the current one is kept)")
        self.restore.triggered.connect(lambda _checked=False: self.restore_backup())
        self.house_style = QAction("&House style…", window)
        self.house_style.setObjectName("actionHouseStyle")
        self.house_style.setStatusTip("The letterhead every letter from this database prints with")
        self.house_style.triggered.connect(lambda _checked=False: self.edit_house_style())
        self.check = QAction("&Check database", window)
        self.check.setObjectName("actionCheckDatabase")
        self.check.setStatusTip("Check the database's integrity and its links between records")
        self.check.triggered.connect(lambda _checked=False: self.check_database())
        from correspondence_desk.ui.shell.follow_up import FollowUpTools

        self.follow_up = FollowUpTools(window, lambda: window.services, window.refresh_all)

    def menu(self) -> QMenu:
        menu = QMenu("&Tools", self._window)
        menu.setObjectName("toolsMenu")
        menu.addAction(self.house_style)
        menu.addSeparator()
        menu.addActions(self.follow_up.actions())
        menu.addSeparator()
        menu.addActions([self.back_up, self.restore])
        menu.addSeparator()
        menu.addAction(self.check)
        return menu

    def update(self) -> None:
        """Backing up and restoring are the server administrator's job on a shared database."""
        services = self._window.services
        local = services is not None and services.path is not None
        self.back_up.setEnabled(local)
        self.restore.setEnabled(local)
        self.check.setEnabled(services is not None)
        self.house_style.setEnabled(services is not None)
        self.follow_up.update()

    def edit_house_style(self) -> None:
        services = self._window.services
        if services is None:
            return
        from correspondence_desk.ui.shell.house_style import HouseStyleDialog

        if HouseStyleDialog(services, self._window).exec():
            self._window.refresh_all()  # the letters page's preview prints with it now

    def _run(self, op: BackgroundOp[object], label: str) -> BackgroundOp[object]:
        self.last_op = op.with_progress(label)
        op.run_in_background()
        return op

    def back_up_now(self) -> BackgroundOp[object] | None:
        services = self._window.services
        if services is None:
            return None
        op: BackgroundOp[object] = BackgroundOp(
            self._window, lambda _task: services.housekeeping.backup(), doing="backing up the database"
        ).success(lambda dest: self._window.statusBar().showMessage(f"Backed up to {dest}", 10_000))
        return self._run(op, "Backing up the database…")

    def check_database(self) -> BackgroundOp[object] | None:
        services = self._window.services
        if services is None:
            return None

        def report(result: object) -> None:
            problems = list(getattr(result, "problems", []))
            if problems:
                listed = "\n".join(f"• {p}" for p in problems[:20])
                more = f"\n…and {len(problems) - 20} more." if len(problems) > 20 else ""
                dialogs.show_error(self._window, f"The check found problems:\n\n{listed}{more}", "Check")
            else:
                dialogs.show_info(self._window, f"{services.location} is in good order.", "Check database")

        op: BackgroundOp[object] = BackgroundOp(
            self._window, lambda _task: services.housekeeping.check(), doing="checking the database"
        ).success(report)
        return self._run(op, "Checking the database…")

    def restore_backup(self) -> BackgroundOp[object] | None:
        window = self._window
        services = window.services
        if services is None or services.path is None or not window.pages_can_leave():
            return None
        location = location_for(services.path)
        folder = location.backup_dir
        chosen = ask_backup_file(window, str(folder if folder and folder.is_dir() else services.path.parent))
        if not chosen:
            return None
        if not dialogs.confirm_action(
            window, RESTORE_WARNING.format(backup=chosen), "Restore a backup", "Restore"
        ):
            return None
        opener = window.databases.opener

        def work(_task: object) -> object:
            opener.restore(location, Path(chosen))
            return opener.open(location, create=False)

        def restored(new_services: object) -> None:
            window.switch_to(new_services)  # type: ignore[arg-type]
            window.statusBar().showMessage(f"Restored {Path(chosen).name}", 10_000)

        op: BackgroundOp[object] = BackgroundOp(window, work, doing="restoring the backup").success(restored)
        return self._run(op, "Restoring the backup…")
