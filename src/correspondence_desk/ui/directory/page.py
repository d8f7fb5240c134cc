"""Contacts & bodies: the people letters go to and come from, and the bodies recommendations name.

Both halves are the same shape (a table, and a form to add, change or delete the selected row), so
one `DirectoryPanel` serves both, configured by its fields. Right-click on a row offers New, History
and Delete; History lists who changed the record, when and how.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.directory.panel import (
    BODY_FIELDS,
    CONTACT_FIELDS,
    BodiesModel,
    ContactsModel,
    DirectoryPanel,
)

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

__all__ = ["BodiesModel", "ContactsModel", "DirectoryPage", "DirectoryPanel"]


class DirectoryPage(Page):
    """Three tabs: Contacts, Bodies and Colleagues (who clears letters)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("directoryPage")
        self.contacts = DirectoryPanel(
            "contact", ContactsModel(), CONTACT_FIELDS, services.contacts, self, services=services
        )
        self.bodies = DirectoryPanel(
            "body", BodiesModel(), BODY_FIELDS, services.bodies, self, services=services
        )
        for panel in (self.contacts, self.bodies):
            panel.countChanged.connect(lambda _text, p=panel: self._panel_counted(p))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("directoryTabs")
        self.tabs.addTab(self.contacts, "C&ontacts")
        self.tabs.addTab(self.bodies, "&Bodies")
        from correspondence_desk.ui.directory.colleagues import ColleaguesPanel  # it builds on DirectoryPanel

        self.colleagues = ColleaguesPanel(services, self)
        self.tabs.addTab(self.colleagues, "Colle&agues")
        self.tabs.setTabToolTip(2, "The people who clear letters, and the office's clearance settings")
        self.tabs.setTabToolTip(0, "People letters are sent to and signed by")
        self.tabs.setTabToolTip(1, "Organisations recommendations are directed at, and the names reports use")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self._panel_counted(self.tabs.currentWidget()))

    def refresh(self) -> None:
        self.contacts.refresh()
        self.bodies.refresh()
        self.colleagues.refresh()

    def _panel_counted(self, panel: QWidget) -> None:
        if panel is self.tabs.currentWidget() and isinstance(panel, DirectoryPanel):
            self.show_status(panel.count_text())

    def focus_main(self) -> None:
        panel = self.tabs.currentWidget()
        assert isinstance(panel, DirectoryPanel)
        panel.view.setFocus()

    def focus_filter(self) -> None:
        panel = self.tabs.currentWidget()
        assert isinstance(panel, DirectoryPanel)
        panel.filter.setFocus()
        panel.filter.selectAll()

    def can_leave(self) -> bool:
        """A contact, body or colleague typed and not saved is asked about, as a report or letter is."""
        for panel in self.panels():
            if panel.is_dirty():
                self.tabs.setCurrentWidget(panel)  # show what the question is about
                if not panel.can_leave():
                    return False
        return True

    def panels(self) -> list[DirectoryPanel]:
        return [self.contacts, self.bodies, self.colleagues]

    def layout_states(self) -> list[tuple[str, object]]:
        """Widgets whose saveState()/restoreState() the main window keeps between runs."""
        return [(p.splitter.objectName(), p.splitter) for p in self.panels()]
