"""What extraction produces and the parser reads: a file's text as blocks with a little structure,
and the layout cues that say where a recommendation starts and ends (bold, a shaded or bordered box,
a table cell, indentation, font size)."""

from __future__ import annotations

from dataclasses import dataclass

from correspondence_desk.core.errors import DeskError


class ImportCancelled(DeskError):
    """The person cancelled a long extraction (a big PDF) before it finished."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How a block looks on the page. Text files have none; Word and PDF fill in what they know."""

    italic: bool = False
    size: float = 0.0  # font size in points (0: not known)
    indent: float = 0.0  # left edge in points from the text block's left edge (Word: paragraph indent)
    shade: str = ""  # the fill behind the text, "#dfe2eb" ("": none)
    box: int = 0  # the bordered or shaded container the block sits in (0: none); same id, same box
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a table cell
    align: str = ""  # "right" or "centre" when the block is not flush left

    @property
    def marked(self) -> bool:
        """Set apart from running text by a box, a shade or a table cell."""
        return bool(self.box or self.shade or self.cell)


PLAIN = Layout()


@dataclass(frozen=True)
class Block:
    """One paragraph (or line) of extracted text. A block may hold several hard-wrapped lines."""

    text: str
    bold: bool = False
    page: int | None = None  # 1-based, for PDFs and text with form feeds
    style: str = ""  # the source's paragraph style, e.g. "Heading 2", "List Number"
    layout: Layout = PLAIN


@dataclass(frozen=True)
class ExtractedDocument:
    filename: str
    blocks: tuple[Block, ...]
    page_count: int | None = None
    body_size: float = 0.0  # the most common font size (PDF, Word): what "larger" is measured against
    scanned: bool = False  # a PDF page is one big image with an OCR text layer
    warnings: tuple[str, ...] = ()  # what reading it changed (bytes not readable, characters removed)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)
