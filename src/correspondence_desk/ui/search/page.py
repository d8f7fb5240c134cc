"""Search (Ctrl+Shift+F): results grouped by kind, the matched words in bold, and one click (or
Enter) opens the result itself: a report, the report with that recommendation selected, the letter
(with that response selected), the letter.

Each group shows the best few and says how many there are in all ("Reports (25 of 76)"); its last
row, "Show 100 more…", brings more of that kind.

Signals: `openReport`, `openRecommendation`, `openResponse`, `openLetter`, connected by the window.
"""

from __future__ import annotations

import html
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QAction, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import SearchHit
from correspondence_desk.core.search_query import snippet_parts
from correspondence_desk.core.text import count
from correspondence_desk.core.vocabulary import SEARCH_KINDS as KINDS
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.empty import EmptyState
from correspondence_desk.ui.common.menus import add_context_menu
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.widgets import action

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

HtmlRole = Qt.ItemDataRole.UserRole
HitRole = Qt.ItemDataRole.UserRole + 1
MoreRole = Qt.ItemDataRole.UserRole + 2  # on a group's last row: the kind to show more of
TYPING_PAUSE_MS = 250
RESULTS_PER_KIND = 25  # the best few of each kind: more words narrow it better than scrolling
MORE_STEP = 100
GROUP_TITLES = {
    "report": "Reports",
    "recommendation": "Recommendations",
    "response": "Responses",
    "letter": "Letters",
}
NOUNS = {"report": "report", "recommendation": "recommendation", "response": "response", "letter": "letter"}
BEFORE_SEARCHING = (
    "<h3>Search reports, recommendations, responses and letters</h3>"
    '<p>Type words above: every one must appear. <b>"air quality"</b> finds the phrase, '
    "<b>bus OR tram</b> either word, <b>cycl*</b> any word starting so. Enter opens a result.</p>"
)
NOTHING_FOUND = (
    "<h3>Nothing found for “{query}”</h3><p>Check the spelling, use fewer words, or end one with * "
    "to find words that start with it (<b>apprentic*</b>).</p>"
)


