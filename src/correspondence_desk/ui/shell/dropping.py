"""Dropping a report's file (PDF, Word, text) on the window imports it."""

from __future__ import annotations

from PySide6.QtGui import QDragEnterEvent, QDropEvent

IMPORTABLE = (".pdf", ".docx", ".txt", ".md")


def importable(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The one local file being dragged, when it is something the import review reads."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
    return paths[0] if len(paths) == 1 and paths[0].lower().endswith(IMPORTABLE) else None
