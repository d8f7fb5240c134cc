"""Issuing a letter (locking it with the exact PDF bytes and their SHA-256) and starting a new version.

The PDF is rendered between two short transactions, never inside one: read the letter, render it
with no transaction open (a long letter takes seconds; a transaction held that long blocks every
colleague on a shared database), then in one transaction check that nothing the PDF shows changed
meanwhile and store it. A change in between is a ConflictError and nothing is issued.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import ConflictError, ValidationError
from correspondence_desk.core.services.base import utcnow
from correspondence_desk.core.services.clearance_rules import copy_route, end_route_on_issue, refuse_uncleared
from correspondence_desk.core.services.letter_rows import LetterRows, response_name

TRY_AGAIN = "Nothing was issued: check the letter and issue it again."


class IssuingService(LetterRows):
    def issued_pdf(self, letter: int | str) -> bytes | None:
        with self._unit() as s:
            row = self._get(s, m.Letter, self._resolve(s, letter))
            return row.issued_pdf

    def issue(
        self,
        letter_id: int,
        render: Callable[[r.LetterDetail], bytes],
        version: int | None = None,
        snapshot: dict[str, Any] | None = None,
    ) -> r.LetterDetail:
        """Lock the letter, storing the exact PDF bytes and their SHA-256; the positions taken are
        recorded on the recommendations (each with its audit event). An undated draft is dated today.
        The letter as rendered is kept as a snapshot (with `snapshot`'s extra entries, e.g. the
        letterhead it was printed with) for reprints in other forms.

        When the office issues only cleared letters (the default), a letter whose clearance route is
        not complete is refused, naming who has not cleared it; a letter with no route is issued."""
        with self._unit() as s:
            row = self._editable(s, letter_id, version)
            if row.kind.has_annex and not row.responses:
                raise ValidationError(f"Letter {row.reference} answers no recommendation yet.")
            refuse_uncleared(s, row)
            detail = self._detail(s, row.id)
        if detail.letter_date is None:
            detail = dataclasses.replace(detail, letter_date=dt.date.today())
        pdf = render(detail)  # no transaction open
        with self._unit() as s:
            row = self._editable(s, letter_id)
            refuse_changes_since(row, detail)
            refuse_uncleared(s, row)  # the office setting, or the route, may have changed meanwhile
            sha256 = hashlib.sha256(pdf).hexdigest()
            changes: dict[str, object] = {"sha256": sha256, "bytes": len(pdf)}
            not_cleared = end_route_on_issue(s, row)
            if not_cleared:
                changes["issued_before_cleared_by"] = not_cleared
            if row.letter_date != detail.letter_date:
                changes["letter_date"] = detail.letter_date
                row.letter_date = detail.letter_date
            row.issued_pdf = pdf
            row.issued_sha256 = sha256
            row.issued_snapshot = {"letter": r.to_jsonable(detail), **(snapshot or {})}
            row.issued_at = utcnow()
            row.status = v.LetterStatus.ISSUED
            self._record_positions(s, row)
            s.flush()
            self._mark_answered_reports(s, row)
            self._audit(s, "issue", row.id, changes, summary=row.reference)
            return self._detail(s, row.id)

    def _record_positions(self, s: Session, letter: m.Letter) -> None:
        """The position each response takes becomes its recommendation's position."""
        for resp in letter.responses:
            rec = resp.recommendation
            if resp.position is None or rec.position == resp.position:
                continue
            before = rec.position
            rec.position = resp.position
            s.flush()
            self._audit(
                s,
                "update",
                rec.id,
                {"position": [before, resp.position]},
                summary=f"Recommendation {rec.label}: position taken in {letter.reference}",
                entity="recommendation",
            )

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
                kind=old.kind,
                report_id=old.report_id,
                updates_since=old.updates_since,
                previous_version_id=old.id,
                created_at=utcnow(),
            )
            s.add(copy)
            s.flush()
            copy_route(s, old, copy)
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


def refuse_changes_since(row: m.Letter, read: r.LetterDetail) -> None:
    """ConflictError naming the first thing the PDF shows that changed after `read` was taken."""
    if row.version_id != read.version:
        raise ConflictError(
            f"Letter {row.reference} was changed by someone else while it was being prepared. {TRY_AGAIN}"
        )
    for who, seen in ((row.sender, read.sender), (row.recipient, read.recipient)):
        if who is not None and seen is not None and who.version_id != seen.version:
            raise ConflictError(f"{who.name}’s contact details were changed meanwhile. {TRY_AGAIN}")
    now = {resp.id: resp for resp in row.responses}
    if set(now) != {resp.id for resp in read.responses}:
        raise ConflictError(f"Letter {row.reference}’s responses were changed meanwhile. {TRY_AGAIN}")
    for then in read.responses:
        resp = now[then.id]
        if resp.version_id != then.version:
            raise ConflictError(f"{response_name(resp)} was changed by someone else meanwhile. {TRY_AGAIN}")
        if resp.recommendation.version_id != then.recommendation.version:
            label = resp.recommendation.label
            raise ConflictError(f"Recommendation {label} was changed by someone else meanwhile. {TRY_AGAIN}")


def _next_version_reference(s: Session, reference: str) -> str:
    base = reference.split(" v", 1)[0]
    n = 2
    while s.scalar(select(m.Letter.id).where(m.Letter.reference == f"{base} v{n}")) is not None:
        n += 1
    return f"{base} v{n}"
