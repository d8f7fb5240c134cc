"""The questions clearance asks: the route (who clears, in order), the comment a return needs, and
whether an edit after a clearance is a typo fix. Each is one function, so tests replace it and no
real modal dialog opens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.records import ColleagueRecord

IdRole = Qt.ItemDataRole.UserRole


class RouteDialog(QDialog):
    """Choose a letter's clearers and their order: the register on the left, the route on the right."""

    def __init__(
        self, colleagues: Sequence[ColleagueRecord], route: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Clearance route — {APP_NAME}")
        self._by_id = {c.id: c for c in colleagues}
        self.available = self._list("Colleagues in the register")
        self.route = self._list("Clearance route, in order")
        for colleague in colleagues:
            if colleague.id not in route and colleague.active:
                self._add_item(self.available, colleague)
        for colleague_id in route:
            if colleague_id in self._by_id:
                self._add_item(self.route, self._by_id[colleague_id])
        self.add_button = self._button("&Add →", self.add_selected)
        self.remove_button = self._button("← &Remove", self.remove_selected)
        self.up_button = self._button("Move &up", lambda: self.move(-1))
        self.down_button = self._button("Move do&wn", lambda: self.move(+1))
        self.available.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.route.itemDoubleClicked.connect(lambda _item: self.remove_selected())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        middle = QVBoxLayout()
        middle.addStretch(1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            middle.addWidget(button)
        middle.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(self._label("Colleagues in the &register:", self.available), 0, 0)
        grid.addWidget(self._label("Clearance &route, in order:", self.route), 0, 2)
        grid.addWidget(self.available, 1, 0)
        grid.addLayout(middle, 1, 1)
        grid.addWidget(self.route, 1, 2)
        hint = QLabel("Each colleague clears in turn; the last is usually the signatory.", self)
        hint.setEnabled(False)
        grid.addWidget(hint, 2, 0, 1, 3)
        grid.addWidget(buttons, 3, 0, 1, 3)
        self.resize(620, 360)

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setAccessibleName(name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return widget

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").strip("←→ "))
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _add_item(widget: QListWidget, colleague: ColleagueRecord, row: int | None = None) -> None:
        item = QListWidgetItem(colleague.display_name)
        item.setData(IdRole, colleague.id)
        if row is None:
            widget.addItem(item)
        else:
            widget.insertItem(row, item)
        widget.setCurrentItem(item)

    def add_selected(self) -> None:
        item = self.available.currentItem()
        if item is not None:
            self.available.takeItem(self.available.row(item))
            self._add_item(self.route, self._by_id[item.data(IdRole)])

    def remove_selected(self) -> None:
        item = self.route.currentItem()
        if item is not None:
            self.route.takeItem(self.route.row(item))
            self._add_item(self.available, self._by_id[item.data(IdRole)])

    def move(self, step: int) -> None:
        row = self.route.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.route.count():
            return
        item = self.route.takeItem(row)
        self.route.insertItem(target, item)
        self.route.setCurrentRow(target)

    def chosen(self) -> list[int]:
        return [self.route.item(i).data(IdRole) for i in range(self.route.count())]


def ask_route(
    parent: QWidget | None, colleagues: Sequence[ColleagueRecord], route: Sequence[int]
) -> list[int] | None:
    """The route chosen (colleague ids in order), or None when cancelled."""
    dialog = RouteDialog(colleagues, route, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_return_comment(parent: QWidget | None, reference: str) -> str | None:
    """What needs amending (a return always has a comment); None when cancelled."""
    text, ok = QInputDialog.getMultiLineText(
        parent,
        f"Return for amendment — {APP_NAME}",
        f"Return letter {reference} to its drafter. What needs amending?",
    )
    return text.strip() if ok else None


def ask_typo_fix(parent: QWidget | None, reference: str, cleared_by: Sequence[str]) -> bool | None:
    """An edit to a letter some colleagues have already cleared: is it only a typo fix (their
    clearances stand, and that is recorded) or a change (they clear it again)? None: cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"Edited after clearance — {APP_NAME}")
    names = ", ".join(cleared_by)
    box.setText(f"Letter {reference} has been cleared by {names}.")
    box.setInformativeText(
        "A change means they clear it again, from the first of them whose text changed. If this edit "
        "only puts a typo right, their clearances stand and the edit is recorded as a typo fix."
    )
    again = box.addButton("Save — clear it &again", QMessageBox.ButtonRole.AcceptRole)
    typo = box.addButton("Save as a &typo fix", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(again)
    box.exec()
    clicked = box.clickedButton()
    if clicked is typo:
        return True
    if clicked is again:
        return False
    return None
