from __future__ import annotations

from PySide6.QtCore import Qt

from correspondence_desk.ui.letters.page import LettersModel, LettersPage


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


def test_filter_and_open_with_the_keyboard(qtbot, services, demo):
    services.composing.new_letter(demo.report.id)
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.show()
    view = page.view
    assert view.model().rowCount() == 2
    page.focus_filter()
    qtbot.keyClicks(page.filter, "017")
    assert view.model().rowCount() == 1
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.composer
    assert page.composer.letter.reference == "CTA/TEC/2026/017"


def test_closing_the_window_asks_about_an_unsaved_letter(window, services, demo, messages):
    from PySide6.QtWidgets import QMessageBox

    from correspondence_desk.ui.shell.pages import LETTERS

    window.go_to(LETTERS)
    page = window.page(LETTERS)
    page.open_letter(demo.letter.id)
    page.composer.form.body.setPlainText("Half written")
    messages.answer = QMessageBox.StandardButton.Cancel
    assert not window.close() and window.isVisible()
    messages.answer = QMessageBox.StandardButton.Discard
    assert window.close()
    assert services.letters.get(demo.letter.id).body != "Half written"


def test_new_letter_asks_which_report_and_kind_starting_from_the_selected_letters(
    qtbot, services, demo, monkeypatch
):
    import datetime as dt

    from correspondence_desk.core.records import LetterKind
    from correspondence_desk.ui.letters import new_letter

    # received later, so it lists first
    services.reports.create(title="Bus stations", reference="TEC-2026-09", received=dt.date(2026, 11, 20))
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.view.selectRow(0)
    offered = {}

    def choose(_parent, reports, start, kind, **_options):
        offered["start"], offered["kind"] = reports[start].reference, kind
        return new_letter.NewLetterChoice(reports[start].id, LetterKind.FINAL)

    monkeypatch.setattr(new_letter, "ask_new_letter", choose)
    page.action_new.trigger()
    assert offered == {"start": "TEC-2026-04", "kind": LetterKind.FINAL}
    assert page.stack.currentWidget() is page.composer
    assert page.composer.letter.reference != "CTA/TEC/2026/017"
    assert len(page.composer.letter.responses) == 9
    assert page.model.rowCount() == 2


def test_saving_a_letter_tells_the_window_other_pages_may_be_stale(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.open_letter(demo.letter.id)
    assert [name for name, _widget in page.layout_states()] == ["composerSplitter", "responsesSplitter"]
    page.composer.form.closing.setText("Yours faithfully,")
    with qtbot.waitSignal(page.dataChanged, timeout=1000):
        assert page.composer.save()


def test_every_letters_model_passes_qtmodeltester(qtmodeltester, qtbot, services, demo):
    from correspondence_desk.core.records import Pick
    from correspondence_desk.ui.letters.responses_model import ResponsesModel

    services.composing.new_letter(demo.report.id, Pick.OURS)
    page = LettersPage(services)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)  # the letters list
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(LettersModel())
    page.open_letter(demo.letter.id)
    responses = page.composer.responses.model
    responses.set_text(0, "Edited, not saved.")
    responses.move(0, +1)
    qtmodeltester.check(responses)  # the responses being composed, with unsaved edits
    qtmodeltester.check(ResponsesModel())


def test_the_columns_that_give_way_at_1024_say_it_all_in_their_tool_tips(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1024 - 190, 600)
    page.show()
    model = page.view.model()
    for column in (LettersModel.KIND, LettersModel.RECIPIENT, LettersModel.REPORTS, LettersModel.SUBJECT):
        index = model.index(0, column)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data() != "", column
