"""Issuing and after: the question names what is issued, the issued letter looks locked and says so
in plain words, with New version and E-mail the issued PDF beside the notice."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMessageBox

from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import wait_for_background_work
from correspondence_desk.ui.letters import output as letter_output
from correspondence_desk.ui.letters.page import LettersPage


@pytest.fixture
def page(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.open_letter(demo.letter.id)
    return page


def issue(page) -> None:
    page.composer.action_issue.trigger()
    assert wait_for_background_work()
    assert page.composer.letter.is_issued


def test_the_question_names_the_letter_date_recipient_and_empty_responses(page, monkeypatch):
    composer = page.composer
    composer.responses.select_row(0)
    composer.responses.text.setPlainText("")  # one response left empty
    composer.form.date.setDate(dt.date.today() - dt.timedelta(days=3))
    boxes = []

    def answer(box: QMessageBox) -> int:
        boxes.append(box)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(dialogs, "exec_box", answer)
    composer.action_issue.trigger()
    (box,) = boxes
    letter = composer.letter
    assert box.text() == f"Issue letter {letter.reference}?"
    details = box.informativeText()
    assert f"Letter: {letter.reference}" in details
    assert f"To: {letter.recipient.full_name}" in details
    assert "dated 3 days ago" in details and "not today" in details
    assert "1 response is empty." in details
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Issue letter"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert not composer.letter.is_issued  # Cancel issues nothing (the edits were saved first)


def test_the_issued_letter_is_locked_looks_it_and_says_when_in_local_time(page, services):
    issue(page)
    composer = page.composer
    letter = composer.letter
    banner = composer.banner
    assert banner.isVisible()
    local = letter.issued_at.replace(tzinfo=dt.UTC).astimezone()
    assert f"at {local:%H:%M}." in banner.text.text() and "UTC" not in banner.text.text()
    assert "SHA-256" not in banner.text.text() and "fingerprint" in banner.text.text()
    assert "SHA-256" in banner.text.toolTip() and letter.issued_sha256 in banner.text.toolTip()
    form = composer.form
    for edit in (form.body, form.subject, composer.responses.text):
        assert edit.isReadOnly()
        assert edit.palette().color(QPalette.ColorRole.Base) == edit.palette().color(
            QPalette.ColorRole.Window
        )
    for widget in (form.date, form.undate, form.recipient, form.sender, composer.responses.add_button):
        assert not widget.isEnabled()
    # New version, beside the notice
    (_email_button, new_version_button) = banner.buttons
    assert new_version_button.text().replace("&", "") == "New version" and new_version_button.isEnabled()
    new_version_button.click()
    assert not composer.letter.is_issued and composer.letter.id != letter.id
    assert not banner.isVisible()
    assert not form.body.isReadOnly() and form.date.isEnabled()
    base = form.body.palette().color(QPalette.ColorRole.Base)
    assert base != form.body.palette().color(QPalette.ColorRole.Window)


def test_email_the_issued_pdf_opens_a_draft_and_records_it(page, services, demo, monkeypatch, messages):
    services.contacts.update(demo.letter.recipient.id, email="chair@example.org")
    page.open_letter(demo.letter.id)  # the address read afresh
    composer = page.composer
    assert not composer.action_email.isEnabled()  # a draft has no issued PDF yet
    issue(page)
    assert composer.action_email.isEnabled()
    opened = []
    monkeypatch.setattr(letter_output, "open_in_desktop", lambda path: opened.append(path) or True)
    composer.banner.buttons[0].click()
    (path,) = opened
    assert path.suffix == ".eml" and oct(path.parent.stat().st_mode & 0o777) == "0o700"
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert "chair@example.org" in message["To"] and message["X-Unsent"] == "1"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == services.letters.issued_pdf(demo.letter.id)
    (sent,) = services.emailing.sent(demo.letter.id)
    assert "chair@example.org" in sent.to[0]
    assert "E-mailed on" in composer.banner.text.text() and "chair@example.org" in composer.banner.text.text()
    assert [m.kind for m in messages] == ["question"]  # only "Issue letter?"


def test_without_a_mail_program_the_draft_is_kept_and_nothing_recorded(
    page, services, demo, monkeypatch, messages
):
    issue(page)
    monkeypatch.setattr(letter_output, "open_in_desktop", lambda path: False)
    assert page.composer.output.email_pdf() is False
    assert "No mail program" in messages[-1].text and ".eml" in messages[-1].text
    assert services.emailing.sent(demo.letter.id) == []
