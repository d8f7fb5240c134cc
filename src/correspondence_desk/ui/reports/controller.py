"""The open report and every change made to it: saved at once, undoable, with no widget in sight.

Each change goes through the services with the record's version (a colleague's change is reported,
never overwritten) and is pushed on `undo_stack` as a step that has already been done. Undoing a
delete re-creates the recommendation under a new id, and SQLite may later hand its old id to
another one; so steps name a recommendation by a `RecRef` that follows it, never by a bare id
(undo_steps.py).

The view (ReportEditor) shows what the signals say and answers the one question asked here
(`ask_reason`, when a date someone relied on moves). It is the only thing that talks to people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ConflictError, DeskError, ImportFailedError
from correspondence_desk.core.records import (
    UNCHANGED,
    Addressee,
    BodyRecord,
    NewRecommendation,
    ProgressUpdateRecord,
    RecommendationRecord,
    ReportDetail,
)
from correspondence_desk.core.vocabulary import DATES_NEEDING_REASON
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel
from correspondence_desk.ui.reports.undo_steps import RecRef, RecRefs, Step
from correspondence_desk.ui.reports.update_dialog import UpdateInput

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

UNDO_REASON = "Undo of an earlier change in the app"
REDO_REASON = "Redo of a change undone in the app"
REPORT_FIELDS = (
    "reference",
    "title",
    "committee",
    "status",
    "notes",
    "published",
    "received",
    "response_due",
)

# The undo steps are named so "Undo …" and "Redo …" in the Edit menu read as English.
FIELD_WORDS = {
    "label": "number",
    "text": "text",
    "addressees": "addressees",
    "deadline": "deadline",
    "owner": "owner",
    "position": "position",
    "progress": "progress",
}

AskReason = Callable[[str, dt.date], str]  # (what is changing, its old date) → reason, "" to cancel


def saved_values(detail: ReportDetail) -> dict[str, Any]:
    """The report's details as saved, keyed like the form's fields."""
    return {field: getattr(detail, field) for field in REPORT_FIELDS}


def as_new(record: RecommendationRecord) -> NewRecommendation:
    """What re-creates a deleted recommendation as it was."""
    return NewRecommendation(
        label=record.label,
        text=record.text,
        paragraph_ref=record.paragraph_ref,
        addressees=[Addressee(a.body_id, a.role) for a in record.addressees],
        deadline=record.deadline,
        deadline_phrase=record.deadline_phrase,
        owner=record.owner,
        position=record.position,
        progress=record.progress,
        response_due=record.response_due,
        target_date=record.target_date,
    )


class ReportController(QObject):
    """Signals: `loaded(detail)` a report to show afresh; `refreshed(detail)` a fresher copy (the form
    keeps what was typed but not saved); `changed()` after any saved change; `failed(error, doing)`;
    `selectRequested(rec_id)` a recommendation just added or brought back; `updated(rec_id)` a progress
    update was recorded."""

    loaded = Signal(object)
    refreshed = Signal(object)
    changed = Signal()
    failed = Signal(object, str)
    selectRequested = Signal(int)
    updated = Signal(int)  # a recommendation's progress history grew

    def __init__(self, services: Services, ask_reason: AskReason, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._ask_reason = ask_reason
        self.detail: ReportDetail | None = None
        self.refs = RecRefs()
        self.undo_stack = QUndoStack(self)
        self.model = RecommendationsModel(editor=self.edit_recommendation, parent=self)
        self._bodies: list[BodyRecord] | None = None

    # --- reading ------------------------------------------------------------------------------

    def load(self, report_id: int) -> None:
        """Show a report; the undo history belongs to one report, so it starts afresh."""
        detail = self._services.reports.get(report_id)
        self.undo_stack.clear()
        self.refs.clear()
        self._bodies = None
        self._show(detail)
        self.loaded.emit(detail)

    def reload(self) -> None:
        if self.detail is None:
            return
        fresh = self._services.reports.get(self.detail.id)
        self._show(fresh)
        self.refreshed.emit(fresh)

    def _show(self, detail: ReportDetail) -> None:
        self.detail = detail
        self.model.set_records(sorted(detail.recommendations, key=lambda r: r.sort_order))
        self.refs.keep_only({r.id for r in detail.recommendations})

    def committees(self) -> list[str]:
        return [c.name for c in self._services.committees.list()]

    def bodies(self) -> list[BodyRecord]:
        """The register, read once per report opened (the addressee editor lists it)."""
        if self._bodies is None:
            self._bodies = self._services.bodies.list()
        return self._bodies

    # --- report details -----------------------------------------------------------------------

    def save_details(self, new: dict[str, Any]) -> bool:
        """Save the details that changed (`new`) as one undoable step."""
        if self.detail is None:
            return False
        if not new:
            return True
        old = {k: saved_values(self.detail)[k] for k in new}
        reason = ""
        if "response_due" in new and old["response_due"] is not None:
            reason = self._ask_reason("the response due date", old["response_due"])
            if not reason:
                return False
        return self._save_report(new, reason) and self._step(
            "edit of the report's details",
            lambda: self._save_report(new, REDO_REASON),
            lambda: self._save_report(old, UNDO_REASON),
        )

    def _save_report(self, values: dict[str, Any], reason: str = "") -> bool:
        assert self.detail is not None
        try:
            detail = self._services.reports.update(
                self.detail.id, version=self.detail.version, reason=reason, **values
            )
        except DeskError as error:
            self._failed(error, "Saving the report")
            return False
        self._show(detail)
        self.loaded.emit(detail)
        self.changed.emit()
        return True

    def store_source(self, report_id: int, path: Path) -> ReportDetail:
        """Keep a file with the report. Plain work, safe on a worker thread (it touches no Qt state)."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFailedError(f"Cannot read {path}: {error.strerror or error}.") from error
        return self._services.reports.set_source(report_id, path.name, data)

    def source_stored(self, detail: ReportDetail) -> None:
        """Back on the GUI thread: show the stored file, keeping details typed but not saved."""
        if self.detail is not None and self.detail.id == detail.id:
            self._show(detail)
            self.refreshed.emit(detail)

    # --- recommendations ----------------------------------------------------------------------

    def _record(self, ref: RecRef) -> RecommendationRecord:
        row = -1 if ref.id is None else self.model.row_of(ref.id)
        if row < 0:
            raise ConflictError("This recommendation is no longer in the report.")
        return self.model.record(row)

    def edit_recommendation(self, record: RecommendationRecord, field: str, value: Any) -> bool:
        """Called by the model when a cell is edited: save, then record the undo step."""
        old: Any = [a.body_id for a in record.addressees] if field == "addressees" else getattr(record, field)
        if old == value:
            return False
        name = FIELD_WORDS.get(field, field.replace("_", " "))
        reason = ""
        if field in DATES_NEEDING_REASON and old is not None:
            reason = self._ask_reason(f"the {name} of recommendation {record.label}", old)
            if not reason:
                return False
        ref = self.refs.of(record.id)
        return self._save_rec(ref, field, value, reason) and self._step(
            f"edit of recommendation {record.label}'s {name}",
            lambda: self._save_rec(ref, field, value, REDO_REASON),
            lambda: self._save_rec(ref, field, old, UNDO_REASON),
        )

    def _save_rec(self, ref: RecRef, field: str, value: Any, reason: str = "") -> bool:
        try:
            record = self._record(ref)
            if field == "addressees":
                value = [Addressee(b) for b in value]
            fresh = self._services.reports.update_recommendation(
                record.id, version=record.version, reason=reason, **{field: value}
            )
        except DeskError as error:
            self._failed(error, "Saving the recommendation")
            return False
        self.model.replace_record(fresh)
        self.changed.emit()
        return True

    # --- progress updates ---------------------------------------------------------------------

    def history(self, rec_id: int) -> tuple[ProgressUpdateRecord, ...]:
        return self._services.updates.history(rec_id)

    def record_update(self, record: RecommendationRecord, update: UpdateInput) -> bool:
        """Add a dated progress update as one undoable step. The history is never rewritten: undo adds
        an update that puts the progress and target date back (saying so), redo records it again."""
        ref = self.refs.of(record.id)
        old_progress, old_target = record.progress, record.target_date
        if not self._record_update(ref, update, update.update_date):
            return False

        def undo() -> object:
            note = f"The update of {long_date(update.update_date)} was undone in the app."
            moved = update.target_changed and update.target_date != old_target
            back = UpdateInput(old_progress, note, old_target, moved, UNDO_REASON, "", dt.date.today())
            return self._record_update(ref, back, None)

        return self._step(
            f"progress update of recommendation {record.label}",
            lambda: self._record_update(ref, update, None),  # dated today: the undo came after it
            undo,
        )

    def _record_update(self, ref: RecRef, update: UpdateInput, day: dt.date | None) -> bool:
        try:
            record = self._record(ref)
            target = update.target_date if update.target_changed else UNCHANGED
            if update.progress is None and record.progress is not None:
                # back to "no RAG yet": only an edit of the recommendation can clear it
                self._services.reports.update_recommendation(
                    record.id, version=record.version, reason=update.reason, progress=None,
                    **({} if target is UNCHANGED else {"target_date": target}),
                )  # fmt: skip
            else:
                self._services.updates.record(
                    record.id, progress=update.progress, text=update.text, target_date=target,
                    reason=update.reason, owner=update.owner or None, update_date=day,
                    version=record.version,
                )  # fmt: skip
            fresh = self._services.reports.get_recommendation(record.id)
        except DeskError as error:
            self._failed(error, "Recording the update")
            return False
        self.model.replace_record(fresh)
        self.updated.emit(fresh.id)
        self.changed.emit()
        return True

    def add(self, item: NewRecommendation, at: int | None = None) -> bool:
        """Add a recommendation (at the end, or at row `at`) as one undoable step."""
        created = self._create(item, at)
        if created is None:
            return False
        ref = self.refs.of(created.id)
        return self._step(
            f"addition of recommendation {item.label}",
            lambda: self._recreate(ref, item, at),
            lambda: self._delete(ref),
        )

    def delete(self, record: RecommendationRecord) -> bool:
        """Delete a recommendation as one undoable step (undo brings it back in its place)."""
        at, item, ref = self.model.row_of(record.id), as_new(record), self.refs.of(record.id)
        return self._delete(ref) and self._step(
            f"deletion of recommendation {record.label}",
            lambda: self._delete(ref),
            lambda: self._recreate(ref, item, at),
        )

    def move(self, record: RecommendationRecord, step: int) -> bool:
        """Move a recommendation `step` rows (-1 up, 1 down) as one undoable step."""
        before = [self.refs.of(r.id) for r in self.model.records()]
        row = self.model.row_of(record.id)
        if not 0 <= row + step < len(before):
            return False
        after = list(before)
        after[row], after[row + step] = after[row + step], after[row]
        return self._reorder(after) and self._step(
            f"move of recommendation {record.label} {'up' if step < 0 else 'down'}",
            lambda: self._reorder(after),
            lambda: self._reorder(before),
        )

    def _create(self, item: NewRecommendation, at: int | None) -> RecommendationRecord | None:
        assert self.detail is not None
        try:
            created = self._services.reports.add_recommendation(self.detail.id, item)
            if at is not None:
                order = [r.id for r in self.model.records()]
                order.insert(at, created.id)
                self._services.reports.reorder_recommendations(self.detail.id, order)
        except DeskError as error:
            self._failed(error, "Adding the recommendation")
            return None
        self.reload()
        self.selectRequested.emit(created.id)
        self.changed.emit()
        return created

    def _recreate(self, ref: RecRef, item: NewRecommendation, at: int | None) -> None:
        created = self._create(item, at)
        if created is not None:
            self.refs.recreated(ref, created.id)

    def _delete(self, ref: RecRef) -> bool:
        try:
            record = self._record(ref)
            self._services.reports.delete_recommendation(record.id, version=record.version)
        except DeskError as error:
            self._failed(error, "Deleting the recommendation")
            return False
        self.refs.gone(ref)
        self.reload()
        self.changed.emit()
        return True

    def _reorder(self, refs: list[RecRef]) -> bool:
        assert self.detail is not None
        try:
            detail = self._services.reports.reorder_recommendations(
                self.detail.id, [self._record(r).id for r in refs]
            )
        except DeskError as error:
            self._failed(error, "Moving the recommendation")
            return False
        self._show(detail)
        self.refreshed.emit(detail)
        return True

    def _step(self, text: str, apply: Callable[[], object], revert: Callable[[], object]) -> bool:
        """Record a change just saved as an undoable step (True, for `return saved and self._step(…)`)."""
        self.undo_stack.push(Step(text, apply, revert))
        return True

    def _failed(self, error: DeskError, doing: str) -> None:
        self.failed.emit(error, doing)
        if isinstance(error, ConflictError) and self.detail is not None:
            # The history no longer matches the database: start afresh from what is there now. Later,
            # because this may run inside the stack's own undo() or redo().
            QTimer.singleShot(0, self._forget_history)
            self.reload()

    def _forget_history(self) -> None:
        self.undo_stack.clear()
        self.refs.clear()
