"""The office's letterhead as a pure input to printing: validated, then drawn by both writers."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.printing import render_letter_docx, render_letter_pdf
from correspondence_desk.core.printing.letterhead import Letterhead, check_reference_pattern
from correspondence_desk.core.printing.samples import sample_letter, sample_letterhead, sample_logo
from correspondence_desk.core.records import Marking

MM = 72 / 25.4


def image_bytes(size: tuple[int, int], kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def test_a_complete_letterhead_is_valid_and_makes_references():
    head = sample_letterhead().validated()
    assert head.reference(org="CTA", committee="TEC", year=2027, seq=4) == "CTA/TEC/2027/004"
    assert head.sender_address_lines == ["5 Gatehouse Yard", "London", "SE1 7XY"]
    assert Letterhead(organisation="Office").validated().marking is Marking.NONE


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{org}/{committee}/{year}", "cannot make a different reference for each letter: add {seq}"),
        ("LET-{seq:03}-{office}", "uses {office}; it may use only {org}, {committee}, {year}, {kind}, {seq}"),
        ("LET-{seq:03", "is malformed"),
        ("LET-{seq:xyz}", "is malformed"),
        ("LET-{seq!z}", "is malformed"),
    ],
)
def test_a_reference_pattern_that_cannot_be_unique_or_cannot_be_read_is_refused(pattern, message):
    with pytest.raises(ValidationError, match="reference pattern") as err:
        check_reference_pattern(pattern)
    assert message in str(err.value)
    with pytest.raises(ValidationError):
        dataclasses.replace(sample_letterhead(), reference_pattern=pattern).validated()


def test_logo_problems_are_explained():
    head = sample_letterhead()

    def refused(**changes) -> str:
        with pytest.raises(ValidationError) as err:
            dataclasses.replace(head, **changes).validated()
        return str(err.value)

    assert "too large (5000 × 100 pixels)" in refused(logo=image_bytes((5000, 100)))
    big = b"\x89PNG" + b"\0" * (3 * 1024 * 1024)
    assert "too large (3.0 MB)" in refused(logo=big)
    assert "cannot be read as an image" in refused(logo=sample_logo()[:200])
    assert "cannot be read as an image" in refused(logo=b"not an image at all")
    assert "is a JPEG image, not image/png" in refused(logo=image_bytes((300, 100), "JPEG"))
    cmyk = io.BytesIO()
    Image.new("CMYK", (300, 100), (0, 60, 100, 0)).save(cmyk, "JPEG")
    assert "CMYK colours" in refused(logo=cmyk.getvalue(), logo_media_type="image/jpeg")
    assert "must be a PNG or JPEG" in refused(logo_media_type="image/gif")
    assert "SVG logos cannot be printed yet" in refused(
        logo=b"<svg xmlns='...'/>", logo_media_type="image/svg+xml"
    )
    assert "alternative text" in refused(logo_alt="  ", logo_decorative=False)
    assert "organisation's name" in refused(organisation=" ")
    long_name = "The Office of the Police and Crime Commissioner for the County of Example and Elsewhere"
    assert "too long to print on one line" in refused(organisation=long_name)
    assert "one line" in refused(footer="a\nb")
    # decorative needs no alternative text
    dataclasses.replace(head, logo_alt="", logo_decorative=True).validated()


def test_pdf_letterhead_logo_top_left_name_under_it_footer_line_on_every_page(pdf_inspection):
    import page

    letter = sample_letter(12)
    data = render_letter_pdf(letter, letterhead=sample_letterhead())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (logo,) = pdf.pages[0].images
        assert sum(len(p.images) for p in pdf.pages[1:]) == 0
        first = pdf.pages[0].extract_text_lines()
        footers = [[x["text"] for x in p.extract_text_lines()][-3:] for p in pdf.pages]
    assert logo["x0"] == pytest.approx(25 * MM, abs=1) and logo["top"] == pytest.approx(14 * MM, abs=1)
    assert logo["x1"] - logo["x0"] == pytest.approx(60 * MM, abs=1)  # scaled to the letterhead box
    name = next(x for x in first if x["text"] == "Capital Transport Authority" and x["x0"] < 30 * MM)
    assert logo["bottom"] < name["top"] < 50 * MM  # under the logo, above the envelope window
    line = sample_letterhead().footer
    assert footers == [[line, f"Page {n} of 4", "OFFICIAL"] for n in range(1, 5)]
    # read first: the logo (with its alternative text) and the name; the footer is furniture
    document = pdf_inspection.structure(data)
    letterhead = document.kids[0]
    assert [(k.role, k.alt, k.text) for k in letterhead.kids] == [
        ("Figure", "Capital Transport Authority logo", ""),
        ("P", "", "Capital Transport Authority"),
    ]
    _, artifacts = pdf_inspection.mcid_texts(data)
    assert all("5 Gatehouse Yard, London SE1 7XY" in artifacts[i] for i in range(len(footers)))
    for profile in ("ua1", "2b"):
        assert page.validate_pdf_bytes(data, profile=profile).is_compliant
    assert render_letter_pdf(letter, letterhead=sample_letterhead()) == data


def test_decorative_logo_is_an_artifact_and_the_letter_still_conforms(pdf_inspection):
    import page

    data = render_letter_pdf(sample_letter(2), letterhead=sample_letterhead(decorative=True))
    document = pdf_inspection.structure(data)
    assert [(k.role, k.text) for k in document.kids[0].kids] == [("P", "Capital Transport Authority")]
    assert not any(n.role == "Figure" for n in document.walk())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages[0].images) == 1
    for profile in ("ua1", "2b"):
        assert page.validate_pdf_bytes(data, profile=profile).is_compliant


def test_sender_without_an_address_gets_the_letterhead_address():
    letter = sample_letter(1)
    homeless = dataclasses.replace(letter.sender, address="", organisation="")
    letter = dataclasses.replace(letter, sender=homeless)
    with pdfplumber.open(io.BytesIO(render_letter_pdf(letter, letterhead=sample_letterhead()))) as pdf:
        right = [
            x["text"]
            for x in pdf.pages[0].crop((110 * MM, 0, pdf.pages[0].width, 95 * MM)).extract_text_lines()
        ]
    title = right.index("Director of Strategy & Partnerships")
    assert right[title + 1 : title + 4] == ["5 Gatehouse Yard", "London", "SE1 7XY"]
    without = render_letter_pdf(letter)
    with pdfplumber.open(io.BytesIO(without)) as pdf:
        assert "5 Gatehouse Yard" not in pdf.pages[0].extract_text()


def test_without_a_letterhead_nothing_of_it_is_printed():
    data = render_letter_pdf(sample_letter(2))
    assert render_letter_pdf(sample_letter(2), letterhead=None) == data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert not pdf.pages[0].images
        assert "020 7946 0000" not in pdf.pages[0].extract_text()


def test_word_letterhead_in_the_first_page_header_with_alternative_text():
    doc = Document(io.BytesIO(render_letter_docx(sample_letter(3), letterhead=sample_letterhead())))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header
    (picture,) = header._element.iter(qn("wp:docPr"))
    assert picture.get("descr") == "Capital Transport Authority logo"
    assert [p.text for p in header.paragraphs if p.text] == ["OFFICIAL", "Capital Transport Authority"]
    for footer in (section.footer, section.first_page_footer):
        texts = [p.text for p in footer.paragraphs]
        assert texts[0] == sample_letterhead().footer and texts[1].startswith("Page ")
    decorative = Document(
        io.BytesIO(render_letter_docx(sample_letter(1), letterhead=sample_letterhead(decorative=True)))
    )
    (picture,) = decorative.sections[0].first_page_header._element.iter(qn("wp:docPr"))
    assert picture.get("descr") == ""
    assert b"2017/decorative" in picture.xml.encode() and 'val="1"' in picture.xml
    plain = Document(io.BytesIO(render_letter_docx(sample_letter(1)))).sections[0]
    assert not plain.different_first_page_header_footer


def test_an_unvalidated_letterhead_still_prints_a_conforming_letter(pdf_inspection):
    """Printing trusts the stored letterhead but never writes a file that breaks the standards:
    a CMYK logo is printed in RGB, a logo with no alternative text and no name is decoration."""
    import page

    cmyk = io.BytesIO()
    Image.new("CMYK", (300, 100), (0, 60, 100, 0)).save(cmyk, "JPEG")
    for head in (
        dataclasses.replace(sample_letterhead(), logo=cmyk.getvalue(), logo_media_type="image/jpeg"),
        Letterhead(organisation="", logo=sample_logo(), logo_media_type="image/png"),
    ):
        data = render_letter_pdf(sample_letter(1), letterhead=head)
        for profile in ("ua1", "2b"):
            assert page.validate_pdf_bytes(data, profile=profile).is_compliant, (head.organisation, profile)
    roles = [n.role for n in pdf_inspection.structure(data).walk()]
    assert "Figure" not in roles


def test_a_longer_organisation_name_is_set_smaller_and_stays_clear_of_the_sender_block():
    name = "Department for Levelling Up, Housing and Communities"
    head = dataclasses.replace(sample_letterhead(), organisation=name).validated()
    with pdfplumber.open(io.BytesIO(render_letter_pdf(sample_letter(1), letterhead=head))) as pdf:
        line = next(x for x in pdf.pages[0].extract_text_lines(return_chars=True) if x["text"] == name)
    assert 8 <= line["chars"][0]["size"] < 12
    assert line["x1"] < 118 * MM - 4 * MM  # the sender block starts 118 mm from the edge
