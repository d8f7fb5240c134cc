"""Search everything (Ctrl+Shift+F): results grouped by kind, the matched words in bold, and one
click (or Enter) opens the report or letter a result belongs to.

Signals: `openReport(int)` and `openLetter(int)`, connected by the main window.
"""

from __future__ import annotations

import html
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
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
from correspondence_desk.core.vocabulary import SEARCH_KINDS as KINDS
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.page import Page

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

HtmlRole = Qt.ItemDataRole.UserRole
HitRole = Qt.ItemDataRole.UserRole + 1
TYPING_PAUSE_MS = 250
RESULTS_PER_KIND = 25  # the best few of each kind: more words narrow it better than scrolling
GROUP_TITLES = {
    "report": "Reports",
    "recommendation": "Recommendations",
    "response": "Responses",
    "letter": "Letters",
}


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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.run_search)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Search</h2>"))
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def refresh(self) -> None:
        if self.field.text().strip():
            self.run_search()

    def focus_filter(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def focus_main(self) -> None:
        self.focus_filter()

    def search_for(self, text: str) -> None:
        self.field.setText(text)
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.field.text()
        self.results.clear()
        if not query.strip():
            self.status.clear()
            return
        try:
            hits = self.services.search.search(query, limit=RESULTS_PER_KIND)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Searching")
            return
        groups = []
        for kind in KINDS:
            found = [h for h in hits if h.kind == kind]
            if not found:
                continue
            group = QTreeWidgetItem([f"{GROUP_TITLES[kind]} ({len(found)})"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for hit in found:
                child = QTreeWidgetItem(group, [hit.title])
                child.setData(0, HtmlRole, snippet_html(hit))
                child.setData(0, HitRole, hit)
                child.setToolTip(0, hit.title)
            groups.append(group)
        self.results.addTopLevelItems(groups)
        for group in groups:
            group.setExpanded(True)
        self.status.setText(f"{len(hits)} results" if hits else "Nothing found.")

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HitRole)
        now = time.monotonic()
        last, self._last_open = self._last_open, (hit, now)
        # a click and an activation (double-click, or one click on some desktops) open it once
        if hit is None or (last[0] == hit and now - last[1] < 0.6):
            return
        if hit.kind in ("response", "letter") and hit.letter_id is not None:
            self.openLetter.emit(hit.letter_id)
        elif hit.report_id is not None:
            self.openReport.emit(hit.report_id)
