"""The office's printed house style, shared by every PDF the app makes (letters, progress reports).

Fonts: Liberation Sans (SIL OFL, shipped in resources/fonts, metric-compatible with Arial), embedded
and subset by ReportLab; registered once per process. Page furniture: 'Page X of Y' and the protective
marking centred at the top and bottom of every page, drawn by `furniture_canvas` once the page count
is known (a single layout pass). Documents are built with `invariant=1`, so the same input gives the
same bytes (no timestamp or random id in the file).

Every document is tagged (PDF/UA-1) and archival (PDF/A-2b): the furniture canvas draws page
furniture as artifacts and tags what the story draws (`tagging`), then writes the structure tree,
XMP and output intent (`pdfua`). Build the story with a `StructTree` so that it reads in order.

User text never reaches a Paragraph unescaped: use `tree.para()` (or `para()` / `markup()`); bold
comes from the style's font. A simple document in the house style (what a progress report needs):

    st = house_style.styles()
    tree = StructTree()
    story = [tree.para("Progress on TEC-2026-04", st.heading, "H1"), tree.para(text, st.body)]
    pdf_bytes = house_style.build_pdf(story, tree=tree, title=..., author=..., subject=...)
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from correspondence_desk.core.printing import pdfua
from correspondence_desk.core.printing.tagging import MarkedContent, Para, StructTree, markup, printable

__all__ = ["MarkedContent", "Para", "StructTree", "markup", "printable"]  # re-exported for the callers
from correspondence_desk.resources import resource

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 22 * mm  # leaves room for 'Page X of Y' and the marking below the text
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
FONT_ITALIC = "LiberationSans-Italic"
FONT_BOLD_ITALIC = "LiberationSans-BoldItalic"
_FONT_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}

# Compressed streams stay binary: ASCII85 makes the file a quarter bigger and its pure-Python
# encoder is a measurable part of rendering a letter. (A process-wide ReportLab setting.)
rl_config.useA85 = 0

BODY_SIZE = 11
BODY_LEADING = 14.5
SMALL_SIZE = 8.5
PDF_CREATOR = "Correspondence Desk"


_REGISTERING = threading.Lock()  # the app renders previews in a worker thread too


@functools.cache
def register_fonts() -> None:
    """Register the regular and bold faces with ReportLab, once per process (parsing a TTF takes
    about 10 ms). Italic faces, which letters never use, come with `register_italics()`."""
    _register(FONT, FONT_BOLD)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


@functools.cache
def register_italics() -> None:
    register_fonts()
    _register(FONT_ITALIC, FONT_BOLD_ITALIC)


def _register(*names: str) -> None:
    with _REGISTERING:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name in names:
            if name not in registered:  # replacing a font would break a document being built with it
                pdfmetrics.registerFont(TTFont(name, str(resource("fonts", _FONT_FILES[name]))))


def para(text: str, style: ParagraphStyle) -> Para:
    """A paragraph of user text (escaped; newline = line break) in a house style. Outside a
    `StructTree` it is tagged as a P of its own when drawn; `tree.para` places it in the tree."""
    return Para(markup(text), style)


@dataclass(frozen=True)
class HouseStyles:
    body: ParagraphStyle
    body_bold: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle  # "Annex", a report's title
    subheading: ParagraphStyle
    block: ParagraphStyle  # address blocks: tight leading, no space between lines
    block_bold: ParagraphStyle
    keep_bold: ParagraphStyle  # bold text that must not end a page (a recommendation)
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    marking: ParagraphStyle


@functools.cache
def styles() -> HouseStyles:
    register_fonts()
    body = ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        spaceAfter=BODY_LEADING * 0.7,
        alignment=TA_LEFT,
        allowWidows=0,  # no single line of a paragraph left at the top of a page
        allowOrphans=0,
    )
    body_bold = ParagraphStyle("BodyBold", parent=body, fontName=FONT_BOLD)
    block = ParagraphStyle("Block", parent=body, spaceAfter=0, leading=BODY_SIZE * 1.25)
    cell = ParagraphStyle("Cell", parent=body, fontSize=9.5, leading=12, spaceAfter=4)
    return HouseStyles(
        body=body,
        body_bold=body_bold,
        small=ParagraphStyle("Small", parent=body, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.3),
        heading=ParagraphStyle(
            "Heading", parent=body_bold, fontSize=14, leading=18, spaceBefore=0, spaceAfter=10, keepWithNext=1
        ),
        subheading=ParagraphStyle("Subheading", parent=body_bold, fontSize=12, leading=15, keepWithNext=1),
        block=block,
        block_bold=ParagraphStyle("BlockBold", parent=block, fontName=FONT_BOLD),
        keep_bold=ParagraphStyle("KeepBold", parent=body_bold, keepWithNext=1),
        cell=cell,
        cell_bold=ParagraphStyle("CellBold", parent=cell, fontName=FONT_BOLD),
        marking=ParagraphStyle("Marking", parent=body_bold, alignment=TA_CENTER),
    )


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A TableStyle in the house font (a Table sets a font for every cell, by default a
    non-embedded Helvetica, even when the cells are Paragraphs)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"), *commands])


def furniture_canvas(
    marking: str = "", footer_left: str = "", *, tree: StructTree | None = None, footer_line: str = ""
) -> type[Canvas]:
    """A canvas class that draws 'Page X of Y', the protective marking (top and bottom, centred),
    an optional small reference and an optional letterhead footer line at the foot of every page
    once the page count is known; all of it as artifacts. It tags what the story draws (see
    `tagging`) and saves the document as PDF/UA-1 and PDF/A-2b (see `pdfua`)."""

    class FurnitureCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            self.marked_content = MarkedContent(tree or StructTree())
            pdfua.mark_archival(self._doc)

        def showPage(self) -> None:  # ReportLab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()
            self.marked_content.new_page()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self._draw_furniture(number, total)
                Canvas.showPage(self)
            pdfua.write_structure(self._doc, self.marked_content, total)
            Canvas.save(self)

        def _draw_furniture(self, number: int, total: int) -> None:
            marks = self.marked_content
            self.saveState()
            self.setFillColorRGB(0, 0, 0)
            with marks.artifact(self, "Pagination", "Footer"):
                self.setFont(FONT, 9)
                self.drawCentredString(PAGE_WIDTH / 2, 14 * mm, f"Page {number} of {total}")
                if footer_left:
                    self.setFont(FONT, 7.5)
                    self.drawString(LEFT_MARGIN, 14 * mm, printable(footer_left, FONT))
                if footer_line:
                    self.setFont(FONT, 7.5)
                    self.drawCentredString(PAGE_WIDTH / 2, 18 * mm, printable(footer_line, FONT))
            if marking:
                self.setFont(FONT_BOLD, 10)
                with marks.artifact(self, "Pagination", "Header"):
                    self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 11 * mm, marking)
                with marks.artifact(self, "Pagination", "Footer"):
                    self.drawCentredString(PAGE_WIDTH / 2, 8 * mm, marking)
            self.restoreState()

    return FurnitureCanvas


def standard_frame(name: str = "body") -> Frame:
    """The text area of a page inside the house margins (no padding: text aligns with the margins)."""
    height = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
    return Frame(
        LEFT_MARGIN, BOTTOM_MARGIN, TEXT_WIDTH, height, id=name,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str] = (),
    marking: str = "",
    footer_left: str = "",
    tree: StructTree | None = None,
) -> bytes:
    """A4 pages of one text frame each, with the page furniture: the whole PDF as bytes, tagged
    with `tree` (the story's structure, built with it) and archival."""
    out = io.BytesIO()
    doc = new_document(out, title=title, author=author, subject=subject, keywords=keywords)
    doc.addPageTemplates([PageTemplate("Page", [standard_frame()])])
    doc.build(story, canvasmaker=furniture_canvas(marking, footer_left, tree=tree))
    return out.getvalue()


def new_document(
    out: io.BytesIO,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str] = (),
    **kwargs: Any,
) -> BaseDocTemplate:
    """An A4 document in the house margins, metadata filled, fonts embedded, bytes reproducible."""
    register_fonts()
    return BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        subject=subject,
        keywords=list(keywords),
        creator=PDF_CREATOR,
        lang="en-GB",
        displayDocTitle=True,
        initialFontName=FONT,  # otherwise the canvas references a non-embedded Helvetica
        invariant=1,
        **kwargs,
    )
