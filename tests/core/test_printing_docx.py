"""The Word export, read back with python-docx as a colleague's Word would see it."""

from __future__ import annotations

import dataclasses
import io

from docx import Document
from docx.oxml.ns import qn

from correspondence_desk.core.printing import render_letter_docx
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.records import Marking


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def test_paragraph_order_and_real_styles(demo):
    doc = open_docx(render_letter_docx(demo.letter))
    paras = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    texts = [t for _, t in paras]
    order = [
        "Dr Owain Pritchard OBE",
        "Director of Network Strategy",
        "owain.pritchard@cta.example.org",
        "Our ref: CTA/TEC/2026/017",
        "Priya Castellano AM",
        "E20 9QZ",
        "12 November 2026",
        "Response to the Committee's report: Cleaner air at the school gate: tackling traffic pollution "
        "around London's schools",
        "Dear Priya,",
        "Yours sincerely,",
        "Annex",
    ]
    positions = [texts.index(x) for x in order]
    assert positions == sorted(positions)
    styles = dict((t, s) for s, t in reversed(paras))  # first occurrence wins
    assert styles["Dr Owain Pritchard OBE"] == "Sender Name"
    assert styles["Priya Castellano AM"] == "Recipient"
    assert styles["Annex"] == "Heading 1"
    annex = doc.paragraphs[[p.text for p in doc.paragraphs].index("Annex")]
    assert annex.paragraph_format.page_break_before
    # the signature: bold name after the closing, with room above it for a wet signature
    closing = texts.index("Yours sincerely,")
    assert texts[closing + 1 : closing + 3] == ["Dr Owain Pritchard OBE", "Director of Network Strategy"]
    signature = next(p for p in doc.paragraphs if p.style.name == "Signature Name")
    assert signature.paragraph_format.space_before.pt >= 36
    assert texts[closing + 3].startswith("cc\tCllr Elin Tŵr")


def test_recommendations_are_bold_runs_and_responses_are_not(demo):
    doc = open_docx(render_letter_docx(demo.letter))
    recs = [p for p in doc.paragraphs if p.style.name == "Recommendation"]
    responses = [p for p in doc.paragraphs if p.style.name == "Response"]
    assert [p.text.split(" - ")[0] for p in recs if p.text.startswith("Recommendation ")] == [
        f"Recommendation {n}" for n in range(1, 10)
    ]
    assert len(recs) == 9 + 3  # recommendations 2, 5 and 8 have a second paragraph
    assert all(run.bold for p in recs for run in p.runs)
    assert recs[0].style.font.bold and recs[0].style.paragraph_format.keep_with_next
    assert responses and not any(run.bold for p in responses for run in p.runs)
    assert not responses[0].style.font.bold
    # a recommendation is followed by its responses, in annex order
    annex = [p for p in doc.paragraphs if p.style.name in ("Recommendation", "Response")]
    assert annex[0].text.startswith("Recommendation 1 - By the end of March 2027")
    assert annex[1].text.startswith("The Authority accepts this recommendation.")
    assert annex[2].text.startswith("Recommendation 2 - The Mayor should extend")
    assert annex[3].text.startswith("As part of this, the Mayor should report")
    assert annex[4].text == "We note that this recommendation is directed at the Mayor."
    assert "network management powers & traffic orders" in annex[5].text


def test_footer_has_page_x_of_y_fields_and_marking_top_and_bottom():
    doc = open_docx(render_letter_docx(sample_letter(3, marking=Marking.OFFICIAL_SENSITIVE)))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    footer = section.footer._element
    fields = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.footer.paragraphs[-1].text == "OFFICIAL-SENSITIVE"
    unmarked = open_docx(render_letter_docx(sample_letter(1, marking=Marking.NONE))).sections[0]
    assert not any(p.text for p in unmarked.header.paragraphs)


def test_text_as_typed_and_newlines_kept():
    letter = dataclasses.replace(
        sample_letter(2), body="Costs < budget & A&E <b>x</b>.\nSecond line.\n\nNew paragraph: €12, ŵ."
    )
    doc = open_docx(render_letter_docx(letter))
    texts = [p.text for p in doc.paragraphs]
    assert "Costs < budget & A&E <b>x</b>.\nSecond line." in texts  # one paragraph, a line break
    assert "New paragraph: €12, ŵ." in texts
    assert "Chair, Budget <Scrutiny> Panel" in texts


def test_metadata_and_identical_bytes(demo):
    data = render_letter_docx(demo.letter)
    assert render_letter_docx(demo.letter) == data
    props = open_docx(data).core_properties
    assert props.title.startswith("Response to the Committee's report")
    assert props.author == "Dr Owain Pritchard OBE, Capital Transport Authority"
    assert props.language == "en-GB"


def test_annex_only_and_table_layout(demo):
    doc = open_docx(render_letter_docx(demo.letter, annex_only=True))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "Annex" and "Dear Priya," not in texts
    assert texts[1].startswith("To the letter of 12 November 2026 from Dr Owain Pritchard OBE")
    doc = open_docx(render_letter_docx(demo.letter, annex_layout="table"))
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Recommendation", "Position", "Response"]
    assert len(table.rows) == 10
    first = table.rows[1].cells
    assert first[0].text.startswith("Recommendation 1 - ") and first[1].text == "Accepted"
    assert all(r.bold for p in first[0].paragraphs for r in p.runs)
    assert not any(r.bold for p in first[2].paragraphs for r in p.runs)
