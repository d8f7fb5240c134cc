"""Render a corpus fixture (a light description of a document) as the text a person would paste from
it, as a Word document and as a PDF, with the layout cues real documents have: shaded and bordered
recommendation boxes, tables with rules, bold and italic, indentation, font sizes, running headers,
page numbers, footnote markers and notes. The parser must read all three the same way.

The description (NAME.fixture), blocks separated by blank lines:

    @doc font=Helvetica size=11 header="Left|Right" footer="Page {page}" wrap=88 blank=1 band=#15365a
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
from xml.sax.saxutils import escape


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
            table = Table([], widths, "header" in opts, opts.get("shade", ""), opts.get("text") == "lines")
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
            emit(
                [
                    "\t".join(" ".join(_plain(p.text).replace("\n", " ") for p in cell) for cell in row)
                    for row in item.rows
                ]
            )
    if notes:
        emit([f"{n} {t}" for n, t in notes])
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------- Word


def to_docx(doc: Doc, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = {"Times-Roman": "Times New Roman"}.get(doc.options.get("font", ""), "Arial")
    normal.font.size = Pt(float(doc.options.get("size", "11")))
    section = document.sections[0]
    if header := doc.options.get("header"):
        section.header.paragraphs[0].text = header.replace("|", "\t").replace("{page}", "")
    if footer := doc.options.get("footer"):
        section.footer.paragraphs[0].text = footer.replace("{page}", "1")

    def shade(element, colour: str) -> None:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), colour.lstrip("#").upper())
        element.append(shd)

    def border(ppr, bar: str = "") -> None:
        bdr = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            if bar and side != "left":
                continue
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "24" if bar else "4")
            edge.set(qn("w:space"), "4")
            edge.set(qn("w:color"), (bar or "#000000").lstrip("#").upper())
            bdr.append(edge)
        ppr.append(bdr)

    def add(p: Para, container=None, box: Box | None = None):
        if p.kind.startswith("h"):
            para = (container or document).add_paragraph(style=f"Heading {p.kind[1]}")
        else:
            para = (container or document).add_paragraph()
        if p.kind == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if p.kind == "indent":
            para.paragraph_format.left_indent = Pt(36)
        lines = p.text.replace("{page}", "").split("\n")
        for i, line in enumerate(lines):
            for k, part in enumerate(line.split("**")):  # **inline bold**
                for j, piece in enumerate(re.split(r"\^(\d+)", part)):
                    if not piece:
                        continue
                    run = para.add_run(piece)
                    if j % 2:
                        run.font.superscript = True
                        continue
                    run.bold = p.bold or bool(k % 2) or None
                    run.italic = p.italic or None
            if i < len(lines) - 1:
                para.add_run().add_break()
        if box is not None:
            ppr = para._p.get_or_add_pPr()
            if box.border or box.bar:
                border(ppr, box.bar)
            if box.shade:
                shade(ppr, box.shade)
        return para

    for item in doc.items:
        if item == "page":
            document.add_page_break()
        elif isinstance(item, tuple):
            continue  # Word keeps footnotes out of the body text
        elif isinstance(item, Para):
            add(item)
        elif isinstance(item, Box):
            for p in item.paras:
                add(p, box=item)
        elif isinstance(item, Table):
            columns = max(len(r) for r in item.rows)
            table = document.add_table(rows=0, cols=columns)
            table.style = document.styles["Table Grid"]
            for r, row in enumerate(item.rows):
                cells = table.add_row().cells
                for c, paras in enumerate(row):
                    cell = cells[c]
                    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                    for p in paras:
                        add(Para(p.text, p.kind, p.bold or (item.header and r == 0), p.italic), cell)
                    if item.shade and item.header and r == 0:
                        shade(cell._tc.get_or_add_tcPr(), item.shade)
                    if not cell.paragraphs:
                        cell.add_paragraph()
    document.core_properties.title = doc.options.get("title", "")
    document.save(str(path))


# ---------------------------------------------------------------------------------------- PDF


def to_pdf(doc: Doc, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        Flowable,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Table as RLTable

    o = doc.options
    font = o.get("font", "Helvetica")
    bold_font = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[font]
    italic_font = {"Helvetica": "Helvetica-Oblique", "Times-Roman": "Times-Italic"}[font]
    bold_italic = {"Helvetica": "Helvetica-BoldOblique", "Times-Roman": "Times-BoldItalic"}[font]
    size = float(o.get("size", "11"))
    pagesize = LETTER if o.get("pagesize") == "letter" else A4
    base = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3, spaceAfter=size * 0.8)
    styles = {
        "p": base,
        "h1": base.clone(
            "h1", fontName=bold_font, fontSize=size + 7, leading=(size + 7) * 1.25, spaceBefore=6
        ),
        "h2": base.clone(
            "h2", fontName=bold_font, fontSize=size + 3, leading=(size + 3) * 1.25, spaceBefore=4
        ),
        "h3": base.clone("h3", fontName=bold_font, fontSize=size + 1, leading=(size + 1) * 1.25),
        "right": base.clone("right", alignment=TA_RIGHT),
        "indent": base.clone("indent", leftIndent=36),
    }
    notes_by_page: dict[int, list[tuple[str, str]]] = {}
    pending: list[tuple[str, str]] = []

    class NoteAnchor(Flowable):
        """Zero-size marker: the notes declared here belong to the page it lands on."""

        def __init__(self, notes: list[tuple[str, str]]) -> None:
            super().__init__()
            self.notes = notes
            self.width = self.height = 0

        def draw(self) -> None:
            notes_by_page.setdefault(self.canv.getPageNumber(), []).extend(self.notes)

    def style_for(p: Para) -> ParagraphStyle:
        st = styles[p.kind]
        if p.kind.startswith("h"):
            return st
        if p.bold or p.italic:
            name = bold_italic if p.bold and p.italic else bold_font if p.bold else italic_font
            return st.clone(f"{p.kind}-{name}", fontName=name)
        return st

    def markup(text: str) -> str:
        lines = [escape(x) for x in text.split("\n")]
        text = re.sub(r"\^(\d+)", r"<super>\1</super>", "<br/>".join(lines))
        return re.sub(r"\*\*(.+?)\*\*", rf'<font name="{bold_font}">\1</font>', text)

    def flow(p: Para) -> list:
        parts = p.text.split("{page}")
        out: list = []
        for i, part in enumerate(parts):
            if i:
                out.append(PageBreak())
            out.append(Paragraph(markup(part.strip()), style_for(p)))
        return out

    width = pagesize[0] - 144
    story: list = []
    for item in doc.items:
        if item == "page":
            story.append(PageBreak())
        elif isinstance(item, tuple):
            pending.append((item[1], item[2]))
            story.append(NoteAnchor([(item[1], item[2])]))
        elif isinstance(item, Para):
            story.extend(flow(item))
        elif isinstance(item, Box):
            content = [f for p in item.paras for f in flow(p)]
            box = RLTable([[content]], colWidths=[width])
            commands = [("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                        ("LEFTPADDING", (0, 0), (-1, -1), 10 if item.bar else 6)]  # fmt: skip
            if item.shade:
                commands.append(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(item.shade)))
            if item.bar:
                commands.append(("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(item.bar)))
            if item.border:
                commands.append(("BOX", (0, 0), (-1, -1), 0.5, colors.black))
            box.setStyle(TableStyle(commands))
            story += [box, Spacer(1, size * 0.8)]
        elif isinstance(item, Table):
            total = sum(item.widths) or 100
            widths = [width * w / total for w in item.widths] if item.widths else None

            def cell_flow(p: Para, header: bool) -> Paragraph:
                return Paragraph(markup(p.text), style_for(Para(p.text, p.kind, p.bold or header)))

            rows = [
                [[cell_flow(p, item.header and not r) for p in cell] for cell in row]
                for r, row in enumerate(item.rows)
            ]
            table = RLTable(rows, colWidths=widths, repeatRows=1 if item.header else 0)
            commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            if item.shade and item.header:
                commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(item.shade)))
            table.setStyle(TableStyle(commands))
            story += [table, Spacer(1, size * 0.8)]

    def furniture(canvas, template) -> None:
        canvas.saveState()
        page = canvas.getPageNumber()
        if band := o.get("band"):
            canvas.setFillColor(colors.HexColor(band))
            canvas.rect(0, pagesize[1] - 56, pagesize[0], 56, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
        canvas.setFont(font, 8.5)
        if header := o.get("header"):
            left, _, right = header.replace("{page}", str(page)).partition("|")
            canvas.drawString(72, pagesize[1] - 36, left.strip())
            if right:
                canvas.drawRightString(pagesize[0] - 72, pagesize[1] - 36, right.strip())
        canvas.setFillColor(colors.black)
        if footer := o.get("footer"):
            canvas.drawCentredString(pagesize[0] / 2, 30, footer.replace("{page}", str(page)))
        canvas.restoreState()

    def notes_at_end(canvas, template) -> None:
        notes = notes_by_page.get(canvas.getPageNumber(), [])
        if not notes:
            return
        canvas.saveState()
        y = 60 + 10 * len(notes)
        canvas.setLineWidth(0.5)
        canvas.line(72, y + 12, 216, y + 12)
        canvas.setFont(font, 7.5)
        for number, note in notes:
            canvas.drawString(72, y, f"{number} {note}")
            y -= 10
        canvas.restoreState()

    class Template(SimpleDocTemplate):
        def afterPage(self) -> None:
            notes_at_end(self.canv, self)

    Template(
        str(path), pagesize=pagesize, invariant=1, title=o.get("title", ""), bottomMargin=90, topMargin=72
    ).build(story, onFirstPage=furniture, onLaterPages=furniture)


def render(source: Path, fmt: str, out_dir: Path) -> Path:
    """The fixture as a file of the format ("txt", "docx", "pdf")."""
    doc = parse(source.read_text(encoding="utf-8"))
    out = out_dir / f"{source.stem}.{fmt}"
    if fmt == "txt":
        out.write_text(to_txt(doc), encoding="utf-8")
    elif fmt == "docx":
        to_docx(doc, out)
    else:
        to_pdf(doc, out)
    return out
