"""Contacts & bodies: add, change and delete through the forms, checked through the services."""

from __future__ import annotations

import pytest

from correspondence_desk.ui.directory.page import BodiesModel, ContactsModel, DirectoryPage


@pytest.fixture
def page(qtbot, services):
    widget = DirectoryPage(services)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def test_add_change_and_delete_a_contact(page, services, messages):
    panel = page.contacts
    panel.start_new()
    panel.inputs["name"].setText("Dr Amara Okafor")
    panel.inputs["post_nominals"].setText("CBE")
    panel.inputs["job_title"].setText("Chief Executive")
    panel.inputs["organisation"].setText("River Thames Conservancy Trust")
    panel.inputs["address"].setPlainText("1 Lock Keeper's Row\nLondon\nSW18 1AA")
    panel.inputs["email"].setText("amara.okafor@example.org")
    assert panel.save()
    (contact,) = services.contacts.list()
    assert contact.full_name == "Dr Amara Okafor CBE"
    assert contact.address_lines == ["1 Lock Keeper's Row", "London", "SW18 1AA"]
    assert panel.model.rowCount() == 1 and panel.current.id == contact.id

    panel.inputs["salutation"].setText("Amara")
    assert panel.save()
    assert services.contacts.get(contact.id).salutation == "Amara"

    panel.inputs["email"].setText("not an address")
    assert not panel.save()
    assert "is not an email address" in str(messages[-1])
    assert services.contacts.get(contact.id).email == "amara.okafor@example.org"

    assert panel.delete_current()
    assert services.contacts.list() == [] and panel.model.rowCount() == 0


def test_bodies_keep_aliases_one_per_line_and_the_own_flag(page, services):
    panel = page.bodies
    panel.start_new()
    panel.inputs["name"].setText("Mayor's Office for Policing and Crime")
    panel.inputs["short_name"].setText("MOPAC")
    panel.inputs["aliases"].setPlainText("the Mayor's Office\n\n  Policing office  \nthe mayor's office")
    panel.inputs["is_own"].setChecked(True)
    assert panel.save()
    (body,) = services.bodies.list()
    assert body.aliases == ("the Mayor's Office", "Policing office") and body.is_own
    panel.select(body.id)
    assert panel.inputs["aliases"].toPlainText() == "the Mayor's Office\nPolicing office"
    assert panel.model.index(0, BodiesModel.OURS).data() == "Yes"


def test_an_empty_name_is_refused_in_plain_words(page, services, messages):
    page.bodies.start_new()
    assert not page.bodies.save()
    assert "name cannot be empty" in str(messages[-1]) and services.bodies.list() == []


def test_directory_models_pass_qtmodeltester(qtmodeltester, services, demo):
    qtmodeltester.check(ContactsModel(services.contacts.list()))
    qtmodeltester.check(BodiesModel(services.bodies.list()))
