"""The owners' round-trip workbook as use cases: export one (an audit event names its export id) and
import it back (every row checked against the desk; nothing saved unless every row is sound).

A row is checked against what the recommendation was at export (its version and latest update, in
the row's fingerprint): a recommendation changed since then is refused for that row, so an update
written against an old state never lands silently. An update imported from a workbook carries the
export id, so importing the same workbook again (or a re-saved copy of it) adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.exports.files import replacing
from correspondence_desk.core.owner_workbook.layout import NO_OWNER, fingerprint
from correspondence_desk.core.owner_workbook.reader import ReadRow, ReadWorkbook, read_workbook
from correspondence_desk.core.owner_workbook.writer import write_workbook
from correspondence_desk.core.services.base import utcnow
from correspondence_desk.core.services.progress_history import (
    KEEP,
    append_update,
    audit_changes,
    update_summary,
)

if TYPE_CHECKING:
    from correspondence_desk.core.services.updates import UpdatesService

CHANGED = (
    "changed in the desk since this workbook was exported: export a new workbook, or type this update in"
)


def _key(owner: str) -> str:
    return " ".join(owner.split()).casefold()


def state(version: int, latest_update_id: int | None) -> str:
    """What a recommendation is now, as a fingerprint records it: its version and latest update."""
    return f"{version}.{latest_update_id or 0}"


def _latest_ids() -> Any:
    # the latest update of each recommendation is its highest id: updates are never back-dated
    return (
        select(
            m.ProgressUpdate.recommendation_id.label("rid"),
            func.max(m.ProgressUpdate.id).label("uid"),
        )
        .group_by(m.ProgressUpdate.recommendation_id)
        .subquery()
    )


def _open() -> tuple[Any, ...]:
    """Which recommendations a workbook asks about: ours, not complete, in a report not closed."""
    return (
        m.Report.status != v.ReportStatus.CLOSED,
        or_(m.Recommendation.progress.is_(None), m.Recommendation.progress != v.Progress.COMPLETE),
        or_(m.Recommendation.position.is_(None), m.Recommendation.position.not_in(v.NOT_OURS)),
    )


def open_owners(s: Session) -> tuple[str, ...]:
    """The owners a workbook can be exported for, as it names them (spaces tidied, one spelling per
    owner whatever its case), in order; "" (nobody) last when some open recommendation has no owner."""
    rows = s.scalars(
        select(m.Recommendation.owner)
        .distinct()
        .join(m.Report, m.Report.id == m.Recommendation.report_id)
        .where(*_open())
    )
    owners: dict[str, str] = {}
    for owner in rows:
        name = " ".join((owner or "").split())
        owners.setdefault(_key(name), name)
    return tuple(sorted(owners.values(), key=lambda name: (not name, name.casefold())))


def _open_lines(s: Session, export_id: str) -> dict[str, tuple[str, list[r.WorkbookLine]]]:
    """Open recommendations (ours, not complete, in a report not closed), by owner."""
    latest = _latest_ids()
    query = (
        select(
            m.Recommendation.id,
            m.Recommendation.version_id,
            m.Report.reference,
            m.Recommendation.label,
            m.Recommendation.text,
            m.Recommendation.owner,
            type_coerce(m.Recommendation.position, String),
            type_coerce(m.Recommendation.progress, String),
            m.Recommendation.target_date,
            m.ProgressUpdate.id,
            m.ProgressUpdate.text,
            m.ProgressUpdate.update_date,
        )
        .join(m.Report, m.Report.id == m.Recommendation.report_id)
        .outerjoin(latest, latest.c.rid == m.Recommendation.id)
        .outerjoin(m.ProgressUpdate, m.ProgressUpdate.id == latest.c.uid)
        .where(*_open())
        .order_by(m.Report.reference, m.Recommendation.sort_order)
    )
    owners: dict[str, tuple[str, list[r.WorkbookLine]]] = {}
    for rec_id, version, ref, label, text, owner, position, progress, target, uid, utext, udate in s.execute(
        query
    ):
        name = " ".join((owner or "").split())
        line = r.WorkbookLine(
            recommendation_id=rec_id,
            fingerprint=fingerprint(export_id, rec_id, state(version, uid)),
            report_reference=ref,
            label=label,
            text=text,
            owner=name,
            position=v.Position(position) if position else None,
            progress=v.Progress(progress) if progress else None,
            target_date=target,
            last_update=utext or "",
            last_update_date=udate,
        )
        owners.setdefault(_key(name), (name, []))[1].append(line)
    return owners


def export_workbook(svc: UpdatesService, path: Path, owner: str | None, today: dt.date) -> r.WorkbookExport:
    if path.suffix.lower() != ".xlsx":
        raise DeskError(f"Write the owners' workbook as .xlsx, not “{path.suffix or path.name}”.")
    export_id = uuid.uuid4().hex
    with svc._unit() as s:
        owners = _open_lines(s, export_id)
        if owner is not None:
            wanted = owners.get(_key(owner))
            if wanted is None:
                known = ", ".join(sorted(name or NO_OWNER for name, _ in owners.values())) or "none"
                raise DeskError(f"Nobody called “{owner}” owns an open recommendation (owners: {known}).")
            sheets = [wanted]
        else:
            # named owners in order, then the recommendations nobody owns
            sheets = sorted(owners.values(), key=lambda item: (not item[0], item[0].casefold()))
        if not sheets:
            raise DeskError("There are no open recommendations to ask owners about.")
        with replacing(path) as tmp:
            names = write_workbook(tmp, export_id, utcnow(), sheets)
        rows = sum(len(lines) for _, lines in sheets)
        changes = {"export_id": export_id, "file": path.name, "owners": [o for o, _ in sheets], "rows": rows}
        svc._audit(s, "export", None, changes, summary=f"Owners' workbook {path.name}", entity="workbook")
        return r.WorkbookExport(export_id, tuple(name for name in names), rows)


def _review_row(
    s: Session, row: ReadRow, imported: set[int], latest: dict[int, int]
) -> tuple[r.WorkbookRow, m.Recommendation | None]:
    """What one row would do, with the recommendation to update when it adds an update."""
    seen = r.WorkbookRow(row.sheet, row.row, row.recommendation_id, row.reference, r.WorkbookOutcome.PROBLEM)
    if row.problems:
        return replace(seen, message="; ".join(row.problems)), None
    rec = s.get(m.Recommendation, row.recommendation_id) if row.recommendation_id is not None else None
    if rec is None:
        return replace(seen, message="this recommendation is no longer in the desk"), None
    seen = replace(seen, current_progress=rec.progress, current_target=rec.target_date)
    if rec.id in imported:
        return replace(seen, outcome=r.WorkbookOutcome.ALREADY), None
    if not row.answered:
        return replace(seen, outcome=r.WorkbookOutcome.BLANK), None
    if row.state != state(rec.version_id, latest.get(rec.id)):
        return replace(seen, message=CHANGED), None
    target = row.target_date if row.target_given else rec.target_date
    moved = target != rec.target_date
    seen = replace(seen, progress=row.progress, text=row.text, target_date=target, target_changed=moved)
    if moved and rec.target_date is not None and not row.reason:
        message = f"give a Reason for new date: the target date moves from {long_date(rec.target_date)}"
        return replace(seen, message=message), None
    return replace(seen, outcome=r.WorkbookOutcome.NEW, reason=row.reason if moved else ""), rec


def _review(s: Session, read: ReadWorkbook) -> list[tuple[r.WorkbookRow, m.Recommendation | None]]:
    ids = [row.recommendation_id for row in read.rows if row.recommendation_id is not None]
    imported = set(
        s.scalars(
            select(m.ProgressUpdate.recommendation_id).where(
                m.ProgressUpdate.source_ref == read.export_id, m.ProgressUpdate.recommendation_id.in_(ids)
            )
        )
    )
    latest: dict[int, int] = dict(
        s.execute(
            select(m.ProgressUpdate.recommendation_id, func.max(m.ProgressUpdate.id))
            .where(m.ProgressUpdate.recommendation_id.in_(ids))
            .group_by(m.ProgressUpdate.recommendation_id)
        ).all()
    )
    return [_review_row(s, row, imported, latest) for row in read.rows]


def import_workbook(svc: UpdatesService, path: Path, *, dry_run: bool, today: dt.date) -> r.WorkbookReview:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeskError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    sha256 = hashlib.sha256(data).hexdigest()
    read = read_workbook(data)
    with svc._unit() as s:
        reviewed = _review(s, read)
        rows = tuple(row for row, _ in reviewed)
        review = r.WorkbookReview(path.name, sha256, read.export_id, read.exported_at, rows)
        if dry_run or review.problems or not review.changes:
            return review
        added = _apply(svc, s, reviewed, read.export_id, sha256, today)
        changes = {"export_id": read.export_id, "sha256": sha256, "file": path.name, "added": added}
        svc._audit(s, "import", None, changes, summary=f"Owners' workbook {path.name}", entity="workbook")
        return r.WorkbookReview(path.name, sha256, read.export_id, read.exported_at, rows, True, added)


def _apply(
    svc: UpdatesService,
    s: Session,
    reviewed: Sequence[tuple[r.WorkbookRow, m.Recommendation | None]],
    export_id: str,
    sha256: str,
    today: dt.date,
) -> int:
    added = 0
    for row, rec in reviewed:
        if row.outcome is not r.WorkbookOutcome.NEW or rec is None:
            continue
        update = append_update(
            s,
            rec,
            recorded_by=svc._actor,
            progress=row.progress,
            text=row.text,
            target_date=row.target_date if row.target_changed else KEEP,
            reason=row.reason,
            update_date=today,
            source=v.UpdateSource.WORKBOOK,
            source_ref=export_id,
            source_sha256=sha256,
            today=today,
        )
        svc._audit(s, "create", update.id, audit_changes(update), summary=update_summary(rec, update))
        added += 1
    return added
