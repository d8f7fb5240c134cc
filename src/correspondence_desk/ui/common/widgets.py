"""Small widget factories every form uses, so each control gets its accessible name the same way.

A screen reader announces a control by its accessible name; these make it the first argument, so a
control cannot be built without one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

Keys = str | QKeySequence | QKeySequence.StandardKey


def line_edit(name: str, placeholder: str = "", parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def combo(
    name: str, items: Sequence[str] = (), *, editable: bool = False, parent: QWidget | None = None
) -> QComboBox:
    box = QComboBox(parent)
    box.setEditable(editable)
    box.setAccessibleName(name)
    if editable:
        box.lineEdit().setAccessibleName(name)
    box.addItems(list(items))
    return box


def button(
    text: str,
    name: str,
    slot: Callable[[], object] | None = None,
    *,
    tip: str = "",
    parent: QWidget | None = None,
) -> QPushButton:
    """A push button; `name` is also its tool tip unless `tip` says more."""
    push = QPushButton(text, parent)
    push.setAccessibleName(name)
    push.setToolTip(tip or name)
    if slot is not None:
        push.clicked.connect(slot)
    return push


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose &-mnemonic moves the focus to `widget`."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def pane(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    """Widgets one above the other with no margins (a pane of a splitter); `stretch` takes the room."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return holder


def action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcuts: Keys | Sequence[Keys] = (),
    *,
    name: str = "",
    tip: str = "",
    context: Qt.ShortcutContext | None = None,
) -> QAction:
    """A QAction on `parent`; the tool tip names its keys ("Merge with next (Ctrl+M)")."""
    act = QAction(text, parent)
    keys = [shortcuts] if isinstance(shortcuts, (str, QKeySequence, QKeySequence.StandardKey)) else shortcuts
    sequences: list[QKeySequence] = []
    for key in keys:
        sequences += (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
    act.setShortcuts(sequences)
    if context is not None:
        act.setShortcutContext(context)
        parent.addAction(act)
    if name:
        act.setObjectName(name)
    if tip:
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in sequences)
        act.setToolTip(f"{tip} ({shown})" if shown else tip)
    act.triggered.connect(slot)
    return act


def is_ctrl_tab(event: QEvent) -> bool:
    """Ctrl+Tab pressed: in a text box that Tab leaves, this is how a tab character is typed."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_Tab
        and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    )


class _CtrlTabTypesATab(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QPlainTextEdit) and is_ctrl_tab(event):
            if not watched.isReadOnly():
                watched.insertPlainText("\t")
            return True
        return False


def tab_leaves(edit: QPlainTextEdit) -> QPlainTextEdit:
    """Tab and Shift+Tab move to the next or previous field, as in every other box; Ctrl+Tab types a tab."""
    edit.setTabChangesFocus(True)
    edit.installEventFilter(_CtrlTabTypesATab(edit))
    return edit


def set_read_only(edit: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """Read-only, and looking it: the box takes the window's colour, as a locked field should, while
    its text stays readable and can still be selected and copied."""
    edit.setReadOnly(read_only)
    palette = QPalette(edit.palette())
    if read_only:
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        edit.setPalette(palette)
    else:
        edit.setPalette(QPalette())  # the inherited colours again


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to width × height, or less where the screen is smaller (a laptop at 1024 × 700)."""
    screen = (window.parentWidget() or window).screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 40), min(height, room.height() - 40)
    window.resize(width, height)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with … instead of forcing the window wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class _FilterLeadsToList(QObject):
    """Down (or Page Down) in a list's filter box goes into the list; Enter goes there too, or opens
    the one row the filter left, so the keyboard never has to Tab past the buttons between them."""

    def __init__(self, box: QLineEdit, view: QAbstractItemView) -> None:
        super().__init__(box)
        self._view = view
        box.installEventFilter(self)
        box.returnPressed.connect(self._enter)  # after the box's own (a list may filter on Enter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            return self._into_list()
        return False

    def _into_list(self) -> bool:
        view, model = self._view, self._view.model()
        if model is None or model.rowCount() == 0:
            return False
        if not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _enter(self) -> None:
        model = self._view.model()
        if model is not None and model.rowCount() == 1:
            index = model.index(0, 0)
            self._view.setCurrentIndex(index)
            self._view.activated.emit(index)
        else:
            self._into_list()


def filter_leads_to(box: QLineEdit, view: QAbstractItemView) -> QLineEdit:
    _FilterLeadsToList(box, view)
    return box
