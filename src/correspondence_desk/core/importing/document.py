"""What extraction produces and the parser reads: a file's text as blocks with a little structure."""

from __future__ import annotations

from dataclasses import dataclass

from correspondence_desk.core.errors import DeskError


class ImportCancelled(DeskError):
    """The person cancelled a long extraction (a big PDF) before it finished."""


@dataclass(frozen=True)
class Block:
    """One paragraph (or line) of extracted text. A block may hold several hard-wrapped lines."""

    text: str
    bold: bool = False
    page: int | None = None  # 1-based, for PDFs and text with form feeds
    style: str = ""  # the source's paragraph style, e.g. "Heading 2", "List Number"


@dataclass(frozen=True)
class ExtractedDocument:
    filename: str
    blocks: tuple[Block, ...]
    page_count: int | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)
