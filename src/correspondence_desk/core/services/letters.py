"""Response letters and the responses they carry. Issued letters are locked for good."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import LockedError, NotFoundError, ValidationError
from correspondence_desk.core.records import NewResponse
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase, apply_changes, require_text, touch, utcnow
from correspondence_desk.core.vocabulary import AnnexLayout

LETTER_FIELDS = (
    "reference",
    "letter_date",
    "sender_id",
    "recipient_id",
    "subject",
    "salutation",
    "body",
    "closing",
    "copy_list",
    "marking",
    "annex_layout",
    "status",
)


def _check_letter_values(values: dict[str, Any]) -> None:
    if "letter_date" in values and not (
        values["letter_date"] is None or isinstance(values["letter_date"], dt.date)
    ):
        raise ValidationError("The letter date must be a date.")
    if "annex_layout" in values:
        try:
            values["annex_layout"] = AnnexLayout(values["annex_layout"])
        except ValueError:
            raise ValidationError("The annex layout is either “list” or “table”.") from None
    if values.get("status") == v.LetterStatus.ISSUED:
        raise ValidationError("Use “Issue letter” to issue a letter.")


class LettersService(ServiceBase):
    entity = "letter"

    # --- finding --------------------------------------------------------------------------------

    def resolve(self, letter: int | str) -> int:
        with self._unit() as s:
            return self._resolve(s, letter)

    def _resolve(self, s: Session, letter: int | str) -> int:
        if isinstance(letter, int):
            if s.get(m.Letter, letter) is None:
                raise NotFoundError(f"There is no letter with id {letter}.")
            return letter
        text = letter.strip()
        found = s.scalar(select(m.Letter.id).where(func.lower(m.Letter.reference) == text.lower()))
        if found is None and text.isdigit():
            found = s.scalar(select(m.Letter.id).where(m.Letter.id == int(text)))
        if found is None:
            raise NotFoundError(f"There is no letter with reference or id “{text}”.")
        return found

    def list(self) -> list[r.LetterSummary]:
        with self._unit() as s:
            counts = dict(
                s.execute(select(m.Response.letter_id, func.count()).group_by(m.Response.letter_id)).all()
            )
            reports: dict[int, list[str]] = {}
            rows = s.execute(
                select(m.Response.letter_id, m.Report.reference)
                .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
                .join(m.Report, m.Report.id == m.Recommendation.report_id)
                .group_by(m.Response.letter_id, m.Report.reference)
                .order_by(m.Response.letter_id, m.Report.reference)
            )
            for letter_id, ref in rows:
                reports.setdefault(letter_id, []).append(ref)
            # plain columns, not ORM rows: the list of thousands of letters needs none of the rest
            letters = s.execute(
                select(
                    m.Letter.id,
                    m.Letter.reference,
                    m.Letter.letter_date,
                    m.Contact.name,
                    m.Letter.status,
                    m.Letter.imported,
                    m.Letter.version_id,
                )
                .outerjoin(m.Contact, m.Contact.id == m.Letter.recipient_id)
                .order_by(m.Letter.letter_date.desc(), m.Letter.id.desc())
            )
            return [
                r.LetterSummary(
                    id=letter_id,
                    reference=reference,
                    letter_date=letter_date,
                    recipient=recipient or "",
                    reports=tuple(reports.get(letter_id, ())),
                    status=status,
                    response_count=counts.get(letter_id, 0),
                    imported=imported,
                    version=version,
                )
                for letter_id, reference, letter_date, recipient, status, imported, version in letters
            ]

    def get(self, letter: int | str) -> r.LetterDetail:
        with self._unit() as s:
            return self._detail(s, self._resolve(s, letter))

    def _detail(self, s: Session, letter_id: int) -> r.LetterDetail:
        row = s.scalars(
            select(m.Letter)
            .where(m.Letter.id == letter_id)
            .options(
                selectinload(m.Letter.responses)
                .joinedload(m.Response.recommendation)
                .joinedload(m.Recommendation.report)
            )
            .execution_options(populate_existing=True)
        ).one()
        return convert.letter(row)

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

    def issued_pdf(self, letter: int | str) -> bytes | None:
        with self._unit() as s:
            row = self._get(s, m.Letter, self._resolve(s, letter))
            return row.issued_pdf

    # --- letters --------------------------------------------------------------------------------

    def next_reference(self, prefix: str = "L") -> str:
        year = dt.date.today().year
        with self._unit() as s:
            count = s.scalar(select(func.count()).select_from(m.Letter)) or 0
            while True:
                count += 1
                ref = f"{prefix}-{year}-{count:03d}"
                if s.scalar(select(m.Letter.id).where(m.Letter.reference == ref)) is None:
                    return ref

    def create(
        self,
        *,
        reference: str = "",
        responses: Sequence[NewResponse] = (),
        imported: bool = False,
        **values: Any,
    ) -> r.LetterDetail:
        unknown = set(values) - set(LETTER_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown letter field {', '.join(sorted(unknown))}.")
        _check_letter_values(values)
        values["reference"] = reference.strip() or self.next_reference()
        with self._unit() as s:
            letter_id = self._insert(s, values, responses, imported)
            return self._detail(s, letter_id)

    def _insert(
        self, s: Session, values: dict[str, Any], responses: Sequence[NewResponse], imported: bool
    ) -> int:
        """Add a checked letter inside the caller's transaction (also used by the import service)."""
        if s.scalar(select(m.Letter.id).where(func.lower(m.Letter.reference) == values["reference"].lower())):
            raise ValidationError(f"A letter with reference {values['reference']} already exists.")
        letter = m.Letter(created_at=utcnow(), imported=imported, **values)
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

    def _mark_answered_reports(self, s: Session, letter: m.Letter) -> None:
        """An open report whose every recommendation now has an issued answer becomes "responded",
        so the dashboard stops counting its response as due."""
        report_ids = set(
            s.scalars(
                select(m.Recommendation.report_id)
                .join(m.Response, m.Response.recommendation_id == m.Recommendation.id)
                .where(m.Response.letter_id == letter.id)
            )
        )
        answered = (
            select(m.Response.id)
            .join(m.Letter, m.Letter.id == m.Response.letter_id)
            .where(
                m.Response.recommendation_id == m.Recommendation.id, m.Letter.status == v.LetterStatus.ISSUED
            )
            .exists()
        )
        for report in s.scalars(
            select(m.Report).where(m.Report.id.in_(report_ids), m.Report.status == v.ReportStatus.OPEN)
        ):
            waiting = s.scalar(
                select(func.count())
                .select_from(m.Recommendation)
                .where(m.Recommendation.report_id == report.id, ~answered)
            )
            if not waiting:
                report.status = v.ReportStatus.RESPONDED
                s.flush()
                self._audit(
                    s,
                    "update",
                    report.id,
                    {"status": [v.ReportStatus.OPEN.value, v.ReportStatus.RESPONDED.value]},
                    summary=f"{report.reference} answered in full by {letter.reference}",
                    entity="report",
                )

    def _editable(self, s: Session, letter_id: int, version: int | None = None) -> m.Letter:
        row = self._get(s, m.Letter, letter_id)
        if row.status == v.LetterStatus.ISSUED:
            when = f" on {row.issued_at:%d/%m/%Y}" if row.issued_at else ""
            raise LockedError(
                f"Letter {row.reference} was issued{when} and cannot be changed; start a new version instead."
            )
        self._check_version(row, version)
        return row

    def update(self, letter_id: int, version: int | None = None, **changes: Any) -> r.LetterDetail:
        _check_letter_values(changes)
        if "reference" in changes:
            changes["reference"] = require_text(changes["reference"], "letter reference")
        with self._unit() as s:
            row = self._editable(s, letter_id, version)
            diff = apply_changes(row, changes, LETTER_FIELDS)
            if diff:
                s.flush()
                self._audit(s, "update", row.id, diff, summary=row.reference)
            return self._detail(s, row.id)

    def delete(self, letter_id: int, version: int | None = None) -> None:
        with self._unit() as s:
            row = self._editable(s, letter_id, version)
            ref = row.reference
            s.delete(row)
            s.flush()
            self._audit(s, "delete", letter_id, summary=ref)

    # --- responses ------------------------------------------------------------------------------

    def add_responses(self, letter_id: int, items: Sequence[NewResponse]) -> r.LetterDetail:
        """Answer more recommendations in this letter (those already in it are left as they are)."""
        with self._unit() as s:
            row = self._editable(s, letter_id)
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
            return self._detail(s, row.id)

    def update_response(
        self, response_id: int, version: int | None = None, **changes: Any
    ) -> r.ResponseRecord:
        if "text" in changes:
            changes["text"] = changes["text"] or ""
        with self._unit() as s:
            resp = self._get(s, m.Response, response_id, "response")
            self._editable(s, resp.letter_id)
            self._check_version(resp, version, "response")
            diff = apply_changes(resp, changes, ("text", "position"))
            if diff:
                s.flush()
                self._audit(s, "update", resp.id, diff, entity="response", summary=resp.letter.reference)
            return convert.response(resp)

    def remove_response(self, response_id: int) -> r.LetterDetail:
        with self._unit() as s:
            resp = self._get(s, m.Response, response_id, "response")
            letter = self._editable(s, resp.letter_id)
            rec_id = resp.recommendation_id
            s.delete(resp)
            touch(letter)
            s.flush()
            self._audit(s, "update", letter.id, {"response_removed": rec_id}, summary=letter.reference)
            return self._detail(s, letter.id)

    def reorder_responses(self, letter_id: int, ordered_ids: Sequence[int]) -> r.LetterDetail:
        with self._unit() as s:
            letter = self._editable(s, letter_id)
            by_id = {x.id: x for x in letter.responses}
            if set(ordered_ids) != set(by_id) or len(ordered_ids) != len(by_id):
                raise ValidationError("The new order must list every response of the letter once.")
            for i, resp_id in enumerate(ordered_ids):
                by_id[resp_id].sort_order = i
            touch(letter)
            s.flush()
            self._audit(s, "reorder", letter.id, {"order": list(ordered_ids)}, summary=letter.reference)
            return self._detail(s, letter.id)

    # --- issuing --------------------------------------------------------------------------------

    def issue(
        self, letter_id: int, render: Callable[[r.LetterDetail], bytes], version: int | None = None
    ) -> r.LetterDetail:
        """Lock the letter, storing the exact PDF bytes and their SHA-256; the positions taken are
        recorded on the recommendations."""
        with self._unit() as s:
            row = self._editable(s, letter_id, version)
            if not row.responses:
                raise ValidationError(f"Letter {row.reference} answers no recommendation yet.")
            if row.letter_date is None:
                row.letter_date = dt.date.today()
                s.flush()
            detail = self._detail(s, row.id)
            pdf = render(detail)
            row.issued_pdf = pdf
            row.issued_sha256 = hashlib.sha256(pdf).hexdigest()
            row.issued_at = utcnow()
            row.status = v.LetterStatus.ISSUED
            for resp in row.responses:
                if resp.position is not None and resp.recommendation.position != resp.position:
                    resp.recommendation.position = resp.position
            s.flush()
            self._mark_answered_reports(s, row)
            self._audit(
                s,
                "issue",
                row.id,
                {"sha256": row.issued_sha256, "bytes": len(pdf)},
                summary=row.reference,
            )
            return self._detail(s, row.id)

    def new_version(self, letter_id: int, reference: str = "") -> r.LetterDetail:
        """An editable copy of a letter (typically an issued one), linked to it."""
        with self._unit() as s:
            old = self._get(s, m.Letter, letter_id)
            ref = reference.strip() or _next_version_reference(s, old.reference)
            copy = m.Letter(
                reference=ref,
                letter_date=None,
                sender_id=old.sender_id,
                recipient_id=old.recipient_id,
                subject=old.subject,
                salutation=old.salutation,
                body=old.body,
                closing=old.closing,
                copy_list=old.copy_list,
                marking=old.marking,
                annex_layout=old.annex_layout,
                previous_version_id=old.id,
                created_at=utcnow(),
            )
            s.add(copy)
            s.flush()
            for resp in old.responses:
                s.add(
                    m.Response(
                        letter_id=copy.id,
                        recommendation_id=resp.recommendation_id,
                        sort_order=resp.sort_order,
                        position=resp.position,
                        text=resp.text,
                    )
                )
            s.flush()
            self._audit(s, "create", copy.id, {"previous_version": old.reference}, summary=ref)
            return self._detail(s, copy.id)


def _next_version_reference(s: Session, reference: str) -> str:
    base = reference.split(" v", 1)[0]
    n = 2
    while s.scalar(select(m.Letter.id).where(m.Letter.reference == f"{base} v{n}")) is not None:
        n += 1
    return f"{base} v{n}"
