"""Editing a letter's responses: adding, changing, removing and reordering them, and the composer's
save (the letter's fields, its responses and their order in one transaction). Each edit of a letter
already on a clearance route goes through its `EditGuard` (clearance_rules.py). `LettersService`
is made of this and the letter edits in letters.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.errors import ConflictError, ValidationError
from correspondence_desk.core.records import NewResponse, ResponseEdit
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import apply_changes, require_text, touch
from correspondence_desk.core.services.letter_rows import (
    LETTER_FIELDS,
    LetterRows,
    check_letter_values,
    response_name,
)

if TYPE_CHECKING:
    from correspondence_desk.core.services.clearance_rules import EditGuard


def edit_guard(service: LetterRows, s: Session, row: m.Letter) -> EditGuard:
    """What the letter said before an edit, for its clearance route (clearance_rules.EditGuard);
    imported on first edit, so printing a letter loads none of the clearance code."""
    from correspondence_desk.core.services.clearance_rules import EditGuard

    return EditGuard(service, s, row)


class ResponseEdits(LetterRows):
    def add_responses(
        self, letter_id: int, items: Sequence[NewResponse], *, typo_fix: bool = False
    ) -> r.LetterDetail:
        """Answer more recommendations in this letter (those already in it are left as they are)."""
        with self._unit() as s:
            row = self._editable(s, letter_id)
            guard = edit_guard(self, s, row)
            present = {x.recommendation_id for x in row.responses}
            next_order = max((x.sort_order for x in row.responses), default=-1) + 1
            added = []
            for item in items:
                if item.recommendation_id in present:
                    continue
                self._get(s, m.Recommendation, item.recommendation_id, "recommendation")
                present.add(item.recommendation_id)
                s.add(
                    m.Response(
                        letter_id=row.id,
                        recommendation_id=item.recommendation_id,
                        sort_order=next_order,
                        position=item.position,
                        text=item.text,
                    )
                )
                next_order += 1
                added.append(item.recommendation_id)
            if added:
                touch(row)
                s.flush()
                self._audit(s, "update", row.id, {"responses_added": added}, summary=row.reference)
                guard.after(typo_fix)
            return self._detail(s, row.id)

    def update_response(
        self, response_id: int, version: int | None = None, *, typo_fix: bool = False, **changes: Any
    ) -> r.ResponseRecord:
        if "text" in changes:
            changes["text"] = changes["text"] or ""
        with self._unit() as s:
            resp = self._get(s, m.Response, response_id, "response")
            letter = self._editable(s, resp.letter_id)
            self._check_version(resp, version, "response")
            guard = edit_guard(self, s, letter)
            diff = apply_changes(resp, changes, ("text", "position"))
            if diff:
                s.flush()
                self._audit(s, "update", resp.id, diff, entity="response", summary=resp.letter.reference)
                guard.after(typo_fix)
            return convert.response(resp)

    def remove_response(self, response_id: int, *, typo_fix: bool = False) -> r.LetterDetail:
        with self._unit() as s:
            resp = self._get(s, m.Response, response_id, "response")
            letter = self._editable(s, resp.letter_id)
            guard = edit_guard(self, s, letter)
            rec_id = resp.recommendation_id
            s.delete(resp)
            touch(letter)
            s.flush()
            self._audit(s, "update", letter.id, {"response_removed": rec_id}, summary=letter.reference)
            guard.after(typo_fix)
            return self._detail(s, letter.id)

    def reorder_responses(
        self, letter_id: int, ordered_ids: Sequence[int], *, typo_fix: bool = False
    ) -> r.LetterDetail:
        with self._unit() as s:
            letter = self._editable(s, letter_id)
            guard = edit_guard(self, s, letter)
            by_id = {x.id: x for x in letter.responses}
            if set(ordered_ids) != set(by_id) or len(ordered_ids) != len(by_id):
                raise ValidationError("The new order must list every response of the letter once.")
            for i, resp_id in enumerate(ordered_ids):
                by_id[resp_id].sort_order = i
            touch(letter)
            s.flush()
            self._audit(s, "reorder", letter.id, {"order": list(ordered_ids)}, summary=letter.reference)
            guard.after(typo_fix)
            return self._detail(s, letter.id)

    # --- saving the composer's edits ---------------------------------------------------------------

    def save(
        self,
        letter_id: int,
        version: int,
        changes: Mapping[str, Any] | None = None,
        responses: Sequence[ResponseEdit] = (),
        order: Sequence[int] | None = None,
        *,
        typo_fix: bool = False,
    ) -> r.LetterDetail:
        """Everything edited in a letter at once, in ONE transaction: its fields, its responses' text
        and position, and the order of its annex, with an audit event for each record changed.

        Every version read is checked before anything is written: if the letter or any edited
        response changed meanwhile, a ConflictError names it and nothing at all is saved.

        A letter already cleared by some of its route goes round again from the first step whose
        text changed, unless the editor confirmed the edit is a typo fix (`typo_fix`, recorded)."""
        values = dict(changes or {})
        check_letter_values(values)
        if "reference" in values:
            values["reference"] = require_text(values["reference"], "letter reference")
        with self._unit() as s:
            row = self._editable(s, letter_id)
            if row.version_id != version:
                raise ConflictError(
                    f"Letter {row.reference} was changed by someone else since you opened it, "
                    "so nothing was saved."
                )
            by_id = {x.id: x for x in row.responses}
            for edit in responses:
                resp = by_id.get(edit.response_id)
                if resp is None:
                    raise ConflictError(
                        f"A response you edited was removed from letter {row.reference} meanwhile. "
                        "Nothing was saved."
                    )
                if resp.version_id != edit.version:
                    raise ConflictError(
                        f"{response_name(resp)} was changed by someone else since you opened the letter, "
                        "so nothing was saved."
                    )
            if order is not None and (set(order) != set(by_id) or len(order) != len(by_id)):
                raise ValidationError("The new order must list every response of the letter once.")

            guard = edit_guard(self, s, row)
            diff: dict[str, Any] = apply_changes(row, values, LETTER_FIELDS)
            edited = []
            for edit in responses:
                resp = by_id[edit.response_id]
                resp_diff = apply_changes(
                    resp, {"text": edit.text or "", "position": edit.position}, ("text", "position")
                )
                if resp_diff:
                    edited.append((resp, resp_diff))
            before = [x.id for x in sorted(row.responses, key=lambda x: x.sort_order)]
            if order is not None and list(order) != before:
                for i, resp_id in enumerate(order):
                    by_id[resp_id].sort_order = i
                diff["order"] = [before, list(order)]
            if not (diff or edited):
                return self._detail(s, row.id)
            if edited:
                diff["responses_edited"] = [resp.recommendation.label for resp, _ in edited]
            touch(row)  # any change moves the letter's version on, so other windows see a conflict
            s.flush()
            self._audit(s, "update", row.id, diff, summary=row.reference)
            for resp, resp_diff in edited:
                self._audit(s, "update", resp.id, resp_diff, entity="response", summary=row.reference)
            guard.after(typo_fix)
            return self._detail(s, row.id)
