"""The response letter and its annex as PDF (ReportLab platypus): a pure function of a LetterDetail.

Page 1 has three frames: the sender block top right, the recipient block where a DL window envelope
shows it, and the body below. Later pages have one full-height frame. The annex starts on a new page.

The structure tree is built with the story, in reading order (see `tagging`): the letterhead
(Figure for a logo with alternative text, P for the organisation), Div for the sender and for the
recipient block, P for each paragraph, L/LI/Lbl/LBody for the copy list, then a Sect for the annex
(H1 "Annex", a Sect per recommendation whose first paragraph is its H2, or a Table with TH cells).
A progress update letter's annex adds each recommendation's position, latest update and target
date (printing/progress.py) as P elements before the response.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    Flowable,
    Frame,
    FrameBreak,
    KeepInFrame,
    KeepTogether,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from correspondence_desk.core.printing import house_style as hs
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
from correspondence_desk.core.printing.tagging import (
    Element,
    StructTree,
    decoration,
    marked_content,
    markup,
    printable,
    table,
)
from correspondence_desk.core.records import ContactRecord, LetterDetail, ResponseRecord

# First-page geometry (from the top-left corner of the sheet): the recipient frame sits where the
# window of a DL envelope falls when an A4 letter is folded in three (about 20 mm in, 45-90 mm down).
SENDER_X = 118 * mm
SENDER_TOP = 18 * mm
SENDER_HEIGHT = 58 * mm
RECIPIENT_X = hs.LEFT_MARGIN
RECIPIENT_TOP = 50 * mm
RECIPIENT_WIDTH = 85 * mm
RECIPIENT_HEIGHT = 40 * mm
BODY_TOP = 98 * mm
LOGO_TOP = 14 * mm
LOGO_MAX = (60 * mm, 28 * mm)
ORGANISATION_SIZE = 12  # points; a longer name is set smaller to stay on one line, left of the sender
ORGANISATION_WIDTH = SENDER_X - hs.LEFT_MARGIN - 5 * mm
SIGNATURE_SPACE = 20 * mm


def render_letter_pdf(
    letter: LetterDetail,
    *,
    annex_only: bool = False,
    annex_layout: str | None = None,
    logo: bytes | None = None,
    letterhead: Letterhead | None = None,
) -> bytes:
    layout = annex_layout or letter.annex_layout or "list"
    if layout not in ("list", "table"):
        raise ValueError(f"unknown annex layout {layout!r}")
    if logo and letterhead is None:  # a bare logo: decorative, drawn as it always was
        letterhead = _bare_logo(logo)
    try:
        return _build(letter, layout, annex_only=annex_only, letterhead=letterhead, split_rows=False)
    except LayoutError:
        if layout != "table":
            raise
        # a table row taller than a page: let rows split across pages (only then, as ReportLab
        # can then repeat the header row in the middle of a page)
        return _build(letter, layout, annex_only=annex_only, letterhead=letterhead, split_rows=True)


def _bare_logo(logo: bytes) -> Letterhead:
    return Letterhead(organisation="", logo=logo, logo_decorative=True)


def _build(
    letter: LetterDetail, layout: str, *, annex_only: bool, letterhead: Letterhead | None, split_rows: bool
) -> bytes:
    out = io.BytesIO()
    meta = document_metadata(letter, annex_only=annex_only)
    doc = hs.new_document(
        out, title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords
    )
    tree = StructTree()
    later = hs.standard_frame("later")
    story: list[Flowable] = []
    if annex_only:
        doc.addPageTemplates([PageTemplate("Later", [later])])
    else:
        painter = _letterhead_painter(letterhead, tree)
        doc.addPageTemplates(
            [
                PageTemplate("First", _first_page_frames(), onPage=painter),
                PageTemplate("Later", [later]),
            ]
        )
        story += [NextPageTemplate("Later"), *_letter_story(letter, tree, letterhead)]
    if annex_only or letter.responses:
        if not annex_only:
            story.append(PageBreak())
        story += _annex_story(letter, layout, tree, annex_only=annex_only, split_rows=split_rows)
    marking = letter.marking.value if letter.marking else ""
    footer = letterhead.footer.strip() if letterhead else ""
    doc.build(story, canvasmaker=hs.furniture_canvas(marking, tree=tree, footer_line=footer))
    return out.getvalue()


def _frame(x: float, top: float, width: float, height: float, name: str) -> Frame:
    y = hs.PAGE_HEIGHT - top - height
    return Frame(x, y, width, height, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def _first_page_frames() -> list[Frame]:
    right_edge = hs.PAGE_WIDTH - hs.RIGHT_MARGIN
    return [
        _frame(SENDER_X, SENDER_TOP, right_edge - SENDER_X, SENDER_HEIGHT, "sender"),
        _frame(RECIPIENT_X, RECIPIENT_TOP, RECIPIENT_WIDTH, RECIPIENT_HEIGHT, "recipient"),
        _frame(hs.LEFT_MARGIN, BODY_TOP, hs.TEXT_WIDTH, hs.PAGE_HEIGHT - BODY_TOP - hs.BOTTOM_MARGIN, "body"),
    ]


def _letterhead_painter(letterhead: Letterhead | None, tree: StructTree) -> Callable[[Any, Any], None]:
    """Draws the letterhead at the top left of the first page: the logo, then the organisation's
    name under it. Its elements come first in the structure tree (a logo with alternative text is a
    Figure; a decorative one is an artifact)."""
    if letterhead is None:
        return lambda canvas, doc: None
    name = printable(letterhead.organisation.strip(), hs.FONT_BOLD)
    figure: Element | None = None
    heading: Element | None = None
    alt = letterhead.logo_alt.strip() or name  # a logo with nothing to say is decoration
    if letterhead.logo or name:
        with tree.group("Div"):
            if letterhead.logo and not letterhead.logo_decorative and alt:
                figure = tree.add("Figure", alt=alt)
            if name:
                heading = tree.add("P")

    def paint(canvas: Any, _doc: Any) -> None:
        marks = marked_content(canvas)
        assert marks is not None, "the letterhead is drawn on the tagged canvas only"
        top = hs.PAGE_HEIGHT - LOGO_TOP
        if letterhead.logo:
            image = _logo_image(letterhead.logo)
            width, height = image.getSize()
            scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
            w, h = width * scale, height * scale
            top -= h
            with marks.content(canvas, figure) if figure else marks.artifact(canvas):
                canvas.drawImage(image, hs.LEFT_MARGIN, top, w, h, mask="auto")
            top -= 3 * mm
        if heading is not None:
            canvas.saveState()
            size = organisation_size(name)
            with marks.content(canvas, heading):
                canvas.setFont(hs.FONT_BOLD, size)
                canvas.drawString(hs.LEFT_MARGIN, top - ORGANISATION_SIZE, name)
            canvas.restoreState()

    return paint


def organisation_size(name: str) -> float:
    """The point size the letterhead's organisation name is printed at: 12, or smaller for a
    name that would not otherwise fit on one line left of the sender block."""
    width = pdfmetrics.stringWidth(name, hs.FONT_BOLD, ORGANISATION_SIZE)
    return (
        ORGANISATION_SIZE if width <= ORGANISATION_WIDTH else ORGANISATION_SIZE * ORGANISATION_WIDTH / width
    )


def _logo_image(data: bytes) -> ImageReader:
    """The logo as ReportLab draws it; a CMYK one (made for a printing press) is turned into RGB,
    as PDF/A allows only the colours of its sRGB output intent."""
    from PIL import Image  # Pillow comes with ReportLab; only when there is a logo

    with Image.open(io.BytesIO(data)) as image:
        if image.mode != "CMYK":
            return ImageReader(io.BytesIO(data))
        out = io.BytesIO()
        image.convert("RGB").save(out, "PNG")
    return ImageReader(io.BytesIO(out.getvalue()))


def _fit(flowables: list[Flowable], width: float, height: float) -> KeepInFrame:
    # an over-long block shrinks rather than spilling into the next frame
    return KeepInFrame(width, height, flowables, mode="shrink")


def _sender_block(
    sender: ContactRecord | None, reference: str, tree: StructTree, letterhead: Letterhead | None
) -> list[Flowable]:
    st = hs.styles()
    bold, plain = sender_lines(sender, letterhead.sender_address_lines if letterhead else ())
    items: list[Flowable] = [tree.para(line, st.block_bold) for line in bold]
    if plain:
        items.append(Spacer(1, 2 * mm))
        items += [tree.para(line, st.block) for line in plain]
    if reference.strip():
        items += [Spacer(1, 2 * mm), tree.para(reference, st.block)]
    return items


def _recipient_block(recipient: ContactRecord | None, tree: StructTree) -> list[Flowable]:
    st = hs.styles()
    return [tree.para(line, st.block) for line in recipient_lines(recipient)]


def _letter_story(letter: LetterDetail, tree: StructTree, letterhead: Letterhead | None) -> list[Flowable]:
    st = hs.styles()
    right_edge = hs.PAGE_WIDTH - hs.RIGHT_MARGIN
    with tree.group("Div"):
        sender = _sender_block(letter.sender, reference_line(letter), tree, letterhead)
    with tree.group("Div"):
        recipient = _recipient_block(letter.recipient, tree)
    story: list[Flowable] = [
        _fit(sender, right_edge - SENDER_X, SENDER_HEIGHT),
        FrameBreak(),
        _fit(recipient, RECIPIENT_WIDTH, RECIPIENT_HEIGHT),
        FrameBreak(),
    ]
    if letter.imported:
        story += [tree.para(imported_notice(letter), st.body_bold), Spacer(1, 2 * mm)]
    story.append(tree.para(date_line(letter), st.body))
    story.append(Spacer(1, 2 * mm))
    if letter.subject.strip():
        story.append(tree.para(letter.subject, st.body_bold))
    if salutation(letter):
        story.append(tree.para(salutation(letter), st.body))
    story += [tree.para(p, st.body) for p in letter.body_paragraphs]
    sign_off: list[Flowable] = (
        [tree.para(closing(letter), st.body), Spacer(1, SIGNATURE_SPACE)] if closing(letter) else []
    )
    if letter.sender is not None:
        names = (letter.sender.full_name, letter.sender.job_title)
        sign_off += [tree.para(x, st.block_bold) for x in names if x]
    story.append(KeepTogether(sign_off))
    if letter.copy_lines:
        story.append(Spacer(1, 8 * mm))
        story.append(_copy_list(letter.copy_lines, tree))
    return story


def _copy_list(lines: list[str], tree: StructTree) -> Table:
    """The copy list: "cc" then one addressee a line, laid out as a two-column table and tagged as
    a list whose first item carries the label."""
    st = hs.styles()
    rows = []
    with tree.group("L", attributes={"ListNumbering": "None"}):
        for i, line in enumerate(lines):
            with tree.group("LI"):
                label = tree.para("cc", st.block, role="Lbl") if i == 0 else decoration("", st.block)
                rows.append([label, tree.para(line, st.block, role="LBody")])
    copy_table = table(rows, colWidths=[12 * mm, hs.TEXT_WIDTH - 12 * mm], hAlign="LEFT")
    copy_table.setStyle(
        hs.table_style(
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return copy_table


def _annex_story(
    letter: LetterDetail, layout: str, tree: StructTree, *, annex_only: bool, split_rows: bool
) -> list[Flowable]:
    st = hs.styles()
    with tree.group("Sect"):
        story: list[Flowable] = [tree.para("Annex", st.heading, role="H1")]
        if annex_only:
            story.append(tree.para(annex_intro(letter), st.body))
        if reports_progress(letter):
            story.append(tree.para(progress.annex_intro(letter), st.body))
        if layout == "table":
            story.append(_annex_table(letter, tree, split_rows=split_rows))
            return story
        for response in letter.responses:
            story += _annex_item(letter, response, tree)
    return story


def _progress_paras(lines: list[progress.ProgressLine], style: Any, tree: StructTree) -> list[Flowable]:
    """A progress update letter's lines: "Label:" in bold, then the text as typed."""
    return [
        tree.markup_para(f"<b>{markup(x.label)}:</b> {markup(x.text)}" if x.label else markup(x.text), style)
        for x in lines
    ]


