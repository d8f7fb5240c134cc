"""Response letters and the responses they carry. Issued letters are locked for good."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.drafting import KIND_CODES
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import NewResponse
from correspondence_desk.core.references import (
    NO_LETTERHEAD_PATTERN,
    initials,
    kind_pattern,
    next_reference,
    reference_prefix,
)
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import apply_changes, require_text, utcnow
from correspondence_desk.core.services.letter_rows import LETTER_FIELDS, check_letter_values
from correspondence_desk.core.services.response_edits import ResponseEdits, edit_guard

if TYPE_CHECKING:
    from correspondence_desk.core.services.issuing import IssuingService


class LettersService(ResponseEdits):
    """Letters and their responses, from a first draft to the last edit before it is issued. The
    responses' edits and the composer's one-transaction save are in `response_edits.py`; issuing
    and new versions in `issuing.py` (reached through `issue`, `issued_pdf` and `new_version`)."""

    # --- finding --------------------------------------------------------------------------------

    def resolve(self, letter: int | str) -> int:
        with self._unit() as s:
            return self._resolve(s, letter)

    def list(self) -> list[r.LetterSummary]:
        from correspondence_desk.core.services.letter_list import summaries

        with self._unit() as s:
            return summaries(s)

    def get(self, letter: int | str) -> r.LetterDetail:
        with self._unit() as s:
            return self._detail(s, self._resolve(s, letter))

    def responses_to(self, recommendation_id: int) -> builtins.list[r.ResponseRecord]:
        """Every answer given to a recommendation, oldest letter first (interim, then final…)."""
        with self._unit() as s:
            rows = s.scalars(
                select(m.Response)
                .join(m.Letter, m.Letter.id == m.Response.letter_id)
                .where(m.Response.recommendation_id == recommendation_id)
                .order_by(m.Letter.letter_date.is_(None), m.Letter.letter_date, m.Letter.id)
            )
            return [convert.response(x) for x in rows]

    def default_since(self, report: int) -> dt.date | None:
        """The date a new progress update letter about `report` reports from: the last letter
        issued about it, else the date its response was due (letter_progress.default_since)."""
        from correspondence_desk.core.services.letter_progress import default_since

        with self._unit() as s:
            return default_since(s, report)

    # --- letters --------------------------------------------------------------------------------

    def next_reference(
        self, kind: v.LetterKind = v.LetterKind.FINAL, report_id: int | None = None, committee: str = ""
    ) -> str:
        """The reference the next letter of this kind for this report would get (a preview: the
        letter itself takes its reference inside the transaction that creates it)."""
        with self._unit() as s:
            return self._next_reference(s, kind, report_id, committee)

    next_reference_for = next_reference

    def _next_reference(
        self, s: Session, kind: v.LetterKind, report_id: int | None, committee: str = ""
    ) -> str:
        """From the letterhead's pattern (each kind its own without one) and the references it has
        already made; chosen inside the creating transaction, under the write lock."""
        head = s.scalars(select(m.LetterheadRow).order_by(m.LetterheadRow.id)).first()
        code = KIND_CODES[kind]
        if head and head.reference_pattern:
            pattern = kind_pattern(head.reference_pattern, "" if kind is v.LetterKind.FINAL else code)
        else:
            pattern = NO_LETTERHEAD_PATTERN
        org = (head.short_name or initials(head.organisation)) if head else ""
        if not committee and report_id is not None:
            report = s.get(m.Report, report_id)
            committee = report.committee.name if report is not None and report.committee else ""
        fields = {"org": org, "committee": initials(committee) if committee else "", "kind": code}
        year = dt.date.today().year
        prefix, _regex = reference_prefix(pattern, year=year, **fields)
        existing = s.scalars(
            select(m.Letter.reference).where(m.Letter.reference.startswith(prefix, autoescape=True))
        )
        return next_reference(pattern, list(existing), year=year, **fields)

    def create(
        self,
        *,
        reference: str = "",
        responses: Sequence[NewResponse] = (),
        imported: bool = False,
        committee: str = "",
        route: Sequence[int] = (),
        expected: tuple[dt.date, str] | None = None,
        **values: Any,
    ) -> r.LetterDetail:
        """A new letter, in one transaction with its clearance route (colleague ids, in order) and,
        for a holding letter, the report's new expected response date and the reason. With no
        reference, the letterhead's pattern makes one (the kind's code added; the committee from
        `committee` or the letter's report); with no marking given it starts with the letterhead's."""
        unknown = set(values) - set(LETTER_FIELDS) - {"kind", "report_id"}
        if unknown:
            raise ValidationError(f"Unknown letter field {', '.join(sorted(unknown))}.")
        check_letter_values(values)
        if expected is not None and values.get("report_id") is None:
            raise ValidationError(
                "A new expected date belongs to a report: say which report the letter is about."
            )
        with self._unit() as s:
            self._lock(s)  # the next reference is chosen with every other writer held off
            kind = v.LetterKind(values.get("kind", v.LetterKind.FINAL))
            report_id = values.get("report_id")
            if not reference.strip() and not committee and report_id is None and responses:
                report_id = self._get(s, m.Recommendation, responses[0].recommendation_id).report_id
            values["reference"] = reference.strip() or self._next_reference(s, kind, report_id, committee)
            if "marking" not in values:
                head = s.scalars(select(m.LetterheadRow).order_by(m.LetterheadRow.id)).first()
                values["marking"] = head.marking if head else v.Marking.NONE
            letter_id = self._insert(s, values, responses, imported)
            for i, colleague_id in enumerate(dict.fromkeys(route)):
                self._get(s, m.Colleague, colleague_id, "colleague")
                s.add(m.ClearanceStep(letter_id=letter_id, sort_order=i, colleague_id=colleague_id))
            if expected is not None:
                from correspondence_desk.core.services.expected import record_expected

                record_expected(self, s, values["report_id"], expected[0], expected[1], letter_id)
            return self._detail(s, letter_id)

    def _insert(
        self, s: Session, values: dict[str, Any], responses: Sequence[NewResponse], imported: bool
    ) -> int:
        """Add a checked letter inside the caller's transaction (also used by the import service)."""
        if s.scalar(select(m.Letter.id).where(func.lower(m.Letter.reference) == values["reference"].lower())):
            raise ValidationError(f"A letter with reference {values['reference']} already exists.")
        letter = m.Letter(created_at=utcnow(), imported=imported, **values)
        if letter.report_id is None and responses:  # the report it is about: its first response's
            first = self._get(s, m.Recommendation, responses[0].recommendation_id, "recommendation")
            letter.report_id = first.report_id
        if imported:
            # past correspondence: already sent, so it is on record and locked like an issued letter
            letter.status = v.LetterStatus.ISSUED
        s.add(letter)
        s.flush()
        for i, item in enumerate(responses):
            self._get(s, m.Recommendation, item.recommendation_id, "recommendation")
            s.add(
                m.Response(
                    letter_id=letter.id,
                    recommendation_id=item.recommendation_id,
                    sort_order=i,
                    position=item.position,
                    text=item.text,
                )
            )
        s.flush()
        audit = {k: v for k, v in values.items() if v not in (None, "")}
        audit["responses"] = len(responses)
        self._audit(s, "create", letter.id, audit, summary=letter.reference)
        if imported:
            self._mark_answered_reports(s, letter)
        return letter.id

    def update(
        self, letter_id: int, version: int | None = None, *, typo_fix: bool = False, **changes: Any
    ) -> r.LetterDetail:
        """Change a letter's fields. After a clearance, the route runs again from the first step
        whose text changed, unless `typo_fix` (the editor confirmed it) — see clearance_rules."""
        check_letter_values(changes)
        if "reference" in changes:
            changes["reference"] = require_text(changes["reference"], "letter reference")
        with self._unit() as s:
            row = self._editable(s, letter_id, version)
            guard = edit_guard(self, s, row)
            diff = apply_changes(row, changes, LETTER_FIELDS)
            if diff:
                s.flush()
                self._audit(s, "update", row.id, diff, summary=row.reference)
                guard.after(typo_fix)
            return self._detail(s, row.id)

    def delete(self, letter_id: int, version: int | None = None) -> None:
        with self._unit() as s:
            row = self._editable(s, letter_id, version)
            ref = row.reference
            s.delete(row)
            s.flush()
            self._audit(s, "delete", letter_id, summary=ref)

    # --- issuing (issuing.py) ------------------------------------------------------------------

    @property
    def _issuing(self) -> IssuingService:
        from correspondence_desk.core.services.issuing import IssuingService

        return IssuingService(self._db, self._actor)

    def issue(
        self, letter_id: int, render: Callable[[r.LetterDetail], bytes], version: int | None = None
    ) -> r.LetterDetail:
        """Lock the letter with its PDF (rendered outside any transaction): see IssuingService.issue."""
        return self._issuing.issue(letter_id, render, version)

    def issued_pdf(self, letter: int | str) -> bytes | None:
        return self._issuing.issued_pdf(letter)

    def new_version(self, letter_id: int, reference: str = "") -> r.LetterDetail:
        return self._issuing.new_version(letter_id, reference)
