"""The Word export is accessible as Word's own checker sees it: title, language, headings, a table
with a caption and a repeating header row."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from correspondence_desk.core.printing import render_letter_docx
from correspondence_desk.core.printing.samples import sample_letter


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def test_title_and_language_are_set_for_the_document_and_its_default_text(demo):
    doc = open_docx(render_letter_docx(demo.letter))
    assert doc.core_properties.title.startswith("Response to the Committee's report")
    assert doc.core_properties.language == "en-GB"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
    normal = doc.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    assert normal.get(qn("w:val")) == "en-GB"


def test_annex_is_a_heading_and_each_recommendation_is_a_level_two_outline_entry(demo):
    doc = open_docx(render_letter_docx(demo.letter))
    headings = []
    for paragraph in doc.paragraphs:
        level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if paragraph.style.name == "Heading 1":
            headings.append((1, paragraph.text))
        elif level is not None:
            headings.append((int(level.get(qn("w:val"))) + 1, paragraph.text.split(" - ")[0]))
    assert headings == [(1, "Annex")] + [(2, f"Recommendation {n}") for n in range(1, 10)]
    # the second paragraph of a recommendation is text, not another heading
    second = next(p for p in doc.paragraphs if p.text.startswith("As part of this, the Mayor"))
    assert second.style.name == "Recommendation"
    assert second._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is None


def test_table_annex_has_a_caption_and_a_header_row_that_repeats_on_every_page():
    doc = open_docx(render_letter_docx(sample_letter(30), annex_layout="table"))
    (table,) = doc.tables
    properties = table._tbl.tblPr
    assert properties.find(qn("w:tblCaption")).get(qn("w:val")) == "Responses to the recommendations"
    assert properties.find(qn("w:tblDescription")) is not None
    rows = table.rows
    header = rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    assert header is not None and header.get(qn("w:val")) == "true"
    assert all(r._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])
    assert [c.text for c in rows[0].cells] == ["Recommendation", "Position", "Response"]
