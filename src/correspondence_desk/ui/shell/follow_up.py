"""Tools › Export owners' workbook…, Import owners' workbook…, Progress update settings…

Export: choose the owner (or every owner), then the file; it is written on a worker. Import: choose
the file; a worker reads and checks every row against the desk (nothing saved), the review shows what
would change and each row's problem, and only Import saves them, on a worker, from a private copy
of the file taken at review, so what is saved is what was reviewed even if the file changes
meanwhile. A workbook with a problem anywhere saves nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.text import count, safe_filename
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp

if TYPE_CHECKING:
    from correspondence_desk.core.records import WorkbookExport, WorkbookReview
    from correspondence_desk.core.services import Services

XLSX_FILTER = "Excel workbook (*.xlsx)"


def ask_save_path(parent: QWidget, suggested: str) -> str:
    """The workbook to write, or "" (a seam the tests replace)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export owners' workbook", suggested, XLSX_FILTER)
    return path


def ask_open_path(parent: QWidget) -> str:
    """The returned workbook to read, or "" (a seam the tests replace)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import owners' workbook", "", XLSX_FILTER)
    return path


def ask_owner(parent: QWidget, owners: tuple[str, ...]) -> tuple[bool, str | None]:
    """(chosen, owner): owner None is every owner, "" nobody's (a seam the tests replace)."""
    from correspondence_desk.ui.shell import follow_up_dialogs as dialog_forms  # not at start-up

    dialog = dialog_forms.ExportOwnerDialog(owners, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted, dialog.chosen()


def ask_apply(parent: QWidget, review: WorkbookReview) -> bool:
    """Show the review; True when the person pressed Import (a seam the tests replace)."""
    from correspondence_desk.ui.shell import follow_up_dialogs as dialog_forms

    return dialog_forms.WorkbookReviewDialog(review, parent).exec() == QDialog.DialogCode.Accepted


class FollowUpTools(QObject):
    """The follow-up commands; `services` is asked at each use (the database can change);
    `changed()` is called after updates were saved or the setting changed."""

    def __init__(
        self, window: QWidget, services: Callable[[], Services | None], changed: Callable[[], object]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._changed = changed
        self.last_op: BackgroundOp[object] | None = None
        self.export_action = self._action(
            "&Export owners' workbook…", "actionExportOwnersWorkbook", self.export_workbook,
            "Write an .xlsx of open recommendations for their owners to give their progress updates",
        )  # fmt: skip
        self.import_action = self._action(
            "&Import owners' workbook…", "actionImportOwnersWorkbook", self.import_workbook,
            "Read the progress updates from a returned owners' workbook, reviewing them first",
        )  # fmt: skip
        self.settings_action = self._action(
            "Progress update &settings…", "actionUpdateSettings", self.edit_settings,
            "How often progress updates are due (for everyone on this database)",
        )  # fmt: skip

    def _action(self, text: str, name: str, slot: Callable[[], object], tip: str) -> QAction:
        act = QAction(text, self._window)
        act.setObjectName(name)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def actions(self) -> list[QAction]:
        return [self.export_action, self.import_action, self.settings_action]

    def update(self) -> None:
        services = self._services()
        writable = services is not None and not services.read_only
        self.export_action.setEnabled(services is not None)
        self.import_action.setEnabled(writable)
        self.settings_action.setEnabled(writable)

    def _say(self, message: str) -> None:
        status = getattr(self._window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 10_000)
        else:
            dialogs.show_info(self._window, message)

    # --- settings --------------------------------------------------------------------------------

    def edit_settings(self) -> bool:
        services = self._services()
        if services is None:
            return False
        from correspondence_desk.ui.shell import follow_up_dialogs as dialog_forms

        if dialog_forms.UpdateSettingsDialog(services, self._window).exec() != QDialog.DialogCode.Accepted:
            return False
        self._changed()  # the dashboard's updates due count with the new interval
        return True

    # --- export ----------------------------------------------------------------------------------

    def export_workbook(self) -> BackgroundOp[tuple[str, ...]] | None:
        """Read who owns open recommendations on a worker (every one of them is read), then ask."""
        services = self._services()
        if services is None:
            return None
        op: BackgroundOp[tuple[str, ...]] = BackgroundOp(
            self._window, lambda _task: services.updates.owners(), doing="listing the owners"
        ).success(lambda owners: self._export_for(services, owners))
        self.last_op = op  # type: ignore[assignment]
        return op.run_in_background()

    def _export_for(self, services: Services, owners: tuple[str, ...]) -> None:
        if not owners:
            dialogs.show_info(self._window, "There are no open recommendations to ask owners about.")
            return
        chosen, owner = ask_owner(self._window, owners)
        if not chosen:
            return
        suggested = f"updates-{safe_filename(owner) if owner else 'all-owners'}.xlsx"
        path = ask_save_path(self._window, suggested)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")

        def done(result: WorkbookExport) -> None:
            sheets = count(len(result.owners), "owner")
            self._say(f"Wrote {count(result.rows, 'recommendation')} for {sheets} to {target}.")

        op: BackgroundOp[WorkbookExport] = BackgroundOp(
            self._window, lambda _task: services.updates.export_workbook(target, owner),
            doing="exporting the owners' workbook",
        ).with_progress(f"Writing {target.name}…").success(done)  # fmt: skip
        self.last_op = op  # type: ignore[assignment]
        op.run_in_background()

    # --- import ----------------------------------------------------------------------------------

    def import_workbook(self) -> BackgroundOp[WorkbookReview] | None:
        """Choose the file and review it on a worker; `_review` carries on back on the GUI thread."""
        services = self._services()
        if services is None:
            return None
        path = ask_open_path(self._window)
        if not path:
            return None
        chosen = Path(path)
        folder = Path(tempfile.mkdtemp(prefix="correspondence-desk-workbook-"))
        copy = folder / chosen.name  # the name stays: the audit event and the review name it

        def read(_task: object) -> WorkbookReview:
            try:
                shutil.copyfile(chosen, copy)
            except OSError as error:
                raise DeskError(f"Cannot read {chosen}: {error.strerror or error}.") from error
            return services.updates.import_workbook(copy, dry_run=True)

        op: BackgroundOp[WorkbookReview] = (
            BackgroundOp(self._window, read, doing="reading the owners' workbook")
            .with_progress(f"Checking {chosen.name}…")
            .success(lambda review: self._review(services, copy, review))
            .failure(lambda error: self._refused(error, folder))
            .cancelled(lambda: shutil.rmtree(folder, ignore_errors=True))
        )
        self.last_op = op  # type: ignore[assignment]
        return op.run_in_background()

    def _refused(self, error: BaseException, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(error, DeskError):
            dialogs.show_error(self._window, f"{error} Nothing was imported.", "Import owners' workbook")
        else:
            dialogs.show_failure(self._window, error, "reading the owners' workbook", log_bug=True)

    def _review(self, services: Services, copy: Path, review: WorkbookReview) -> None:
        if not ask_apply(self._window, review) or review.problems or not review.changes:
            shutil.rmtree(copy.parent, ignore_errors=True)
            return

        def apply(_task: object) -> WorkbookReview:
            return services.updates.import_workbook(copy, dry_run=False)

        def applied(result: WorkbookReview) -> None:
            shutil.rmtree(copy.parent, ignore_errors=True)
            if not result.applied:  # the desk changed since the review: a row is refused now
                rows = "".join(f"\n• {r.reference}: {r.message}" for r in result.problems[:10])
                dialogs.show_error(
                    self._window,
                    f"Nothing was imported: the desk changed since the review.{rows}",
                    "Import owners' workbook",
                )
                return
            self._say(f"Imported {count(result.added, 'progress update')} from {result.filename}.")
            self._changed()

        op: BackgroundOp[WorkbookReview] = (
            BackgroundOp(self._window, apply, doing="importing the owners' workbook")
            .with_progress(f"Importing {review.filename}…")
            .success(applied)
            .failure(lambda error: self._refused(error, copy.parent))
        )
        self.last_op = op  # type: ignore[assignment]
        op.run_in_background()
