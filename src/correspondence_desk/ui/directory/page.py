"""Contacts & bodies: the people letters go to and come from, and the bodies recommendations name.

Both halves are the same shape (a table, and a form to add, change or delete the selected row), so
one `DirectoryPanel` serves both, configured by its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import BodyRecord, ContactRecord
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.table_model import Column, IdRole, RecordTableModel, make_proxy

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


class BodiesModel(RecordTableModel[BodyRecord]):
    NAME, SHORT_NAME, ALIASES, OURS = range(4)
    COLUMNS = (
        Column("Name", lambda r: r.name),
        Column("Short name", lambda r: r.short_name),
        Column("Also called", lambda r: "; ".join(r.aliases), tooltip=lambda r: "\n".join(r.aliases)),
        Column("Ours", lambda r: "Yes" if r.is_own else ""),
    )


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
    """A table of records beside a form for the selected one (or a new one)."""

    def __init__(
        self,
        what: str,
        model: RecordTableModel[Any],
        fields: tuple[Field, ...],
        service: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._what = what
        self._service = service
        self._fields = fields
        self.model = model
        self.proxy = make_proxy(model, self)
        self.current: Any = None

        self.filter = QLineEdit()
        plural = "bodies" if what == "body" else f"{what}s"
        self.filter.setAccessibleName(f"Filter {plural}")
        self.filter.setPlaceholderText(f"Filter {plural} (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_filter_words)
        self.view = QTableView()
        self.view.setObjectName(f"{what}sView")
        self.view.setAccessibleName(plural.capitalize())
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setColumnWidth(0, 200)
        self.view.setColumnWidth(1, 150)
        self.view.setColumnWidth(2, 150)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.view, 1)

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
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setAccessibleName(f"Delete {what}")
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName(f"Save {what}")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
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
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setPlaceholderText(field.hint)
            widget.setMaximumHeight(110)
        else:
            widget = QLineEdit()
            widget.setPlaceholderText(field.hint)
        widget.setAccessibleName(name)
        return widget

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current.id if self.current is not None else None
        self.model.set_records(self._service.list())
        if keep is not None and self.select(keep):
            return
        self.start_new()

    def select(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self._show(self.model.record(row))
        return True

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            row = self.model.row_of(current.data(IdRole))
            if row >= 0:
                self._show(self.model.record(row))

    def _show(self, record: Any) -> None:
        self.current = record
        self.form_title.setText(f"<b>{self._what.capitalize()}: {_escape(getattr(record, 'name', ''))}</b>")
        for field in self._fields:
            self._set_value(field, getattr(record, field.name))
        self.delete_button.setEnabled(True)

    def start_new(self) -> None:
        self.current = None
        self.view.clearSelection()
        self.form_title.setText(f"<b>New {self._what}</b>")
        for field in self._fields:
            self._set_value(field, False if field.kind == "check" else "")
        self.delete_button.setEnabled(False)
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
        self.refresh()
        return True

    def delete_current(self) -> bool:
        record = self.current
        if record is None:
            return False
        if not dialogs.confirm(self, f"Delete the {self._what} “{record.name}”?", f"Delete {self._what}"):
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


class DirectoryPage(Page):
    """Three tabs: Contacts, Bodies and Colleagues (who clears letters)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("directoryPage")
        self.contacts = DirectoryPanel("contact", ContactsModel(), CONTACT_FIELDS, services.contacts, self)
        self.bodies = DirectoryPanel("body", BodiesModel(), BODY_FIELDS, services.bodies, self)
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

    def refresh(self) -> None:
        self.contacts.refresh()
        self.bodies.refresh()
        self.colleagues.refresh()

    def focus_main(self) -> None:
        panel = self.tabs.currentWidget()
        assert isinstance(panel, DirectoryPanel)
        panel.view.setFocus()

    def focus_filter(self) -> None:
        panel = self.tabs.currentWidget()
        assert isinstance(panel, DirectoryPanel)
        panel.filter.setFocus()
        panel.filter.selectAll()

    def panels(self) -> list[DirectoryPanel]:
        return [self.contacts, self.bodies, self.colleagues]

    def layout_states(self) -> list[tuple[str, object]]:
        """Widgets whose saveState()/restoreState() the main window keeps between runs."""
        return [(p.splitter.objectName(), p.splitter) for p in self.panels()]
