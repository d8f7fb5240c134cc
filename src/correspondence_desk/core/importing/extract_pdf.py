"""PDF text through PDFium (pypdfium2: Apache-2.0/BSD, the engine Chrome uses; many times faster
than the pure-Python readers, which matters for 100-page reports), with the layout cues that mark
recommendations: shaded boxes, bordered boxes, table cells, bold, italic, font size, indentation
(pdf_page reads a page, pdf_layout turns pages into blocks).

PDFium is not thread-safe: every call here holds one lock, so an import running in a worker thread
cannot collide with another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import ExtractedDocument, ImportCancelled
from correspondence_desk.core.importing.pdf_layout import document_blocks
from correspondence_desk.core.importing.pdf_page import PageContent, is_bold_font, read_page

__all__ = ["extract_pdf", "is_bold_font"]

_PDFIUM = threading.Lock()
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def extract_pdf(
    path: Path,
    filename: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractedDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages: list[PageContent] = []
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
                raise ImportFailedError(
                    f"{filename} is protected by a password; save an unprotected copy first."
                ) from None
            raise ImportFailedError(f"{filename} is not a PDF that can be read: it may be damaged.") from None
        try:
            total = len(pdf)
            for number in range(1, total + 1):
                if cancelled is not None and cancelled():
                    raise ImportCancelled("The import was cancelled.")
                page = pdf[number - 1]
                textpage = page.get_textpage()
                try:
                    pages.append(read_page(raw, page.raw, textpage.raw))
                finally:
                    textpage.close()
                    page.close()
                if progress is not None:
                    progress(number, total)
        finally:
            pdf.close()
    blocks, body = document_blocks(pages)
    if not any(b.text.strip() for b in blocks):
        raise ImportFailedError(
            f"{filename} has no text layer (it may be a scanned image); open a Word or text version instead."
        )
    return ExtractedDocument(
        filename=filename,
        blocks=tuple(blocks),
        page_count=total,
        body_size=body,
        scanned=any(p.scanned for p in pages),
    )
