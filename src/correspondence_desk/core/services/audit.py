"""Reading the append-only audit log."""

from __future__ import annotations

import builtins

from sqlalchemy import select

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase


class AuditService(ServiceBase):
    entity = "audit event"

    def list(
        self, entity: str | None = None, entity_id: int | None = None, limit: int = 200
    ) -> list[r.AuditRecord]:
        query = select(m.AuditEvent).order_by(m.AuditEvent.id.desc()).limit(limit)
        if entity:
            query = query.where(m.AuditEvent.entity == entity)
        if entity_id is not None:
            query = query.where(m.AuditEvent.entity_id == entity_id)
        with self._unit() as s:
            return [convert.audit(x) for x in s.scalars(query)]

    def history(self, entity: str, entity_id: int) -> builtins.list[r.AuditRecord]:
        """Every event of one record (a report, a recommendation, a contact…), newest first."""
        query = (
            select(m.AuditEvent)
            .where(m.AuditEvent.entity == entity, m.AuditEvent.entity_id == entity_id)
            .order_by(m.AuditEvent.id.desc())
        )
        with self._unit() as s:
            return [convert.audit(x) for x in s.scalars(query)]
