"""Reading the append-only audit log; each event names the colleague whose login made it."""

from __future__ import annotations

import builtins
import dataclasses

from sqlalchemy import func, select

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase


class AuditService(ServiceBase):
    entity = "audit event"

    def list(
        self, entity: str | None = None, entity_id: int | None = None, limit: int = 200
    ) -> list[r.AuditRecord]:
        query = (
            select(m.AuditEvent, m.Colleague.name)
            .outerjoin(m.Colleague, func.lower(m.Colleague.login) == func.lower(m.AuditEvent.os_user))
            .order_by(m.AuditEvent.id.desc())
            .limit(limit)
        )
        if entity:
            query = query.where(m.AuditEvent.entity == entity)
        if entity_id is not None:
            query = query.where(m.AuditEvent.entity_id == entity_id)
        with self._unit() as s:
            return [
                dataclasses.replace(convert.audit(event, name or ""), db_user=event.db_user)
                for event, name in s.execute(query)
            ]

    def history(self, entity: str, entity_id: int) -> builtins.list[r.AuditRecord]:
        """Every event of one record (a report, a recommendation, a contact…), newest first."""
        query = (
            select(m.AuditEvent)
            .where(m.AuditEvent.entity == entity, m.AuditEvent.entity_id == entity_id)
            .order_by(m.AuditEvent.id.desc())
        )
        with self._unit() as s:
            return [dataclasses.replace(convert.audit(x), db_user=x.db_user) for x in s.scalars(query)]
