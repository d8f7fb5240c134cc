"""One half of Contacts & bodies: a table of records beside a form for the selected one (or a new
one), with New, Save, Delete and History, and a message where there is nothing to list."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import BodyRecord, ContactRecord
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.empty import EmptyState
from correspondence_desk.ui.common.history import HistoryDialog
from correspondence_desk.ui.common.menus import add_context_menu
from correspondence_desk.ui.common.table_model import Column, IdRole, RecordTableModel, make_proxy
from correspondence_desk.ui.common.widgets import action, filter_leads_to, tab_leaves

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class ContactsModel(RecordTableModel[ContactRecord]):
    NAME, JOB_TITLE, ORGANISATION, EMAIL = range(4)
    COLUMNS = (
        Column("Name", lambda r: r.full_name),
        Column("Job title", lambda r: r.job_title, tooltip=lambda r: r.job_title),
        Column("Organisation", lambda r: r.organisation),
        Column("Email", lambda r: r.email),
    )
    TEXT_COLUMNS = {NAME: 1.2, JOB_TITLE: 1.0}  # the width goes to these on a small screen
    SHORT_COLUMNS = {ORGANISATION: (80, 0.2), EMAIL: (80, 0.2)}


class BodiesModel(RecordTableModel[BodyRecord]):
    NAME, SHORT_NAME, ALIASES, OURS = range(4)
    COLUMNS = (
        Column("Name", lambda r: r.name),
        Column("Short name", lambda r: r.short_name),
        Column("Also called", lambda r: "; ".join(r.aliases), tooltip=lambda r: "\n".join(r.aliases)),
        Column("Ours", lambda r: "Yes" if r.is_own else ""),
    )
    TEXT_COLUMNS = {NAME: 1.0, ALIASES: 1.0}
    SHORT_COLUMNS = {SHORT_NAME: (60, 0.2), OURS: (40, 0.1)}


@dataclass(frozen=True)
class Field:
    name: str  # the service's field name
    label: str  # with a mnemonic
    kind: str = "line"  # line | text | check | lines (one item a line ↔ a list)
    hint: str = ""


CONTACT_FIELDS = (
    Field("name", "&Name:", hint="e.g. Dr Jane Smith"),
    Field("post_nominals", "Post-no&minals:", hint="e.g. OBE, AM"),
    Field("job_title", "&Job title:"),
    Field("organisation", "Or&ganisation:"),
    Field("address", "Addre&ss:", "text", "One line per line of the address"),
    Field("email", "Emai&l:"),
    Field("salutation", "Sal&utation:", hint="What follows “Dear” (default: the first name)"),
)
BODY_FIELDS = (
    Field("name", "&Name:", hint="e.g. Capital Transport Authority"),
    Field("short_name", "S&hort name:", hint="e.g. CTA"),
    Field("aliases", "Also &called:", "lines", "Other names reports use, one per line"),
    Field("is_own", "&Our organisation", "check"),
)


class DirectoryPanel(QWidget):
    """A table of records beside a form for the selected one (or a new one).

    Signal: `countChanged(text)` when what the table shows changes ("3 of 12 contacts")."""

    countChanged = Signal(str)

    def __init__(
        self,
        what: str,
        model: RecordTableModel[Any],
        fields: tuple[Field, ...],
        service: Any,
        parent: QWidget | None = None,
        *,
        services: Services | None = None,
    ) -> None:
        """`services` reads the records' history (History is off without it)."""
        super().__init__(parent)
        self._services = services
        self._what = what
        self._service = service
        self._fields = fields
        self.plural = "bodies" if what == "body" else f"{what}s"
        self.model = model
        self.proxy = make_proxy(model, self)
        self.current: Any = None
        self._shown: dict[str, Any] | None = None  # the form's values as last shown (None: nothing kept)
        self._quiet = False  # True while the list reloads under the form: no question then

        self.filter = QLineEdit()
        plural = self.plural
        self.filter.setAccessibleName(f"Filter {plural}")
        self.filter.setPlaceholderText(f"Filter {plural} (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        action(self.filter, "", self.filter.clear, "Escape", context=Qt.ShortcutContext.WidgetShortcut)
        self.view = QTableView()
        self.view.setObjectName(f"{what}sView")
        self.view.setAccessibleName(plural.capitalize())
        self.view.setModel(self.proxy)
        filter_leads_to(self.filter, self.view)  # Down or Enter in the filter: into the list
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.columns = ColumnFitter(
            self.view,
            text=model.TEXT_COLUMNS,
            short=model.SHORT_COLUMNS,
            text_min=100,  # type: ignore[attr-defined]
        )
        self.view.setTabKeyNavigation(False)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.body = EmptyState(self.view, f"{what}s")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.body, 1)

        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        for field in fields:
            widget = self._input(field)
            self.inputs[field.name] = widget
            if field.kind == "check":
                form.addRow("", widget)
            else:
                label = QLabel(field.label)
                label.setBuddy(widget)
                form.addRow(label, widget)
        self.new_button = QPushButton(f"New {what}")
        self.new_button.setAccessibleName(f"New {what}")
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setAccessibleName(f"Delete {what}")
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName(f"Save {what}")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.history_button = QPushButton("Histor&y…")  # Alt+H is the Help menu
        self.history_button.setAccessibleName(f"History of the {what}")
        self.history_button.setToolTip(f"Who changed this {what}, when, and what they changed")
        self.history_button.clicked.connect(self.show_history)
        self.new_action = action(self, f"&New {what}", self.new_record)
        self.history_action = action(self, "&History…", self.show_history)
        self.delete_action = action(self, "&Delete…", self.delete_current)
        add_context_menu(self.view, self._commands)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QWidget()
        right.setMinimumWidth(320)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 0, 0, 0)
        right_layout.addWidget(self.form_title)
        right_layout.addLayout(form)
        right_layout.addStretch(1)
        right_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{what}Splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.start_new()

    def _input(self, field: Field) -> QWidget:
        name = field.label.replace("&", "").rstrip(":")
        if field.kind == "check":
            widget: QWidget = QCheckBox(field.label)
        elif field.kind in ("text", "lines"):
            widget = tab_leaves(QPlainTextEdit())
            widget.setPlaceholderText(field.hint)
            widget.setMaximumHeight(110)
        else:
            widget = QLineEdit()
            widget.setPlaceholderText(field.hint)
        widget.setAccessibleName(name)
        return widget

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list; what is typed in the form and not saved stays typed (a change made
        elsewhere reloads every page)."""
        typed = self.values() if self.is_dirty() else None
        keep = self.current.id if self.current is not None else None
        self._quiet = True  # reloading moves no one away from the form: nothing to ask
        try:
            self.model.set_records(self._service.list())
            self._update_count()
            if keep is None or not self.select(keep):
                self.start_new()
        finally:
            self._quiet = False
        if typed is not None:
            for field in self._fields:
                self._set_value(field, typed[field.name])

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_words(text)
        self._update_count()

    def count_text(self) -> str:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "body" if self._what == "body" else self._what
        return (
            count(total, noun, self.plural)
            if shown == total
            else f"{shown:,} of {count(total, noun, self.plural)}"
        )

    def _update_count(self) -> None:
        if self.model.rowCount() == 0:
            message = (
                f"<h3>No {self.plural} yet</h3><p>Fill in the form on the right and click <b>Save</b> "
                f"to add the first {self._what}.</p>"
            )
        elif self.proxy.rowCount() == 0:
            message = (
                f"<h3>No {self._what} matches “{html.escape(self.filter.text().strip())}”</h3>"
                "<p>Esc in the filter box clears it.</p>"
            )
        else:
            message = ""
        self.body.show_message(message)
        self.countChanged.emit(self.count_text())

    def _commands(self) -> list[QAction | None]:
        chosen = self.current is not None
        self.history_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)
        return [self.new_action, self.history_action, None, self.delete_action]

    def show_history(self) -> None:
        record = self.current
        if record is not None:
            title = f"the {self._what} “{getattr(record, 'name', '')}”"
            if self._services is not None:
                HistoryDialog.show_for(self, self._services, self._what, record.id, title)

    def select(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self._show(self.model.record(row))
        return True

    def _row_changed(self, current, _previous) -> None:
        if not current.isValid() or self._quiet:  # reloading or going back: the caller shows the form
            return
        target = current.data(IdRole)
        if self.is_dirty():
            if not self.can_leave():  # Cancel: back to the record being edited, as typed
                self._quiet = True
                try:
                    if self.current is not None:
                        row = self.model.row_of(self.current.id)
                        self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
                    else:
                        self.view.setCurrentIndex(QModelIndex())
                finally:
                    self._quiet = False
                return
            self.select(target)  # saved (the list reloaded) or dropped: now show the one chosen
            return
        row = self.model.row_of(target)
        if row >= 0:
            self._show(self.model.record(row))

    def _show(self, record: Any) -> None:
        self.current = record
        self.form_title.setText(f"<b>{self._what.capitalize()}: {_escape(getattr(record, 'name', ''))}</b>")
        for field in self._fields:
            self._set_value(field, getattr(record, field.name))
        self._shown = self.values()
        self.delete_button.setEnabled(True)
        self.history_button.setEnabled(True)

    # --- unsaved changes ----------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """Anything typed in the form since it showed the record (or the empty new one)."""
        return self._shown is not None and self.values() != self._shown

    def can_leave(self) -> bool:
        """Before the form is filled with something else (another record, a new one, another database,
        quitting): ask about what is typed there. True when it is saved or may be dropped."""
        if not self.is_dirty():
            return True
        name = self.current.name if self.current is not None else ""
        what = f"The {self._what} “{name}”" if name else f"The new {self._what}"
        answer = dialogs.ask_unsaved(self, what)
        if answer is dialogs.Unsaved.SAVE:
            return self.save()
        if answer is dialogs.Unsaved.DISCARD:
            self._shown = None  # dropped: what is shown next replaces it
            return True
        return False

    def new_record(self) -> None:
        """New contact / New body: a fresh form, once what is typed is saved or dropped."""
        if self.can_leave():
            self.start_new()

    def start_new(self) -> None:
        self.current = None
        self.view.clearSelection()
        self.form_title.setText(f"<b>New {self._what}</b>")
        for field in self._fields:
            self._set_value(field, False if field.kind == "check" else "")
        self._shown = self.values()
        self.delete_button.setEnabled(False)
        self.history_button.setEnabled(False)
        first = self.inputs[self._fields[0].name]
        if self.isVisible():
            first.setFocus()

    def _set_value(self, field: Field, value: Any) -> None:
        widget = self.inputs[field.name]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("\n".join(value) if field.kind == "lines" else (value or ""))
        elif isinstance(widget, QLineEdit):
            widget.setText(value or "")
            widget.setCursorPosition(0)

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for field in self._fields:
            widget = self.inputs[field.name]
            if isinstance(widget, QCheckBox):
                result[field.name] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText().strip()
                result[field.name] = (
                    [x for x in text.splitlines() if x.strip()] if field.kind == "lines" else text
                )
            elif isinstance(widget, QLineEdit):
                result[field.name] = widget.text().strip()
        return result

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        values = self.values()
        try:
            if self.current is None:
                saved = self._service.create(**values)
            else:
                saved = self._service.update(self.current.id, version=self.current.version, **values)
        except DeskError as error:
            dialogs.show_desk_error(self, error, f"Saving the {self._what}")
            if self.current is not None:
                self.refresh()
            return False
        self.current = saved
        self._shown = None  # saved: the reload shows it as stored
        self.refresh()
        return True

    def delete_current(self) -> bool:
        record = self.current
        if record is None:
            return False
        if not dialogs.confirm_action(
            self, f"Delete the {self._what} “{record.name}”?", f"Delete {self._what}", "Delete"
        ):
            return False
        try:
            self._service.delete(record.id, version=record.version)
        except DeskError as error:
            dialogs.show_desk_error(self, error, f"Deleting the {self._what}")
            return False
        self.current = None
        self.refresh()
        return True


def _escape(text: str) -> str:
    import html

    return html.escape(text)
