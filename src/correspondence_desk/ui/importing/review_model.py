"""The import review grid: the parser's proposal as an editable table whose every edit can be undone.

Rows are `ReviewItem`s (a stable id around a frozen `ProposedRecommendation`). The model never changes
its rows directly from a view: `setData` and the structural operations (split, merge, renumber, delete,
add, replace) push QUndoCommands onto `undo_stack`, and only those commands touch the rows. What each
correction does to the recommendations is `core.importing.review`'s (pure functions, tested alone).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QUndoCommand, QUndoStack

from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing import review
from correspondence_desk.core.importing.proposal import ProposedAddressee, ProposedRecommendation
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.core.text import one_line
from correspondence_desk.ui.common.table_model import Column, RecordTableModel, date_key, natural_key

EditRole = Qt.ItemDataRole.EditRole
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # wrapped rows read from the top
_ids = itertools.count(1)
# what an edit of each column is called in Edit › Undo ("Undo edit of recommendation 3's text")
COLUMN_WORDS = (
    "number",
    "text",
    "addressees",
    "deadline",
    "deadline as worded",
    "paragraph",
    "response",
    "position",
    "confidence",
    "how it was found",
)
UNSURE_BACKGROUND = QColor("#fff4ce")  # the banner's amber: "read this one against the source"


@dataclass(frozen=True)
class ReviewItem:
    id: int  # stable across edits, so undo, selection and the view can follow a row
    rec: ProposedRecommendation


def review_items(recs: Sequence[ProposedRecommendation]) -> list[ReviewItem]:
    return [ReviewItem(next(_ids), rec) for rec in recs]


# --- undo commands ---------------------------------------------------------------------------------


class _EditCommand(QUndoCommand):
    """One row's fields changed. The edit itself selects nothing (the person may be moving on to
    another row, which is what saved it); its undo and redo select the row they change."""

    def __init__(self, model: ProposalModel, before: ReviewItem, after: ReviewItem, text: str) -> None:
        super().__init__(text)
        self._model, self._before, self._after = model, before, after
        self._done_once = False

    def redo(self) -> None:
        self._model._put(self._after, focus=self._done_once)
        self._done_once = True

    def undo(self) -> None:
        self._model._put(self._before)


class _ReplaceCommand(QUndoCommand):
    """Any change of the list's shape: rows before and after, and the row to select afterwards."""

    def __init__(
        self,
        model: ProposalModel,
        before: list[ReviewItem],
        after: list[ReviewItem],
        text: str,
        focus_after: int | None,
        focus_before: int | None,
    ) -> None:
        super().__init__(text)
        self._model, self._before, self._after = model, before, after
        self._focus_after, self._focus_before = focus_after, focus_before

    def redo(self) -> None:
        self._model._replace(self._after, self._focus_after)

    def undo(self) -> None:
        self._model._replace(self._before, self._focus_before)


# --- the model -------------------------------------------------------------------------------------


def _new_bodies_tip(addressees: Sequence[ProposedAddressee]) -> str:
    new = [a.name for a in addressees if a.body_id is None]
    return "Not in the bodies register (saving asks what each is): " + ", ".join(new) if new else ""


def _why_tip(rec: ProposedRecommendation) -> str:
    sure = f"The parser is {round(rec.confidence * 100)}% sure of this one"
    if review.is_unsure(rec):
        sure += ": read it against the source (highlighted on the left)"
    return f"{sure}.\nHow it was found: {rec.why or 'typed or added in the review'}."


