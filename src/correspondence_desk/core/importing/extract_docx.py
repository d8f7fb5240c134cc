"""Word documents (python-docx): paragraphs and tables in document order, bold runs, list numbers
(Word computes those when it draws the page, so they are not in the text: we count them), and the
layout cues that set a recommendation apart: shading, borders, table cells, italic, size, indent.

Reading is linear and bounded: the package is checked before python-docx loads it (docx_package),
and what a paragraph inherits from its style is looked up once per style, not once per paragraph
(python-docx resolves a paragraph's style by scanning every style of the document each time).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument, Layout
from correspondence_desk.core.importing.docx_package import MAX_CHARACTERS, check_package

if TYPE_CHECKING:
    from docx.document import Document
    from docx.shared import Length
    from docx.table import Table
    from docx.text.paragraph import Paragraph

log = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLE_DEPTH = 30  # a style "based on" itself (or a loop of them) must not hang the import


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _marker(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return f"{chr(ord('a') + (n - 1) % 26)}."
    if fmt == "upperLetter":
        return f"{chr(ord('A') + (n - 1) % 26)}."
    if fmt == "lowerRoman":
        return f"{_roman(n)}."
    return f"{n}."


def _val(node: Any, tag: str, default: str) -> str:
    child = node.find(f"{_W}{tag}")
    return str(child.get(f"{_W}val", default)) if child is not None else default


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 1


class _Styles:
    """What each paragraph style gives its paragraphs (name, bold, italic, size, alignment, list),
    worked out once per style id along its "based on" chain."""

    def __init__(self) -> None:
        self._styles: dict[str | None, Any] = {}
        self._values: dict[tuple[str | None, str], Any] = {}
        self._last: tuple[object, str | None] = (None, None)

    def _style(self, paragraph: Paragraph) -> tuple[str | None, Any]:
        if self._last[0] is paragraph:  # asked several times for each paragraph
            sid = self._last[1]
        else:
            sid = paragraph._p.style
            self._last = (paragraph, sid)
        if sid not in self._styles:
            self._styles[sid] = paragraph.style
        return sid, self._styles[sid]

    def value(self, paragraph: Paragraph, name: str, get: Callable[[Any], Any]) -> Any:
        """The first value `get` finds along the paragraph style's chain (None: none sets it)."""
        sid, style = self._style(paragraph)
        key = (sid, name)
        if key not in self._values:
            self._values[key] = next((v for s in _chain(style) if (v := get(s)) is not None), None)
        return self._values[key]

    def name(self, paragraph: Paragraph) -> str:
        """The paragraph style's own name ("Heading 2", "List Number"), "" when it has none."""
        sid, style = self._style(paragraph)
        key = (sid, "name")
        if key not in self._values:
            self._values[key] = (style.name if style is not None else "") or ""
        return str(self._values[key])


def _chain(style: Any) -> list[Any]:
    out: list[Any] = []
    seen: set[int] = set()
    while style is not None and len(out) < _STYLE_DEPTH and id(style.element) not in seen:
        seen.add(id(style.element))
        out.append(style)
        style = style.base_style
    return out


def _style_num_pr(style: Any) -> tuple[str, int] | None:
    ppr = style.element.pPr
    return _num_of(ppr)


def _num_of(ppr: Any) -> tuple[str, int] | None:
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(level)
    return None


