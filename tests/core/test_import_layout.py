"""Layout cues and what the proposal says about itself: shaded and bordered boxes and table cells
found in PDFs and Word files, tables pasted as text, a response recognised on its own, addressees
proposed as new bodies, the letter header, why each item was taken and how sure the parser is."""

from __future__ import annotations

from pathlib import Path

import docx
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from correspondence_desk.core.importing import extract, extract_text, propose
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.core.vocabulary import Position

REGISTER = [BodyRecord(1, "Mayor of London", "the Mayor", ("the Mayor", "Mayor"))]


def _boxed_pdf(path: Path, ruled: bool = True) -> Path:
    styles = getSampleStyleSheet()
    body, bold = styles["BodyText"], styles["BodyText"].clone("b", fontName="Helvetica-Bold")
    box = Table(
        [[[Paragraph("Recommendation 1", bold), Paragraph("The Mayor should open the pier by 2027.", body)]]],
        colWidths=[440],
    )
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#dfe2eb"))]))
    grid = Table(
        [
            [Paragraph("Recommendation", bold), Paragraph("Response", bold)],
            [
                Paragraph("Recommendation 2: The Mayor should pay.", body),
                Paragraph("Agreed. By May 2026.", body),
            ],
        ],
        colWidths=[220, 220],
    )
    if ruled:
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [box, Paragraph("The Mayor agrees and will open it in 2026.", body), Spacer(1, 12), grid]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_pdf_shaded_box_and_ruled_table_are_layout(tmp_path: Path) -> None:
    doc = extract(_boxed_pdf(tmp_path / "r.pdf"))
    by_text = {b.text: b for b in doc.blocks}
    label, text = by_text["Recommendation 1"], by_text["The Mayor should open the pier by 2027."]
    assert label.layout.shade == text.layout.shade == "#dfe2eb" and label.layout.box == text.layout.box
    assert by_text["The Mayor agrees and will open it in 2026."].layout.shade == ""
    cells = [b.layout.cell for b in doc.blocks if b.layout.cell]
    assert {c[1:] for c in cells} == {(0, 0), (0, 1), (1, 0), (1, 1)}  # (row, column)


def test_pdf_table_without_rules_is_still_read_cell_by_cell(tmp_path: Path) -> None:
    doc = extract(_boxed_pdf(tmp_path / "r.pdf", ruled=False))
    texts = [b.text for b in doc.blocks]
    assert "Recommendation 2: The Mayor should pay." in texts and "Agreed. By May 2026." in texts


def test_a_boxed_response_is_recognised_and_dates_in_answers_are_not_deadlines(tmp_path: Path) -> None:
    proposal = propose(extract(_boxed_pdf(tmp_path / "r.pdf")), bodies=REGISTER)
    assert proposal.is_response
    first, second = proposal.recommendations
    assert (first.number, first.text, first.response) == (
        "1",
        "The Mayor should open the pier by 2027.",
        "The Mayor agrees and will open it in 2026.",
    )
    assert first.deadline_phrase == "by 2027" and first.deadline.year == 2027
    assert "shaded box" in first.why and first.confidence >= 0.8
    assert (second.text, second.response, second.position) == (
        "The Mayor should pay.",
        "By May 2026.",
        Position.ACCEPTED,
    )
    assert second.deadline is None  # "By May 2026" is in the answer


