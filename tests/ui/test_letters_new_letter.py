"""New letter: the report is found by typing (reference or title, any order, any case), not picked
from a drop-down of every report; the keyboard does it all."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from correspondence_desk.core.records import LetterKind
from correspondence_desk.ui.letters.new_letter import NewLetterDialog


def make_reports(services) -> None:
    for n, title in enumerate(("Ferry fares", "Harbour dredging", "School ferries and buses"), start=1):
        services.reports.create(title=title, reference=f"HBR-2026-0{n}", received=dt.date(2026, 10, n))


def names(dialog) -> list[str]:
    model = dialog.report.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_filters_by_reference_or_title_and_enter_chooses(qtbot, services, demo):
    make_reports(services)
    reports = services.reports.list()
    dialog = NewLetterDialog(reports, 0, LetterKind.FINAL)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.report_filter  # type at once
    assert len(names(dialog)) == len(reports)

    qtbot.keyClicks(dialog.report_filter, "FERR")
    assert names(dialog) == ["HBR-2026-03 — School ferries and buses", "HBR-2026-01 — Ferry fares"]
    assert dialog.report.currentIndex().data() == names(dialog)[0]  # the first match is chosen
    qtbot.keyClick(dialog.report_filter, Qt.Key.Key_Down)  # arrows move through the matches
    assert dialog.report.currentIndex().data() == "HBR-2026-01 — Ferry fares"
    dialog.report_filter.setText("buses school")  # words in any order
    assert names(dialog) == ["HBR-2026-03 — School ferries and buses"]
    dialog.report_filter.setText("hbr-2026-02")
    assert names(dialog) == ["HBR-2026-02 — Harbour dredging"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    chosen = next(r for r in reports if r.reference == "HBR-2026-02")
    assert dialog.choice().report_id == chosen.id
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.report_filter, Qt.Key.Key_Return)


def test_nothing_matching_means_nothing_to_choose(qtbot, services, demo):
    dialog = NewLetterDialog(services.reports.list(), 0, LetterKind.FINAL)
    qtbot.addWidget(dialog)
    dialog.report_filter.setText("no such report anywhere")
    assert names(dialog) == [] and dialog.report.chosen_id() is None
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.report_filter.clear()  # back: the report chosen before is chosen again
    assert dialog.report.chosen_id() is not None


def test_the_dialog_starts_on_the_report_asked_for(qtbot, services, demo):
    make_reports(services)
    reports = services.reports.list()
    start = next(i for i, r in enumerate(reports) if r.reference == "HBR-2026-02")
    dialog = NewLetterDialog(reports, start, LetterKind.FINAL)
    qtbot.addWidget(dialog)
    assert dialog.report.chosen_id() == reports[start].id
