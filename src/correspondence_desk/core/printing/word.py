"""The response letter and its annex as an editable Word document (python-docx).

Same structure as the PDF, built from real Word styles so a colleague can edit it for clearance:
"Sender", "Recipient", "Letter Subject", "Recommendation" (bold, keep with next), "Response",
"Heading 1" for the Annex; 'Page X of Y' as PAGE / NUMPAGES fields in the footer; the protective
marking in the header and footer. The zip entries carry a fixed date, so the bytes are reproducible.

Accessible as Word's checker sees it: the title and language (en-GB, also the document default)
are set, the Annex is a Heading 1 and each recommendation's first paragraph is at outline level 2
(what the PDF tags H2), the table annex has a caption and a header row that repeats on every page,
and a letterhead logo (in the first page's header) has alternative text or is marked decorative.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from correspondence_desk.core.printing import progress
from correspondence_desk.core.printing.content import (
    annex_intro,
    closing,
    date_line,
    document_metadata,
    imported_notice,
    recipient_lines,
    recommendation_paragraphs,
    reference_line,
    salutation,
    sender_lines,
)
from correspondence_desk.core.printing.letterhead import Letterhead
from correspondence_desk.core.printing.progress import reports_progress
from correspondence_desk.core.records import LetterDetail

FONT = "Arial"  # what Word users have; LibreOffice maps it to the metric-compatible Liberation Sans
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
SENDER_INDENT = Mm(93)  # the sender block's left edge, as in the PDF (118 mm from the sheet's edge)
LOGO_MAX = (Mm(60), Mm(28))  # as in the PDF
LANGUAGE = "en-GB"
PROPERTY_MAX = 255  # characters in a core property (title, author, subject, keywords)
# Word 2019+ marks a picture as decorative with this extension of its docPr
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def render_letter_docx(
    letter: LetterDetail,
    *,
    annex_only: bool = False,
    annex_layout: str | None = None,
    letterhead: Letterhead | None = None,
) -> bytes:
    layout = annex_layout or letter.annex_layout or "list"
    if layout not in ("list", "table"):
        raise ValueError(f"unknown annex layout {layout!r}")
    doc = Document()
    _page_setup(doc, letter.marking.value if letter.marking else "", letterhead, annex_only=annex_only)
    _define_styles(doc)
    _metadata(doc, letter, annex_only)
    if not annex_only:
        _letter_part(doc, letter, letterhead)
    if annex_only or letter.responses:
        _annex_part(doc, letter, layout, annex_only=annex_only)
    out = io.BytesIO()
    doc.save(out)
    return _reproducible_zip(out.getvalue())


# --- document set-up -----------------------------------------------------------------------------


def _page_setup(
    doc: DocumentObject, marking: str, letterhead: Letterhead | None, *, annex_only: bool
) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    footer_line = letterhead.footer.strip() if letterhead else ""
    _header(section.header, marking)
    _footer(section.footer, marking, footer_line)
    if letterhead is not None and not annex_only and (letterhead.logo or letterhead.organisation.strip()):
        # the letterhead is in the first page's header, as in an office's Word template
        section.different_first_page_header_footer = True
        _header(section.first_page_header, marking)
        _letterhead(section.first_page_header, letterhead)
        _footer(section.first_page_footer, marking, footer_line)


def _header(header: Any, marking: str) -> None:
    if marking:
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(marking).bold = True


def _footer(footer: Any, marking: str, footer_line: str) -> None:
    if footer_line:
        line = footer.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.add_run(footer_line).font.size = Pt(7.5)
        paragraph = footer.add_paragraph()
    else:
        paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")
    if marking:
        extra = footer.add_paragraph()
        extra.alignment = WD_ALIGN_PARAGRAPH.CENTER
        extra.add_run(marking).bold = True


def _letterhead(header: Any, letterhead: Letterhead) -> None:
    """The logo (with its alternative text, or marked decorative) and the organisation's name."""
    if letterhead.logo:
        from PIL import Image  # Pillow comes with ReportLab; only the logo's proportions are needed

        with Image.open(io.BytesIO(letterhead.logo)) as image:
            width, height = image.size
        scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
        paragraph = header.add_paragraph()
        run = paragraph.add_run()
        picture = run.add_picture(
            io.BytesIO(letterhead.logo), width=int(width * scale), height=int(height * scale)
        )
        doc_pr = picture._inline.docPr
        doc_pr.set("descr", "" if letterhead.logo_decorative else letterhead.logo_alt.strip())
        if letterhead.logo_decorative:
            extensions = OxmlElement("a:extLst")
            extension = OxmlElement("a:ext")
            extension.set("uri", DECORATIVE_URI)
            decorative = extension.makeelement(f"{{{DECORATIVE_NS}}}decorative", {"val": "1"})
            extension.append(decorative)
            extensions.append(extension)
            doc_pr.append(extensions)
    name = letterhead.organisation.strip()
    if name:
        run = header.add_paragraph().add_run(name)
        run.bold = True
        run.font.size = Pt(12)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A simple Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _paragraph_style(doc: DocumentObject, name: str, *, bold: bool = False) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.bold = bold
    return style


