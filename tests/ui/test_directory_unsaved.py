"""Contacts & bodies: what is typed in the form and not saved is asked about — Save, Discard or Cancel —
before another record, New, leaving the page or quitting would replace it, and a reload keeps it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from correspondence_desk.ui.common.table_model import IdRole
from correspondence_desk.ui.shell.pages import DASHBOARD, DIRECTORY

SAVE, DISCARD, CANCEL = (
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Cancel,
)


@pytest.fixture
def panel(window, demo):
    window.go_to(DIRECTORY)
    window.refresh_all()
    page = window.page(DIRECTORY)
    contacts = page.contacts
    first = contacts.proxy.index(0, 0)
    contacts.view.setCurrentIndex(first)
    contacts.inputs["job_title"].setText("Cabinet Member for Clean Air")
    return contacts


def _asked(messages) -> list[str]:
    return [m.text for m in messages if m.kind == "question" and "unsaved changes" in m.text]


def _other_row(panel):
    return panel.proxy.index(1, 0)


def test_choosing_another_contact_asks_and_cancel_keeps_the_typing(panel, services, messages):
    editing = panel.current
    messages.answer = CANCEL
    panel.view.setCurrentIndex(_other_row(panel))
    assert _asked(messages) == [f"The contact “{editing.name}” has unsaved changes. Save them first?"]
    assert panel.current.id == editing.id and panel.view.currentIndex().row() == 0
    assert panel.inputs["job_title"].text() == "Cabinet Member for Clean Air"
    assert services.contacts.get(editing.id).job_title != "Cabinet Member for Clean Air"


def test_save_keeps_it_then_shows_the_one_chosen(panel, services, messages):
    editing = panel.current
    chosen = _other_row(panel).data(IdRole)
    messages.answer = SAVE
    panel.view.setCurrentIndex(_other_row(panel))
    assert services.contacts.get(editing.id).job_title == "Cabinet Member for Clean Air"
    assert panel.current.id != editing.id and panel.current.id == chosen
    assert not panel.is_dirty()


def test_discard_drops_it(panel, services, messages):
    editing = panel.current
    messages.answer = DISCARD
    panel.new_record()
    assert panel.current is None and panel.inputs["job_title"].text() == ""
    assert services.contacts.get(editing.id).job_title != "Cabinet Member for Clean Air"


def test_a_reload_keeps_what_was_typed(window, panel, messages):
    window.refresh_all()  # a change elsewhere reloads every page
    assert panel.inputs["job_title"].text() == "Cabinet Member for Clean Air" and panel.is_dirty()
    assert _asked(messages) == []


def test_leaving_the_page_and_quitting_ask(window, panel, messages):
    messages.answer = CANCEL
    window.go_to(DASHBOARD)
    assert window.stack.currentIndex() == DIRECTORY and len(_asked(messages)) == 1
    window.close()
    assert window.isVisible() and len(_asked(messages)) == 2
    messages.answer = DISCARD
    window.close()
    assert not window.isVisible()


def test_nothing_typed_nothing_asked(window, demo, messages):
    window.go_to(DIRECTORY)
    window.refresh_all()
    page = window.page(DIRECTORY)
    for panel in page.panels():
        panel.new_record()
        assert not panel.is_dirty()
    page.contacts.view.setCurrentIndex(page.contacts.proxy.index(1, 0))
    window.go_to(DASHBOARD)
    assert window.stack.currentIndex() == DASHBOARD and _asked(messages) == []