class _Numbering:
    """Counts list items per list and level, the way Word numbers them on the page (formats and
    start values from the numbering part, including a list's "start at" override)."""

    def __init__(self, document: Document, styles: _Styles) -> None:
        self.styles = styles
        self.levels: dict[tuple[str, int], tuple[str, int]] = {}  # (numId, level) → (format, start)
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return
        abstract: dict[str | None, dict[int, tuple[str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            abstract[node.get(f"{_W}abstractNumId")] = {
                _int(lvl.get(f"{_W}ilvl", "0")): (
                    _val(lvl, "numFmt", "decimal"),
                    _int(_val(lvl, "start", "1")),
                )
                for lvl in node.findall(f"{_W}lvl")
            }
        for num in root.findall(f"{_W}num"):
            num_id = str(num.get(f"{_W}numId"))
            levels = dict(abstract.get(_val(num, "abstractNumId", ""), {}))
            for override in num.findall(f"{_W}lvlOverride"):
                level = _int(override.get(f"{_W}ilvl", "0"))
                fmt, _start = levels.get(level, ("decimal", 1))
                levels[level] = (fmt, _int(_val(override, "startOverride", str(_start))))
            for level, value in levels.items():
                self.levels[(num_id, level)] = value

    def prefix(self, paragraph: Paragraph) -> str:
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or not 0 <= level < 9:
            return ""
        fmt, start = self.levels.get((num_id, level), ("decimal", 1))
        if fmt in ("bullet", "none"):
            return "• " if fmt == "bullet" else ""
        counts = self.counters.setdefault(num_id, [None] * 9)
        current = counts[level]
        counts[level] = start if current is None else current + 1
        for deeper in range(level + 1, 9):
            counts[deeper] = None  # a deeper list starts again under each new item
        return _marker(fmt, counts[level] or 1) + " "

    def _num_pr(self, paragraph: Paragraph) -> tuple[str | None, int]:
        """The list a paragraph belongs to, from the paragraph itself or its style chain."""
        own = _num_of(paragraph._p.pPr)
        found = own or self.styles.value(paragraph, "numPr", _style_num_pr)
        return found if found is not None else (None, 0)


@dataclass(frozen=True, slots=True)
class _Run:
    """A run's text and the direct formatting that matters here (None: as the style says)."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    size: Length | None = None
    superscript: bool = False


_OFF = ("0", "false", "off")


def _on(node: Any) -> bool:
    return node.get(f"{_W}val", "true") not in _OFF


def _run(r: Any) -> _Run:
    """One pass over a run's children (python-docx looks each property up again)."""
    parts: list[str] = []
    bold = italic = size = None
    superscript = False
    for node in r:
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}rPr":
            for prop in node:
                name = prop.tag
                if name == f"{_W}b":
                    bold = _on(prop)
                elif name == f"{_W}i":
                    italic = _on(prop)
                elif name == f"{_W}sz":
                    size = _half_points(prop.get(f"{_W}val"))
                elif name == f"{_W}vertAlign":
                    superscript = prop.get(f"{_W}val") == "superscript"
    return _Run("".join(parts), bold, italic, size, superscript)


def _half_points(value: str | None) -> Length | None:
    from docx.oxml.simpletypes import ST_HpsMeasure

    try:
        return ST_HpsMeasure.convert_from_xml(value) if value else None
    except (ValueError, TypeError):
        return None


def _runs(paragraph: Paragraph) -> list[_Run]:
    """Every run of the paragraph, including those inside hyperlinks, fields and tracked insertions
    (python-docx's `paragraph.runs` sees only direct children, so inserted text would be lost)."""
    return [_run(r) for r in paragraph._p.iter(f"{_W}r")]


def _shading(ppr_or_tcpr: Any) -> str:
    """The fill colour of a paragraph's or a cell's shading ("#dfe2eb"), "" for none or white."""
    if ppr_or_tcpr is None:
        return ""
    shd = ppr_or_tcpr.find(f"{_W}shd")
    fill = (shd.get(f"{_W}fill") or "").lower() if shd is not None else ""
    if not re.fullmatch(r"[0-9a-f]{6}", fill) or fill == "ffffff":
        return ""
    return f"#{fill}"


def _borders(ppr: Any) -> str:
    """A key for the borders drawn round a paragraph; Word draws adjacent paragraphs with the same
    borders as one box."""
    bdr = ppr.find(f"{_W}pBdr") if ppr is not None else None
    if bdr is None:
        return ""
    sides = sorted(
        child.tag.rsplit("}", 1)[-1] for child in bdr if child.get(f"{_W}val") not in (None, "nil", "none")
    )
    return ",".join(sides) if len(sides) >= 2 else ""


class _Layouts:
    """Layout of each paragraph: italic, size, indent, shading, borders (a box), table cell."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.box_ids: dict[object, int] = {}
        self.last_border: tuple[str, int] | None = None
        self.sizes: Counter[float] = Counter()
        self.paragraphs = 0  # a serial for each paragraph: the key of a box that starts there

    def box(self, key: object) -> int:
        return self.box_ids.setdefault(key, len(self.box_ids) + 1)

    def of(
        self,
        paragraph: Paragraph,
        runs: list[_Run],
        cell: tuple[int, int, int] | None,
        cell_shade: str,
        cell_key: object,
    ) -> Layout:
        self.paragraphs += 1
        ppr = paragraph._p.pPr
        written = [run for run in runs if run.text.strip()]
        style_italic = self.styles.value(paragraph, "italic", lambda st: st.font.italic)
        italic = bool(written) and all(
            run.italic if run.italic is not None else bool(style_italic) for run in written
        )
        style_size = self.styles.value(paragraph, "size", lambda st: st.font.size)
        sizes = [run.size or style_size for run in written]
        size = round(sizes[0].pt, 1) if sizes and sizes[0] is not None else 0.0
        for run in written:
            run_size = run.size or style_size
            if run_size is not None:
                self.sizes[round(run_size.pt * 2) / 2] += len(run.text)
        fmt = paragraph.paragraph_format
        indent = (fmt.left_indent.pt if fmt.left_indent is not None else 0.0) + (
            fmt.first_line_indent.pt
            if fmt.first_line_indent is not None and fmt.first_line_indent.pt < 0
            else 0.0
        )
        shade = _shading(ppr) or cell_shade
        border = _borders(ppr)
        if cell_key is not None:
            box = self.box(cell_key)
            self.last_border = None
        elif border:
            # the box continues while the next paragraph has the same borders
            if self.last_border is None or self.last_border[0] != border:
                self.last_border = (border, self.box(("border", self.paragraphs)))
            box = self.last_border[1]
        elif shade:
            if self.last_border is None or self.last_border[0] != f"shade{shade}":
                self.last_border = (f"shade{shade}", self.box(("shade", self.paragraphs)))
            box = self.last_border[1]
        else:
            self.last_border = None
            box = 0
        alignment = (
            fmt.alignment
            if fmt.alignment is not None
            else self.styles.value(paragraph, "alignment", lambda st: st.paragraph_format.alignment)
        )
        align = {2: "right", 1: "centre"}.get(int(alignment) if alignment is not None else 0, "")
        return Layout(italic, size, round(indent, 1), shade, box, cell, align)


class _Reader:
    def __init__(self, document: Document) -> None:
        self.styles = _Styles()
        self.numbering = _Numbering(document, self.styles)
        self.layouts = _Layouts(self.styles)

    def paragraph(
        self,
        paragraph: Paragraph,
        cell: tuple[int, int, int] | None = None,
        cell_shade: str = "",
        cell_key: object = None,
    ) -> Block | None:
        runs = [run for run in _runs(paragraph) if not (run.superscript and run.text.strip().isdigit())]
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
                shade = _shading(cell._tc.tcPr)
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
        if child.tag == f"{_W}tbl":
            item: Paragraph | Table = Table(child, body)
        elif child.tag == f"{_W}p":
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
