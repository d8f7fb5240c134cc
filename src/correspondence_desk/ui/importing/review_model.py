"""The import review grid: the parser's proposal as an editable table whose every edit can be undone.

Rows are `ReviewItem`s (a stable id around a frozen `ProposedRecommendation`). The model never changes
its rows directly from a view: `setData` and the structural operations (split, merge, renumber, delete,
add, replace) push QUndoCommands onto `undo_stack`, and only those commands touch the rows.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing.proposal import ProposedAddressee, ProposedRecommendation
from correspondence_desk.core.records import POSITION_LABELS, AddresseeRole, BodyRecord, Position
from correspondence_desk.core.text import one_line
from correspondence_desk.ui.common.table_model import Column, RecordTableModel, date_key, natural_key

EditRole = Qt.ItemDataRole.EditRole
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # wrapped rows read from the top
PARTNER_PREFIX = "with "
_ids = itertools.count(1)


@dataclass(frozen=True)
class ReviewItem:
    id: int  # stable across edits, so undo, selection and the view can follow a row
    rec: ProposedRecommendation


def review_items(recs: Sequence[ProposedRecommendation]) -> list[ReviewItem]:
    return [ReviewItem(next(_ids), rec) for rec in recs]


def addressees_text(addressees: Sequence[ProposedAddressee]) -> str:
    """'Mayor of London; with Metropolitan Police Service': leads first, partners marked 'with'."""
    leads = [a.name for a in addressees if a.role == AddresseeRole.LEAD]
    partners = [PARTNER_PREFIX + a.name for a in addressees if a.role != AddresseeRole.LEAD]
    return "; ".join(leads + partners)


def find_body(bodies: Sequence[BodyRecord], name: str) -> BodyRecord | None:
    key = one_line(name).lower()
    for body in bodies:
        if key in {body.name.lower(), body.short_name.lower(), *(a.lower() for a in body.aliases)}:
            return body
    return None


def parse_addressees(text: str, bodies: Sequence[BodyRecord]) -> tuple[ProposedAddressee, ...]:
    """The inverse of addressees_text; names not in the register are kept (saving adds them)."""
    result: list[ProposedAddressee] = []
    for part in re.split(r"[;\n]", text):
        name = one_line(part)
        role = AddresseeRole.LEAD
        if name.lower().startswith(PARTNER_PREFIX):
            name, role = name[len(PARTNER_PREFIX) :].strip(), AddresseeRole.PARTNER
        if not name:
            continue
        body = find_body(bodies, name)
        added = ProposedAddressee(body.name, body.id, role) if body else ProposedAddressee(name, None, role)
        if all(a.name.lower() != added.name.lower() for a in result):
            result.append(added)
    return tuple(result)


def _join(first: str, second: str, sep: str) -> str:
    return sep.join(p for p in (first.strip(), second.strip()) if p)


def split_recommendation(
    rec: ProposedRecommendation, at: int
) -> tuple[ProposedRecommendation, ProposedRecommendation]:
    """Two items from one, cut at character `at` of its text; the deadline goes where its phrase is."""
    head, tail = rec.text[:at].strip(), rec.text[at:].strip()
    phrase = rec.deadline_phrase
    deadline_in_tail = bool(phrase) and phrase.lower() in tail.lower() and phrase.lower() not in head.lower()
    first = dataclasses.replace(
        rec,
        text=head,
        deadline=None if deadline_in_tail else rec.deadline,
        deadline_phrase="" if deadline_in_tail else rec.deadline_phrase,
    )
    second = dataclasses.replace(
        rec,
        number=f"{rec.number}a" if rec.number else "",
        text=tail,
        paragraph_ref="",
        deadline=rec.deadline if deadline_in_tail else None,
        deadline_phrase=rec.deadline_phrase if deadline_in_tail else "",
        response="",
        position=None,
    )
    return first, second


def merge_recommendations(a: ProposedRecommendation, b: ProposedRecommendation) -> ProposedRecommendation:
    names = {x.name.lower() for x in a.addressees}
    return dataclasses.replace(
        a,
        text=_join(a.text, b.text, "\n\n"),
        paragraph_ref=a.paragraph_ref
        if b.paragraph_ref in ("", a.paragraph_ref)
        else _join(a.paragraph_ref, b.paragraph_ref, ", "),
        addressees=a.addressees + tuple(x for x in b.addressees if x.name.lower() not in names),
        deadline=a.deadline or b.deadline,
        deadline_phrase=a.deadline_phrase if a.deadline or a.deadline_phrase else b.deadline_phrase,
        response=_join(a.response, b.response, "\n\n"),
        position=a.position or b.position,
    )


def problems(items: Sequence[ReviewItem]) -> list[str]:
    """What must be fixed before saving (the services would refuse it)."""
    found: list[str] = []
    seen: dict[str, int] = {}
    for row, item in enumerate(items, start=1):
        number = item.rec.number.strip()
        if not number:
            found.append(f"Row {row} has no number (Renumber gives every row one).")
        elif number in seen:
            found.append(
                f"Number {number} is used twice (rows {seen[number]} and {row}); renumber or edit it."
            )
        else:
            seen[number] = row
        if not item.rec.text.strip():
            found.append(f"Row {row} ({number or 'no number'}) has no text; type it or delete the row.")
    return found


# --- undo commands ---------------------------------------------------------------------------------


class _EditCommand(QUndoCommand):
    def __init__(self, model: ProposalModel, before: ReviewItem, after: ReviewItem, text: str) -> None:
        super().__init__(text)
        self._model, self._before, self._after = model, before, after

    def redo(self) -> None:
        self._model._put(self._after)

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
    return "Not in the bodies register yet (saving adds them): " + ", ".join(new) if new else ""


def _position_label(value: Position | None) -> str:
    return POSITION_LABELS[value] if value else ""


class ProposalModel(RecordTableModel[ReviewItem]):
    NUMBER, TEXT, ADDRESSEES, DEADLINE, PHRASE, PARAGRAPH, RESPONSE, POSITION = range(8)
    COLUMNS = (
        Column("No.", lambda i: i.rec.number, sort=lambda i: natural_key(i.rec.number), align=TOP_LEFT),
        Column("Recommendation", lambda i: i.rec.text, align=TOP_LEFT, tooltip=lambda i: i.rec.text[:2000]),
        Column(
            "Addressees",
            lambda i: addressees_text(i.rec.addressees),
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
        Column("Position", lambda i: _position_label(i.rec.position), align=TOP_LEFT),
    )
    RESPONSE_COLUMNS = (RESPONSE, POSITION)

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
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def extra_data(self, item: ReviewItem, column: int, role: int) -> Any:
        if role == EditRole:
            if column == self.DEADLINE:
                return long_date(item.rec.deadline)
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
        self.edit(index.row(), f"Edit {self.COLUMNS[index.column()].title.lower()}", **changes)
        return True

    def _changes(self, column: int, value: Any) -> dict[str, Any]:
        if column == self.NUMBER:
            return {"number": one_line(str(value))}
        if column == self.TEXT:
            return {"text": str(value).strip()}
        if column == self.ADDRESSEES:
            return {"addressees": parse_addressees(str(value), self.bodies)}
        if column == self.DEADLINE:
            return {"deadline": parse_date(str(value), "deadline")}
        if column == self.PHRASE:
            return {"deadline_phrase": one_line(str(value))}
        if column == self.PARAGRAPH:
            return {"paragraph_ref": one_line(str(value))}
        if column == self.RESPONSE:
            return {"response": str(value).strip()}
        if column == self.POSITION:
            return {"position": _position_from(value)}
        raise ValidationError("That column cannot be edited.")

    def edit(self, row: int, undo_text: str = "Edit", **changes: Any) -> bool:
        """Change fields of one row (undoably). False if nothing actually changed."""
        before = self._records[row]
        after = ReviewItem(before.id, dataclasses.replace(before.rec, **changes))
        if after == before:
            return False
        self.undo_stack.push(_EditCommand(self, before, after, undo_text))
        return True

    def split(self, row: int, at: int) -> bool:
        rec = self._records[row].rec
        if not 0 < at < len(rec.text) or not rec.text[:at].strip() or not rec.text[at:].strip():
            self.problem.emit("Put the cursor in the text where the new recommendation should begin.")
            return False
        first, second = split_recommendation(rec, at)
        items = self.records()
        items[row : row + 1] = [ReviewItem(items[row].id, first), ReviewItem(next(_ids), second)]
        self._push_replace(items, f"Split {rec.number}", row + 1, row)
        return True

    def merge_with_next(self, row: int) -> bool:
        if not 0 <= row < len(self._records) - 1:
            self.problem.emit("Select a recommendation that has another one after it to merge with.")
            return False
        items = self.records()
        a, b = items[row], items[row + 1]
        items[row : row + 2] = [ReviewItem(a.id, merge_recommendations(a.rec, b.rec))]
        self._push_replace(items, f"Merge {a.rec.number} with {b.rec.number}", row, row)
        return True

    def renumber(self, focus: int | None = None) -> bool:
        items = [
            ReviewItem(i.id, dataclasses.replace(i.rec, number=str(n)))
            for n, i in enumerate(self._records, 1)
        ]
        if items == self._records:
            return False
        self._push_replace(items, "Renumber", focus, focus)
        return True

    def delete(self, rows: Sequence[int]) -> bool:
        doomed = sorted({r for r in rows if 0 <= r < len(self._records)})
        if not doomed:
            return False
        items = [item for row, item in enumerate(self._records) if row not in doomed]
        focus = min(doomed[0], len(items) - 1) if items else None
        label = f"Delete {self._records[doomed[0]].rec.number}" if len(doomed) == 1 else "Delete rows"
        self._push_replace(items, label, focus, doomed[0])
        return True

    def insert_after(self, row: int) -> int:
        """Add an empty recommendation after `row` (-1: at the top); returns its row."""
        numbers = {i.rec.number for i in self._records}
        number = next(str(n) for n in itertools.count(len(self._records) + 1) if str(n) not in numbers)
        items = self.records()
        items.insert(row + 1, ReviewItem(next(_ids), ProposedRecommendation(number=number, text="")))
        self._push_replace(items, "Add recommendation", row + 1, row if row >= 0 else None)
        return row + 1

    def replace_all(self, recs: Sequence[ProposedRecommendation], text: str = "Find recommendations") -> None:
        """A new proposal (e.g. re-run with responses); undoable like any other change."""
        self._push_replace(review_items(recs), text, 0 if recs else None, None)

    def load(self, recs: Sequence[ProposedRecommendation]) -> None:
        """The first proposal: not an edit, so it cannot be undone and leaves the stack clean."""
        self.set_records(review_items(recs))
        self.undo_stack.clear()

    def _push_replace(self, items: list[ReviewItem], text: str, focus: int | None, old: int | None) -> None:
        self.undo_stack.push(_ReplaceCommand(self, self.records(), items, text, focus, old))

    # --- applied by the commands only --------------------------------------------------------

    def _put(self, item: ReviewItem) -> None:
        row = self.row_of(item.id)
        self.replace_record(item)
        self.focus_requested.emit(row)

    def _replace(self, items: list[ReviewItem], focus: int | None) -> None:
        self.set_records(items)
        if focus is not None and 0 <= focus < len(items):
            self.focus_requested.emit(focus)


def _position_from(value: Any) -> Position | None:
    if isinstance(value, Position) or value is None:
        return value
    text = one_line(str(value)).lower()
    if not text:
        return None
    for position, label in POSITION_LABELS.items():
        if text in {label.lower(), position.value}:
            return position
    raise ValidationError(f"“{value}” is not a response position.")


def locate(source: str, text: str) -> tuple[int, int] | None:
    """Where a recommendation's text sits in the source: (start, end) or None.

    The parser re-joins wrapped lines and drops page furniture, so the match is on words with any
    run of spaces, punctuation or line breaks between them, first by the opening words, then the end.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    for n in (8, 5, 3):
        head = _words_pattern(words[:n])
        found = re.search(head, source, re.IGNORECASE)
        if found:
            start, end = found.start(), found.end()
            if len(words) > n:
                tail = re.search(
                    _words_pattern(words[-min(6, len(words) - n) :]), source[end:], re.IGNORECASE
                )
                if tail and tail.end() < len(text) * 2 + 400:
                    end += tail.end()
            return start, end
    return None


def _words_pattern(words: Sequence[str]) -> str:
    return r"\W+".join(re.escape(w) for w in words)
