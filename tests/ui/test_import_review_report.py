"""The import review proposes the report's title, committee and date from the document (a response
letter names the report it answers) and sees for itself that a document is a response."""

from __future__ import annotations

from pathlib import Path

import pytest

from correspondence_desk.ui.importing.report_form import PROPOSED_STYLE
from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog
from correspondence_desk.ui.importing.review_model import ProposalModel

RESPONSE_LETTER = """\
12 June 2026

Councillor Imogen Hale
Chair, Environment Committee
City Hall
London

Dear Imogen,

Thank you for the Environment Committee's report, Cleaner Rivers: the state of the Thames tributaries, \
published on 3 March 2026. Our response to each recommendation is in the annex.

Yours sincerely,

Tomasz Brandt
Deputy Mayor for Environment

Annex

Recommendation 1
The Mayor should publish water quality data for every tributary each month.

Response: Accepted. The first monthly data will be published in September.

Recommendation 2
The Mayor should fund volunteer river wardens.

Response: Not accepted. Funding is committed elsewhere this year.
"""

PLAIN_REPORT = """\
Quieter Streets at Night

Recommendations

Recommendation 1
The Mayor should publish a night-time noise strategy.
"""


@pytest.fixture
def dialog(qtbot, services):
    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def read(qtbot, dialog: ImportReviewDialog, path: Path) -> None:
    dialog.start(path)
    qtbot.waitUntil(lambda: not dialog.proposer.busy, timeout=15_000)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_title_committee_and_date_are_proposed_from_the_report_a_letter_answers(qtbot, dialog, tmp_path):
    read(qtbot, dialog, write(tmp_path, "reply-from-deputy-mayor.txt", RESPONSE_LETTER))
    fields = dialog.fields
    assert fields.title_edit.text() == "Cleaner Rivers: the state of the Thames tributaries"
    assert fields.committee_combo.currentText() == "Environment Committee"
    assert fields.published_edit.text() == "3 March 2026"
    for edit in (fields.title_edit, fields.published_edit):
        assert fields.is_proposed(edit) and edit.styleSheet() == PROPOSED_STYLE
        assert "Proposed from the document" in edit.toolTip()
    assert "read from the document" in fields.title()
    # the values saved are the proposed ones, editable like any other
    values = fields.values()
    assert values["title"] == "Cleaner Rivers: the state of the Thames tributaries"
    assert values["committee"] == "Environment Committee" and values["published"].isoformat() == "2026-03-03"


def test_typing_over_a_proposed_field_unmarks_it_and_a_new_document_leaves_it(qtbot, dialog, tmp_path):
    read(qtbot, dialog, write(tmp_path, "reply.txt", RESPONSE_LETTER))
    title = dialog.fields.title_edit
    qtbot.keyClicks(title, " (2026)")
    assert not dialog.fields.is_proposed(title) and title.styleSheet() == ""
    read(qtbot, dialog, write(tmp_path, "quieter.txt", PLAIN_REPORT))
    assert title.text() == "Cleaner Rivers: the state of the Thames tributaries (2026)"  # typed: kept
    # what was only proposed follows the new document: it names no committee or date
    assert dialog.fields.committee_combo.currentText() == ""
    assert dialog.fields.published_edit.text() == ""
    assert dialog.fields.title() == "Report"


def test_a_response_is_detected_without_the_box_and_a_report_is_not(qtbot, dialog, tmp_path):
    read(qtbot, dialog, write(tmp_path, "reply.txt", RESPONSE_LETTER))
    assert dialog.proposer.op is not None
    assert dialog.responses_check.isChecked()
    assert not dialog.grid.isColumnHidden(ProposalModel.RESPONSE)
    assert dialog.model.index(1, ProposalModel.POSITION).data() == "Not accepted"
    assert dialog.fields.values()["with_responses"] is True
    read(qtbot, dialog, write(tmp_path, "quieter.txt", PLAIN_REPORT))
    assert not dialog.responses_check.isChecked()
    assert dialog.grid.isColumnHidden(ProposalModel.RESPONSE)
    assert dialog.fields.title_edit.text() == "Quieter Streets at Night"


