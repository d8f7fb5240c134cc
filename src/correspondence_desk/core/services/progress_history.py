"""The rules of a recommendation's progress history, applied inside a caller's transaction.

An update is a new row (`ProgressUpdate`), never an overwrite; the latest is the current state,
copied to the recommendation's `progress` and `target_date` at once, so every list, filter and
index that reads those columns stays right. An update is never dated in the future or before the
latest one, so "latest by date" and "latest recorded" are the same. Moving a target date needs a
reason, kept on the update; a recommendation marked complete keeps the day it was completed for as
long as it stays complete. Used by the updates service, the workbook import and the reports
service (an edit of progress or target date in the report editor is an update too).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.services.base import utcnow

KEEP = r.UNCHANGED
Target = dt.date | None | Literal[r._Unchanged.UNCHANGED]


def latest_update(s: Session, recommendation_id: int) -> m.ProgressUpdate | None:
    return s.scalars(
        select(m.ProgressUpdate)
        .where(m.ProgressUpdate.recommendation_id == recommendation_id)
        .order_by(m.ProgressUpdate.update_date.desc(), m.ProgressUpdate.id.desc())
        .limit(1)
    ).first()


def _completed_on(
    new: v.Progress | None, old: v.Progress | None, latest: m.ProgressUpdate | None, day: dt.date
) -> dt.date | None:
    """Complete now: the day it was first completed (kept while it stays complete), else this day."""
    if new is not v.Progress.COMPLETE:
        return None
    if old is v.Progress.COMPLETE and latest is not None and latest.completed_on is not None:
        return latest.completed_on
    return day


def _row(
    rec: m.Recommendation,
    *,
    day: dt.date,
    progress: v.Progress | None,
    old_progress: v.Progress | None,
    old_target: dt.date | None,
    new_target: dt.date | None,
    reason: str,
    latest: m.ProgressUpdate | None,
    recorded_by: str,
    **extra: Any,
) -> m.ProgressUpdate:
    moved = new_target != old_target
    return m.ProgressUpdate(
        recommendation_id=rec.id,
        update_date=day,
        progress=progress,
        target_date=new_target,
        previous_target_date=old_target if moved else None,
        reason=" ".join(reason.split()) if moved and old_target is not None else "",
        completed_on=_completed_on(progress, old_progress, latest, day),
        recorded_by=recorded_by,
        recorded_at=utcnow(),
        **extra,
    )


def append_update(
    s: Session,
    rec: m.Recommendation,
    *,
    recorded_by: str,
    progress: v.Progress | None,
    text: str = "",
    target_date: Target = KEEP,
    reason: str = "",
    owner: str | None = None,
    update_date: dt.date | None = None,
    source: v.UpdateSource = v.UpdateSource.TYPED,
    source_ref: str | None = None,
    source_sha256: str = "",
    today: dt.date | None = None,
) -> m.ProgressUpdate:
    """Add one checked update and make it the current state.

    `progress` None keeps the current one; `target_date` KEEP keeps the current target, None clears it.
    """
    today = today or dt.date.today()
    day = update_date or today
    if day > today:
        raise ValidationError(f"An update cannot be dated in the future ({long_date(day)}).")
    latest = latest_update(s, rec.id)
    if latest is not None and day < latest.update_date:
        raise ValidationError(
            f"An update cannot be dated before the latest one ({long_date(latest.update_date)})."
        )
    old_target = rec.target_date
    new_target = old_target if target_date is KEEP else target_date
    if new_target != old_target and old_target is not None and not (reason or "").strip():
        raise ValidationError(f"Give a reason for changing the target date (it was {long_date(old_target)}).")
    new_progress = progress if progress is not None else rec.progress
    row = _row(
        rec,
        day=day,
        progress=new_progress,
        old_progress=rec.progress,
        old_target=old_target,
        new_target=new_target,
        reason=reason or "",
        latest=latest,
        recorded_by=recorded_by,
        text=(text or "").strip(),
        owner=(rec.owner if owner is None else owner).strip(),
        source=source,
        source_ref=source_ref,
        source_sha256=source_sha256,
    )
    s.add(row)
    rec.progress = new_progress
    rec.target_date = new_target
    s.flush()
    return row


def note_edit(s: Session, rec: m.Recommendation, diff: dict[str, Any], reason: str, recorded_by: str) -> None:
    """The progress or target date was edited on the recommendation itself (`diff` holds
    [old, new] as the audit log writes them): add the update that says so. The reason for a moved
    date was already asked for."""
    if "progress" not in diff and "target_date" not in diff:
        return
    old_progress = rec.progress
    if "progress" in diff:
        old_progress = v.Progress(diff["progress"][0]) if diff["progress"][0] else None
    old_target = rec.target_date
    if "target_date" in diff:
        old_target = dt.date.fromisoformat(diff["target_date"][0]) if diff["target_date"][0] else None
    latest = latest_update(s, rec.id)
    today = dt.date.today()
    s.add(
        _row(
            rec,
            day=max(today, latest.update_date) if latest is not None else today,
            progress=rec.progress,
            old_progress=old_progress,
            old_target=old_target,
            new_target=rec.target_date,
            reason=reason,
            latest=latest,
            recorded_by=recorded_by,
            owner=rec.owner,
            source=v.UpdateSource.TYPED,
        )
    )


def first_update(s: Session, rec: m.Recommendation, recorded_by: str) -> None:
    """A recommendation added with a progress or a target date starts its history with them."""
    if rec.progress is None and rec.target_date is None:
        return
    s.add(
        _row(
            rec,
            day=dt.date.today(),
            progress=rec.progress,
            old_progress=None,
            old_target=rec.target_date,
            new_target=rec.target_date,
            reason="",
            latest=None,
            recorded_by=recorded_by,
            owner=rec.owner,
            source=v.UpdateSource.TYPED,
        )
    )


def audit_changes(row: m.ProgressUpdate) -> dict[str, Any]:
    """What the audit event of an update records."""
    changes: dict[str, Any] = {
        "recommendation_id": row.recommendation_id,
        "update_date": row.update_date,
        "progress": row.progress,
        "source": row.source,
    }
    if row.text:
        changes["text"] = row.text
    if row.target_date is not None:
        changes["target_date"] = row.target_date
    if row.previous_target_date is not None:
        changes["previous_target_date"] = row.previous_target_date
    if row.reason:
        changes["reason"] = row.reason
    if row.completed_on:
        changes["completed_on"] = row.completed_on
    if row.source_ref:
        changes["workbook"] = row.source_ref
    return changes


def update_summary(rec: m.Recommendation, row: m.ProgressUpdate) -> str:
    state = row.progress.label if row.progress else "no RAG"
    return f"{rec.report.reference}/{rec.label}: {state}"
