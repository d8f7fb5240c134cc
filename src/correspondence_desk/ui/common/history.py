"""A record's history: every audit event of one report, recommendation, contact or body — who, when,
what changed, and the reason given for a moved date — newest first, in plain words.

    HistoryDialog.show_for(parent, services, "recommendation", rec.id, "Recommendation 3 of TEC-2026-04")
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.dates import MONTH_NAMES, long_date
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import AuditRecord
from correspondence_desk.core.text import count
from correspondence_desk.core.vocabulary import NO_POSITION, POSITION_LABELS, Position
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.widgets import fit_to_screen

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

ACTIONS = {
    "create": "Created",
    "update": "Changed",
    "delete": "Deleted",
    "reorder": "Put the recommendations in a new order",
    "issue": "Issued",
    "email": "Put in an e-mail",
}
FIELD_NAMES = {
    "response_due": "Response due",
    "target_date": "Target date",
    "deadline_phrase": "Deadline as worded",
    "paragraph_ref": "Paragraph",
    "response_clock": "Response clock",
    "label": "Number",
    "is_own": "Our organisation",
    "post_nominals": "Post-nominals",
    "job_title": "Job title",
    "short_name": "Short name",
    "aliases": "Also called",
    "addressees": "Directed at",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def local_time(at: dt.datetime) -> str:
    """An event's time (stored in UTC) as the user's clock shows it: "1 Dec 2026 14:05"."""
    here = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{here.day} {MONTH_NAMES[here.month - 1][:3]} {here.year} {here:%H:%M}"


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " ").capitalize())


def value_text(field: str, value: Any) -> str:
    """A stored value as people read it: dates written out, positions by their label."""
    if value is None or value == "":
        return NO_POSITION.lower() if field == "position" else "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and _ISO_DATE.match(value):
        return long_date(dt.date.fromisoformat(value))
    if field == "position" and value in tuple(Position):
        return POSITION_LABELS[Position(value)]
    if isinstance(value, list):
        return ", ".join(value_text(field, v) for v in value) or "(none)"
    return str(value)


def describe(event: AuditRecord) -> str:
    """What an event changed, one line per field, then the reason given (if any)."""
    lines: list[str] = []
    for field, change in event.changes.items():
        if field == "reason" or field.endswith("_id"):
            continue  # the reason comes last; a bare id (committee 1, report 7) says nothing to people
        if field == "addressees":
            lines.append("Directed at: changed")
        elif field == "order":
            lines.append("New order of the recommendations")
        elif field == "recommendations" and isinstance(change, int):
            lines.append(count(change, "recommendation"))
        elif event.action == "update" and isinstance(change, list) and len(change) == 2:
            old, new = change
            lines.append(f"{field_name(field)}: {value_text(field, old)} → {value_text(field, new)}")
        else:
            lines.append(f"{field_name(field)}: {value_text(field, change)}")
    reason = str(event.changes.get("reason") or "").strip()
    if reason:
        lines.append(f"Reason: {reason}")
    return "\n".join(lines)


class HistoryDialog(QDialog):
    COLUMNS = ("When", "Who", "What", "Details")

    def __init__(self, events: list[AuditRecord], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History of {title} — {APP_NAME}")
        self.setSizeGripEnabled(True)
        heading = QLabel(f"<b>History of {title}</b> — newest first; times are this computer's.")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.table = QTableWidget(len(events), len(self.COLUMNS), self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(f"History of {title}")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        for row, event in enumerate(events):
            what = ACTIONS.get(event.action, event.action.capitalize())
            cells = (local_time(event.at), event.os_user, what, describe(event))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("Nothing has been recorded for it yet.")
        self.empty.setObjectName("historyEmpty")
        self.empty.setVisible(not events)
        self.table.setVisible(bool(events))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 520)
        # rows as tall as their wrapped details, once the columns have their widths
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    @classmethod
    def show_for(
        cls, parent: QWidget | None, services: Services, entity: str, entity_id: int, title: str
    ) -> HistoryDialog | None:
        """Read the record's events and show them (the dialog, for tests; None if they cannot be read)."""
        try:
            events = services.audit.history(entity, entity_id)
        except DeskError as error:
            dialogs.show_desk_error(parent, error, "Reading the history")
            return None
        dialog = cls(events, title, parent)
        show_dialog(dialog)
        return dialog


def show_dialog(dialog: QDialog) -> None:
    """Show the history and wait until it is closed (tests replace this: no real modal dialog)."""
    dialog.exec()
