"""The response letter and its annex as PDF (ReportLab platypus): a pure function of a LetterDetail.

Page 1 has three frames: the sender block top right, the recipient block where a DL window envelope
shows it, and the body below. Later pages have one full-height frame. The annex starts on a new page.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
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
    Paragraph,
    Spacer,
    Table,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.printing import house_style as hs
from correspondence_desk.core.printing.content import (
    annex_intro,
    document_metadata,
    recipient_lines,
    recommendation_paragraphs,
    salutation,
    sender_lines,
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
SIGNATURE_SPACE = 20 * mm


def render_letter_pdf(
    letter: LetterDetail,
    *,
    annex_only: bool = False,
    annex_layout: str | None = None,
    logo: bytes | None = None,
) -> bytes:
    layout = annex_layout or letter.annex_layout or "list"
    if layout not in ("list", "table"):
        raise ValueError(f"unknown annex layout {layout!r}")
    try:
        return _build(letter, layout, annex_only=annex_only, logo=logo, split_rows=False)
    except LayoutError:
        if layout != "table":
            raise
        # a table row taller than a page: let rows split across pages (only then, as ReportLab
        # can then repeat the header row in the middle of a page)
        return _build(letter, layout, annex_only=annex_only, logo=logo, split_rows=True)


def _build(
    letter: LetterDetail, layout: str, *, annex_only: bool, logo: bytes | None, split_rows: bool
) -> bytes:
    out = io.BytesIO()
    meta = document_metadata(letter, annex_only=annex_only)
    doc = hs.new_document(
        out, title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords
    )
    later = hs.standard_frame("later")
    story: list[Flowable] = []
    if annex_only:
        doc.addPageTemplates([PageTemplate("Later", [later])])
    else:
        doc.addPageTemplates(
            [
                PageTemplate("First", _first_page_frames(), onPage=_logo_painter(logo)),
                PageTemplate("Later", [later]),
            ]
        )
        story += [NextPageTemplate("Later"), *_letter_story(letter)]
    if annex_only or letter.responses:
        if not annex_only:
            story.append(PageBreak())
        story += _annex_story(letter, layout, annex_only=annex_only, split_rows=split_rows)
    marking = letter.marking.value if letter.marking else ""
    doc.build(story, canvasmaker=hs.furniture_canvas(marking))
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


def _logo_painter(logo: bytes | None):
    def paint(canvas, _doc) -> None:
        if not logo:
            return
        image = ImageReader(io.BytesIO(logo))
        width, height = image.getSize()
        scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
        w, h = width * scale, height * scale
        canvas.drawImage(image, hs.LEFT_MARGIN, hs.PAGE_HEIGHT - LOGO_TOP - h, w, h, mask="auto")

    return paint


_para = hs.para


def _fit(flowables: list[Flowable], width: float, height: float) -> KeepInFrame:
    # an over-long block shrinks rather than spilling into the next frame
    return KeepInFrame(width, height, flowables, mode="shrink")


def _sender_block(sender: ContactRecord | None, reference: str) -> list[Flowable]:
    st = hs.styles()
    bold, plain = sender_lines(sender)
    items: list[Flowable] = [_para(line, st.block_bold) for line in bold]
    if plain:
        items.append(Spacer(1, 2 * mm))
        items += [_para(line, st.block) for line in plain]
    if reference.strip():
        items += [Spacer(1, 2 * mm), _para(f"Our ref: {reference}", st.block)]
    return items


def _recipient_block(recipient: ContactRecord | None) -> list[Flowable]:
    st = hs.styles()
    return [_para(line, st.block) for line in recipient_lines(recipient)]


def _letter_story(letter: LetterDetail) -> list[Flowable]:
    st = hs.styles()
    right_edge = hs.PAGE_WIDTH - hs.RIGHT_MARGIN
    story: list[Flowable] = [
        _fit(_sender_block(letter.sender, letter.reference), right_edge - SENDER_X, SENDER_HEIGHT),
        FrameBreak(),
        _fit(_recipient_block(letter.recipient), RECIPIENT_WIDTH, RECIPIENT_HEIGHT),
        FrameBreak(),
    ]
    story.append(_para(long_date(letter.letter_date) or "[Date]", st.body))
    story.append(Spacer(1, 2 * mm))
    if letter.subject.strip():
        story.append(_para(letter.subject, st.body_bold))
    story.append(_para(salutation(letter), st.body))
    story += [_para(p, st.body) for p in letter.body_paragraphs]
    sign_off: list[Flowable] = [
        _para(letter.closing or "Yours sincerely,", st.body),
        Spacer(1, SIGNATURE_SPACE),
    ]
    if letter.sender is not None:
        sign_off += [_para(x, st.block_bold) for x in (letter.sender.full_name, letter.sender.job_title) if x]
    story.append(KeepTogether(sign_off))
    if letter.copy_lines:
        story.append(Spacer(1, 8 * mm))
        story.append(_copy_list(letter.copy_lines))
    return story


def _copy_list(lines: list[str]) -> Table:
    st = hs.styles()
    rows = [
        [Paragraph("cc" if i == 0 else "", st.block), _para(line, st.block)] for i, line in enumerate(lines)
    ]
    table = Table(rows, colWidths=[12 * mm, hs.TEXT_WIDTH - 12 * mm], hAlign="LEFT")
    table.setStyle(
        hs.table_style(
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return table


def _annex_story(letter: LetterDetail, layout: str, *, annex_only: bool, split_rows: bool) -> list[Flowable]:
    st = hs.styles()
    story: list[Flowable] = [hs.Para("Annex", st.heading)]
    if annex_only:
        story.append(_para(annex_intro(letter), st.body))
    if layout == "table":
        story.append(_annex_table(letter.responses, split_rows=split_rows))
        return story
    for response in letter.responses:
        story += _annex_item(response)
    return story


def _annex_item(response: ResponseRecord) -> list[Flowable]:
    """The recommendation in bold (every paragraph keeps with the next, so it never ends a page),
    then the response in regular weight."""
    st = hs.styles()
    items: list[Flowable] = [_para(p, st.keep_bold) for p in recommendation_paragraphs(response)]
    answer = response.paragraphs
    items += [_para(p, st.body) for p in answer]
    return items


def _annex_table(responses: tuple[ResponseRecord, ...], *, split_rows: bool) -> Table:
    st = hs.styles()
    header = [Paragraph(x, st.cell_bold) for x in ("Recommendation", "Position", "Response")]
    rows: list[list[object]] = [header]
    for response in responses:
        position = response.position.label if response.position else ""
        rows.append(
            [
                [_para(p, st.cell_bold) for p in recommendation_paragraphs(response)],
                _para(position, st.cell),
                [_para(p, st.cell) for p in response.paragraphs],
            ]
        )
    widths = [hs.TEXT_WIDTH * 0.44, hs.TEXT_WIDTH * 0.16, hs.TEXT_WIDTH * 0.40]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=int(split_rows))
    table.setStyle(
        hs.table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.45, 0.45, 0.45)),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        )
    )
    return table
