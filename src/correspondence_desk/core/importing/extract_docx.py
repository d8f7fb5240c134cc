"""Word documents (python-docx): paragraphs and tables in document order, bold runs, and list
numbers (Word computes those when it draws the page, so they are not in the text: we count them)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument

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


def _style_bold(paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _paragraph_block(paragraph, numbering: _Numbering) -> Block | None:
    runs = [(run, _run_text(run)) for run in _runs(paragraph)]
    text = "".join(t for _, t in runs).strip()
    if not text:
        return None
    style_bold = _style_bold(paragraph)
    written = [run for run, t in runs if t.strip()]
    bold = bool(written) and all(run.bold if run.bold is not None else style_bold for run in written)
    style = paragraph.style.name if paragraph.style is not None else ""
    return Block(numbering.prefix(paragraph) + text, bold=bold, style=style or "")


def _table_blocks(table, numbering: _Numbering) -> list[Block]:
    """Row by row; a short label in the first cell ("3", "R3") is put in front of the next cell."""
    blocks: list[Block] = []
    for row in table.rows:
        seen = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) not in seen:  # merged cells repeat
                seen.add(id(cell._tc))
                cells.append([b for p in cell.paragraphs if (b := _paragraph_block(p, numbering))])
        if len(cells) >= 2 and len(cells[0]) == 1 and len(cells[0][0].text) <= 20 and cells[1]:
            label, first = cells[0][0], cells[1][0]
            merged = Block(f"{label.text.rstrip('.:')} - {first.text}", first.bold, None, first.style)
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
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_blocks(item, numbering))
        elif block := _paragraph_block(item, numbering):
            blocks.append(block)
    if not blocks:
        raise ImportFailedError(f"{filename} has no text in it to read.")
    return ExtractedDocument(filename=filename, blocks=tuple(blocks))
