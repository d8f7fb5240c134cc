"""Pick the bodies a recommendation is directed at (and its partners) from the bodies register."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.importing.proposal import ProposedAddressee
from correspondence_desk.core.records import AddresseeRole, BodyRecord
from correspondence_desk.ui.common.widgets import fit_to_screen, line_edit

BodyRole = Qt.ItemDataRole.UserRole + 1


class AddresseePicker(QDialog):
    """Two checklists over the register: "Directed at" (leads) and "In partnership with" (partners).

    Names the parser found that are not in the register are listed too, so nothing is dropped silently.
    """

    def __init__(
        self,
        bodies: Sequence[BodyRecord],
        current: Sequence[ProposedAddressee],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Addressees — {APP_NAME}")
        fit_to_screen(self, 720, 440)
        names = [(b.name, b.id, b.display_name) for b in bodies]
        known = {b.name.lower() for b in bodies}
        names += [(a.name, None, f"{a.name} (new)") for a in current if a.name.lower() not in known]
        chosen = {a.name.lower(): a.role for a in current}

        self.filter = line_edit("Filter bodies", "Type to filter the bodies")
        self.filter.textChanged.connect(self._apply_filter)
        self.leads = self._checklist("Directed at", names, chosen, AddresseeRole.LEAD)
        self.partners = self._checklist("In partnership with", names, chosen, AddresseeRole.PARTNER)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        grid = QGridLayout(self)
        grid.addWidget(self.filter, 0, 0, 1, 2)
        for col, (label, view) in enumerate(
            [("&Directed at (should…)", self.leads), ("In &partnership with", self.partners)]
        ):
            title = QLabel(label)
            title.setBuddy(view)
            grid.addWidget(title, 1, col)
            grid.addWidget(view, 2, col)
        grid.addWidget(buttons, 3, 0, 1, 2)

    def _checklist(
        self,
        name: str,
        names: Sequence[tuple[str, int | None, str]],
        chosen: dict[str, AddresseeRole],
        role: AddresseeRole,
    ) -> QListWidget:
        view = QListWidget()
        view.setAccessibleName(name)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for full, body_id, shown in names:
            short = shown.removeprefix("the ")
            item = QListWidgetItem(full if short in (full, shown) or body_id is None else f"{full} ({short})")
            if body_id is None:
                item.setText(shown)
            item.setData(BodyRole, (full, body_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = chosen.get(full.lower()) == role
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            view.addItem(item)
        return view

    def _apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for view in (self.leads, self.partners):
            for row in range(view.count()):
                item = view.item(row)
                item.setHidden(not all(w in item.text().lower() for w in words))

    def addressees(self) -> tuple[ProposedAddressee, ...]:
        result: list[ProposedAddressee] = []
        seen: set[str] = set()
        for view, role in ((self.leads, AddresseeRole.LEAD), (self.partners, AddresseeRole.PARTNER)):
            for row in range(view.count()):
                item = view.item(row)
                name, body_id = item.data(BodyRole)
                if item.checkState() == Qt.CheckState.Checked and name.lower() not in seen:
                    seen.add(name.lower())
                    result.append(ProposedAddressee(name, body_id, role))
        return tuple(result)

    @classmethod
    def ask(
        cls, parent: QWidget | None, bodies: Sequence[BodyRecord], current: Sequence[ProposedAddressee]
    ) -> tuple[ProposedAddressee, ...] | None:
        """The chosen addressees, or None if cancelled (tests monkeypatch this)."""
        dialog = cls(bodies, current, parent)
        return dialog.addressees() if dialog.exec() == QDialog.DialogCode.Accepted else None
