"""Render a corpus fixture (a light description of a document) as the text a person would paste from
it, as a Word document and as a PDF, with the layout cues real documents have: shaded and bordered
recommendation boxes, tables with rules, bold and italic, indentation, font sizes, running headers,
page numbers, footnote markers and notes. The parser must read all three the same way.

The description (NAME.fixture), blocks separated by blank lines:

    @doc font=Helvetica size=11 header="Left|Right" footer="Page {page}" wrap=88 blank=1 band=#15365a
         columns=2 (pages set in two columns in the PDF and Word; the text reads one column, then the next)
    # Heading 1 / ## Heading 2 / ### Heading 3
    **bold paragraph**  *italic paragraph*  ***bold italic***  >indented paragraph
    @right a right-aligned block (a letter's sender), lines kept as they are
    text with a footnote marker^12 (superscript in Word and PDF, glued digits in text)
    @footnote 12 The note's text (foot of the page in the PDF and the text, left out of Word)
    @box shade=#dfe2eb bar=#da8791 | @box border   ...paragraphs...   @end
    @table widths=10,45,45 header=1 shade=#d9d9d9   | cell | cell // second paragraph |   @end
        (as text, a table is what copying it from Word gives: a row a line, tabs between the cells;
        with text=lines, what copying it from a PDF gives: each cell's paragraphs one after another)
    @page                                  a page break (the text gets the furniture lines)
    a paragraph that runs {page} over a page break

Lines inside a block are hard line breaks. Everything is fictional.
"""

from __future__ import annotations

import re
import shlex
import textwrap
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Para:
    text: str  # lines separated by "\n"; "^12" footnote markers; "{page}" page-break point
    kind: str = "p"  # p, h1, h2, h3, right, indent
    bold: bool = False
    italic: bool = False


@dataclass
class Box:
    paras: list[Para]
    shade: str = ""
    bar: str = ""
    border: bool = False


@dataclass
class Table:
    rows: list[list[list[Para]]]
    widths: list[float]
    header: bool = False
    shade: str = ""
    lines: bool = False  # as text, each cell's paragraphs on lines of their own (text taken from a PDF)
    ruled: bool = True  # drawn with rules; grid=0 for a layout table with no visible borders


@dataclass
class Doc:
    items: list  # Para | Box | Table | "page" | ("note", number, text)
    options: dict[str, str] = field(default_factory=dict)


def _para(block: str) -> Para:
    kind = "p"
    if m := re.match(r"^(#{1,3})\s+", block):
        kind, block = f"h{len(m[1])}", block[m.end() :]
    elif block.startswith("@right"):
        kind, block = "right", block[len("@right") :].strip()
    elif block.startswith(">"):
        kind, block = "indent", block[1:].strip()
    bold = italic = False
    lines = block.split("\n")
    for marks, b, i in (("***", True, True), ("**", True, False), ("*", False, True)):
        if all(x.startswith(marks) and x.endswith(marks) and len(x) > 2 * len(marks) for x in lines):
            block, bold, italic = "\n".join(x[len(marks) : -len(marks)] for x in lines), b, i
            break
    return Para(block, kind, bold or kind.startswith("h"), italic)


def _options(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in shlex.split(line)[1:] if "=" in part) | {
        part: "1" for part in shlex.split(line)[1:] if "=" not in part
    }