class ProposalModel(RecordTableModel[ReviewItem]):
    NUMBER, TEXT, ADDRESSEES, DEADLINE, PHRASE, PARAGRAPH, RESPONSE, POSITION, SURE, WHY = range(10)
    COLUMNS = (
        Column("No.", lambda i: i.rec.number, sort=lambda i: natural_key(i.rec.number), align=TOP_LEFT),
        Column("Recommendation", lambda i: i.rec.text, align=TOP_LEFT, tooltip=lambda i: i.rec.text[:2000]),
        Column(
            "Addressees",
            lambda i: review.addressees_text(i.rec.addressees),
            align=TOP_LEFT,
            tooltip=lambda i: _new_bodies_tip(i.rec.addressees),
        ),
        Column(
            "Deadline",
            lambda i: long_date(i.rec.deadline),
            sort=lambda i: date_key(i.rec.deadline),
            align=TOP_LEFT,
        ),
        Column("Deadline phrase", lambda i: i.rec.deadline_phrase, align=TOP_LEFT),
        Column(
            "Para.",
            lambda i: i.rec.paragraph_ref,
            sort=lambda i: natural_key(i.rec.paragraph_ref),
            align=TOP_LEFT,
        ),
        Column("Response", lambda i: i.rec.response, align=TOP_LEFT),
        Column("Position", lambda i: i.rec.position.label if i.rec.position else "", align=TOP_LEFT),
        # how sure the parser is and why it took the item: read-only, the person's edits never change it
        Column(
            "Sure",
            lambda i: review.confidence_text(i.rec),
            sort=lambda i: i.rec.confidence,
            align=TOP_LEFT,
            tooltip=lambda i: _why_tip(i.rec),
        ),
        Column("How found", lambda i: i.rec.why, align=TOP_LEFT, tooltip=lambda i: _why_tip(i.rec)),
    )
    RESPONSE_COLUMNS = (RESPONSE, POSITION)
    READ_ONLY = (SURE, WHY)

    problem = Signal(str)  # an edit was refused: why, in plain words
    focus_requested = Signal(int)  # after an undoable change: the row to select

    def __init__(self, bodies: Sequence[BodyRecord] = (), parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self.bodies = list(bodies)
        self.undo_stack = QUndoStack(self)

    # --- reading ------------------------------------------------------------------------------

    def recommendations(self) -> tuple[ProposedRecommendation, ...]:
        return tuple(item.rec for item in self._records)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or index.column() in self.READ_ONLY:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def unsure_rows(self) -> list[int]:
        """The rows the parser is unsure of, in order."""
        return [row for row, item in enumerate(self._records) if review.is_unsure(item.rec)]

    def extra_data(self, item: ReviewItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column in (self.NUMBER, self.SURE):
            return UNSURE_BACKGROUND if review.is_unsure(item.rec) else None
        if role == EditRole:
            if column == self.DEADLINE:
                return long_date(item.rec.deadline)
            if column == self.POSITION:  # the choice delegate's value: the enum's value, "" for none
                return item.rec.position.value if item.rec.position else ""
            return self.COLUMNS[column].display(item)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == self.TEXT:
            return self._records[index.row()].rec.text.replace("\n\n", "\n")
        return super().data(index, role)

    # --- editing (all through the undo stack) ------------------------------------------------

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EditRole) -> bool:
        if role != EditRole or not index.isValid():
            return False
        try:
            changes = self._changes(index.column(), "" if value is None else value)
        except ValidationError as exc:
            self.problem.emit(str(exc))
            return False
        self.edit(index.row(), self.edit_text(index.row(), COLUMN_WORDS[index.column()]), **changes)
        return True

    def _changes(self, column: int, value: Any) -> dict[str, Any]:
        if column == self.NUMBER:
            return {"number": one_line(str(value))}
        if column == self.TEXT:
            return {"text": str(value).strip()}
        if column == self.ADDRESSEES:
            return {"addressees": review.parse_addressees(str(value), self.bodies)}
        if column == self.DEADLINE:
            return {"deadline": parse_date(str(value), "deadline")}
        if column == self.PHRASE:
            return {"deadline_phrase": one_line(str(value))}
        if column == self.PARAGRAPH:
            return {"paragraph_ref": one_line(str(value))}
        if column == self.RESPONSE:
            return {"response": str(value).strip()}
        if column == self.POSITION:
            return {"position": review.position_from(value)}
        raise ValidationError("That column cannot be edited.")

    def edit_text(self, row: int, what: str) -> str:
        """The undo step's name for an edit of one field of a row: "edit of recommendation 3's text"."""
        number = self._records[row].rec.number.strip()
        return f"edit of recommendation {number}'s {what}" if number else f"edit of row {row + 1}'s {what}"

    def edit(self, row: int, undo_text: str = "edit", **changes: Any) -> bool:
        """Change fields of one row (undoably). False if nothing actually changed."""
        before = self._records[row]
        after = ReviewItem(before.id, dataclasses.replace(before.rec, **changes))
        if after == before:
            return False
        self.undo_stack.push(_EditCommand(self, before, after, undo_text))
        return True

    def split(self, row: int, at: int) -> bool:
        rec = self._records[row].rec
        if not review.can_split(rec, at):
            self.problem.emit("Put the cursor in the text where the new recommendation should begin.")
            return False
        first, second = review.split_recommendation(rec, at)
        items = self.records()
        items[row : row + 1] = [ReviewItem(items[row].id, first), ReviewItem(next(_ids), second)]
        self._push_replace(items, f"split of recommendation {rec.number}", row + 1, row)
        return True

    def merge_with_next(self, row: int) -> bool:
        if not 0 <= row < len(self._records) - 1:
            self.problem.emit("Select a recommendation that has another one after it to merge with.")
            return False
        items = self.records()
        a, b = items[row], items[row + 1]
        items[row : row + 2] = [ReviewItem(a.id, review.merge_recommendations(a.rec, b.rec))]
        self._push_replace(items, f"merge of recommendations {a.rec.number} and {b.rec.number}", row, row)
        return True

    def renumber(self, focus: int | None = None, start: int = 1) -> bool:
        """Number the rows start, start + 1… (1 for a new report; after the existing ones when adding)."""
        recs = review.renumbered(self.recommendations())
        if start != 1:
            recs = tuple(dataclasses.replace(r, number=str(int(r.number) + start - 1)) for r in recs)
        items = [ReviewItem(i.id, rec) for i, rec in zip(self._records, recs, strict=True)]
        if items == self._records:
            return False
        self._push_replace(items, "renumbering", focus, focus)
        return True

    def delete(self, rows: Sequence[int]) -> bool:
        doomed = sorted({r for r in rows if 0 <= r < len(self._records)})
        if not doomed:
            return False
        items = [item for row, item in enumerate(self._records) if row not in doomed]
        focus = min(doomed[0], len(items) - 1) if items else None
        label = (
            f"deletion of recommendation {self._records[doomed[0]].rec.number}"
            if len(doomed) == 1
            else f"deletion of {len(doomed)} recommendations"
        )
        self._push_replace(items, label, focus, doomed[0])
        return True

    def insert_after(self, row: int) -> int:
        """Add an empty recommendation after `row` (-1: at the top); returns its row."""
        number = review.next_number(self.recommendations())
        items = self.records()
        new = ProposedRecommendation(number=number, text="", why="added in the review")
        items.insert(row + 1, ReviewItem(next(_ids), new))
        self._push_replace(items, "addition of a recommendation", row + 1, row if row >= 0 else None)
        return row + 1

    def replace_all(
        self, recs: Sequence[ProposedRecommendation], text: str = "finding the recommendations"
    ) -> None:
        """A new proposal (e.g. re-run with responses); undoable like any other change."""
        self._push_replace(review_items(recs), text, 0 if recs else None, None)

    def load(self, recs: Sequence[ProposedRecommendation]) -> None:
        """The first proposal: not an edit, so it cannot be undone and leaves the stack clean."""
        self.set_records(review_items(recs))
        self.undo_stack.clear()

    def _push_replace(self, items: list[ReviewItem], text: str, focus: int | None, old: int | None) -> None:
        self.undo_stack.push(_ReplaceCommand(self, self.records(), items, text, focus, old))

    # --- applied by the commands only --------------------------------------------------------

    def _put(self, item: ReviewItem, focus: bool = True) -> None:
        row = self.row_of(item.id)
        self.replace_record(item)
        if focus:
            self.focus_requested.emit(row)

    def _replace(self, items: list[ReviewItem], focus: int | None) -> None:
        self.set_records(items)
        if focus is not None and 0 <= focus < len(items):
            self.focus_requested.emit(focus)
