"""Clearance in the app: the composer's Clearance tab (route, send, Ctrl+Enter clears, return with a
comment, the diff after an edit, a typo fix), the refused issue, the dashboard's clearance lists,
the letters list's Clearance column, the New letter dialog and the Colleagues tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from correspondence_desk.core.records import LetterKind, LetterStatus, StepState
from correspondence_desk.ui.common.history import local_time
from correspondence_desk.ui.letters import clearance_dialogs
from correspondence_desk.ui.letters.clearance_dialogs import RouteDialog
from correspondence_desk.ui.letters.clearance_panel import StepsModel
from correspondence_desk.ui.letters.new_letter import NewLetterDialog
from correspondence_desk.ui.letters.page import LettersModel, LettersPage


@pytest.fixture
def people(services, demo):
    """The tester (this app's login) in Legal, and Sam Okafor as the signatory."""
    me = services.colleagues.add("Tess Tester", "tester", "Legal")
    sam = services.colleagues.add("Sam Okafor", "sokafor", "Signatory")
    return me, sam


@pytest.fixture
def page(qtbot, services, demo, people):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.open_letter(demo.letter.id)
    return page


def route_to(monkeypatch, composer, *colleagues):
    monkeypatch.setattr(clearance_dialogs, "ask_route", lambda _p, _c, _r: [c.id for c in colleagues])
    composer.clearance.action_route.trigger()


def test_route_send_and_ctrl_enter_clears_the_letter_in_front_of_me(
    qtbot, page, people, services, monkeypatch
):
    me, sam = people
    composer = page.composer
    assert not composer.clearance.action_send.isEnabled()  # no route yet
    route_to(monkeypatch, composer, me, sam)
    assert [s.colleague.name for s in composer.clearance.record.steps] == ["Tess Tester", "Sam Okafor"]
    composer.clearance.action_send.trigger()
    assert composer.letter.status == LetterStatus.IN_CLEARANCE
    assert composer.state.text() == "In clearance · Step 1 of 2: Tess Tester"
    assert "It is your turn to clear it." in composer.clearance_panel.summary.text()
    composer.tabs.setCurrentWidget(composer.clearance_panel)
    qtbot.keyClicks(composer.clearance_panel.comment, "Legal has no concerns.")
    qtbot.keyClick(composer.form.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = services.clearance.get(composer.letter.id)
    assert record.steps[0].state == StepState.CLEARED
    assert record.steps[0].action.comment == "Legal has no concerns."
    assert composer.state.text() == "In clearance · Step 2 of 2: Sam Okafor"
    assert not composer.clearance.action_clear.isEnabled()  # Sam's turn, not mine
    model = composer.clearance_panel.model
    assert model.index(0, StepsModel.OUTCOME).data() == "Cleared"
    assert model.index(1, StepsModel.OUTCOME).data() == "With them now"
    page.show_list()
    row = page.model.row_of(composer.letter.id)
    assert page.model.index(row, LettersModel.CLEARANCE).data() == "Step 2 of 2: Sam Okafor"
    assert page.model.index(row, LettersModel.STATUS).data() == "In clearance"


def test_the_empty_clearance_boxes_say_what_will_show_there(page):
    panel = page.composer.clearance_panel
    assert (
        panel.history.toPlainText() == ""
        and "each send, clearance and return" in panel.history.placeholderText()
    )
    assert panel.diff.toPlainText() == "" and "cleared the letter" in panel.diff.placeholderText()


def test_clearance_times_are_on_the_users_clock_as_everywhere_else(
    qtbot, page, people, services, monkeypatch
):
    me, sam = people
    composer = page.composer
    route_to(monkeypatch, composer, me, sam)
    composer.clearance.action_send.trigger()
    composer.clearance.action_clear.trigger()
    at = services.clearance.get(composer.letter.id).steps[0].action.at  # stored in UTC
    shown = local_time(at)
    panel = composer.clearance_panel
    assert panel.model.headerData(StepsModel.WHEN, Qt.Orientation.Horizontal) == "When"
    assert panel.model.index(0, StepsModel.WHEN).data() == shown
    assert shown in panel.history.toPlainText() and "UTC" not in panel.history.toPlainText()


def test_returning_asks_for_the_comment_and_the_drafter_sees_it(qtbot, page, people, services, monkeypatch):
    me, _sam = people
    composer = page.composer
    route_to(monkeypatch, composer, me)
    composer.clearance.action_send.trigger()
    monkeypatch.setattr(clearance_dialogs, "ask_return_comment", lambda _p, _ref: None)
    composer.clearance.action_return.trigger()  # cancelled: nothing happens
    assert composer.letter.status == LetterStatus.IN_CLEARANCE
    monkeypatch.setattr(clearance_dialogs, "ask_return_comment", lambda _p, ref: "Cite the 2025 survey.")
    composer.clearance.action_return.trigger()
    assert composer.letter.status == LetterStatus.DRAFT
    panel = composer.clearance_panel
    assert panel.model.index(0, StepsModel.COMMENT).data() == "Cite the 2025 survey."
    assert (
        "Returned for amendment by Tess Tester (step 1): “Cite the 2025 survey.”"
        in panel.history.toPlainText()
    )
    returned = services.dashboard.summary().returned_to_me  # the tester sent it round
    assert [i.letter_id for i in returned.items] == [composer.letter.id]
    assert composer.clearance.action_send.isEnabled()  # amended, it can go round again


def test_an_edit_after_clearance_is_shown_as_a_diff_or_kept_as_a_typo_fix(
    qtbot, page, people, services, messages, monkeypatch
):
    me, sam = people
    composer = page.composer
    route_to(monkeypatch, composer, me, sam)
    composer.clearance.action_send.trigger()
    composer.clearance.action_clear.trigger()
    asked = []

    def answer(typo: bool | None):
        def ask(_parent, reference, cleared_by):
            asked.append((reference, list(cleared_by)))
            return typo

        return ask

    monkeypatch.setattr(clearance_dialogs, "ask_typo_fix", answer(None))
    composer.form.subject.setText(composer.form.subject.text() + " (revised)")
    assert not composer.save() and composer.is_dirty()  # cancelled: nothing saved, nothing lost
    assert asked == [("CTA/TEC/2026/017", ["Tess Tester"])]

    monkeypatch.setattr(clearance_dialogs, "ask_typo_fix", answer(True))
    assert composer.save()
    record = services.clearance.get(composer.letter.id)
    assert record.steps[0].state == StepState.CLEARED and record.steps[0].action.typo_fix
    assert not [m for m in messages if "cleared again" in m.text]

    monkeypatch.setattr(clearance_dialogs, "ask_typo_fix", answer(False))
    composer.form.body.setPlainText(composer.form.body.toPlainText() + "\n\nA new commitment.")
    assert composer.save()
    assert any("changed after it was cleared, so it is cleared again from step 1" in m.text for m in messages)
    panel = composer.clearance_panel
    assert panel.model.index(0, StepsModel.OUTCOME).data() == "Changed since cleared: to clear again"
    panel.steps.selectRow(0)
    diff = panel.diff.toPlainText()
    assert "+A new commitment." in diff
    assert any(line.startswith("+Subject: ") and line.endswith("(revised)") for line in diff.splitlines())
    assert composer.letter.status == LetterStatus.IN_CLEARANCE and composer.clearance.action_clear.isEnabled()


def test_issue_is_refused_naming_who_has_not_cleared_before_anything_is_asked(
    qtbot, page, people, messages, monkeypatch
):
    _me, sam = people
    composer = page.composer
    route_to(monkeypatch, composer, sam)
    composer.clearance.action_send.trigger()
    composer.action_issue.trigger()
    assert [m.kind for m in messages] == ["warning"]  # no "Issue letter?" question first
    assert (
        "cannot be issued until its clearance route is complete: not yet cleared by Sam Okafor"
        in messages[0].text
    )
    assert not composer.letter.is_issued


def test_the_clearance_sheet_is_saved_from_the_composer(qtbot, page, people, tmp_path, monkeypatch):
    me, _sam = people
    composer = page.composer
    route_to(monkeypatch, composer, me)
    composer.clearance.action_send.trigger()
    composer.clearance.action_clear.trigger()
    target = tmp_path / "sheet"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    composer.clearance.action_sheet.trigger()
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")


def test_the_dashboard_lists_what_awaits_my_clearance_and_what_is_overdue(
    qtbot, window, services, demo, people
):
    from correspondence_desk.ui.shell.pages import DASHBOARD

    services.clearance.set_route(demo.letter.id, ["tester", "sokafor"])
    services.clearance.send(demo.letter.id)
    dashboard = window.page(DASHBOARD)
    dashboard.refresh()
    assert dashboard.tiles["awaiting_my_clearance"].accessibleName() == "Awaiting my clearance: 1"
    assert "Signed in as Tess Tester" in dashboard.heading.text()
    model = dashboard.models["awaiting_my_clearance"]
    assert model.index(0, 2).data() == "CTA/TEC/2026/017"
    assert model.index(0, 3).data() == "Step 1 of 2: Tess Tester"
    later = dt.date.today() + dt.timedelta(days=10)
    dashboard.refresh(later)
    overdue = dashboard.models["clearance_overdue"]
    assert overdue.rowCount() == 1 and "days late" in overdue.index(0, 1).data()
    with qtbot.waitSignal(dashboard.openLetter, timeout=1000) as opened:
        dashboard.opener.open_index(model.index(0, 0))
    assert opened.args == [demo.letter.id]


def test_new_letter_dialog_asks_for_the_expected_date_and_reason_of_a_holding_letter(qtbot, services, demo):
    dialog = NewLetterDialog(services.reports.list(), 0, LetterKind.FINAL)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.expected.isVisibleTo(dialog) and ok.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData(LetterKind.HOLDING.value))
    assert dialog.expected.isVisibleTo(dialog) and not ok.isEnabled()  # a reason is needed
    dialog.expected.setDate(QDate(2027, 3, 1))
    qtbot.keyClicks(dialog.reason, "Awaiting the survey")
    assert ok.isEnabled()
    choice = dialog.choice()
    assert (choice.kind, choice.expected, choice.reason) == (
        LetterKind.HOLDING,
        dt.date(2027, 3, 1),
        "Awaiting the survey",
    )


def test_route_dialog_adds_orders_and_removes_colleagues(qtbot, people):
    me, sam = people
    dialog = RouteDialog([me, sam], [sam.id])
    qtbot.addWidget(dialog)
    assert dialog.chosen() == [sam.id]
    dialog.available.setCurrentRow(0)
    dialog.add_selected()
    assert dialog.chosen() == [sam.id, me.id]
    dialog.move(-1)
    assert dialog.chosen() == [me.id, sam.id]
    dialog.route.setCurrentRow(1)
    dialog.remove_selected()
    assert dialog.chosen() == [me.id] and dialog.available.count() == 1


def test_the_colleagues_tab_adds_a_colleague_and_changes_the_office_setting(qtbot, services):
    from correspondence_desk.ui.directory.page import DirectoryPage

    page = DirectoryPage(services)
    qtbot.addWidget(page)
    page.refresh()
    panel = page.colleagues
    assert "Your login is “tester”" in panel.me.text()
    assert panel.inputs["active"].isChecked()  # a new colleague can clear straight away
    panel.inputs["name"].setText("Tess Tester")
    panel.inputs["login"].setText("tester")
    panel.inputs["role"].setText("Private office")
    assert panel.save()
    assert services.colleagues.me().role == "Private office"
    assert "You are Tess Tester" in panel.me.text()
    assert panel.issue_only_when_cleared.isChecked()
    panel.issue_only_when_cleared.setChecked(False)
    assert services.office.get("issue-only-when-cleared") is False


def test_clearance_models_pass_qtmodeltester(qtmodeltester, qtbot, services, demo, people):
    services.clearance.set_route(demo.letter.id, ["tester", "sokafor"])
    services.clearance.send(demo.letter.id)
    model = StepsModel()
    model.set_records(list(services.clearance.get(demo.letter.id).steps))
    qtmodeltester.check(model)
    qtmodeltester.check(StepsModel())
