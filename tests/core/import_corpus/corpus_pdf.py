"""A corpus fixture as a PDF (ReportLab): shaded and bordered boxes, ruled tables, running headers,
page numbers, footnote markers and notes at the foot of the page."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from corpus_render import Box, Doc, Para, Table


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

    two = o.get("columns") == "2"  # a page set in two columns (the text runs down one, then the other)
    gutter = 18
    width = (pagesize[0] - 144 - gutter) / 2 if two else pagesize[0] - 144
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
            # one row a paragraph, so a long box can run over a page break as real ones do
            content = [[f] for p in item.paras for f in flow(p) if not isinstance(f, PageBreak)]
            box = RLTable(content, colWidths=[width])
            commands = [("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                        ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
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
            commands = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if item.ruled:
                commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
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

    if two:
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        def both(canvas, template) -> None:
            furniture(canvas, template)
            notes_at_end(canvas, template)

        height = pagesize[1] - 72 - 90
        frames = [Frame(72 + k * (width + gutter), 90, width, height, id=f"c{k}") for k in range(2)]
        columns = BaseDocTemplate(str(path), pagesize=pagesize, invariant=1, title=o.get("title", ""))
        columns.addPageTemplates([PageTemplate("two", frames=frames, onPage=both)])
        columns.build(story)
        return
    Template(
        str(path), pagesize=pagesize, invariant=1, title=o.get("title", ""), bottomMargin=90, topMargin=72
    ).build(story, onFirstPage=furniture, onLaterPages=furniture)
