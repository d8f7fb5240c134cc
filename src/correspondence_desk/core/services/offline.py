"""What the window shows about offline copies: this desk's origin when it is one, and on the server
the "taken offline by … on …" notices on reports someone has taken away (not locks).

Taking a copy and bringing it back open a second database, so they live in core/offline and are
reached through the composition roots, not through these services.
"""

from __future__ import annotations

from sqlalchemy import select

from correspondence_desk.core import model as m
from correspondence_desk.core.offline.records import OfflineNotice, OfflineOrigin
from correspondence_desk.core.services.base import ServiceBase


class OfflineService(ServiceBase):
    entity = "offline copy"

    def origin(self) -> OfflineOrigin | None:
        """Where this desk came from, if it is an offline copy."""
        with self._unit() as s:
            row = s.scalar(select(m.OfflineOrigin).limit(1))
            if row is None:
                return None
            return OfflineOrigin(
                row.server, row.taken_by, row.taken_at, row.copy_id, row.protected, row.brought_back_at
            )

    def notices(self, report_id: int) -> list[OfflineNotice]:
        """Copies out now that hold this report, oldest first."""
        with self._unit() as s:
            rows = s.execute(
                select(m.OfflineCopy.taken_by, m.OfflineCopy.taken_at, m.OfflineCopy.label)
                .join(m.OfflineCopyReport, m.OfflineCopyReport.copy_id == m.OfflineCopy.id)
                .where(m.OfflineCopyReport.report_id == report_id, m.OfflineCopy.brought_back_at.is_(None))
                .order_by(m.OfflineCopy.taken_at)
            )
            return [OfflineNotice(by, at, label) for by, at, label in rows]
