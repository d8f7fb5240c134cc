"""Word documents (python-docx): paragraphs and tables in document order, bold runs, list numbers
(Word computes those when it draws the page, so they are not in the text: we count them), and the
layout cues that set a recommendation apart: shading, borders, table cells, italic, size, indent."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument, Layout

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


def _val(node, tag: str, default: str) -> str:
    child = node.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default


class _Numbering:
    """Counts list items per list and level, the way Word numbers them on the page (formats and
    start values from the numbering part, including a list's "start at" override)."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, int]] = {}  # (numId, level) → (format, start)
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return
        abstract: dict[str | None, dict[int, tuple[str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            abstract[node.get(f"{_W}abstractNumId")] = {
                int(lvl.get(f"{_W}ilvl", "0")): (
                    _val(lvl, "numFmt", "decimal"),
                    _int(_val(lvl, "start", "1")),
                )
                for lvl in node.findall(f"{_W}lvl")
            }
        for num in root.findall(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            levels = dict(abstract.get(_val(num, "abstractNumId", ""), {}))
            for override in num.findall(f"{_W}lvlOverride"):
                level = _int(override.get(f"{_W}ilvl", "0"))
                fmt, _start = levels.get(level, ("decimal", 1))
                levels[level] = (fmt, _int(_val(override, "startOverride", str(_start))))
            for level, value in levels.items():
                self.levels[(num_id, level)] = value

    def prefix(self, paragraph) -> str:
        num_id, level = _num_pr(paragraph)
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


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 1


def _num_pr(paragraph) -> tuple[str | None, int]:
    """The list a paragraph belongs to, from the paragraph itself or its style chain."""
    holders = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        holders.append(style.element.pPr)
        style = style.base_style
    for ppr in holders:
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), int(level)
    return None, 0


def _runs(paragraph) -> list:
    """Every run of the paragraph, including those inside hyperlinks, fields and tracked insertions
    (python-docx's `paragraph.runs` sees only direct children, so inserted text would be lost)."""
    from docx.text.run import Run

    return [Run(r, paragraph) for r in paragraph._p.iter(f"{_W}r")]


def _run_text(run) -> str:
    parts = []
    for node in run._r:
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _style_value(paragraph, get):
    style = paragraph.style
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def _shading(ppr_or_tcpr) -> str:
    """The fill colour of a paragraph's or a cell's shading ("#dfe2eb"), "" for none or white."""
    if ppr_or_tcpr is None:
        return ""
    shd = ppr_or_tcpr.find(f"{_W}shd")
    fill = (shd.get(f"{_W}fill") or "").lower() if shd is not None else ""
    if not re.fullmatch(r"[0-9a-f]{6}", fill) or fill == "ffffff":
        return ""
    return f"#{fill}"


def _borders(ppr) -> str:
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

    def __init__(self) -> None:
        self.box_ids: dict[object, int] = {}
        self.last_border: tuple[str, int] | None = None
        self.sizes: Counter[float] = Counter()

    def box(self, key: object) -> int:
        return self.box_ids.setdefault(key, len(self.box_ids) + 1)

    def of(self, paragraph, runs, cell: tuple | None, cell_shade: str, cell_key: object) -> Layout:
        ppr = paragraph._p.pPr
        written = [run for run, t in runs if t.strip()]
        style_italic = _style_value(paragraph, lambda st: st.font.italic)
        italic = bool(written) and all(
            run.italic if run.italic is not None else bool(style_italic) for run in written
        )
        style_size = _style_value(paragraph, lambda st: st.font.size)
        sizes = [run.font.size or style_size for run in written]
        size = round(sizes[0].pt, 1) if sizes and sizes[0] is not None else 0.0
        for run, text in runs:
            if (run.font.size or style_size) is not None and text.strip():
                self.sizes[round((run.font.size or style_size).pt * 2) / 2] += len(text)
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
                self.last_border = (border, self.box(("border", id(paragraph._p))))
            box = self.last_border[1]
        elif shade:
            if self.last_border is None or self.last_border[0] != f"shade{shade}":
                self.last_border = (f"shade{shade}", self.box(("shade", id(paragraph._p))))
            box = self.last_border[1]
        else:
            self.last_border = None
            box = 0
        alignment = (
            fmt.alignment
            if fmt.alignment is not None
            else _style_value(paragraph, lambda st: st.paragraph_format.alignment)
        )
        align = {2: "right", 1: "centre"}.get(int(alignment) if alignment is not None else 0, "")
        return Layout(italic, size, round(indent, 1), shade, box, cell, align)


def _paragraph_block(
    paragraph, numbering: _Numbering, layouts: _Layouts, cell=None, cell_shade="", cell_key=None
) -> Block | None:
    runs = [(run, _run_text(run)) for run in _runs(paragraph)]
    runs = [(run, t) for run, t in runs if not (run.font.superscript and t.strip().isdigit())]  # note marks
    text = "".join(t for _, t in runs).strip()
    if not text:
        return None
    style_bold = bool(_style_value(paragraph, lambda st: st.font.bold))
    written = [run for run, t in runs if t.strip()]
    bold = bool(written) and all(run.bold if run.bold is not None else style_bold for run in written)
    style = paragraph.style.name if paragraph.style is not None else ""
    layout = layouts.of(paragraph, runs, cell, cell_shade, cell_key)
    return Block(numbering.prefix(paragraph) + text, bold=bold, style=style or "", layout=layout)


def _table_blocks(table, numbering: _Numbering, layouts: _Layouts, number: int) -> list[Block]:
    """Row by row; a short label in the first cell ("3", "R3") is put in front of the next cell.
    Cells of a table of two or more columns carry (table, row, column); a one-column table is a
    stack of boxes."""
    blocks: list[Block] = []
    columns = len(table.columns)
    for r, row in enumerate(table.rows):
        seen = set()
        cells = []
        for c, cell in enumerate(row.cells):
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            where = (number, r, c) if columns >= 2 else None
            shade = _shading(cell._tc.tcPr)
            key = ("cell", id(cell._tc))
            cells.append(
                [
                    b
                    for p in cell.paragraphs
                    if (b := _paragraph_block(p, numbering, layouts, where, shade, key))
                ]
            )
        short_label = (
            len(cells[0]) == 1 and len(cells[0][0].text) <= 20 and re.search(r"\d", cells[0][0].text)
        )
        if len(cells) >= 2 and short_label and cells[1]:
            label, first = cells[0][0], cells[1][0]
            merged = Block(
                f"{label.text.rstrip('.:')} - {first.text}", first.bold, None, first.style, first.layout
            )
            cells = [[merged, *cells[1][1:]], *cells[2:]]
        for cell in cells:
            blocks.extend(cell)
    return blocks


def extract_docx(path: Path, filename: str) -> ExtractedDocument:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFailedError(f"{filename} is not a Word document that can be read ({exc}).") from exc
    except Exception as exc:  # python-docx raises many kinds for damaged files
        raise ImportFailedError(f"{filename} could not be read as a Word document.") from exc
    numbering = _Numbering(document)
    layouts = _Layouts()
    blocks: list[Block] = []
    tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            blocks.extend(_table_blocks(item, numbering, layouts, tables))
        elif block := _paragraph_block(item, numbering, layouts):
            blocks.append(block)
    if not blocks:
        raise ImportFailedError(f"{filename} has no text in it to read.")
    body = layouts.sizes.most_common(1)[0][0] if layouts.sizes else 0.0
    return ExtractedDocument(filename=filename, blocks=tuple(blocks), body_size=body)
