"""Printing our PDF through Qt: the printed pages are the PDF's own pages, rasterised.

QtPdf can only rasterise, so each page is rendered at no more than 300 dpi (a 1200-dpi A4 image is
about 550 MB) and drawn into the printer's printable area, scaled to fit and keeping its aspect,
so A4 on a Letter printer or wide hardware margins never clip the text. Page ranges and copies
from the print dialog are honoured. Tests print into a QPrinter in PdfFormat and monkeypatch
`QPrintDialog.exec`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QRect, QSize, QTimer
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

MAX_DPI = 300


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A ready QPdfDocument over the bytes; keep the returned buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(parent)
    doc.load(buffer)
    if doc.status() == QPdfDocument.Status.Loading:  # loading from a device may finish later
        loop = QEventLoop()
        doc.statusChanged.connect(lambda _status: loop.quit())
        QTimer.singleShot(5000, loop.quit)
        if doc.status() == QPdfDocument.Status.Loading:
            loop.exec()
    if doc.status() != QPdfDocument.Status.Ready:
        raise ValueError("the PDF could not be read for printing")
    return doc, buffer


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers chosen in the dialog (all pages when no range was chosen)."""
    ranges = printer.pageRanges()  # Qt 6: filled by the print dialog's "Pages" field
    if not ranges.isEmpty():
        return [p for p in range(page_count) if ranges.contains(p + 1)]
    return list(range(page_count))


def fit_keep_aspect(target: QRect, size: QSize) -> QRect:
    """The largest rectangle of `size`'s shape inside `target`, centred."""
    scale = min(target.width() / size.width(), target.height() / size.height())
    w, h = round(size.width() * scale), round(size.height() * scale)
    return QRect(target.x() + (target.width() - w) // 2, target.y() + (target.height() - h) // 2, w, h)


def print_pdf(
    data: bytes,
    printer: QPrinter,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print the PDF's pages into the printer; returns how many pages were printed (copies included).

    Safe on a worker thread (QPainter on a QPrinter is); `progress(done, total)` after each page,
    and `cancelled()` is checked before each page: the print job is then aborted."""
    doc, _buffer = load_pdf(data)
    pages = pages_to_print(printer, doc.pageCount())
    # When the driver cannot make copies itself, we repeat the pages.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        sequence = pages * copies  # 1 2 3, 1 2 3
    else:
        sequence = [p for p in pages for _ in range(copies)]  # 1 1, 2 2, 3 3
    if not sequence:
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        for n, page in enumerate(sequence):
            if cancelled is not None and cancelled():
                printer.abort()
                return n
            if n:
                printer.newPage()
            points = doc.pagePointSize(page)
            image = doc.render(
                page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            )
            painter.drawImage(fit_keep_aspect(target, image.size()), image)
            if progress is not None:
                progress(n + 1, len(sequence))
    finally:
        painter.end()
    return len(sequence)


def new_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # the print queue's name, and the file name Qt suggests for "print to file": no slashes
    printer.setDocName(title.replace("/", "-").replace("\\", "-"))
    return printer


def ask_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """Qt's print dialog (printer, page range, copies); None if the user cancelled."""
    printer = new_printer(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.printer()
