"""E-mailing an issued letter: the draft the user's mail client opens (core/email_draft.py), and
the record, on the letter's audit trail, of when and to whom it was put in an e-mail.

Nothing here sends anything (the app opens no network connection): the draft goes to the user's
own mail client, so what is recorded is that the e-mail was prepared for those addresses.
"""

from __future__ import annotations

import builtins
import datetime as dt

from sqlalchemy import select

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.email_draft import EmailDraft, email_draft
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase
from correspondence_desk.core.services.prints import PrintsService

EMAILED = "email"  # the audit action


class EmailingService(ServiceBase):
    entity = "letter"

    def draft(self, letter: r.LetterDetail, now: dt.datetime | None = None) -> EmailDraft:
        """The .eml draft of an issued letter with its issued PDF (checked against its fingerprint)."""
        if not letter.is_issued:
            raise ValidationError(f"Letter {letter.reference} has no issued PDF to e-mail: issue it first.")
        if letter.imported:
            raise ValidationError(
                f"Letter {letter.reference} was imported as already sent: it has no issued PDF to e-mail."
            )
        pdf = PrintsService(self._db, self._actor).issued_pdf(letter)
        return email_draft(letter, pdf, now=now)

    def record_sent(self, letter_id: int, draft: EmailDraft) -> r.EmailSent:
        """The draft was handed to the mail client: note it on the letter (one audit event)."""
        with self._unit() as s:
            row = self._get(s, m.Letter, letter_id)
            self._audit(
                s,
                EMAILED,
                row.id,
                {"to": list(draft.to), "cc": list(draft.cc), "attachment": draft.filename},
                summary=row.reference,
            )
        return self.sent(letter_id)[0]

    def sent(self, letter_id: int) -> builtins.list[r.EmailSent]:
        """When and to whom the letter was put in an e-mail, newest first."""
        query = (
            select(m.AuditEvent)
            .where(
                m.AuditEvent.entity == self.entity,
                m.AuditEvent.entity_id == letter_id,
                m.AuditEvent.action == EMAILED,
            )
            .order_by(m.AuditEvent.id.desc())
        )
        with self._unit() as s:
            events = [convert.audit(x) for x in s.scalars(query)]
        return [
            r.EmailSent(
                at=e.at,
                to=tuple(e.changes.get("to") or ()),
                cc=tuple(e.changes.get("cc") or ()),
                by=e.os_user,
            )
            for e in events
        ]
