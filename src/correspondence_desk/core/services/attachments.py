"""File bytes kept with records, stored once per content."""

from __future__ import annotations

import hashlib
import mimetypes

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.guards import lock_session
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase, utcnow


def store_attachment(session: Session, filename: str, data: bytes, media_type: str = "") -> m.Attachment:
    """The attachment row for these bytes, added if new (inside the caller's transaction, under the
    write lock, so two saves of the same file at once store it once)."""
    lock_session(session)
    digest = hashlib.sha256(data).hexdigest()
    row = session.scalars(select(m.Attachment).where(m.Attachment.sha256 == digest)).first()
    if row is None:
        row = m.Attachment(
            sha256=digest,
            filename=filename,
            media_type=media_type or mimetypes.guess_type(filename)[0] or "application/octet-stream",
            size=len(data),
            data=data,
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
    return row


class AttachmentsService(ServiceBase):
    entity = "attachment"

    def add(self, filename: str, data: bytes, media_type: str = "") -> r.AttachmentRecord:
        with self._unit() as s:
            row = store_attachment(s, filename, data, media_type)
            self._audit(s, "create", row.id, {"filename": filename, "size": len(data)}, summary=filename)
            return convert.attachment(row)

    def get(self, attachment_id: int) -> r.AttachmentRecord:
        with self._unit() as s:
            return convert.attachment(self._get(s, m.Attachment, attachment_id))

    def data(self, attachment_id: int) -> bytes:
        with self._unit() as s:
            return self._get(s, m.Attachment, attachment_id).data
