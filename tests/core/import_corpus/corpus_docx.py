"""A corpus fixture as a Word document: shading, borders, tables, bold, italic, indents."""

from __future__ import annotations

import re
from pathlib import Path

from corpus_render import Box, Doc, Para, Table


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

    if doc.options.get("columns") == "2":  # a section set in two columns
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), "360")

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
            if item.ruled:
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
