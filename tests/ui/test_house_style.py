"""Tools › House style…: edit the letterhead beside a live preview; refused until it can print."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from correspondence_desk.core.printing.samples import sample_logo
from correspondence_desk.ui.common.background import wait_for_background_work
from correspondence_desk.ui.shell import house_style
from correspondence_desk.ui.shell.house_style import HouseStyleDialog

SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">
<rect width="300" height="100" fill="#0b5394"/><text x="20" y="60" fill="white">CTA</text></svg>"""


def test_edit_preview_and_save(qtbot, services, tmp_path, monkeypatch):
    dialog = HouseStyleDialog(services)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and "organisation" in dialog.problem.text()  # nothing to print yet
    qtbot.keyClicks(dialog.organisation, "Capital Transport Authority")
    qtbot.keyClicks(dialog.short_name, "CTA")
    logo = tmp_path / "logo.svg"
    logo.write_bytes(SVG)
    monkeypatch.setattr(house_style, "ask_logo_file", lambda _parent: str(logo))
    dialog.choose_logo()  # an SVG is drawn to a PNG
    assert dialog.letterhead().logo_media_type == "image/png" and "alternative text" in dialog.problem.text()
    qtbot.keyClicks(dialog.logo_alt, "Capital Transport Authority logo")
    dialog.pattern.setText("{org}/{year}")
    assert "{seq}" in dialog.problem.text() and not save.isEnabled()
    dialog.pattern.setText("{org}/{committee}/{year}/{seq:03}")
    assert save.isEnabled() and "CTA/TEC/" in dialog.example.text()
    qtbot.waitUntil(lambda: dialog.preview.document.pageCount() > 0, timeout=10_000)
    save.click()
    stored = services.letterhead.get()
    assert stored.short_name == "CTA" and stored.letterhead.logo_alt == "Capital Transport Authority logo"
    wait_for_background_work()


def test_opens_on_what_is_stored_and_keeps_a_png_logo_as_it_is(qtbot, services, tmp_path, monkeypatch):
    from correspondence_desk.core.printing.samples import sample_letterhead

    services.letterhead.save(sample_letterhead(), short_name="CTA")
    dialog = HouseStyleDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.organisation.text() == "Capital Transport Authority" and dialog.remove_logo.isEnabled()
    png = tmp_path / "logo.png"
    png.write_bytes(sample_logo(200, 80))
    monkeypatch.setattr(house_style, "ask_logo_file", lambda _parent: str(png))
    dialog.choose_logo()
    assert dialog.letterhead().logo == png.read_bytes()
    dialog.clear_logo()
    assert dialog.letterhead().logo == b"" and not dialog.logo_alt.isEnabled()


def test_cancelling_a_changed_house_style_asks_first(qtbot, services, messages):
    from PySide6.QtWidgets import QMessageBox

    dialog = HouseStyleDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing changed: closes without a question
    assert not dialog.isVisible() and messages == []
    dialog.show()
    dialog.organisation.setText("Capital Transport Authority")
    messages.answer = QMessageBox.StandardButton.Cancel
    dialog.reject()
    assert dialog.isVisible() and messages[-1].text == "The house style has unsaved changes. Save them first?"
    messages.answer = QMessageBox.StandardButton.Save
    dialog.reject()
    assert not dialog.isVisible()
    assert services.letterhead.get().letterhead.organisation == "Capital Transport Authority"