def _annex_item(letter: LetterDetail, response: ResponseRecord, tree: StructTree) -> list[Flowable]:
    """The recommendation in bold (every paragraph keeps with the next, so it never ends a page),
    then the response in regular weight (in a progress update letter, after the recommendation's
    position, latest update and target date). Tagged as a section whose heading is the
    recommendation's first paragraph ("Recommendation 3 - …"), so a screen reader can jump from one
    to the next."""
    st = hs.styles()
    with tree.group("Sect"):
        first, *rest = recommendation_paragraphs(response)
        items: list[Flowable] = [tree.para(first, st.keep_bold, role="H2")]
        items += [tree.para(p, st.keep_bold) for p in rest]
        if reports_progress(letter):
            items += _progress_paras(progress.progress_lines(letter, response), st.body, tree)
        items += [tree.para(p, st.body) for p in response.paragraphs]
    return items


def _annex_table(letter: LetterDetail, tree: StructTree, *, split_rows: bool) -> Table:
    """A data table: a header row of TH cells (repeated on every page, read once), then a TR of
    TD cells per recommendation (a progress update letter's third column: the progress, then
    the author's text)."""
    st = hs.styles()
    updates = reports_progress(letter)
    with tree.group("Table"):
        with tree.group("TR"):
            header = [
                tree.para(x, st.cell_bold, role="TH", attributes={"Scope": "Column"})
                for x in ("Recommendation", "Position", "Progress" if updates else "Response")
            ]
        rows: list[list[Any]] = [header]
        for response in letter.responses:
            with tree.group("TR"):
                stand = response.position or (response.recommendation.position if updates else None)
                with tree.group("TD"):
                    recommendation = [tree.para(p, st.cell_bold) for p in recommendation_paragraphs(response)]
                with tree.group("TD"):
                    stance = tree.para(stand.label if stand else "", st.cell)
                with tree.group("TD"):
                    answer = (
                        _progress_paras(
                            progress.progress_lines(letter, response, with_position=False), st.cell, tree
                        )
                        if updates
                        else []
                    )
                    answer += [tree.para(p, st.cell) for p in response.paragraphs]
            rows.append([recommendation, stance, answer])
    widths = [hs.TEXT_WIDTH * 0.44, hs.TEXT_WIDTH * 0.16, hs.TEXT_WIDTH * 0.40]
    annex = table(rows, colWidths=widths, repeatRows=1, splitInRow=int(split_rows))
    annex.setStyle(
        hs.table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.45, 0.45, 0.45)),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        )
    )
    return annex
