"""File > Export: the tracker (CSV, XLSX), the calendar (.ics) and the selected report's progress
report (PDF), written off the GUI thread with a progress dialog and a Cancel button
(ui/background.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from correspondence_desk.core.exports.files import replacing
from correspondence_desk.core.text import count, safe_filename
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp, Task

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

# (action name, menu text, dialog title, file filter, default file name)
EXPORTS = {
    "tracker_xlsx": ("actionExportTrackerXlsx", "Tracker as &Excel workbook…", "Export the tracker",
                     "Excel workbook (*.xlsx)", "tracker.xlsx"),
    "tracker_csv": ("actionExportTrackerCsv", "Tracker as &CSV…", "Export the tracker",
                    "CSV file (*.csv)", "tracker.csv"),
    "calendar": ("actionExportCalendar", "&Calendar of due dates…", "Export the calendar",
                 "Calendar (*.ics)", "deadlines.ics"),
    "progress_report": ("actionExportProgressReport", "&Progress report of the selected report…",
                        "Save the progress report", "PDF (*.pdf)", "progress-report.pdf"),
}  # fmt: skip
SUFFIXES = {"tracker_xlsx": ".xlsx", "tracker_csv": ".csv", "calendar": ".ics", "progress_report": ".pdf"}


def ask_save_path(parent: QWidget, title: str, file_filter: str, suggested: str) -> str:
    """The file to write, or "" if the user cancelled (a seam the tests replace)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


class ExportActions(QObject):
    """The Export menu's actions; `services` is asked at each use (the database can change)."""

    def __init__(
        self,
        window: QWidget,
        services: Callable[[], Services | None],
        current_report: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._current_report = current_report
        self.actions: dict[str, QAction] = {}
        self.last_op: BackgroundOp | None = None
        for key, (name, text, *_rest) in EXPORTS.items():
            action = QAction(text, window)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, k=key: self.export(k))
            self.actions[key] = action

    def menu(self, parent: QWidget | None = None) -> QMenu:
        menu = QMenu("&Export", parent)
        menu.setObjectName("exportMenu")
        menu.addActions([self.actions["tracker_xlsx"], self.actions["tracker_csv"]])
        menu.addSeparator()
        menu.addAction(self.actions["calendar"])
        menu.addAction(self.actions["progress_report"])
        return menu

    def export(self, key: str, path: str | None = None) -> BackgroundOp | None:
        _name, _text, title, file_filter, suggested = EXPORTS[key]
        services = self._services()
        if services is None:
            return None
        report_id = None
        reference = ""
        if key == "progress_report":
            report_id = self._current_report()
            if report_id is None:
                dialogs.show_info(self._window, "Select a report in the Reports list first.")
                return None
            reference = services.reports.get(report_id).reference
            suggested = f"{safe_filename(reference)}-progress.pdf"
        if path is None:
            path = ask_save_path(self._window, title, file_filter, suggested)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != SUFFIXES[key]:
            target = target.with_name(target.name + SUFFIXES[key])

        def work(task: Task) -> str:
            if key == "progress_report":
                assert report_id is not None
                pdf = services.exports.progress_report(report_id)
                with replacing(target) as tmp:
                    tmp.write_bytes(pdf)
                return f"Saved the progress report for {reference} to {target}."
            if key == "calendar":
                events = services.exports.calendar(target)
                return f"Wrote {count(events, 'calendar event')} to {target}."
            rows = services.exports.tracker(target, progress=task.progress, cancelled=task.is_cancelled)
            return f"Wrote {count(rows, 'recommendation')} to {target}."

        op = (
            BackgroundOp(self._window, work, doing="Exporting")
            .with_progress(f"Writing {target.name}…")
            .success(self._done)
        )
        self.last_op = op
        op.run_in_background()
        return op

    def _done(self, message: str) -> None:
        status = getattr(self._window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)
        else:
            dialogs.show_info(self._window, message)
