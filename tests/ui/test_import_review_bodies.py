"""Addressees the bodies register lacks are confirmed before an import is saved: added, taken as a
body already there, or left out — never created silently."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from correspondence_desk.core.importing.proposal import ProposedAddressee, ProposedRecommendation
from correspondence_desk.core.importing.review import NewBodyChoice, apply_body_choices, new_bodies
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.ui.importing import new_bodies as new_bodies_ui
from correspondence_desk.ui.importing.new_bodies import DROP, NewBodiesDialog
from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog

TEXT = """\
Safer Night Buses

Recommendations

Recommendation 1
The Home Office should fund a pilot of night patrols on the busiest bus routes.

Recommendation 2
The Mayor should publish the number of assaults on night buses every quarter.

Recommendation 3
The Home Office should report to the Committee on the pilot within a year.
"""


@pytest.fixture
def dialog(qtbot, services, demo, messages):
    messages.answer = QMessageBox.StandardButton.Discard
    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start(text=TEXT)
    qtbot.waitUntil(lambda: not dialog.proposer.busy and dialog.model.rowCount() == 3, timeout=15_000)
    dialog.title_edit.setText("Safer Night Buses")
    return dialog


def answer(monkeypatch, choose) -> list[dict]:
    asked: list[dict] = []

    def ask(_parent, names, bodies):
        asked.append(dict(names))
        return choose(names, bodies)

    monkeypatch.setattr(new_bodies_ui, "ask_new_bodies", ask)
    return asked


def save(qtbot, dialog: ImportReviewDialog) -> None:
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saving is None or dialog.saving.done, timeout=15_000)


def body_names(services) -> set[str]:
    return {b.name for b in services.bodies.list()}


def test_saving_asks_about_each_new_body_and_adds_it_when_told(qtbot, dialog, services, monkeypatch):
    asked = answer(monkeypatch, lambda names, _b: [NewBodyChoice(n) for n in names])
    assert "Home Office" not in body_names(services)
    save(qtbot, dialog)
    assert asked == [{"Home Office": ["1", "3"]}]
    assert "Home Office" in body_names(services)
    report = services.reports.get(dialog.saved.id)
    assert [a.name for a in report.recommendations[0].addressees] == ["Home Office"]


def test_a_new_name_can_be_taken_as_a_body_already_in_the_register(qtbot, dialog, services, monkeypatch):
    def same_as_government(names, bodies):
        government = next(b for b in bodies if b.name == "His Majesty's Government")
        return [NewBodyChoice(n, same_as=government) for n in names]

    answer(monkeypatch, same_as_government)
    before = body_names(services)
    save(qtbot, dialog)
    assert body_names(services) == before  # nothing new in the register
    report = services.reports.get(dialog.saved.id)
    assert [a.name for a in report.recommendations[2].addressees] == ["His Majesty's Government"]
    assert [a.name for a in report.recommendations[1].addressees] == ["Mayor of London"]


def test_a_new_name_left_out_is_neither_saved_nor_added(qtbot, dialog, services, monkeypatch):
    answer(monkeypatch, lambda names, _b: [NewBodyChoice(n, drop=True) for n in names])
    before = body_names(services)
    save(qtbot, dialog)
    assert body_names(services) == before
    report = services.reports.get(dialog.saved.id)
    assert report.recommendations[0].addressees == ()
    # the choice was one undoable step in the review, like every other correction
    assert dialog.undo_stack.undoText() == "confirmation of the new addressees"


def test_cancelling_the_question_saves_nothing(qtbot, dialog, services, monkeypatch):
    answer(monkeypatch, lambda _n, _b: None)
    before = len(services.reports.list())
    save(qtbot, dialog)
    assert len(services.reports.list()) == before and dialog.saved is None and dialog.isVisible()
    assert "Nothing was saved" in dialog.status.text()
    assert "Home Office" not in body_names(services)


def test_a_name_chosen_to_be_added_is_not_asked_again(qtbot, dialog, services, monkeypatch):
    asked = answer(monkeypatch, lambda names, _b: [NewBodyChoice(n) for n in names])
    assert dialog.saver.confirm_new_bodies() and dialog.saver.confirm_new_bodies()
    assert len(asked) == 1


def test_the_question_offers_add_leave_out_and_each_body(qtbot, services, demo):
    bodies = services.bodies.list()
    question = NewBodiesDialog({"Home Office": ["1", "3"], "the Minister": ["2"]}, bodies)
    qtbot.addWidget(question)
    home, minister = question.choices["Home Office"], question.choices["the Minister"]
    assert home.count() == 2 + len(bodies) and home.currentText() == "Add to the register as a new body"
    minister.setCurrentIndex(minister.findData(DROP))
    home.setCurrentIndex(home.findData(bodies[0].id))
    assert question.chosen() == [
        NewBodyChoice("Home Office", same_as=bodies[0]),
        NewBodyChoice("the Minister", drop=True),
    ]


def test_new_bodies_and_choices_as_pure_functions():
    police = BodyRecord(7, "Metropolitan Police Service")
    recs = (
        ProposedRecommendation(
            "1", "x", addressees=(ProposedAddressee("Home Office", None), ProposedAddressee("Met", 7))
        ),
        ProposedRecommendation("2", "y", addressees=(ProposedAddressee("home office", None),)),
    )
    assert new_bodies(recs) == {"Home Office": ["1", "2"]}
    mapped = apply_body_choices(recs, [NewBodyChoice("Home Office", same_as=police)])
    # mapped onto a body the item already names: it is named once
    assert [a.name for a in mapped[0].addressees] == ["Metropolitan Police Service"]
    assert mapped[1].addressees == (ProposedAddressee("Metropolitan Police Service", 7),)
    dropped = apply_body_choices(recs, [NewBodyChoice("HOME OFFICE", drop=True)])
    assert dropped[0].addressees == (ProposedAddressee("Met", 7),) and dropped[1].addressees == ()
