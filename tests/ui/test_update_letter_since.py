"""The date a progress update letter reports from, in the app: the New letter dialog offers it for
that kind (starting from the report's last issued letter), and the composer's Letter tab changes it,
the preview following before anything is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from correspondence_desk.core.records import LetterKind, Progress
from correspondence_desk.ui.letters import new_letter
from correspondence_desk.ui.letters.new_letter import NewLetterDialog
from correspondence_desk.ui.letters.page import LettersPage


@pytest.fixture
def issued(services, demo):
    """The demo response issued (dated 12 November 2026) and an update on recommendation 1 since."""
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    first = demo.report.recommendations[0]
    services.updates.record(
        first.id, progress=Progress.GREEN, text="Map drafted.", update_date=dt.date(2026, 11, 20)
    )
    return demo


def preview_text(composer) -> str:
    document = composer.preview.document
    return " ".join(" ".join(document.getAllText(i).text().split()) for i in range(document.pageCount()))


def test_the_dialog_offers_the_since_date_for_a_progress_update_only(qtbot, services, issued):
    services.reports.create(title="Bus stations", reference="TEC-2026-09", response_due=dt.date(2027, 1, 8))
    reports = services.reports.list()
    start = next(i for i, r in enumerate(reports) if r.id == issued.report.id)
    dialog = NewLetterDialog(reports, start, LetterKind.FINAL, since_for=services.letters.default_since)
    qtbot.addWidget(dialog)
    assert not dialog.since.isVisibleTo(dialog)
    assert dialog.choice().since is None

    dialog.kind.setCurrentIndex(dialog.kind.findData(LetterKind.PROGRESS_UPDATE.value))
    assert dialog.since.isVisibleTo(dialog)
    assert dialog.since.date() == QDate(2026, 11, 12)  # the response letter's date
    assert dialog.choice() == new_letter.NewLetterChoice(
        issued.report.id, LetterKind.PROGRESS_UPDATE, since=dt.date(2026, 11, 12)
    )
    other = next(i for i, r in enumerate(reports) if r.reference == "TEC-2026-09")
    dialog.report.select_index(other)
    assert dialog.since.date() == QDate(2027, 1, 8)  # nothing issued there: when its response is due
    dialog.report.select_index(start)
    dialog.since.setDate(QDate(2026, 11, 25))
    assert dialog.choice().since == dt.date(2026, 11, 25)


def test_the_page_starts_the_letter_from_the_date_chosen_and_the_composer_changes_it(
    qtbot, services, issued, monkeypatch
):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    asked = {}

    def choose(_parent, reports, start, kind, *, since_for=None):  # stands in for the modal dialog
        asked["default"] = since_for(issued.report.id)
        return new_letter.NewLetterChoice(
            issued.report.id, LetterKind.PROGRESS_UPDATE, since=dt.date(2026, 11, 15)
        )

    monkeypatch.setattr(new_letter, "ask_new_letter", choose)
    letter_id = page.new_letter()
    assert asked["default"] == dt.date(2026, 11, 12)
    assert services.letters.get(letter_id).updates_since == dt.date(2026, 11, 15)

    composer = page.composer
    form = composer.form
    assert form.since.isVisibleTo(form) and form.since.date() == QDate(2026, 11, 15)
    qtbot.waitUntil(lambda: "Update of 20 November 2026: Green" in preview_text(composer), timeout=10000)

    form.since.setDate(QDate(2026, 11, 21))  # not saved yet: the preview follows at once
    qtbot.waitUntil(
        lambda: (
            "Update: none since 21 November 2026; progress last recorded as Green" in preview_text(composer)
        ),
        timeout=10000,
    )
    assert composer.is_dirty()
    assert composer.save()
    assert services.letters.get(letter_id).updates_since == dt.date(2026, 11, 21)

    page.open_letter(issued.letter.id)  # a final response: no such date
    assert not form.since.isVisibleTo(form)
