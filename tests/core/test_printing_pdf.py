"""The printed letter, read back from the PDF as a reader (or a checker) would see it."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from typing import NamedTuple

import pdfplumber
import pytest
from pypdf import PdfReader

from correspondence_desk.core.printing import render_letter_pdf
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.records import Marking

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM
FOOTER_TOP = PAGE_HEIGHT - 22 * MM  # below this line only the page furniture is drawn


class Line(NamedTuple):
    top: float
    x0: float
    text: str
    bold: bool  # every character in the bold face
    x1: float


def lines_of(page) -> list[Line]:
    """Each printed line of a page, top to bottom."""
    result = []
    for line in page.extract_text_lines(return_chars=True):
        fonts = {c["fontname"].split("+")[-1] for c in line["chars"] if c["text"].strip()}
        result.append(
            Line(line["top"], line["x0"], line["text"], fonts == {"LiberationSans-Bold"}, line["x1"])
        )
    return result


def body_lines(page) -> list[Line]:
    return [x for x in lines_of(page) if 20 * MM < x.top < FOOTER_TOP]


def pdf_pages(data: bytes) -> list[list[Line]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [lines_of(p) for p in pdf.pages]


def test_demo_letter_first_page_has_the_blocks_where_a_letter_has_them(demo):
    pdf = render_letter_pdf(demo.letter)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert (page.width, round(page.height)) == (pytest.approx(595.28, abs=0.1), 842)  # A4
        right = lines_of(page.crop((110 * MM, 0, page.width, 95 * MM)))
        left = lines_of(page.crop((0, 0, 110 * MM, page.height)))
        text = [x.text for x in lines_of(page)]

    def find(fragment: str, lines: list[Line]) -> Line:
        return next(x for x in lines if fragment in x.text)

    # the sender block, top right: name and job title bold, then address, email and our reference
    assert [x.text for x in right] == [
        "Dr Owain Pritchard OBE",
        "Director of Network Strategy",
        "Capital Transport Authority",
        "5 Gatehouse Yard",
        "London",
        "SE1 7XY",
        "owain.pritchard@cta.example.org",
        "Our ref: CTA/TEC/2026/017",
    ]
    assert [x.bold for x in right[:3]] == [True, True, False]
    assert right[0].top < 25 * MM
    recipient = find("Priya Castellano AM", left)
    # the window of a DL envelope: about 20-110 mm from the left, 45-95 mm from the top
    assert 20 * MM <= recipient.x0 <= 30 * MM and 45 * MM <= recipient.top <= 60 * MM
    assert find("E20 9QZ", left).top < 92 * MM and not recipient.bold
    order = [
        "Priya Castellano AM",
        "Chair, Transport and Environment Committee",
        "London Assembly",
        "Riverside Civic Hall",
        "E20 9QZ",
        "12 November 2026",
        "Response to the Committee's report",
        "Dear Priya,",
        "Thank you for the Committee's report",
        "Several of the recommendations",
        "Yours sincerely,",
    ]
    tops = [find(x, left).top for x in order]
    assert tops == sorted(tops)
    assert find("Response to the Committee's report", left).bold  # the subject line
    signature = find("Dr Owain Pritchard OBE", left)
    assert signature.top - find("Yours sincerely,", left).top > 15 * MM  # room for a wet signature
    assert signature.bold and find("Director of Network Strategy", left).bold
    assert any(t.startswith("cc Cllr Elin Tŵr") for t in text)
    assert "Page 1 of 3" in text
    assert "Annex" not in text


def test_annex_recommendations_bold_responses_regular_in_annex_order(demo):
    pages = pdf_pages(render_letter_pdf(demo.letter))
    assert len(pages) == 3
    annex = [x for page in pages[1:] for x in page if x.top < FOOTER_TOP]
    assert annex[0].text == "Annex" and annex[0].bold
    labels = [x.text.split(" - ")[0] for x in annex if x.text.startswith("Recommendation ")]
    assert labels == [f"Recommendation {n}" for n in range(1, 10)]
    by_text = {x.text: x for x in annex}
    rec1 = next(x for x in annex if x.text.startswith("Recommendation 1 - By the end of March 2027"))
    assert rec1.bold
    # the second paragraph of recommendation 2 is bold too; the response under it is not
    assert by_text[next(t for t in by_text if t.startswith("As part of this, the Mayor should"))].bold
    assert not by_text["We note that this recommendation is directed at the Mayor."].bold
    assert not by_text[next(t for t in by_text if t.startswith("The Authority accepts this"))].bold
    for page_number, page in enumerate(pages, start=1):
        assert f"Page {page_number} of 3" in [x.text for x in page]


def test_bold_comes_from_the_font_not_from_markup_in_user_text(demo):
    pages = pdf_pages(render_letter_pdf(demo.letter))
    text = " ".join(x.text for page in pages for x in page)
    assert "<b>" not in text and "&amp;" not in text
    # "&" typed in a response prints as typed
    assert "network management powers & traffic orders" in text


def test_user_text_is_escaped_and_newlines_are_kept():
    letter = sample_letter(3)
    letter = dataclasses.replace(
        letter,
        body="Costs < budget & A&E <b>not bold</b> &amp; as typed.\nSecond line.\n\n"
        "New paragraph: €12, “quoted”, ŵ.",
    )
    pages = pdf_pages(render_letter_pdf(letter))
    first = pages[0]
    texts = [x.text for x in first]
    assert "Costs < budget & A&E <b>not bold</b> &amp; as typed." in texts
    line1 = next(x for x in first if x.text.startswith("Costs <"))
    line2 = next(x for x in first if x.text == "Second line.")
    para2 = next(x for x in first if x.text.startswith("New paragraph"))
    assert not line1.bold
    assert line2.top > line1.top
    assert para2.top - line2.top > line2.top - line1.top  # a blank line is a new paragraph: more space
    assert para2.text == "New paragraph: €12, “quoted”, ŵ."
    assert "Chair, Budget <Scrutiny> Panel" in texts  # contact fields are escaped too
    annex = "\n".join(x.text for page in pages[1:] for x in page)
    assert "R&D budget for 2027–28 is < £5m" in annex


def test_fonts_are_embedded_and_no_base14_font_is_referenced(demo):
    reader = PdfReader(io.BytesIO(render_letter_pdf(demo.letter, annex_layout="table")))
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(str(font["/BaseFont"]).split("+")[-1])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # an embedded TrueType program
    assert seen == {"LiberationSans", "LiberationSans-Bold"}


def test_metadata_title_author_subject_and_language(demo):
    reader = PdfReader(io.BytesIO(render_letter_pdf(demo.letter)))
    meta = reader.metadata
    assert meta.title.startswith("Response to the Committee's report: Cleaner air")
    assert meta.author == "Dr Owain Pritchard OBE, Capital Transport Authority"
    assert meta.subject == "Letter CTA/TEC/2026/017: response to TEC-2026-04"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    annex = PdfReader(io.BytesIO(render_letter_pdf(demo.letter, annex_only=True)))
    assert annex.metadata.title == "Annex to letter CTA/TEC/2026/017"


def test_same_letter_gives_identical_bytes_in_process_and_in_a_new_process():
    letter = sample_letter(12)
    first = render_letter_pdf(letter)
    render_letter_pdf(sample_letter(3, marking=Marking.NONE), annex_layout="table")  # state in between
    assert render_letter_pdf(letter) == first
    code = (
        "import sys\n"
        "from correspondence_desk.core.printing import render_letter_pdf\n"
        "from correspondence_desk.core.printing.samples import sample_letter\n"
        "sys.stdout.buffer.write(render_letter_pdf(sample_letter(12)))\n"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert other == first


def test_protective_marking_top_and_bottom_of_every_page():
    pages = pdf_pages(render_letter_pdf(sample_letter(12, marking=Marking.OFFICIAL_SENSITIVE)))
    assert len(pages) > 2
    for page in pages:
        marks = [x for x in page if x.text == "OFFICIAL-SENSITIVE"]
        assert len(marks) == 2
        top, bottom = sorted(m.top for m in marks)
        assert top < 15 * MM and bottom > PAGE_HEIGHT - 15 * MM
        assert all(abs((m.x0 + m.x1) / 2 - 105 * MM) < 1 for m in marks)  # centred
    unmarked = pdf_pages(render_letter_pdf(sample_letter(2, marking=Marking.NONE)))
    assert not any("OFFICIAL" in x.text for page in unmarked for x in page)


def test_long_annex_never_leaves_a_recommendation_alone_at_the_foot_of_a_page():
    letter = sample_letter(60, response_paragraphs=3)
    with pdfplumber.open(io.BytesIO(render_letter_pdf(letter))) as pdf:
        pages = [body_lines(p) for p in pdf.pages]
    assert len(pages) > 10
    seen = []
    for page in pages[1:]:
        assert not page[-1].bold, f"a page ends on bold recommendation text: {page[-1].text!r}"
        # every recommendation that starts on this page has response text below it on the same page
        for i, line in enumerate(page):
            if line.text.startswith("Recommendation "):
                seen.append(line.text.split(" - ")[0])
                assert any(not x.bold for x in page[i + 1 :])
    assert seen == [f"Recommendation {n}" for n in range(1, 61)]


def test_table_annex_has_recommendation_position_and_response_columns(demo):
    pdf = render_letter_pdf(demo.letter, annex_layout="table")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[1]
        header = page.extract_text_lines()[0]["text"]
        tables = page.extract_tables()
        split = 25 * MM + 0.44 * 165 * MM  # the right edge of the recommendation column
        recommendations = lines_of(page.crop((0, 0, split, page.height)))
        responses = lines_of(page.crop((split + 0.16 * 165 * MM, 0, page.width, page.height)))
    assert header == "Annex"
    assert tables and tables[0][0] == ["Recommendation", "Position", "Response"]
    assert tables[0][1][1] == "Accepted"
    assert tables[0][1][0].replace("\n", " ").startswith("Recommendation 1 - By the end of March 2027")
    rec = next(x for x in recommendations if x.text.startswith("Recommendation 1 - "))
    response = next(x for x in responses if "The Authority accepts this" in x.text)
    assert rec.bold and not response.bold


def test_annex_alone_and_a_big_table_annex():
    pages = pdf_pages(render_letter_pdf(sample_letter(5), annex_only=True))
    body = [x.text for page in pages for x in page]
    assert body[1] == "Annex" and "Dear Dafydd," not in body
    assert any(
        t.startswith("To the letter of 3 February 2027 from Dr Rhiannon Pryce-Évans CBE") for t in body
    )
    # a table annex longer than a page repeats its header row and loses no recommendation
    pages = pdf_pages(render_letter_pdf(sample_letter(40), annex_layout="table"))
    assert len(pages) > 4
    text = [x.text for page in pages for x in page]
    assert sum(t.startswith("Recommendation Position Response") for t in text) == len(pages) - 1
    assert sum(t.startswith("Recommendation ") and " - " in t for t in text) == 40


def test_logo_is_drawn_on_the_first_page_only():
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (300, 100), (10, 60, 120)).save(png, "PNG")
    with pdfplumber.open(io.BytesIO(render_letter_pdf(sample_letter(8), logo=png.getvalue()))) as pdf:
        images = [len(p.images) for p in pdf.pages]
        first = pdf.pages[0].images[0]
    assert images[0] == 1 and sum(images[1:]) == 0
    assert first["x0"] == pytest.approx(25 * MM, abs=1) and first["bottom"] < 50 * MM


def test_unknown_annex_layout_is_refused():
    with pytest.raises(ValueError):
        render_letter_pdf(sample_letter(1), annex_layout="grid")


def test_a_table_row_taller_than_a_page_still_prints_whole():
    letter = sample_letter(3)
    long_text = "\n\n".join(f"Paragraph {n} of a very long recommendation. " * 6 for n in range(1, 31))
    second = letter.responses[1]
    huge = dataclasses.replace(
        second, recommendation=dataclasses.replace(second.recommendation, text=long_text)
    )
    letter = dataclasses.replace(letter, responses=(letter.responses[0], huge, letter.responses[2]))
    pages = pdf_pages(render_letter_pdf(letter, annex_layout="table"))
    text = " ".join(x.text for page in pages[1:] for x in page)
    assert "Paragraph 30 of a very long recommendation." in text
    assert "Recommendation 3 - " in text


def test_house_style_builds_other_documents_with_the_same_furniture():
    from correspondence_desk.core.printing import house_style

    st = house_style.styles()
    story = [house_style.para("Progress <report> & more", st.heading)]
    story += [house_style.para(f"Line {n}\nsecond line", st.body) for n in range(120)]
    pdf = house_style.build_pdf(story, title="Progress", author="Desk", subject="TEC", marking="OFFICIAL")
    pages = pdf_pages(pdf)
    assert pages[0][1].text == "Progress <report> & more" and pages[0][1].bold
    assert [x.text for x in pages[-1]][-2:] == [f"Page {len(pages)} of {len(pages)}", "OFFICIAL"]
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Progress"


def test_italic_faces_are_available_on_request():
    from correspondence_desk.core.printing import house_style

    house_style.register_italics()
    style = house_style.ParagraphStyle(
        "Note", parent=house_style.styles().body, fontName=house_style.FONT_ITALIC
    )
    pdf = house_style.build_pdf([house_style.para("An aside", style)], title="t", author="a", subject="s")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert {c["fontname"].split("+")[-1] for c in doc.pages[0].chars} >= {"LiberationSans-Italic"}
