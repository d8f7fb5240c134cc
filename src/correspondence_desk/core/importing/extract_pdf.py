"""PDF text through PDFium (pypdfium2: Apache-2.0/BSD, the engine Chrome uses; several times faster
than the pure-Python readers, which matters for 100-page reports). Lines keep their position, so
paragraph gaps survive, and bold comes from the font name ("…-Bold") or weight of the characters.

PDFium is not thread-safe: every call here holds one lock, so an import running in a worker thread
cannot collide with another.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument, ImportCancelled

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", ",bd", "-bd")
_PDFIUM = threading.Lock()
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def is_bold_font(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _BOLD_WORDS)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    y: float
    size: float
    bold: bool


class _FontProbe:
    """Font name and weight of single characters (a few per line, not every character: speed)."""

    def __init__(self, raw, textpage) -> None:
        self.raw, self.textpage = raw, textpage
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.cache: dict[bytes, bool] = {}

    def bold(self, index: int) -> bool:
        if self.raw.FPDFText_GetFontWeight(self.textpage, index) >= 600:
            return True
        size = self.raw.FPDFText_GetFontInfo(self.textpage, index, self.buffer, 256, ctypes.byref(self.flags))
        name = self.buffer.raw[: max(0, min(size, 256) - 1)]
        if name not in self.cache:
            self.cache[name] = is_bold_font(name.decode("latin-1"))
        return self.cache[name]


def _page_lines(raw, textpage) -> list[_Line]:
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    # PDFium reports a hyphen that ends a line as U+0002
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace").replace("\x02", "-")
    probe = _FontProbe(raw, textpage)
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[_Line] = []
    pos = 0
    # PDFium puts a generated "\r\n" between the lines it finds; each is one character index
    for piece in text.split("\r\n"):
        start, end = pos, pos + len(piece)
        pos = end + 2
        stripped = piece.strip()
        if not stripped:
            continue
        first = start + (len(piece) - len(piece.lstrip()))
        last = start + len(piece.rstrip()) - 1
        raw.FPDFText_GetCharOrigin(textpage, first, ctypes.byref(x), ctypes.byref(y))
        size = raw.FPDFText_GetFontSize(textpage, first) or 10.0
        bold = all(probe.bold(i) for i in {first, (first + last) // 2, last})
        lines.append(_Line(stripped, y.value, size, bold))
    return lines


def _blocks(lines: list[_Line], page_no: int) -> list[Block]:
    """Lines → paragraphs: a gap wider than the usual line spacing, or a change of weight, starts one."""
    steps = Counter(
        round((a.y - b.y) * 2) / 2 for a, b in itertools.pairwise(lines) if 0 < a.y - b.y < 3 * a.size
    )
    # the line spacing inside a paragraph: the smallest step that recurs (short paragraphs can make
    # the gap between paragraphs the most common step)
    recurring = [step for step, count in steps.items() if count >= 2]
    leading = min(recurring or steps) if steps else None
    blocks: list[Block] = []
    group: list[_Line] = []

    def flush() -> None:
        if group:
            bold = all(x.bold for x in group)
            blocks.append(Block("\n".join(x.text for x in group), bold=bold, page=page_no))
        group.clear()

    for line in lines:
        if group:
            prev = group[-1]
            gap = prev.y - line.y
            wide = leading is None or gap > leading * 1.3 or gap < 0 or gap > 3 * line.size
            if wide or line.bold != prev.bold:
                flush()
        group.append(line)
    flush()
    return blocks


def extract_pdf(
    path: Path,
    filename: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractedDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    blocks: list[Block] = []
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
                    blocks.extend(_blocks(_page_lines(raw, textpage.raw), number))
                finally:
                    textpage.close()
                    page.close()
                if progress is not None:
                    progress(number, total)
        finally:
            pdf.close()
    if not any(b.text.strip() for b in blocks):
        raise ImportFailedError(
            f"{filename} has no text layer (it may be a scanned image); open a Word or text version instead."
        )
    return ExtractedDocument(filename=filename, blocks=tuple(blocks), page_count=total)
