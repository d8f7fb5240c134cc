"""The Colleagues tab of Contacts & bodies: the people who clear letters (name, login, role), and the
office's clearance settings shared by everyone on the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import ColleagueRecord
from correspondence_desk.core.vocabulary import CLEARANCE_ROLES
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.table_model import Column, RecordTableModel
from correspondence_desk.ui.directory.panel import DirectoryPanel, Field

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

ISSUE_ONLY_WHEN_CLEARED = "issue-only-when-cleared"
CLEARANCE_DAYS = "clearance-days"


class ColleaguesModel(RecordTableModel[ColleagueRecord]):
    NAME, LOGIN, ROLE, ACTIVE = range(4)
    COLUMNS = (
        Column("Name", lambda r: r.name),
        Column("Login", lambda r: r.login),
        Column("Role", lambda r: r.role),
        Column("Active", lambda r: "Yes" if r.active else "No"),
    )
    TEXT_COLUMNS = {NAME: 1.2, ROLE: 1.0}  # the width goes to these on a small screen
    SHORT_COLUMNS = {LOGIN: (70, 0.2), ACTIVE: (40, 0.1)}


COLLEAGUE_FIELDS = (
    Field("name", "&Name:", hint="e.g. Sam Okafor"),
    Field("login", "&Login:", hint="Their OS user name (or database role on a shared server)"),
    Field("role", "&Role:", hint="e.g. " + ", ".join(CLEARANCE_ROLES)),
    Field("active", "Ac&tive: can be put on a clearance route", "check"),
)


class ColleaguesPanel(DirectoryPanel):
    """The register, with who "me" is and the office's clearance settings under the form."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("colleague", ColleaguesModel(), COLLEAGUE_FIELDS, services.colleagues, parent)
        self.services = services
        role = self.inputs["role"]
        assert isinstance(role, QLineEdit)
        role.setCompleter(QCompleter(list(CLEARANCE_ROLES), role))
        self.me = QLabel(self)
        self.me.setObjectName("colleagueMe")
        self.me.setWordWrap(True)
        self.issue_only_when_cleared = QCheckBox(
            "Issue a letter only when its clearance route is complete", self
        )
        self.issue_only_when_cleared.setAccessibleName("Issue only when cleared")
        self.days = QSpinBox(self)
        self.days.setAccessibleName("Working days for each clearance step")
        self.days.setRange(0, 30)
        self.days.setSuffix(" working days")
        editor = self.days.findChild(QLineEdit)
        if editor is not None:  # the spin box's own line edit: named as the box is
            editor.setAccessibleName("Working days for each clearance step")
        box = QGroupBox("Clearance (for everyone on this database)", self)
        form = QFormLayout(box)
        form.addRow(self.issue_only_when_cleared)
        form.addRow("Each step is &due after:", self.days)
        right = self.splitter.widget(1)
        layout = right.layout()
        layout.insertWidget(layout.count() - 1, box)  # above the buttons
        layout.insertWidget(layout.count() - 1, self.me)
        self.issue_only_when_cleared.toggled.connect(lambda on: self._set(ISSUE_ONLY_WHEN_CLEARED, on))
        self.days.editingFinished.connect(lambda: self._set(CLEARANCE_DAYS, self.days.value()))

    def start_new(self) -> None:
        super().start_new()
        active = self.inputs["active"]
        assert isinstance(active, QCheckBox)
        active.setChecked(True)  # a new colleague can be put on a route straight away
        self._shown = self.values()  # the form as it starts: nothing typed yet

    def refresh(self) -> None:
        super().refresh()
        try:
            settings = {s.name: s.value for s in self.services.office.records()}
            me = self.services.colleagues.me()
            login = self.services.colleagues.login()
        except DeskError as exc:
            dialogs.show_desk_error(self, exc)
            return
        for widget in (self.issue_only_when_cleared, self.days):
            widget.blockSignals(True)  # showing the stored value is not changing it
        self.issue_only_when_cleared.setChecked(bool(settings[ISSUE_ONLY_WHEN_CLEARED]))
        self.days.setValue(int(settings[CLEARANCE_DAYS]))
        for widget in (self.issue_only_when_cleared, self.days):
            widget.blockSignals(False)
        self.me.setText(
            f"You are {me.name} (login “{me.login}”)."
            if me
            else f"Your login is “{login}”: add yourself with that login to clear letters in the app."
        )

    def _set(self, name: str, value: object) -> None:
        try:
            self.services.office.set(name, value)
        except DeskError as exc:
            dialogs.show_desk_error(self, exc, "Changing the setting")
            self.refresh()