def snippet_html(hit: SearchHit) -> str:
    """The title, then the snippet with the matched words in bold (all user text escaped).

    When the match is in the title itself (a report's title, a letter's subject) the title is shown
    once, with its matched words in bold.
    """
    parts = snippet_parts(hit.snippet)
    marked = "".join(
        f"<b>{html.escape(text)}</b>" if matched else html.escape(text) for text, matched in parts
    )
    plain = "".join(text for text, _ in parts)
    if plain and plain in hit.title:
        before, _, after = hit.title.partition(plain)
        return f"{html.escape(before)}{marked}{html.escape(after)}"
    return f"{html.escape(hit.title)}<br/><small>{marked}</small>"


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's HtmlRole text as rich text (bold matches), wrapped to the column width."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HtmlRole) or html.escape(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        width = option.rect.width()
        view = option.widget
        if width <= 0 and isinstance(view, QTreeWidget):  # asked for a size before layout
            width = view.viewport().width() - 2 * view.indentation()
        doc.setTextWidth(max(width, 200))
        return doc

    def paint(self, painter, option, index) -> None:
        if index.data(HtmlRole) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        if index.data(HtmlRole) is None:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchPage(Page):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("searchPage")
        self._last_open: tuple = (None, 0.0)
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(
            'Search reports, recommendations, responses and letters — "a phrase", OR, word*'
        )
        self.field.setAccessibleName("Search")
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.results = QTreeWidget()
        self.results.setObjectName("searchView")
        self.results.setAccessibleName("Search results")
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(True)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.itemClicked.connect(self._open)
        self.results.itemActivated.connect(self._open)
        self.body = EmptyState(self.results, "search")
        self.body.show_message(BEFORE_SEARCHING)
        self._limits: dict[str, int] = {}  # how many of each kind to show for the query shown
        self._query = ""
        self.open_action = action(self, "&Open", self._open_current, name="actionOpenResult")
        self.open_report_action = action(
            self, "Open its &report", self._open_current_report, name="actionOpenResultReport"
        )
        add_context_menu(self.results, self._commands)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._search_and_go_to_results)
        self.field.installEventFilter(self)  # Down goes from the words to the results
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Search</h2>"))
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.body, 1)

    def refresh(self) -> None:
        if self.field.text().strip():
            self.run_search()

    def focus_filter(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def focus_main(self) -> None:
        self.focus_filter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        ):
            return self.focus_results()
        return super().eventFilter(watched, event)

    def focus_results(self) -> bool:
        """Into the results, on the first hit unless one is current: then Enter opens it."""
        if self._timer.isActive() or self.field.text() != self._query:
            self.run_search()
        if self.results.topLevelItemCount() == 0:
            return False
        first = self._first_hit()
        if self._current_hit() is None and first is not None:
            self.results.setCurrentItem(first)
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _search_and_go_to_results(self) -> None:
        """Enter in the field: search now (no wait for the typing pause) and go to the first hit."""
        self.run_search()
        self.focus_results()

    def _first_hit(self) -> QTreeWidgetItem | None:
        for row in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(row)
            if group.childCount() and group.child(0).data(0, HitRole) is not None:
                return group.child(0)
        return None

    def search_for(self, text: str) -> None:
        self.field.setText(text)
        self.run_search()

    def run_search(self) -> None:
        """A new query: the best few of each kind, and how many there are of each."""
        self._timer.stop()
        self._query = self.field.text()
        self._limits = dict.fromkeys(KINDS, RESULTS_PER_KIND)
        self._load()

    def show_more(self, kind: str) -> None:
        self._limits[kind] = self._limits.get(kind, RESULTS_PER_KIND) + MORE_STEP
        self._load(keep=kind)

    def _load(self, keep: str = "") -> None:
        query = self._query
        self.results.clear()
        if not query.strip():
            self.status.clear()
            self.body.show_message(BEFORE_SEARCHING)
            self.show_status("")
            return
        try:
            hits = self.services.search.search(query, limit=max(self._limits.values()))
            totals = self.services.search.count(query)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Searching")
            return
        groups = [self._group(kind, [h for h in hits if h.kind == kind], totals[kind]) for kind in KINDS]
        groups = [g for g in groups if g is not None]
        self.results.addTopLevelItems(groups)
        for group in groups:
            group.setExpanded(True)
            if keep and group.data(0, MoreRole) == keep:
                self.results.scrollToItem(group.child(group.childCount() - 1))
        first = self._first_hit()
        if first is not None and not keep:  # a group's heading is not a result: Tab lands on the best hit
            self.results.setCurrentItem(first)
        found = sum(totals.values())
        self.body.show_message(None if found else NOTHING_FOUND.format(query=html.escape(query.strip())))
        summary = " · ".join(count(totals[k], NOUNS[k]) for k in KINDS if totals[k])
        self.status.setText(f"Found {summary}." if found else "Nothing found.")
        self.show_status(f"Found {summary}" if found else "Nothing found")

    def _group(self, kind: str, found: list[SearchHit], total: int) -> QTreeWidgetItem | None:
        shown = found[: self._limits.get(kind, RESULTS_PER_KIND)]
        if not shown:
            return None
        title = GROUP_TITLES[kind]
        group = QTreeWidgetItem(
            [f"{title} ({len(shown):,} of {total:,})" if total > len(shown) else f"{title} ({total:,})"]
        )
        group.setData(0, MoreRole, kind)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for hit in shown:
            child = QTreeWidgetItem(group, [hit.title])
            child.setData(0, HtmlRole, snippet_html(hit))
            child.setData(0, HitRole, hit)
            child.setToolTip(0, hit.title)
        if total > len(shown):
            if len(found) < self._limits.get(kind, RESULTS_PER_KIND):  # the search ranks so many, no more
                more = QTreeWidgetItem(group, [f"These are the best {len(shown):,}: add words to narrow it."])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            else:
                step = min(MORE_STEP, total - len(shown))
                more = QTreeWidgetItem(
                    group, [f"Show {step:,} more {title.lower()}… ({total - len(shown):,} not shown)"]
                )
                more.setData(0, MoreRole, kind)
            font = more.font(0)
            font.setItalic(True)
            more.setFont(0, font)
        return group

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HitRole)
        more = item.data(0, MoreRole) if item.childCount() == 0 else None
        now = time.monotonic()
        last, self._last_open = self._last_open, (hit or more, now)
        # a click and an activation (double-click, or one click on some desktops) open it once
        if (hit is None and more is None) or (last[0] == (hit or more) and now - last[1] < 0.6):
            return
        if more is not None:
            self.show_more(more)
            return
        self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        """Land on the result itself, not on the first row of its report or letter."""
        if hit.kind == "recommendation" and hit.report_id is not None:
            self.openRecommendation.emit(hit.report_id, hit.id)
        elif hit.kind == "response" and hit.letter_id is not None:
            self.openResponse.emit(hit.letter_id, hit.id)
        elif hit.kind == "letter" and hit.letter_id is not None:
            self.openLetter.emit(hit.letter_id)
        elif hit.report_id is not None:
            self.openReport.emit(hit.report_id)

    def _current_hit(self) -> SearchHit | None:
        item = self.results.currentItem()
        return item.data(0, HitRole) if item is not None else None

    def _open_current(self) -> None:
        hit = self._current_hit()
        if hit is not None:
            self.open_hit(hit)

    def _open_current_report(self) -> None:
        hit = self._current_hit()
        if hit is not None and hit.report_id is not None:
            self.openReport.emit(hit.report_id)

    def _commands(self) -> list[QAction | None]:
        hit = self._current_hit()
        self.open_action.setEnabled(hit is not None)
        self.open_report_action.setEnabled(
            hit is not None and hit.report_id is not None and hit.kind != "report"
        )
        return [self.open_action, self.open_report_action]
