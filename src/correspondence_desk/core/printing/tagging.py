"""Tagged PDF with ReportLab: a structure tree built with the story, marked content drawn with it.

ReportLab writes no tags by itself. How this module teaches it:

- A `StructTree` is built alongside the story, in reading order: `tree.para(text, style)` returns a
  paragraph bound to a new P element under the current group, `with tree.group("Sect"):` nests.
- When a bound paragraph is drawn it wraps itself in `/P <</MCID n>> BDC … EMC`, and the canvas's
  `MarkedContent` log records (page, MCID) against its element. Both halves of a paragraph split
  across pages keep one element; a paragraph drawn a second time (a table's header row repeated on a
  later page) is drawn as an artifact, so a screen reader hears it once.
- Everything else on a page (page furniture, table rules and backgrounds, a decorative logo) is drawn
  inside `/Artifact … BDC … EMC`: see `MarkedContent.artifact` and `TABLE_ARTIFACTS`.
- `pdfua.write_structure` turns the tree and the log into the PDF's structure tree when it is saved.

A paragraph with no element (built with `house_style.para` outside a tree) still gets a P of its own
under the document, in drawing order, so nothing drawn is ever left untagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table


def escape(text: str) -> str:
    """&, < and > as XML entities (what xml.sax.saxutils.escape does, without loading urllib,
    http and email with it: a few milliseconds of every `render`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Element:
    """One structure element: a standard role (P, H1, Sect, Table, TH…), its children in reading
    order, and the attributes a reader needs (alternative text, table header scope, list numbering)."""

    __slots__ = ("alt", "attributes", "kids", "role")

    def __init__(self, role: str, *, alt: str = "", attributes: dict[str, str] | None = None) -> None:
        self.role = role
        self.alt = alt
        self.attributes = attributes or {}  # e.g. {"O": "Table", "Scope": "Column"}
        self.kids: list[Any] = []  # child elements, or marked content as (page index, MCID)

    # Platypus deep-copies some flowables while it lays them out; a copy must still tag the
    # element in the tree, never a detached duplicate.
    def __copy__(self) -> Element:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Element:
        return self

    def __repr__(self) -> str:
        return f"<{self.role} {len(self.kids)} kids>"


class StructTree:
    """The document's logical structure, built in reading order as the story is built."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._open = [self.root]

    def add(self, role: str, **kwargs: Any) -> Element:
        element = Element(role, **kwargs)
        self._open[-1].kids.append(element)
        return element

    @contextmanager
    def group(self, role: str, **kwargs: Any) -> Iterator[Element]:
        """Elements added inside the block are children of a new `role` element."""
        element = self.add(role, **kwargs)
        self._open.append(element)
        try:
            yield element
        finally:
            self._open.pop()

    def para(self, text: str, style: Any, role: str = "P", **kwargs: Any) -> Para:
        """A paragraph of user text (escaped; newline = line break) as a new `role` element."""
        return self.markup_para(markup(text), style, role, **kwargs)

    def markup_para(self, paragraph_markup: str, style: Any, role: str = "P", **kwargs: Any) -> Para:
        """A paragraph of ready-made Paragraph markup (the caller escaped any user text)."""
        paragraph = Para(paragraph_markup, style)
        paragraph.element = self.add(role, **kwargs)
        return paragraph


def decoration(paragraph_markup: str, style: Any) -> Para:
    """A paragraph drawn as an artifact: layout filler (an empty table cell) with nothing to read."""
    paragraph = Para(paragraph_markup, style)
    paragraph.artifact = True
    return paragraph


def markup(text: str) -> str:
    """User text as Paragraph markup: & < > print as typed, a single newline is a line break."""
    return escape(text.replace("\r\n", "\n").strip()).replace("\n", "<br/>")


MISSING_GLYPH = "\u25a1"  # □, which the house font has


def printable(text: str, font_name: str) -> str:
    """The text with every character the font cannot draw (an emoji, CJK…) replaced by a white
    square: the square is what the page would show anyway, and a glyph the font lacks (.notdef)
    breaks both PDF/UA and PDF/A. Whitespace is left alone (ReportLab lays it out as spaces)."""
    if text.isascii() and text.isprintable():
        return text
    glyphs = _glyphs(font_name)
    if glyphs is None:  # not a TrueType font: nothing to check against
        return text
    missing = {
        ord(c): MISSING_GLYPH for c in set(text) if ord(c) not in glyphs and not c.isspace() and c != "\xa0"
    }
    return text.translate(missing) if missing else text


_GLYPHS: dict[str, set[int] | dict[int, int]] = {}


def _glyphs(font_name: str) -> set[int] | dict[int, int] | None:
    glyphs = _GLYPHS.get(font_name)
    if glyphs is None:
        try:
            glyphs = _GLYPHS[font_name] = pdfmetrics.getFont(font_name).face.charToGlyph
        except (KeyError, AttributeError):
            return None
    return glyphs


class MarkedContent:
    """The canvas's log of marked content: for each page, the element each MCID belongs to."""

    def __init__(self, tree: StructTree) -> None:
        self.tree = tree
        self.pages: list[list[Element]] = [[]]

    def new_page(self) -> None:
        self.pages.append([])

    def begin(self, canvas: Canvas, element: Element) -> None:
        page = len(self.pages) - 1
        mcid = len(self.pages[page])
        self.pages[page].append(element)
        element.kids.append((page, mcid))
        canvas.addLiteral(f"/{element.role} <</MCID {mcid}>> BDC")

    def begin_artifact(self, canvas: Canvas, kind: str = "Layout", subtype: str = "") -> None:
        properties = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        canvas.addLiteral(f"/Artifact <<{properties}>> BDC")

    @staticmethod
    def end(canvas: Canvas) -> None:
        canvas.addLiteral("EMC")

    @contextmanager
    def artifact(self, canvas: Canvas, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
        """Draw page furniture: kind Pagination (subtype Header/Footer) or Layout."""
        self.begin_artifact(canvas, kind, subtype)
        try:
            yield
        finally:
            self.end(canvas)

    @contextmanager
    def content(self, canvas: Canvas, element: Element) -> Iterator[None]:
        self.begin(canvas, element)
        try:
            yield
        finally:
            self.end(canvas)


def marked_content(canvas: Canvas) -> MarkedContent | None:
    """The canvas's marked-content log, or None when drawing on a plain (untagged) canvas."""
    return getattr(canvas, "marked_content", None)


class Para(Paragraph):
    """A Paragraph that is tagged when drawn, and remembers its line breaks for the last width it
    was wrapped to (platypus wraps most paragraphs more than once: a keepWithNext group is measured
    whole before its parts are placed, and the line breaking is most of the rendering time)."""

    element: Element | None = None
    artifact = False  # see decoration()
    _drawn = False
    _untagged = False  # built outside a StructTree: its P is placed under the document when drawn
    _wrapped_for: tuple[float, tuple[float, float]] | None = None

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        if text is not None and style is not None:
            text = printable(text, style.fontName)
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self._wrapped_for
        if cached is not None and cached[0] == availWidth and hasattr(self, "blPara"):
            self.width, self.height = cached[1]
            return cached[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = (availWidth, size)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if self.element is None:  # both halves must share one element: give it one now
            self.element = Element("P")
            self._untagged = True
        for part in parts:
            if isinstance(part, Para) and part is not self:
                part.element = self.element
                part.artifact = self.artifact
                part._untagged = self._untagged
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        marks = marked_content(canvas)
        if marks is None:
            super().drawOn(canvas, x, y, _sW)
            return
        if self.artifact or self._drawn:  # decoration, or drawn again: a repeated table header
            with marks.artifact(canvas, *(("Layout",) if self.artifact else ("Pagination", "Header"))):
                super().drawOn(canvas, x, y, _sW)
            return
        self._drawn = True
        element = self.element
        if element is None:
            element = self.element = Element("P")
            self._untagged = True
        if self._untagged and element not in marks.tree.root.kids:
            marks.tree.root.kids.append(element)  # nothing drawn stays untagged
        with marks.content(canvas, element):
            super().drawOn(canvas, x, y, _sW)


class _TableArtifacts:
    """A Table render callback: its backgrounds and rules are artifacts, and so is a cell that is a
    plain string rather than paragraphs (the cells that carry meaning are tagged paragraphs)."""

    def __call__(self, table: Table, event: str, *args: Any) -> None:
        canvas = table.canv
        marks = marked_content(canvas)
        if marks is None:
            return
        if event in ("startBG", "startLines"):
            marks.begin_artifact(canvas)
        elif event in ("endBG", "endLines"):
            marks.end(canvas)
        elif event == "startCell" and not isinstance(args[2], (list, tuple, Flowable)):
            table._artifact_cell = True
            marks.begin_artifact(canvas)
        elif event == "endCell" and getattr(table, "_artifact_cell", False):
            table._artifact_cell = False
            marks.end(canvas)


TABLE_ARTIFACTS = _TableArtifacts()


def table(rows: list[list[Any]], **kwargs: Any) -> Table:
    """A platypus Table whose grid and backgrounds are drawn as artifacts (ReportLab keeps the
    render callback on every part of a table split across pages)."""
    return Table(rows, renderCB=TABLE_ARTIFACTS, **kwargs)
