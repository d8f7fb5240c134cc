"""Which progress updates are due: `every` months (the office setting) after a recommendation's first
issued response, then after each update. Only open work counts: not complete, not directed at
another body or refused, in a report that is not closed, and already answered.

Two grouped queries read, for every such recommendation, its first response and latest update
(no text); the details are read only for the items shown, so a 100,000-recommendation desk answers
quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.clocks import add_months
from correspondence_desk.core.text import one_line

# (counts from, recommendation id, owner, first response, latest update): dates as ISO text, which
# sort and compare as the dates do; made into dates only for the items shown
_Base = tuple[str, int, str, str, str | None]


def overdue_cutoff(today: dt.date, months: int) -> dt.date:
    """The first base date whose update is not yet overdue: add_months(base) < today ⟺ base < cutoff.
    add_months only clamps month ends, so the answer is within a few days of today − months."""
    day = add_months(today, -months) - dt.timedelta(days=4)
    while add_months(day, months) < today:
        day += dt.timedelta(days=1)
    return day


def _bases(s: Session) -> list[_Base]:
    responded = (
        select(
            m.Response.recommendation_id.label("rid"),
            func.min(m.Letter.letter_date).label("letter_date"),
            func.min(m.Letter.issued_at).label("issued_at"),
        )
        .join(m.Letter, m.Letter.id == m.Response.letter_id)
        .where(m.Letter.status == v.LetterStatus.ISSUED)
        .group_by(m.Response.recommendation_id)
        .subquery()
    )
    updated = (
        select(
            m.ProgressUpdate.recommendation_id.label("rid"),
            func.max(m.ProgressUpdate.update_date).label("last"),
        )
        .group_by(m.ProgressUpdate.recommendation_id)
        .subquery()
    )
    query = (
        select(
            m.Recommendation.id,
            m.Recommendation.owner,
            # read as stored (ISO text on SQLite): parsing 100,000 dates would cost more than the query
            type_coerce(responded.c.letter_date, String),
            type_coerce(responded.c.issued_at, String),
            type_coerce(updated.c.last, String),
        )
        .join(responded, responded.c.rid == m.Recommendation.id)
        .outerjoin(updated, updated.c.rid == m.Recommendation.id)
        .join(m.Report, m.Report.id == m.Recommendation.report_id)
        .where(
            m.Report.status != v.ReportStatus.CLOSED,
            or_(m.Recommendation.progress.is_(None), m.Recommendation.progress != v.Progress.COMPLETE),
            or_(m.Recommendation.position.is_(None), m.Recommendation.position.not_in(v.NOT_OURS)),
        )
    )
    bases: list[_Base] = []
    for rec_id, owner, letter_date, issued_at, last in s.connection().execute(query):
        # an issued letter without a letter date counts from the day it was issued
        first = str(letter_date)[:10] if letter_date else str(issued_at)[:10] if issued_at else ""
        if not first:
            continue
        latest = str(last)[:10] if last else None
        bases.append((latest if latest and latest > first else first, rec_id, owner or "", first, latest))
    return bases


def _owners(overdue: Sequence[_Base], every: int, today: dt.date) -> tuple[r.OwnerOverdue, ...]:
    grouped: dict[str, list[Any]] = {}  # owner, folded -> [owner as written, count, oldest base]
    for base, _rec_id, owner, _first, _latest in overdue:  # oldest first
        key = owner.casefold()
        if key in grouped:
            grouped[key][1] += 1
        else:
            grouped[key] = [owner, 1, base]
    owners = []
    for owner, count, oldest in grouped.values():
        due = add_months(dt.date.fromisoformat(oldest), every)
        owners.append(r.OwnerOverdue(" ".join(owner.split()), count, due, (today - due).days))
    owners.sort(key=lambda o: (o.oldest_due, -o.count, o.owner.casefold()))
    return tuple(owners)


def _items(s: Session, chosen: Sequence[_Base], every: int, today: dt.date) -> tuple[r.UpdateDue, ...]:
    ids = [b[1] for b in chosen]
    details = {}
    for start in range(0, len(ids), 500):
        rows = s.execute(
            select(
                m.Recommendation.id,
                m.Recommendation.report_id,
                m.Report.reference,
                m.Recommendation.label,
                m.Recommendation.text,
                type_coerce(m.Recommendation.progress, String),
            )
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .where(m.Recommendation.id.in_(ids[start : start + 500]))
        )
        details.update({row[0]: row[1:] for row in rows})
    items = []
    for base, rec_id, owner, first, latest in chosen:
        report_id, reference, label, text, progress = details[rec_id]
        due = add_months(dt.date.fromisoformat(base), every)
        items.append(
            r.UpdateDue(
                recommendation_id=rec_id,
                report_id=report_id,
                report_reference=reference,
                label=label,
                title=one_line(text, 160),
                owner=owner,
                progress=v.Progress(progress) if progress else None,
                responded=dt.date.fromisoformat(first),
                last_update=dt.date.fromisoformat(latest) if latest else None,
                due=due,
                days=(due - today).days,
            )
        )
    return tuple(items)


def updates_due(s: Session, today: dt.date, every: int, within: int, shown: int | None) -> r.UpdatesDue:
    # due = add_months(base) < today ⟺ base < cutoff; due by `soon` ⟺ base < cutoff of the day after
    late = overdue_cutoff(today, every).isoformat()
    soon = overdue_cutoff(today + dt.timedelta(days=within + 1), every).isoformat()
    overdue: list[_Base] = []
    due_soon: list[_Base] = []
    for base in _bases(s):
        if base[0] < late:
            overdue.append(base)
        elif base[0] < soon:
            due_soon.append(base)
    overdue.sort()  # by the date counted from, then id
    due_soon.sort()
    return r.UpdatesDue(
        today=today,
        every_months=every,
        within=within,
        overdue=_items(s, overdue if shown is None else overdue[:shown], every, today),
        overdue_total=len(overdue),
        due_soon=_items(s, due_soon if shown is None else due_soon[:shown], every, today),
        due_soon_total=len(due_soon),
        owners=_owners(overdue, every, today),
    )
