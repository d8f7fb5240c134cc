from __future__ import annotations

from correspondence_desk.ui.letters_page import LettersModel, LettersPage


def test_letters_table_lists_the_demo_letter(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    model = page.view.model()
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[LettersModel.REFERENCE] == "CTA/TEC/2026/017"
    assert row[LettersModel.DATE] == "12 Nov 2026"
    assert row[LettersModel.REPORTS] == "TEC-2026-04"
    assert row[LettersModel.ANSWERED] == "9"
