"""The live preview: the exact PDF the letter prints as, shown in a QPdfView.

`schedule()` restarts a short timer on every keystroke; when typing stops the owner's
`render_request` callback gives a `RenderJob`. A small letter renders on the GUI thread (tens of
milliseconds); a big one in the background (ui.common.background), and a result that arrives after
a newer request is dropped. A job whose `key` is that of the PDF on show is not redrawn (a save
changes versions, not what prints). Loading from bytes keeps the QBuffer alive as long as the
document uses it (QtPdf reads it lazily).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from correspondence_desk.core.text import count
from correspondence_desk.ui.common.background import BackgroundOp

DEBOUNCE_MS = 300


@dataclass(frozen=True)
class RenderJob:
    work: Callable[[], bytes]  # makes the PDF from a snapshot, so it is safe on any thread
    big: bool = False  # run it off the GUI thread
    key: Hashable = None  # equal keys give the same PDF (None: always render)


class PdfPreview(QWidget):
    """Shows the PDF of the `RenderJob` that `render_request()` returns."""

    updated = Signal(int)  # page count, after a new PDF is shown

    def __init__(self, render_request: Callable[[], RenderJob], parent=None) -> None:
        super().__init__(parent)
        self._render_request = render_request
        self._generation = 0
        self._shown_key: Hashable = None
        self._buffer: QBuffer | None = None
        self.last_render_ms = 0.0
        self.pdf = b""
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("letterPreview")
        self.view.setAccessibleName("Letter preview")
        self.view.setAccessibleDescription("The letter exactly as it will print")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.status = QLabel("", self)
        self.status.setAccessibleName("Preview status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setAccessibleName("Preview zoom")
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.zoom_label)
        for text, name, slot in (
            ("−", "Zoom out", lambda: self.zoom_by(1 / 1.25)),
            ("+", "Zoom in", lambda: self.zoom_by(1.25)),
            ("Fit width", "Fit the page width", self.fit_width),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)
        self.view.zoomFactorChanged.connect(lambda _f: self._say_zoom())
        self.view.zoomModeChanged.connect(lambda _m: self._say_zoom())
        self.view.viewport().installEventFilter(self)
        self._say_zoom()

    def zoom(self) -> float:
        """The zoom on show (1.0 = 100 %), also while fitting the width."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(0)
        width = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return width / (page.width() * self.logicalDpiX() / 72) if page.width() > 0 and width > 0 else 1.0

    def _say_zoom(self) -> None:
        fitting = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.zoom_label.setText(f"{round(self.zoom() * 100)} %" + (" (fit width)" if fitting else ""))

    def zoom_by(self, factor: float) -> None:
        self._keeping_place(lambda: self._set_zoom(max(0.2, min(4.0, self.zoom() * factor))))

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def fit_width(self) -> None:
        self._keeping_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def _keeping_place(self, change: Callable[[], None]) -> None:
        """Zoom without losing the reader's place: the point at the middle of the view stays there."""
        bar = self.view.verticalScrollBar()
        span = bar.maximum() + bar.pageStep()
        middle = (bar.value() + bar.pageStep() / 2) / span if span else 0.0
        change()

        def restore() -> None:
            now = bar.maximum() + bar.pageStep()
            bar.setValue(round(middle * now - bar.pageStep() / 2))

        restore()  # the layout follows the zoom at once; again after any pending layout
        QTimer.singleShot(0, self.view, restore)
        self._say_zoom()

    def schedule(self) -> None:
        """Something changed: refresh a moment after the last change."""
        self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def refresh_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation  # any render still on its way is now out of date
        job = self._render_request()
        if job.key is not None and job.key == self._shown_key:
            self._say_pages()  # in case a newer render had said "Updating…"
            return
        started = time.perf_counter()
        if not job.big:
            try:
                pdf = job.work()
            except Exception as exc:  # a bug in layout must not take the editor down
                self.status.setText(f"The preview could not be drawn: {exc}")
                return
            self._show(pdf, generation, started, job.key)
            return
        self.status.setText("Updating the preview…")
        work = job.work
        (
            BackgroundOp(self, lambda _task: work(), doing="drawing the preview")
            .success(lambda pdf: self._show(pdf, generation, started, job.key))
            .failure(lambda exc: self.status.setText(f"The preview could not be drawn: {exc}"))
            .run_in_background()
        )

    def _show(self, pdf: bytes, generation: int, started: float, key: Hashable = None) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.last_render_ms = (time.perf_counter() - started) * 1000
        self._shown_key = key
        scroll = self.view.verticalScrollBar().value()
        old_buffer = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer
        if old_buffer is not None:
            old_buffer.deleteLater()
        self.pdf = pdf
        # keep the reader's place once the view has laid out the new pages
        QTimer.singleShot(0, self.view, lambda: self.view.verticalScrollBar().setValue(scroll))
        self.updated.emit(self._say_pages())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._say_zoom()  # fitting the width: the zoom follows the view's width
        return super().eventFilter(watched, event)

    def _say_pages(self) -> int:
        self._say_zoom()
        pages = self.document.pageCount()
        self.status.setText(count(pages, "page"))
        return pages

    def page_with(self, text: str) -> int:
        """The first page showing this text (whitespace ignored, as lines wrap), or -1."""
        wanted = "".join(text.split())
        for page in range(self.document.pageCount()):
            if wanted and wanted in "".join(self.document.getAllText(page).text().split()):
                return page
        return -1

    def show_text(self, text: str) -> None:
        """Scroll the preview to the page showing this text (e.g. the recommendation being answered)."""
        page = self.page_with(text)
        if page >= 0 and page != self.view.pageNavigator().currentPage():
            # after pending layout (a just-loaded document or a just-shown view), not before it
            QTimer.singleShot(0, self.view, lambda: self.view.pageNavigator().jump(page, QPointF(0, 0)))

    def clear(self) -> None:
        self._timer.stop()
        self._generation += 1
        self.document.close()
        self._shown_key = None
        self.pdf = b""
        self.status.setText("")
