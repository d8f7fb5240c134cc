"""Beside the grid: the selected recommendation's timeline, newest first: each progress update (date,
who gave it, the RAG, what was said, a moved target with its reason) and the responses given to it
in letters (a letter's reference opens it). "Record an update…" adds the next update.

The history is read when the selection changes or the report is saved (a handful of rows: the GUI
thread may read it); the entries are plain HTML in a text browser, so they wrap in a narrow pane.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import (
    ProgressUpdateRecord,
    RecommendationRecord,
    ResponseRecord,
    UpdateSource,
)
from correspondence_desk.ui.common.table_model import short_date
from correspondence_desk.ui.common.widgets import button
from correspondence_desk.ui.reports.recommendations_model import PROGRESS_COLOURS

NOTHING_SELECTED = "Select a recommendation to see its updates and responses."
NO_HISTORY = (
    "No progress update yet. <b>Record an update…</b> keeps the first one; each later one is kept "
    "beside it, never over it."
)


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: its date (None: an undated draft letter) and its HTML."""

    date: dt.date | None
    order: int  # within a day: responses before the updates that follow them
    html: str


def update_entry(update: ProgressUpdateRecord) -> Entry:
    if update.progress is not None:
        colour = PROGRESS_COLOURS[update.progress].name()
        rag = f"<b style='color:{colour}'>{html.escape(update.progress.label)}</b>"
    else:
        rag = "<b>No RAG</b>"
    who = f" · {html.escape(update.owner)}" if update.owner else ""
    lines = [f"{short_date(update.update_date)} · {rag}{who}"]
    if update.text:
        lines.append(html.escape(update.text).replace("\n", "<br>"))
    if update.target_moved:
        lines.append(
            f"Target {html.escape(long_date(update.target_date) or 'cleared')}, "
            f"{html.escape(update.revision_note)}"
        )
    elif update.target_date is not None:
        lines.append(f"Target {html.escape(long_date(update.target_date))}")
    if update.completed_on is not None:
        lines.append(f"Complete since {html.escape(long_date(update.completed_on))}")
    source = "" if update.source is UpdateSource.TYPED else f"{update.source.label}; "
    recorded = f"{source}recorded by {html.escape(update.recorded_by)}" if update.recorded_by else source
    if recorded:
        lines.append(f"<span style='color:gray'>{recorded.rstrip('; ')}</span>")
    return Entry(update.update_date, 1, "<br>".join(lines))


def response_entry(response: ResponseRecord) -> Entry:
    link = f"<a href='letter:{response.letter_id}'>{html.escape(response.letter_reference)}</a>"
    when = short_date(response.letter_date) or "Undated"
    position = f": {html.escape(response.position.label)}" if response.position else ""
    return Entry(
        response.letter_date,
        0,
        f"{when} · Response in {link} ({html.escape(response.letter_status.value)}){position}",
    )


def timeline_html(updates: tuple[ProgressUpdateRecord, ...], responses: list[ResponseRecord]) -> str:
    """The entries newest first; an undated draft's response sorts as the newest."""
    entries = [update_entry(u) for u in updates] + [response_entry(r) for r in responses]
    # newest first; updates of one day in the order recorded (the history is oldest first)
    ranked = sorted(enumerate(entries), key=lambda ie: (ie[1].date or dt.date.max, ie[1].order, ie[0]))
    entries = [entry for _i, entry in reversed(ranked)]
    if not updates:
        entries.append(Entry(None, 0, NO_HISTORY))
    return "".join(f"<p style='margin-bottom:8px'>{e.html}</p>" for e in entries)


class RecommendationTimeline(QWidget):
    """Signals: `recordRequested()` (Record an update…), `openLetter(letter_id)`."""

    recordRequested = Signal()
    openLetter = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationTimeline")
        self.title = QLabel("<b>Timeline</b>")
        self.title.setObjectName("timelineTitle")
        self.record_button = button(
            "Record an &update…",
            "Record an update",
            self.recordRequested.emit,
            tip="Add a dated progress update to the selected recommendation (Ctrl+U)",
        )
        self.record_button.setObjectName("recordUpdateButton")
        self.browser = QTextBrowser()
        self.browser.setObjectName("timelineText")
        self.browser.setAccessibleName("Timeline of the selected recommendation")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        # narrow enough that the grid keeps its buttons on a 1024-pixel screen: the title wraps and
        # the button sits under the entries
        self.title.setWordWrap(True)
        self.browser.setMinimumWidth(160)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bottom)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.title.setText("<b>Timeline</b>")
        self.browser.setHtml(f"<p>{NOTHING_SELECTED}</p>")
        self.record_button.setEnabled(False)

    def show_timeline(
        self,
        record: RecommendationRecord,
        updates: tuple[ProgressUpdateRecord, ...],
        responses: list[ResponseRecord],
        can_record: bool = True,
    ) -> None:
        self.title.setText(f"<b>Timeline of recommendation {html.escape(record.label)}</b>")
        self.browser.setHtml(timeline_html(updates, responses))
        self.record_button.setEnabled(can_record)

    def text(self) -> str:
        return self.browser.toPlainText()

    def _link(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "letter" and value.isdigit():
            self.openLetter.emit(int(value))
