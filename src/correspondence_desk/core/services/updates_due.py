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
from dataclasses import dataclass

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.clocks import add_months
from correspondence_desk.core.text import one_line


@dataclass(frozen=True, slots=True)
class _Base:
    rec_id: int
    owner: str
    responded: dt.date
    last: dt.date | None

    @property
    def counts_from(self) -> dt.date:
        return max(self.responded, self.last) if self.last else self.responded


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
            responded.c.letter_date,
            responded.c.issued_at,
            updated.c.last,
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
    bases = []
    for rec_id, owner, letter_date, issued_at, last in s.execute(query):
        # an issued letter without a letter date counts from the day it was issued
        first = letter_date or (issued_at.date() if issued_at else None)
        if first is not None:
            bases.append(_Base(rec_id, owner or "", first, last))
    return bases


def _owners(overdue: Sequence[_Base], every: int, today: dt.date) -> tuple[r.OwnerOverdue, ...]:
    grouped: dict[str, tuple[str, int, dt.date]] = {}
    for base in overdue:
        name = " ".join(base.owner.split())
        _, count, oldest = grouped.get(name.casefold(), (name, 0, base.counts_from))
        grouped[name.casefold()] = (name, count + 1, min(oldest, base.counts_from))
    owners = []
    for name, count, oldest in grouped.values():
        due = add_months(oldest, every)
        owners.append(r.OwnerOverdue(name, count, due, (today - due).days))
    owners.sort(key=lambda o: (o.oldest_due, -o.count, o.owner.casefold()))
    return tuple(owners)


def _items(s: Session, chosen: Sequence[_Base], every: int, today: dt.date) -> tuple[r.UpdateDue, ...]:
    ids = [b.rec_id for b in chosen]
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
    for base in chosen:
        report_id, reference, label, text, progress = details[base.rec_id]
        due = add_months(base.counts_from, every)
        items.append(
            r.UpdateDue(
                recommendation_id=base.rec_id,
                report_id=report_id,
                report_reference=reference,
                label=label,
                title=one_line(text, 160),
                owner=base.owner,
                progress=v.Progress(progress) if progress else None,
                responded=base.responded,
                last_update=base.last,
                due=due,
                days=(due - today).days,
            )
        )
    return tuple(items)


def updates_due(s: Session, today: dt.date, every: int, within: int, shown: int | None) -> r.UpdatesDue:
    cutoff = overdue_cutoff(today, every)
    soon = today + dt.timedelta(days=within)
    overdue: list[_Base] = []
    due_soon: list[_Base] = []
    for base in _bases(s):
        if base.counts_from < cutoff:
            overdue.append(base)
        elif add_months(base.counts_from, every) <= soon:
            due_soon.append(base)
    overdue.sort(key=lambda b: (b.counts_from, b.rec_id))
    due_soon.sort(key=lambda b: (b.counts_from, b.rec_id))
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