def test_the_parser_is_asked_to_detect_until_the_person_chooses(qtbot, dialog, tmp_path, monkeypatch):
    from correspondence_desk.core import importing

    asked: list[object] = []
    real = importing.propose

    def spy(doc, **kwargs):
        asked.append(kwargs["with_responses"])
        return real(doc, **kwargs)

    monkeypatch.setattr(importing, "propose", spy)
    read(qtbot, dialog, write(tmp_path, "reply.txt", RESPONSE_LETTER))
    dialog.responses_check.setChecked(False)
    qtbot.waitUntil(lambda: not dialog.proposer.busy, timeout=15_000)
    assert asked == [None, False]
    assert dialog.model.index(0, ProposalModel.RESPONSE).data() == ""


# --- the past letter ---------------------------------------------------------------------------------


def test_the_past_letter_is_shown_with_its_people_matched_and_saved_as_read(
    qtbot, dialog, services, tmp_path, monkeypatch
):
    from correspondence_desk.core.importing.review import NewBodyChoice
    from correspondence_desk.ui.importing import new_bodies

    monkeypatch.setattr(new_bodies, "ask_new_bodies", lambda _p, names, _b: [NewBodyChoice(n) for n in names])
    imogen = services.contacts.create(name="Imogen Hale", job_title="Chair, Environment Committee")
    dialog = ImportReviewDialog(services)  # a new one: it reads the contacts when it opens
    qtbot.addWidget(dialog)
    dialog.show()
    read(qtbot, dialog, write(tmp_path, "reply.txt", RESPONSE_LETTER))
    panel = dialog.letter_panel
    assert panel.isVisibleTo(dialog)
    assert panel.date_edit.text() == "12 June 2026"
    assert panel.recipient_combo.currentText() == "Imogen Hale (in contacts)"
    assert panel.sender_combo.currentText() == "New contact: Tomasz Brandt — Deputy Mayor for Environment"
    assert "Thank you for the Environment Committee" in panel.covering.toolTip()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saving is not None and dialog.saving.done, timeout=15_000)
    assert dialog.saved is not None
    (letter,) = [services.letters.get(x.id) for x in services.letters.list() if x.imported]
    assert letter.letter_date.isoformat() == "2026-06-12"
    assert letter.recipient.id == imogen.id and letter.sender.name == "Tomasz Brandt"
    assert letter.salutation == "Dear Imogen," and letter.body.startswith("Thank you")
    assert letter.source_filename == "reply.txt"
    assert [r.position.value for r in letter.responses] == ["accepted", "not_accepted"]


def test_the_letters_people_can_be_changed_or_left_out_and_its_date_cleared(
    qtbot, dialog, services, tmp_path
):
    read(qtbot, dialog, write(tmp_path, "reply.txt", RESPONSE_LETTER))
    panel = dialog.letter_panel
    panel.sender_combo.setCurrentIndex(panel.sender_combo.findData("nobody"))
    panel.date_edit.setText("")
    header = panel.value()
    assert header.sender is None and header.letter_date is None  # none made up
    assert header.recipient is not None and header.recipient.name == "Councillor Imogen Hale"
    panel.date_edit.setText("31 February 2026")
    with pytest.raises(Exception, match="date"):
        panel.value()


def test_no_letter_panel_for_a_report_or_without_responses(qtbot, dialog, tmp_path):
    read(qtbot, dialog, write(tmp_path, "quieter.txt", PLAIN_REPORT))
    assert not dialog.letter_panel.isVisibleTo(dialog)
    read(qtbot, dialog, write(tmp_path, "reply.txt", RESPONSE_LETTER))
    assert dialog.letter_panel.isVisibleTo(dialog)
    dialog.responses_check.setChecked(False)
    qtbot.waitUntil(lambda: not dialog.proposer.busy, timeout=15_000)
    assert not dialog.letter_panel.isVisibleTo(dialog)
    assert dialog.saver.arguments()["letter"] is None
