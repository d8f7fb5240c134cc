"""The dashboard's clearance lists: letters at a clearance step (mine to clear, or overdue), and the
drafts returned for amendment to the one who sent them round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.records import DueItem, ItemList
from correspondence_desk.core.text import one_line


def clearance_steps(s: Session, where: Any, today: dt.date, shown: int | None) -> ItemList:
    """Letters at a clearance step (CURRENT) matching `where`, the most overdue first."""
    base = (
        select(m.ClearanceStep.id)
        .join(m.Colleague, m.Colleague.id == m.ClearanceStep.colleague_id)
        .where(m.ClearanceStep.state == v.StepState.CURRENT, where)
    )
    total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
    if not total or shown == 0:  # nothing to list: no second round trip
        return ItemList((), total)
    other = aliased(m.ClearanceStep)
    count = select(func.count()).select_from(other).where(other.letter_id == m.Letter.id).scalar_subquery()
    rows = s.execute(
        select(
            m.Letter.id,
            m.Letter.report_id,
            m.Letter.reference,
            m.Letter.subject,
            m.ClearanceStep.sort_order,
            m.ClearanceStep.due,
            m.Colleague.name,
            count,
        )
        .join(m.ClearanceStep, m.ClearanceStep.letter_id == m.Letter.id)
        .join(m.Colleague, m.Colleague.id == m.ClearanceStep.colleague_id)
        .where(m.ClearanceStep.state == v.StepState.CURRENT, where)
        .order_by(m.ClearanceStep.due, m.ClearanceStep.id)
        .limit(shown)
    )
    items = tuple(
        DueItem(
            "letter",
            lid,
            report_id,
            lid,
            ref,
            subject,
            due=due,
            days=(due - today).days if due else None,
            status=f"Step {order + 1} of {of}: {name}",
        )
        for lid, report_id, ref, subject, order, due, name, of in rows
    )
    return ItemList(items, total)


def returned_to(s: Session, login: str, shown: int | None) -> ItemList:
    """Draft letters returned for amendment that I sent round (the latest send was mine)."""
    returned = (
        select(m.ClearanceStep.letter_id, m.ClearanceStep.action_id)
        .join(m.Letter, m.Letter.id == m.ClearanceStep.letter_id)
        .where(m.ClearanceStep.state == v.StepState.RETURNED, m.Letter.status == v.LetterStatus.DRAFT)
    )
    candidates = dict(s.execute(returned).all())
    if not candidates:
        return ItemList((), 0)
    last_sent = dict(
        s.execute(
            select(m.ClearanceAction.letter_id, func.max(m.ClearanceAction.id))
            .where(
                m.ClearanceAction.letter_id.in_(list(candidates)),
                m.ClearanceAction.outcome == v.ClearanceOutcome.SENT,
            )
            .group_by(m.ClearanceAction.letter_id)
        ).all()
    )
    senders = dict(
        s.execute(
            select(m.ClearanceAction.id, m.ClearanceAction.login).where(
                m.ClearanceAction.id.in_(list(last_sent.values()))
            )
        ).all()
    )
    mine = [lid for lid, sent in last_sent.items() if senders.get(sent, "").lower() == login.lower()]
    rows = s.execute(
        select(
            m.Letter.id,
            m.Letter.report_id,
            m.Letter.reference,
            m.Letter.subject,
            m.ClearanceAction.login,
            m.Colleague.name,
            m.ClearanceAction.comment,
            m.ClearanceAction.at,
        )
        .join(m.ClearanceStep, m.ClearanceStep.letter_id == m.Letter.id)
        .join(m.ClearanceAction, m.ClearanceAction.id == m.ClearanceStep.action_id)
        .outerjoin(m.Colleague, m.Colleague.id == m.ClearanceAction.colleague_id)
        .where(m.Letter.id.in_(mine), m.ClearanceStep.state == v.StepState.RETURNED)
        .order_by(m.ClearanceAction.at.desc(), m.Letter.id)
        .limit(shown)
    )
    items = tuple(
        DueItem(
            "letter",
            lid,
            report_id,
            lid,
            ref,
            subject,
            status=f"Returned by {name or who}: {one_line(comment, 120)}",
        )
        for lid, report_id, ref, subject, who, name, comment, _at in rows
    )
    return ItemList(items, len(mine))