def test_word_shading_borders_and_cells(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    shaded = document.add_paragraph("The Mayor should act.")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "FDF2D0")
    shaded._p.get_or_add_pPr().append(shd)
    document.add_paragraph("We agree.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Left"
    table.rows[0].cells[1].text = "Right"
    path = tmp_path / "r.docx"
    document.save(str(path))
    blocks = {b.text: b for b in extract(path).blocks}
    assert (
        blocks["The Mayor should act."].layout.shade == "#fdf2d0"
        and blocks["The Mayor should act."].layout.box
    )
    assert blocks["We agree."].layout.shade == "" and not blocks["We agree."].layout.box
    assert blocks["Left"].layout.cell[1:] == (0, 0) and blocks["Right"].layout.cell[1:] == (0, 1)


def test_a_table_pasted_as_text_keeps_its_cells() -> None:
    text = (
        "No.\tRecommendation\tResponse\tAgreed?\tTimescale\n"
        "1\tThe Council should mend the lifts.\tThe lifts will be mended in the summer.\t"
        "Agreed\tAugust 2026\n"
    )
    (rec,) = propose(extract_text(text)).recommendations
    assert (rec.number, rec.text, rec.position) == (
        "1",
        "The Council should mend the lifts.",
        Position.ACCEPTED,
    )
    assert rec.response == "The lifts will be mended in the summer.\n\nTimescale: August 2026"
    assert rec.deadline is None


def test_addressees_outside_the_register_are_proposed_as_new() -> None:
    (rec,) = propose(
        extract_text("Recommendation 1 - The Mayor and the Home Office should fund the patrols."),
        bodies=REGISTER,
    ).recommendations
    assert [(a.name, a.body_id, a.new) for a in rec.addressees] == [
        ("Mayor of London", 1, False),
        ("Home Office", None, True),
    ]


def test_with_responses_is_a_hint_and_warnings_name_what_to_check() -> None:
    text = (
        "1. The committee recommends that the Government fund the ferry.\n\n"
        "5. The committee recommends that the Government publish the timetable.\n\n"
        "7. The committee recommends that the Government review fares."
    )
    assert not propose(extract_text(text)).is_response
    hinted = propose(extract_text(text), with_responses=True)
    assert hinted.is_response
    assert "Items 1, 5, 7 are not consecutive: check that none was missed" in " ".join(hinted.warnings)
    assert "No response was found for recommendation 5." in hinted.warnings


def test_group_answer_covers_each_item_it_names() -> None:
    text = (
        "Recommendation 12 a) The Department should set a standard.\n\n"
        "Recommendation 12 b) The Department should publish it.\n\n"
        "Recommendations 12 a)-b) are accepted in full. The standard will be set in July."
    )
    recs = propose(extract_text(text)).recommendations
    assert [(r.number, r.position) for r in recs] == [("12a", Position.ACCEPTED), ("12b", Position.ACCEPTED)]
    assert recs[0].response == recs[1].response and "answered together" in recs[0].why


def test_letter_header_and_the_report_it_answers() -> None:
    letter = (
        "3 June 2026\n\nAlex Moran MS\nChair, Petitions Committee\nSenedd Cymru\nCardiff\nCF99 1SN\n\n"
        "Dear Alex,\n\nThank you for the Committee's report, Open Doors: petitions and the public, "
        "published on 2 April 2026.\n\n"
        "Recommendation 1 - The Welsh Government should publish a reply to every petition.\n\n"
        "We accept this recommendation.\n\nYours sincerely,\n\nHuw Pennant MS\nMinister for Democracy"
    )
    proposal = propose(extract_text(letter))
    assert proposal.is_response
    assert (proposal.report.title, proposal.report.published.isoformat()) == (
        "Open Doors: petitions and the public",
        "2026-04-02",
    )
    header = proposal.letter
    assert header is not None and header.date.isoformat() == "2026-06-03" and header.salutation == "Alex"
    assert (header.recipient.name, header.recipient.post_nominals, header.recipient.role) == (
        "Alex Moran",
        "MS",
        "Chair, Petitions Committee",
    )
    assert (header.sender.name, header.sender.post_nominals, header.sender.role) == (
        "Huw Pennant",
        "MS",
        "Minister for Democracy",
    )


def test_a_coroners_report_gives_its_reply_date_and_recipients() -> None:
    text = (
        "REGULATION 28 REPORT TO PREVENT FUTURE DEATHS\n\nTHIS REPORT IS BEING SENT TO:\n\n"
        "1. Chief Executive, Lowmoor Ambulance Service\n\n5 CORONER'S CONCERNS\n\n"
        "The MATTERS OF CONCERN are as follows.\n\n1. Calls were not answered within the target time.\n\n"
        "6 ACTION SHOULD BE TAKEN\n\nYou are under a duty to respond to this report within 56 days of the "
        "date of this report, namely by 1 July 2026."
    )
    proposal = propose(extract_text(text))
    assert proposal.response_due.isoformat() == "2026-07-01" and not proposal.is_response
    (rec,) = proposal.recommendations
    assert rec.text == "Calls were not answered within the target time."
    assert [(a.name, a.new) for a in rec.addressees] == [("Lowmoor Ambulance Service", True)]
