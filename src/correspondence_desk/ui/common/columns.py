"""Column widths that let the text win: on a small screen the title or the recommendation is what
people read, so short columns take only what their contents need, an empty column only its heading,
and the text columns share the rest.

    ColumnFitter(view, text={TITLE: 1}, short={REFERENCE: (70, 0.14), COMMITTEE: (90, 0.18)})

`short` maps a column to (fewest pixels, largest fraction of the width); a column named in neither
keeps the width it has. The widths are worked out again when the view is resized and when its rows
change; a person can still drag a column wider until then.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 18  # px beside a cell's text (margins, the sort arrow's room)
ROWS_MEASURED = 60  # before the view is laid out: the first rows stand for the rest
TEXT_SHARE = 0.4  # the text columns keep at least this much of the width before short columns give way


class ColumnFitter(QObject):
    def __init__(
        self,
        view: QTableView,
        text: dict[int, float],
        short: dict[int, tuple[int, float]],
        *,
        text_min: int = 160,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._text = text
        self._short = short
        self._text_min = text_min
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (*text, *short):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._needed: dict[int, int] = {}  # measured once per change of the rows, not per resize
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged):
            signal.connect(self._timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def refit(self) -> None:
        """The rows changed: measure the short columns again."""
        self._needed.clear()
        self.fit()

    def needed(self, column: int) -> int:
        """What a short column needs: its widest cell on screen, and never less than its heading."""
        if column in self._needed:
            return self._needed[column]
        view = self._view
        heading = view.horizontalHeader().sectionSizeFromContents(column).width()
        widest = self._widest_text(column)
        self._needed[column] = max(heading, widest + PADDING if widest else 0)
        return self._needed[column]

    def _widest_text(self, column: int) -> int:
        """The widest text of the column on the rows on screen (or the first rows, before it is shown):
        measured here, as QTableView.sizeHintForColumn would read every row of a hidden table."""
        view, model = self._view, self._view.model()
        rows = model.rowCount()
        if not rows:
            return 0
        first = max(0, view.rowAt(0))
        last = view.rowAt(view.viewport().height() - 1)
        if last < 0 or not view.isVisible():
            last = min(rows - 1, first + ROWS_MEASURED)
        metrics = view.fontMetrics()
        widest = 0
        for row in range(first, last + 1):
            text = model.index(row, column).data()
            if text:
                widest = max(widest, *(metrics.horizontalAdvance(line) for line in str(text).splitlines()))
        return widest

    def fit(self) -> None:
        view = self._view
        width = view.viewport().width()
        if width <= 0:
            return
        shown = [c for c in self._short if not view.isColumnHidden(c)]
        wants: dict[int, int] = {}
        floors: dict[int, int] = {}  # how far each gives way when the text needs the room
        for c in shown:
            fewest, share = self._short[c]
            need = self.needed(c)
            # what its cells need, up to its share; an empty column only its heading
            wants[c] = max(min(need, int(width * share)), min(fewest, need))
            floors[c] = min(fewest, wants[c])
        others = sum(
            view.columnWidth(c)
            for c in range(view.model().columnCount())
            if c not in self._text and c not in self._short and not view.isColumnHidden(c)
        )
        text = [c for c in self._text if not view.isColumnHidden(c)]
        room = width - others - sum(wants.values())
        floor = max(self._text_min * len(text), int(width * TEXT_SHARE)) if text else 0
        if room < floor and wants:
            # Short columns give way down to their floor (then their cells are elided).
            spare = sum(w - floors[c] for c, w in wants.items())
            cut = min(spare, floor - room)
            for c, w in wants.items():
                wants[c] = w - (int(cut * (w - floors[c]) / spare) if spare else 0)
            room = width - others - sum(wants.values())
        for column, wanted in wants.items():
            view.setColumnWidth(column, wanted)
        weights = sum(self._text[c] for c in text) or 1.0
        for column in text:
            view.setColumnWidth(column, max(self._text_min, int(room * self._text[column] / weights)))
