"""Issue 12, items 3 and 7: the response clock says which date it counts from; a report shows the
letters answering it, drafts a response, and takes more recommendations from an import."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from correspondence_desk.core.clocks import Clock
from correspondence_desk.core.importing.proposal import ProposedRecommendation
from correspondence_desk.core.vocabulary import LetterKind
from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog
from correspondence_desk.ui.letters import new_letter
from correspondence_desk.ui.reports.forms import NewReportDialog
from correspondence_desk.ui.shell.pages import DASHBOARD, LETTERS, REPORTS

# --- item 3: which date the clock counts from -------------------------------------------------------


def test_new_report_says_the_due_date_counts_from_receipt_while_published_is_blank(qtbot, services):
    dialog = NewReportDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.clock.currentData() == Clock.TWO_MONTHS
    dialog.published.edit.setText("")
    dialog.received.edit.setText("16/9/2026")
    assert dialog.response_due.date() == dt.date(2026, 11, 16)
    note = dialog.clock_note.text()
    assert "counted from the date received (16 September 2026)" in note and "no publication date" in note
    dialog.published.edit.setText("15/9/2026")
    assert dialog.response_due.date() == dt.date(2026, 11, 15)
    assert dialog.clock_note.text() == "Two months from publication (15 September 2026)."
    dialog.clock.setCurrentIndex(dialog.clock.findData(Clock.CUSTOM.value))
    assert dialog.clock_note.isHidden()  # a date of your choice is counted from nothing


@pytest.fixture
def unpublished(services):
    """Logged before publication: its due date was counted from receipt."""
    return services.reports.create(
        title="Buses after dark",
        reference="TEC-2026-09",
        received=dt.date(2026, 9, 16),
        response_clock=Clock.TWO_MONTHS.value,
    )


def test_the_report_form_says_so_too_and_offers_the_date_from_publication(window, unpublished, services):
    assert unpublished.response_due == dt.date(2026, 11, 16)
    window.go_to(REPORTS)
    window.open_report(unpublished.id)
    form = window.reports_page.editor.form
    assert form.clock_hint.isVisibleTo(form)
    assert form.clock_hint.text() == "Two months from receipt: no publication date."
    assert "counted from the date received" in form.clock_hint.toolTip()
    form.published.edit.setText("1 September 2026")
    assert "Two months from publication." in form.clock_hint.text()
    assert "Use 1 November 2026" in form.clock_hint.text()  # the typed due date is the old count
    form._use_counted()  # what clicking the link does
    assert form.response_due.date() == dt.date(2026, 11, 1)
    assert "Use " not in form.clock_hint.text()


def test_a_report_without_a_known_clock_shows_no_hint(window, demo):
    window.go_to(REPORTS)
    window.open_report(demo.report.id)
    form = window.reports_page.editor.form
    assert form.clock() is None or not form.clock_hint.text().startswith("Use")


# --- item 7: from a report to its letters --------------------------------------------------------


@pytest.fixture
def editor(window, demo):
    window.go_to(REPORTS)
    window.refresh_all()
    window.open_report(demo.report.id)
    return window.reports_page.editor


def test_the_report_lists_the_letters_answering_it_and_each_opens(window, editor, demo, qtbot):
    letters = editor.letters
    assert letters.letter_ids() == [demo.letter.id]
    assert letters.list.item(0).text().startswith("CTA/TEC/2026/017 (draft")
    assert "9 responses" in letters.list.item(0).toolTip()
    letters.list.itemActivated.emit(letters.list.item(0))
    assert window.stack.currentIndex() == LETTERS
    assert window.page(LETTERS).composer.letter.id == demo.letter.id


def test_a_report_with_no_letter_says_how_to_start_one(window, services):
    report = services.reports.create(title="River crossings", reference="TEC-2026-05")
    window.go_to(REPORTS)
    window.open_report(report.id)
    letters = window.reports_page.editor.letters
    assert letters.list.isHidden() and "Draft response" in letters.none.text()


@pytest.fixture
def asked(monkeypatch) -> list[list[str]]:
    """The New letter dialog answered "a final response to the report offered first"; each list is
    the references it offered, the one it started on first."""
    offers: list[list[str]] = []

    def choose(_parent, reports, start, kind, **_options):
        offers.append([reports[start].reference] + [r.reference for r in reports])
        return new_letter.NewLetterChoice(reports[start].id, LetterKind.FINAL)

    monkeypatch.setattr(new_letter, "ask_new_letter", choose)
    return offers


def test_draft_response_starts_a_letter_to_this_report(window, editor, services, demo, asked):
    before = {letter.id for letter in services.letters.list()}
    editor.letters.draft_button.click()
    assert asked and asked[0][0] == demo.report.reference  # the dialog starts on this report
    new = [letter for letter in services.letters.list() if letter.id not in before]
    assert len(new) == 1 and new[0].reports == (demo.report.reference,)
    assert window.stack.currentIndex() == LETTERS
    assert window.page(LETTERS).composer.letter.id == new[0].id


def test_ctrl_shift_n_drafts_for_the_report_in_front_of_you(window, editor, services, demo, qtbot, asked):
    window.page(LETTERS)  # built (hidden): its own Ctrl+Shift+N must not make the key ambiguous
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = len(services.letters.list())
    qtbot.keyClick(
        editor.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(services.letters.list()) == before + 1
    assert window.stack.currentIndex() == LETTERS
    assert window.page(LETTERS).composer.letter.responses[0].report_reference == demo.report.reference
    # on the Letters page the same key is the page's own New letter, which asks which report
    window.page(LETTERS).show_list()
    qtbot.keyClick(
        window.page(LETTERS).view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(services.letters.list()) == before + 2


def test_ctrl_shift_n_from_the_dashboard_asks_which_report(window, demo, services, qtbot, asked):
    other = services.reports.create(title="River crossings", reference="TEC-2026-05")
    window.go_to(DASHBOARD)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    action = window.actions.new_letter
    assert action.shortcut().toString() == "Ctrl+Shift+N"
    action.trigger()
    assert len(asked) == 1 and set(asked[0][1:]) == {demo.report.reference, other.reference}
    assert window.stack.currentIndex() == LETTERS
    # on the Letters page the window's action gives its key to the page's own New letter
    assert action.shortcut().isEmpty()


def test_importing_into_the_report_adds_after_its_numbers(qtbot, services, demo):
    report = services.reports.get(demo.report.id)
    dialog = ImportReviewDialog(services, into=report)
    qtbot.addWidget(dialog)
    assert dialog.fields.isHidden() and "TEC-2026-04" in dialog.into_label.text()
    assert dialog.windowTitle().startswith("Add recommendations to TEC-2026-04")
    dialog.load_text(
        "1. The Mayor should publish a map of every school street by June 2027.\n\n"
        "2. The Capital Transport Authority should report on idling fines each year."
    )
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    problems = dialog.review.blocking_problems()
    assert any("TEC-2026-04 already has a recommendation 1" in p for p in problems)
    dialog.review.renumber()
    assert [r.number for r in dialog.model.recommendations()] == ["10", "11"]
    assert dialog.review.blocking_problems() == []
    assert dialog.save_button.text() == "Add 2 recommendations to TEC-2026-04"
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saving is not None and dialog.saving.done, timeout=10_000)
    saved = services.reports.get(demo.report.id)
    assert [r.label for r in saved.recommendations][-2:] == ["10", "11"]
    assert dialog.saved is not None and len(dialog.saved.recommendations) == 11
    events = services.audit.history("report", demo.report.id)
    assert events[0].action == "import" and events[0].changes["numbers"] == ["10", "11"]


def test_the_report_page_imports_into_the_report_shown_and_selects_the_first_added(
    window, editor, services, demo, monkeypatch
):
    given = []

    def run(_parent, services_, path=None, text=None, into=None):
        given.append(into.id)
        from correspondence_desk.core.importing.proposal import Proposal

        proposal = Proposal((ProposedRecommendation(number="10", text="Report on idling fines each year."),))
        return services_.importing.append(into.id, proposal)

    monkeypatch.setattr(ImportReviewDialog, "run", staticmethod(run))
    window.reports_page.commands.import_action.trigger()
    assert given == [demo.report.id]
    assert editor.model.rowCount() == 10
    assert editor.selected().label == "10"
