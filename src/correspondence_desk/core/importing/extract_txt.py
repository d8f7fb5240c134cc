"""Plain text and Markdown: paragraphs are separated by blank lines, `**bold**` marks bold text,
`# Heading` lines are headings, a form feed starts a new page, and lines with tabs are the rows of
a table copied from Word or a spreadsheet (one cell between tabs)."""

from __future__ import annotations

import re
from dataclasses import replace

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument, Layout
from correspondence_desk.core.importing.sanitise import decode_bytes, scrub_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD = "**"


def decode_text(data: bytes, filename: str) -> str:
    """Bytes → text (see sanitise.decode_bytes); binary files are refused."""
    return decode_bytes(data, filename)[0]


def _line_bold(line: str, open_bold: bool) -> tuple[str, bool, bool]:
    """(text without markers, whole line bold?, bold still open after the line)."""
    parts = line.split(_BOLD)
    if len(parts) == 1:
        return line, open_bold and bool(line.strip()), open_bold
    # parts alternate between outside and inside bold, starting with the state at line start
    state = open_bold
    plain_chars = 0
    for i, part in enumerate(parts):
        if i:
            state = not state
        if not state:
            plain_chars += len(part.strip())
    text = "".join(parts)
    return text, plain_chars == 0 and bool(text.strip()), state


def _rows(lines: list[str]) -> list[str]:
    """Lines, with a table row whose quoted cell holds line breaks (as Word and spreadsheets copy a
    cell of several paragraphs: "first\nsecond") put back together as one row."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if pending:
            pending += "\n" + line
            if pending.count('"') % 2 == 0:
                out.append(pending)
                pending = ""
            continue
        in_table = bool(out) and "\t" in out[-1]
        opens = ("\t" in line and re.search(r'(?:^|\t)"', line)) or (in_table and line.startswith('"'))
        if opens and line.count('"') % 2 == 1:
            pending = line
            continue
        out.append(line)
    if pending:
        out.extend(pending.split("\n"))
    return out


def _cells(row: str) -> list[str]:
    import csv
    import io

    if '"' not in row:
        return row.split("\t")
    return next(csv.reader(io.StringIO(row), delimiter="\t"), [])


def extract_text(text: str, filename: str = "pasted text") -> ExtractedDocument:
    """Pasted or read text → blocks. Never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, warnings = scrub_text(text, filename)
    blocks: list[Block] = []
    page = 1
    pages_seen = "\f" in text
    current: list[str] = []
    current_bold = False
    current_style = ""
    open_bold = False

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(
                Block(
                    "\n".join(current),
                    bold=current_bold,
                    page=page if pages_seen else None,
                    style=current_style,
                )
            )
        current = []

    table, row = 0, -1
    for page_number, page_text in enumerate(text.split("\f"), start=1):
        if page_number > 1:
            flush()
        page = page_number
        for raw in _rows(page_text.split("\n")):
            if "\t" in raw.strip("\t ") and raw.strip():
                flush()
                if row < 0:
                    table += 1
                row += 1
                for col, cell in enumerate(_cells(raw)):
                    where = Layout(cell=(table, row, col), box=table * 1000 + row * 50 + col + 1)
                    for part in cell.split("\n"):  # a quoted cell keeps its paragraphs
                        part, bold, _open = _line_bold(part.strip(), False)
                        if part.strip():
                            blocks.append(Block(part.strip(), bold, page if pages_seen else None, "", where))
                continue
            row = -1
            line = raw.strip()
            if not line:
                flush()
                continue
            style = ""
            if m := _HEADING.match(line):
                style, line = f"Heading {len(m[1])}", m[2]
            line, bold, open_bold = _line_bold(line, open_bold)
            line = line.strip()
            if not line:
                continue
            if current and (bold != current_bold or style or current_style):
                flush()
            if not current:
                current_bold, current_style = bold, style
            current.append(line)
    flush()
    return ExtractedDocument(
        filename=filename,
        blocks=tuple(blocks),
        page_count=page if pages_seen else None,
        warnings=tuple(warnings),
    )


def extract_txt(data: bytes, filename: str) -> ExtractedDocument:
    """A text file's (or standard input's) bytes → blocks, with what decoding them had to change."""
    text, warnings = decode_bytes(data, filename)
    doc = extract_text(text, filename)
    if not doc.blocks:
        raise ImportFailedError(f"{filename} is empty: there is no text in it to read.")
    return replace(doc, warnings=(*warnings, *doc.warnings)) if warnings else doc
