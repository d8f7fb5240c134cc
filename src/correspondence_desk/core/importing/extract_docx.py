"""Word documents (python-docx): paragraphs and tables in document order, bold runs, list numbers
(Word computes those when it draws the page, so they are not in the text: we count them), and the
layout cues that set a recommendation apart: shading, borders, table cells, italic, size, indent.

Reading is linear and bounded: the package is checked before python-docx loads it (docx_package),
and what a paragraph inherits from its style is looked up once per style, not once per paragraph
(python-docx resolves a paragraph's style by scanning every style of the document each time).
Styles are read in docx_styles, list numbers in docx_numbering, runs and layout in docx_layout.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument
from correspondence_desk.core.importing.docx_layout import Layouts, runs_of, shading_fill
from correspondence_desk.core.importing.docx_numbering import Numbering
from correspondence_desk.core.importing.docx_package import MAX_CHARACTERS, check_package
from correspondence_desk.core.importing.docx_styles import Styles, W

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

log = logging.getLogger(__name__)


class _Reader:
    def __init__(self, document: Document) -> None:
        self.styles = Styles()
        self.numbering = Numbering(document, self.styles)
        self.layouts = Layouts(self.styles)

    def paragraph(
        self,
        paragraph: Paragraph,
        cell: tuple[int, int, int] | None = None,
        cell_shade: str = "",
        cell_key: object = None,
    ) -> Block | None:
        runs = [run for run in runs_of(paragraph) if not (run.superscript and run.text.strip().isdigit())]
        text = "".join(run.text for run in runs).strip()
        if not text:
            return None
        style_bold = bool(self.styles.value(paragraph, "bold", lambda st: st.font.bold))
        written = [run for run in runs if run.text.strip()]
        bold = bool(written) and all(run.bold if run.bold is not None else style_bold for run in written)
        layout = self.layouts.of(paragraph, runs, cell, cell_shade, cell_key)
        prefix = self.numbering.prefix(paragraph)
        return Block(prefix + text, bold=bold, style=self.styles.name(paragraph), layout=layout)

    def table(self, table: Table, number: int) -> list[Block]:
        """Row by row; a short label in the first cell ("3", "R3") is put in front of the next cell.
        Cells of a table of two or more columns carry (table, row, column); a one-column table is a
        stack of boxes."""
        blocks: list[Block] = []
        columns = len(table.columns)
        for r, row in enumerate(table.rows):
            seen = set()
            cells: list[list[Block]] = []
            for c, cell in enumerate(row.cells):
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                where = (number, r, c) if columns >= 2 else None
                shade = shading_fill(cell._tc.tcPr)
                key = ("cell", cell._tc)  # a cell merged down the rows is one box
                cells.append(
                    [b for p in cell.paragraphs if (b := self.paragraph(p, where, shade, key)) is not None]
                )
            short_label = (
                cells
                and len(cells[0]) == 1
                and len(cells[0][0].text) <= 20
                and re.search(r"\d", cells[0][0].text)
            )
            # "Recommendation 1 | Recommandation 1": the label beside its translation, not a number cell
            translated_label = (
                short_label
                and len(cells) >= 2
                and bool(cells[1])
                and len(cells[1][0].text) <= 25
                and re.findall(r"\d+", cells[1][0].text)
                == re.findall(r"\d+", cells[0][0].text if cells[0] else "")
            )
            if len(cells) >= 2 and short_label and cells[1] and not translated_label:
                label, first = cells[0][0], cells[1][0]
                merged = Block(
                    f"{label.text.rstrip('.:')} - {first.text}", first.bold, None, first.style, first.layout
                )
                cells = [[merged, *cells[1][1:]], *cells[2:]]
            for blocks_of_cell in cells:
                blocks.extend(blocks_of_cell)
        return blocks


def extract_docx(path: Path, filename: str) -> ExtractedDocument:
    check_package(path, filename)
    try:
        return _read(path, filename)
    except ImportFailedError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ImportFailedError(f"{filename} is too large or too deeply nested to read.") from exc
    except Exception as exc:  # python-docx raises many kinds for damaged files
        log.warning("reading %s failed", filename, exc_info=True)
        raise ImportFailedError(
            f"{filename} could not be read as a Word document: it may be damaged."
        ) from exc


def _read(path: Path, filename: str) -> ExtractedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    reader = _Reader(document)
    blocks: list[Block] = []
    tables = characters = 0
    body = document._body
    # the body's children in order; python-docx's iter_inner_content asks libxml2 for the union
    # "./w:p | ./w:tbl", whose merge grows with the square of the paragraphs (16,000: 3.6 s)
    for child in document.element.body:
        if child.tag == f"{W}tbl":
            item: Paragraph | Table = Table(child, body)
        elif child.tag == f"{W}p":
            item = Paragraph(child, body)
        else:
            continue
        if isinstance(item, Table):
            tables += 1
            found = reader.table(item, tables)
        else:
            found = [block] if (block := reader.paragraph(item)) is not None else []
        blocks.extend(found)
        characters += sum(len(b.text) for b in found)
        if characters > MAX_CHARACTERS:
            raise ImportFailedError(
                f"{filename} holds more than {MAX_CHARACTERS:,} characters of text, too many to import."
            )
    if not blocks:
        raise ImportFailedError(f"{filename} has no text in it to read.")
    sizes = reader.layouts.sizes
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    return ExtractedDocument(filename=filename, blocks=tuple(blocks), body_size=body_size)
