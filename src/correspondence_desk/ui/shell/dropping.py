"""The ways into the import review from the window: Ctrl+I, pasting recommendations from the
clipboard, and dropping a report's file (PDF, Word, text) on the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication

from correspondence_desk.ui.common import dialogs

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow

IMPORTABLE = (".pdf", ".docx", ".txt", ".md")


def importable(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The one local file being dragged, when it is something the import review reads."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
    return paths[0] if len(paths) == 1 and paths[0].lower().endswith(IMPORTABLE) else None


class ReportImporter:
    """Opens the import review and, once it saved, shows the imported report."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def import_report(self) -> None:
        """Ctrl+I: the review dialog asks for the file itself (and offers pasting text instead)."""
        self.import_from()

    def paste_recommendations(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            dialogs.show_info(
                self._window, "The clipboard has no text. Copy the recommendations from the report first."
            )
            return
        self.import_from(text=text)

    def import_from(self, path: str | None = None, text: str | None = None) -> None:
        from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog

        window = self._window
        if window.services is None:
            return
        detail = ImportReviewDialog.run(window, window.services, path=path, text=text)
        if detail is None:
            return
        window.slots.all_stale()
        window.navigator.open_report(detail.id)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        if importable(event):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        path = importable(event)
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_from(path=path))