def _set_font(rpr: Any) -> None:
    """Our font for every script, with the template's theme fonts removed (they would win)."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _define_styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True
    rpr = normal.element.get_or_add_rPr()
    _set_font(rpr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    rpr.append(lang)
    # the document's default language too (the template says en-US), which Word reports as its language
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if default_lang is not None:
        default_lang.set(qn("w:val"), LANGUAGE)

    heading = doc.styles["Heading 1"]
    _set_font(heading.element.get_or_add_rPr())
    heading.font.size = Pt(14)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(10)

    for name in ("Sender", "Sender Name", "Recipient"):
        style = _paragraph_style(doc, name, bold=name == "Sender Name")
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        if name.startswith("Sender"):
            style.paragraph_format.left_indent = SENDER_INDENT
    _paragraph_style(doc, "Letter Subject", bold=True).paragraph_format.keep_with_next = True
    signature = _paragraph_style(doc, "Signature Name", bold=True)
    signature.paragraph_format.space_after = Pt(0)
    copy_list = _paragraph_style(doc, "Copy List")
    copy_list.paragraph_format.space_after = Pt(0)
    copy_list.paragraph_format.left_indent = Mm(12)
    copy_list.paragraph_format.first_line_indent = Mm(-12)
    copy_list.paragraph_format.tab_stops.add_tab_stop(Mm(12))
    recommendation = _paragraph_style(doc, "Recommendation", bold=True)
    recommendation.paragraph_format.keep_with_next = True  # never the last thing on a page
    _paragraph_style(doc, "Response")


def _metadata(doc: DocumentObject, letter: LetterDetail, annex_only: bool) -> None:
    meta = document_metadata(letter, annex_only=annex_only)
    props = doc.core_properties
    props.title = _property(meta.title)
    props.author = _property(meta.author)
    props.subject = _property(meta.subject)
    props.keywords = _property(", ".join(meta.keywords))
    props.language = LANGUAGE
    props.last_modified_by = "Correspondence Desk"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME


def _property(text: str) -> str:
    """Word's core properties hold at most 255 characters (python-docx raises beyond that): a long
    title, sender or list of reports is cut short with an ellipsis; the document text is whole."""
    text = " ".join(text.split())
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1].rstrip() + "…"


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite the package with a fixed date on every entry (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --- content -------------------------------------------------------------------------------------


def _add(doc: DocumentObject, text: str, style: str, *, bold: bool | None = None) -> Paragraph:
    """One paragraph of user text; a single newline inside it is a line break (as in the PDF)."""
    paragraph = doc.add_paragraph(style=style)
    run = paragraph.add_run(text.replace("\r\n", "\n").strip())  # python-docx turns \n into <w:br/>
    if bold is not None:
        run.bold = bold
    return paragraph


def _letter_part(doc: DocumentObject, letter: LetterDetail, letterhead: Letterhead | None) -> None:
    bold, plain = sender_lines(letter.sender, letterhead.sender_address_lines if letterhead else ())
    for line in bold:
        _add(doc, line, "Sender Name", bold=True)
    for i, line in enumerate(plain):
        paragraph = _add(doc, line, "Sender")
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(6)
    if letter.imported:
        _add(doc, imported_notice(letter), "Normal", bold=True)
    if reference_line(letter):
        _add(doc, reference_line(letter), "Sender").paragraph_format.space_before = Pt(6)
    recipient = recipient_lines(letter.recipient)
    for i, line in enumerate(recipient):
        paragraph = _add(doc, line, "Recipient")
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(18)
    date = _add(doc, date_line(letter), "Normal")
    date.paragraph_format.space_before = Pt(24)
    if letter.subject.strip():
        _add(doc, letter.subject, "Letter Subject", bold=True)
    if salutation(letter):
        _add(doc, salutation(letter), "Normal")
    for para in letter.body_paragraphs:
        _add(doc, para, "Normal")
    if closing(letter):
        _add(doc, closing(letter), "Normal").paragraph_format.keep_with_next = True
    names = [x for x in (letter.sender.full_name, letter.sender.job_title) if x] if letter.sender else []
    for i, line in enumerate(names):
        paragraph = _add(doc, line, "Signature Name", bold=True)
        paragraph.paragraph_format.keep_with_next = i < len(names) - 1
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(48)  # room for a wet signature
    for i, line in enumerate(letter.copy_lines):
        paragraph = doc.add_paragraph(style="Copy List")
        paragraph.add_run(("cc\t" if i == 0 else "\t") + line)
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(18)


def _annex_part(doc: DocumentObject, letter: LetterDetail, layout: str, *, annex_only: bool) -> None:
    heading = doc.add_heading("Annex", level=1)
    heading.paragraph_format.page_break_before = not annex_only
    if annex_only:
        _add(doc, annex_intro(letter), "Normal")
    if reports_progress(letter):
        _add(doc, progress.annex_intro(letter), "Normal")
    if layout == "table":
        _annex_table(doc, letter)
        return
    for response in letter.responses:
        for i, para in enumerate(recommendation_paragraphs(response)):
            paragraph = _add(doc, para, "Recommendation", bold=True)
            if i == 0:
                _outline_level(paragraph, 2)  # a heading in Word's navigation, H2 in its PDF export
        if reports_progress(letter):
            for line in progress.progress_lines(letter, response):
                _progress_line(doc.add_paragraph(style="Response"), line)
        for para in response.paragraphs:
            _add(doc, para, "Response")


def _progress_line(paragraph: Paragraph, line: progress.ProgressLine) -> None:
    """ "Label:" in bold, then the text (a progress update letter's position, update, target)."""
    if line.label:
        paragraph.add_run(f"{line.label}: ").bold = True
    paragraph.add_run(line.text.replace("\r\n", "\n").strip())


def _outline_level(paragraph: Paragraph, level: int) -> None:
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    paragraph._p.get_or_add_pPr().append(outline)


def _annex_table(doc: DocumentObject, letter: LetterDetail) -> None:
    updates = reports_progress(letter)
    titles = ("Recommendation", "Position", "Progress" if updates else "Response")
    table = doc.add_table(rows=1, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    _repeat_as_header(table.rows[0])
    for response in letter.responses:
        cells = table.add_row().cells
        stand = response.position or (response.recommendation.position if updates else None)
        _cell_paragraphs(cells[0], recommendation_paragraphs(response), bold=True)
        _cell_paragraphs(cells[1], [stand.label if stand else ""], bold=False)
        if updates:
            lines = progress.progress_lines(letter, response, with_position=False)
            for i, line in enumerate(lines):
                _progress_line(cells[2].paragraphs[0] if i == 0 else cells[2].add_paragraph(), line)
            for para in response.paragraphs:
                cells[2].add_paragraph().add_run(para.replace("\r\n", "\n").strip())
        else:
            _cell_paragraphs(cells[2], response.paragraphs, bold=False)
    for row in table.rows:
        for cell, width in zip(row.cells, (Mm(72), Mm(27), Mm(66)), strict=True):
            cell.width = width
    for tag, text in (
        ("w:tblCaption", "Responses to the recommendations"),
        ("w:tblDescription", "Each recommendation, our position on it and our response."),
    ):
        element = OxmlElement(tag)
        element.set(qn("w:val"), text)
        table._tbl.tblPr.append(element)


def _cell_paragraphs(cell: Any, paras: list[str], *, bold: bool) -> None:
    for i, text in enumerate(paras or [""]):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.add_run(text.replace("\r\n", "\n").strip()).bold = bold


def _repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
