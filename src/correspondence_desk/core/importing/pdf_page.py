"""One PDF page read through PDFium's C API: the text as positioned segments (a line, or a part of a
line standing apart, such as a table cell) with font size, weight and slant, and the drawn shapes
(filled rectangles, rules, border lines) that carry the layout cues.

Why PDFium and not pdfplumber: pdfplumber (pdfminer) takes about 20 s for a 100-page report here,
PDFium well under a second. PDFium gives text in drawing order, so the caller sorts by position
(research/import-layouts.md). Per-character calls are avoided: a line's runs come from
FPDFText_CountRects, and characters are measured only in the rare lines made of several runs.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Any

Rect = tuple[float, float, float, float]  # left, top, right, bottom, from the top of the page

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", ",bd", "-bd")
_ITALIC_WORDS = ("italic", "oblique", "-it", ",it")
_ITALIC_FLAG = 0x40  # FXFONT_ITALIC in the font flags
_SUPERSCRIPT = re.compile(r"\d{1,3}|[a-z]{1,3}")
_ODD = str.maketrans({"\x02": "-", "\ufffe": "-", "\u2010": "-", "\u2011": "-", "\uf0b7": "•", "\u25cf": "•"})


def is_bold_font(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _BOLD_WORDS)


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page, downwards
    bottom: float
    size: float
    bold: bool
    italic: bool
    white: bool = False  # white text (on a dark band: page furniture)


@dataclass(frozen=True, slots=True)
class Shape:
    x0: float
    x1: float
    top: float
    bottom: float
    fill: tuple[int, int, int] | None  # RGB when filled
    stroked: bool

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class PageContent:
    width: float
    height: float
    segments: list[Segment]
    shapes: list[Shape]
    scanned: bool  # one image covers nearly the whole page


class _Fonts:
    """Weight and slant of single characters, cached per font name."""

    def __init__(self, raw: Any, textpage: Any) -> None:
        self.raw, self.textpage = raw, textpage
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.cache: dict[tuple[bytes, int], tuple[bool, bool]] = {}

    def style(self, index: int) -> tuple[bool, bool]:
        raw = self.raw
        n = raw.FPDFText_GetFontInfo(self.textpage, index, self.buffer, 256, ctypes.byref(self.flags))
        key = (self.buffer.raw[: max(0, min(n, 256) - 1)], self.flags.value)
        if key not in self.cache:
            name = key[0].decode("latin-1").lower()
            italic = bool(key[1] & _ITALIC_FLAG) or any(w in name for w in _ITALIC_WORDS)
            self.cache[key] = (is_bold_font(name), italic)
        bold, italic = self.cache[key]
        if not bold and raw.FPDFText_GetFontWeight(self.textpage, index) >= 600:
            bold = True
        return bold, italic


def _rects(raw: Any, textpage: Any, start: int, count: int, height: float) -> list[Rect]:
    n = raw.FPDFText_CountRects(textpage, start, count)
    out = []
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    for i in range(max(0, n)):
        raw.FPDFText_GetRect(
            textpage, i, ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom)
        )
        out.append((left.value, height - top.value, right.value, height - bottom.value))
    return out


def _char_x(raw: Any, textpage: Any, index: int) -> float:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(
        textpage, index, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    )
    return (left.value + right.value) / 2


def _baseline(raw: Any, textpage: Any, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return y.value  # PDF coordinates: up is larger


def _split_runs(
    raw: Any, textpage: Any, start: int, piece: str, rects: list[Rect]
) -> list[tuple[int, str, Rect]]:
    """A line PDFium reports as one, split where its runs stand apart; superscript markers dropped."""
    base = max(rects, key=lambda r: (r[3] - r[1]) * (r[2] - r[0]))
    base_h = base[3] - base[1]
    groups: list[list[tuple[int, str]]] = [[] for _ in rects]
    for offset, ch in enumerate(piece):
        if ch == " ":
            continue
        x = _char_x(raw, textpage, start + offset)
        k = min(range(len(rects)), key=lambda i: max(rects[i][0] - x, x - rects[i][2], 0.0))
        groups[k].append((offset, ch))
    runs: list[tuple[int, str, Rect]] = []
    base_chars = max(groups, key=len)
    base_size = raw.FPDFText_GetFontSize(textpage, start + base_chars[0][0]) if base_chars else 0.0
    base_y = _baseline(raw, textpage, start + base_chars[0][0]) if base_chars else 0.0
    for rect, chars in zip(rects, groups, strict=True):
        if not chars:
            continue
        first, last = chars[0][0], chars[-1][0]
        text = piece[first : last + 1]
        height = rect[3] - rect[1]
        # a marker is smaller type set above the line's baseline (a table's "1" in a cell beside a
        # line with descenders is neither)
        smaller = raw.FPDFText_GetFontSize(textpage, start + first) < 0.85 * base_size
        raised = smaller and height < 0.9 * base_h and _baseline(raw, textpage, start + first) > base_y + 1.5
        if raised and _SUPERSCRIPT.fullmatch(text.strip()):
            if text.strip().isdigit():
                continue  # a footnote marker
            if runs:  # an ordinal or other raised letters: glued to the word before ("26th")
                i, prev, r = runs[-1]
                runs[-1] = (i, prev + text.strip(), (r[0], r[1], rect[2], r[3]))
                continue
        runs.append((start + first, text, rect))
    return runs


def read_page(raw: Any, page: Any, textpage: Any) -> PageContent:
    width = raw.FPDF_GetPageWidthF(page)
    height = raw.FPDF_GetPageHeightF(page)
    shapes, scanned = _shapes(raw, page, width, height)
    rules = [(sh.x0 + sh.x1) / 2 for sh in shapes if sh.width <= 2.5 and sh.height >= 6]
    return PageContent(width, height, _segments(raw, textpage, height, rules), shapes, scanned)


def _segments(raw: Any, textpage: Any, height: float, rules: list[float]) -> list[Segment]:
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace").translate(_ODD)
    fonts = _Fonts(raw, textpage)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    out: list[Segment] = []
    pos = 0
    for piece in text.split("\r\n"):  # PDFium puts a generated "\r\n" (two indexes) between lines
        start = pos
        pos += len(piece) + 2
        if not piece.strip():
            continue
        rects = _rects(raw, textpage, start, len(piece), height)
        if not rects:
            continue
        if len(rects) == 1:
            lead = len(piece) - len(piece.lstrip())
            runs = [(start + lead, piece.strip(), rects[0])]
        else:
            runs = _merge_close(_split_runs(raw, textpage, start, piece, rects), rules)
        for index, run_text, (x0, top, x1, bottom) in runs:
            run_text = run_text.strip()
            if not run_text:
                continue
            last = index + len(run_text) - 1
            styles = [fonts.style(i) for i in {index, (index + last) // 2, last}]
            size = raw.FPDFText_GetFontSize(textpage, index) or 10.0
            raw.FPDFText_GetFillColor(
                textpage, index, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
            )
            white = min(r.value, g.value, b.value) >= 245
            out.append(
                Segment(
                    run_text,
                    round(x0, 1),
                    round(x1, 1),
                    round(top, 1),
                    round(bottom, 1),
                    round(size, 1),
                    all(s[0] for s in styles),
                    all(s[1] for s in styles),
                    white,
                )
            )
    return out


def _merge_close(runs: list[tuple[int, str, Rect]], rules: list[float]) -> list[tuple[int, str, Rect]]:
    """Runs close together on one line are one segment (a change of font, a dropped footnote marker);
    runs far apart, or with a vertical rule between them, are separate (table cells)."""
    merged: list[tuple[int, str, Rect]] = []
    for index, text, rect in runs:
        if merged:
            i, prev, r = merged[-1]
            height = max(r[3] - r[1], 4.0)
            gap = rect[0] - r[2]
            ruled = any(r[2] - 1 < x < rect[0] + 1 for x in rules)
            if -1 <= gap < 1.6 * height and abs(rect[3] - r[3]) < height and not ruled:
                glue = "" if gap < 0.12 * height and not prev.endswith(" ") else " "
                box = (r[0], min(r[1], rect[1]), rect[2], max(r[3], rect[3]))
                merged[-1] = (i, prev + glue + text.strip(), box)
                continue
        merged.append((index, text, rect))
    return merged


def _shapes(raw: Any, page: Any, width: float, height: float) -> tuple[list[Shape], bool]:
    shapes: list[Shape] = []
    scanned = False
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
            continue
        raw.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        )
        x0, x1, y0, y1 = left.value, right.value, height - top.value, height - bottom.value
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            scanned = scanned or (x1 - x0) * (y1 - y0) >= 0.9 * width * height
            continue
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
        fill = None
        if fill_mode.value:
            raw.FPDFPageObj_GetFillColor(
                obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
            )
            if a.value:
                fill = (r.value, g.value, b.value)
        if fill is None and not stroke.value:
            continue
        shapes.append(Shape(round(x0, 1), round(x1, 1), round(y0, 1), round(y1, 1), fill, bool(stroke.value)))
    return shapes, scanned