def parse(text: str) -> Doc:
    """Directives (@box, @end, @page, @footnote) stand alone as blocks; a @table's rows follow it."""
    lines = [x for x in text.split("\n") if not x.startswith("%")]
    doc = Doc([])
    box: Box | None = None
    for block in re.split(r"\n\s*\n", "\n".join(lines).strip()):
        block = block.strip()
        if not block:
            continue
        if block.startswith("@doc"):
            doc.options = _options(block.replace("\n", " "))
        elif block.startswith("@box"):
            opts = _options(block)
            box = Box([], opts.get("shade", ""), opts.get("bar", ""), "border" in opts)
        elif block == "@end" and box is not None:
            doc.items.append(box)
            box = None
        elif block.startswith("@table"):
            head, *rows = block.split("\n")
            opts = _options(head)
            widths = [float(w) for w in opts.get("widths", "").split(",") if w]
            table = Table(
                [],
                widths,
                "header" in opts,
                opts.get("shade", ""),
                opts.get("text") == "lines",
                opts.get("grid") != "0",
            )
            for row in rows:
                if row.strip() == "@end":
                    continue
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                table.rows.append([[_para(p.strip()) for p in c.split("//")] for c in cells])
            doc.items.append(table)
        elif block == "@page":
            doc.items.append("page")
        elif block.startswith("@footnote"):
            _tag, number, note = block.split(" ", 2)
            doc.items.append(("note", number, note))
        elif box is not None:
            box.paras.append(_para(block))
        else:
            doc.items.append(_para(block))
    return doc


# ---------------------------------------------------------------------------------------- text


def _plain(text: str) -> str:
    return re.sub(r"\^(\d+)", r"\1", text).replace("{page}", "").replace("**", "")


def _tsv_cell(cell: list[Para]) -> str:
    """A cell as Word puts it on the clipboard: several paragraphs in quotes, a line apart."""
    paras = [_plain(p.text).replace("\n", " ") for p in cell]
    return paras[0] if len(paras) == 1 else '"' + "\n".join(x.replace('"', '""') for x in paras) + '"'


def to_txt(doc: Doc) -> str:
    o = doc.options
    wrap, blank = int(o.get("wrap", "0")), o.get("blank", "1") == "1"
    markdown = o.get("md") == "1"
    out: list[str] = []
    notes: list[str] = []
    page = [1]

    def furniture() -> list[str]:
        lines = [f"{n} {t}" for n, t in notes]
        notes.clear()
        if footer := o.get("footer"):
            lines.append(footer.replace("{page}", str(page[0])))
        page[0] += 1
        if header := o.get("header"):
            lines.append(" ".join(x.strip() for x in header.split("|")).replace("{page}", str(page[0])))
        return lines

    def emit(lines: list[str]) -> None:
        if out and blank:
            out.append("")
        out.extend(lines)

    def para_lines(p: Para) -> list[str]:
        result: list[str] = []
        for part_no, part in enumerate(p.text.split("{page}")):
            if part_no:
                result.extend(furniture())
            for line in _plain(part).strip().split("\n"):
                if markdown and p.bold:
                    line = f"**{line}**"
                result.extend(textwrap.wrap(line, wrap) if wrap and p.kind == "p" else [line])
        if markdown and p.kind.startswith("h"):
            result[0] = "#" * int(p.kind[1]) + " " + result[0]
        return result

    for item in doc.items:
        if item == "page":
            emit(furniture())
        elif isinstance(item, tuple):
            notes.append((item[1], item[2]))
        elif isinstance(item, Para):
            emit(para_lines(item))
        elif isinstance(item, Box):
            for p in item.paras:
                emit(para_lines(p))
        elif isinstance(item, Table) and item.lines:
            for row in item.rows:
                for cell in row:
                    for p in cell:
                        if p.text:
                            emit(para_lines(p))
        elif isinstance(item, Table):  # copied from Word or a spreadsheet: one row a line, tabs between
            emit(["\t".join(_tsv_cell(cell) for cell in row) for row in item.rows])
    if notes:
        emit([f"{n} {t}" for n, t in notes])
    return "\n".join(out) + "\n"


def render(source: Path, fmt: str, out_dir: Path) -> Path:
    """The fixture as a file of the format ("txt", "docx", "pdf")."""
    doc = parse(source.read_text(encoding="utf-8"))
    out = out_dir / f"{source.stem}.{fmt}"
    if fmt == "txt":
        out.write_text(to_txt(doc), encoding="utf-8")
    elif fmt == "docx":
        from corpus_docx import to_docx

        to_docx(doc, out)
    else:
        from corpus_pdf import to_pdf

        to_pdf(doc, out)
    return out
