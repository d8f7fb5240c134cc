"""Before an import is saved: the addressees the bodies register does not have, each to confirm.

The parser proposes "the Home Office" or "the Committee" even when the register has no such body
(so nothing is dropped silently); saving would add them. This asks first, per name: add it to the
register, take it as a body already there (the register spells it differently), or leave it out.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.importing.review import NewBodyChoice
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.core.text import count
from correspondence_desk.ui.common.widgets import fit_to_screen

ADD, DROP = "add", "drop"  # the first two choices of every row; then "same as" each body by id
INTRO = (
    "These addressees are not in the bodies register. Say for each what it is before the import is "
    "saved: nothing is added to the register unless you choose it."
)


def _used_by(numbers: Sequence[str]) -> str:
    shown = ", ".join(numbers[:6]) + ("…" if len(numbers) > 6 else "")
    return f"named by {'recommendation' if len(numbers) == 1 else 'recommendations'} {shown}"


class NewBodiesDialog(QDialog):
    def __init__(
        self, names: Mapping[str, Sequence[str]], bodies: Sequence[BodyRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New addressees — {APP_NAME}")
        self.setObjectName("newBodiesDialog")
        fit_to_screen(self, 720, 420)
        self._bodies = {b.id: b for b in bodies}
        self.choices: dict[str, QComboBox] = {}
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setColumnStretch(1, 1)
        for row, (name, numbers) in enumerate(names.items()):
            label = QLabel(f"<b>{html.escape(name)}</b><br><small>{html.escape(_used_by(numbers))}</small>")
            choice = QComboBox()
            choice.setAccessibleName(f"What “{name}” is")
            choice.addItem("Add to the register as a new body", ADD)
            choice.addItem("Leave it out of the addressees", DROP)
            for body in bodies:
                choice.addItem(f"The same as {body.name}", body.id)
            label.setBuddy(choice)
            grid.addWidget(label, row, 0)
            grid.addWidget(choice, row, 1)
            self.choices[name] = choice
        grid.setRowStretch(len(names), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton("Save the import", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"{count(len(names), 'addressee')}: {INTRO}", wordWrap=True)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[NewBodyChoice]:
        out: list[NewBodyChoice] = []
        for name, combo in self.choices.items():
            value = combo.currentData()
            if value == DROP:
                out.append(NewBodyChoice(name, drop=True))
            elif value == ADD:
                out.append(NewBodyChoice(name))
            else:
                out.append(NewBodyChoice(name, same_as=self._bodies[int(value)]))
        return out


def ask_new_bodies(
    parent: QWidget | None, names: Mapping[str, Sequence[str]], bodies: Sequence[BodyRecord]
) -> list[NewBodyChoice] | None:
    """What each new name is, or None if the person cancelled (tests replace this function)."""
    dialog = NewBodiesDialog(names, bodies, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
