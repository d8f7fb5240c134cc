"""The dashboard's lists of due work (reports, recommendations, unanswered, letters awaiting issue):
each a count statement and a query for its first items, so every total comes back in one statement
and each list in one more. Functions of a session, as the dashboard service's transaction uses them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.records import DueItem, ItemList
from correspondence_desk.core.services.base import letter_first_report
from correspondence_desk.core.services.expected import latest_expected
from correspondence_desk.core.text import one_line
from correspondence_desk.core.vocabulary import NOT_OURS


@dataclass(frozen=True)
class DueList:
    """One list: the statement counting all of it, and the query of its first `shown` items."""

    count: Select[Any]
    items: Callable[[Session, dt.date, int | None], tuple[DueItem, ...]]


def _rec_items(
    where: Any, due_column: Any, *, undated_last: bool = False
) -> Callable[[Session, dt.date, int | None], tuple[DueItem, ...]]:
    def items(s: Session, today: dt.date, shown: int | None) -> tuple[DueItem, ...]:
        rows = s.execute(
            select(
                m.Recommendation.id,
                m.Recommendation.report_id,
                m.Report.reference,
                m.Recommendation.label,
                m.Recommendation.text,
                due_column,
            )
            .select_from(m.Recommendation)
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .where(where)
            # indexed columns only, so SQLite reads the first rows in order and stops at the limit
            # (the dated lists never hold a NULL; the undated one says where NULLs go, as the
            # engines disagree: SQLite sorts them first, PostgreSQL last)
            .order_by(due_column.asc().nulls_last() if undated_last else due_column, m.Recommendation.id)
            .limit(shown)
        )
        return tuple(
            DueItem(
                "recommendation",
                rid,
                report_id,
                None,
                ref,
                one_line(text, 160),
                label=label,
                due=due,
                days=(due - today).days if due else None,
            )
            for rid, report_id, ref, label, text, due in rows
        )

    return items


def fetch(s: Session, lists: list[DueList], today: dt.date, shown: int | None) -> list[ItemList]:
    totals = s.execute(select(*(x.count.scalar_subquery() for x in lists))).one()
    return [
        ItemList(x.items(s, today, shown) if total and shown != 0 else (), int(total or 0))
        for x, total in zip(lists, totals, strict=True)
    ]


def report_list(when: Any) -> DueList:
    where = and_(when, m.Report.status == v.ReportStatus.OPEN)

    def items(s: Session, today: dt.date, shown: int | None) -> tuple[DueItem, ...]:
        rows = list(
            s.execute(
                select(m.Report.id, m.Report.reference, m.Report.title, m.Report.response_due)
                .where(where)
                .order_by(m.Report.response_due, m.Report.id)
                .limit(shown)
            )
        )
        expected = latest_expected(s, [rid for rid, *_ in rows])  # holding letters' new dates
        return tuple(
            DueItem(
                "report",
                rid,
                rid,
                None,
                ref,
                title,
                due=due,
                days=(due - today).days if due else None,
                expected=expected[rid].expected if rid in expected else None,
                status=f"Holding letter: {expected[rid].reason}" if rid in expected else "",
            )
            for rid, ref, title, due in rows
        )

    return DueList(select(func.count()).select_from(m.Report).where(where), items)


def recommendation_list(when: Any) -> DueList:
    ours_and_open = and_(
        when,
        or_(m.Recommendation.progress.is_(None), m.Recommendation.progress != v.Progress.COMPLETE),
        or_(m.Recommendation.position.is_(None), m.Recommendation.position.not_in(NOT_OURS)),
    )
    closed = select(m.Report.id).where(m.Report.status == v.ReportStatus.CLOSED)
    # counted from the (deadline, progress, position, report_id) index alone: the few closed
    # reports are one small set, not a report lookup per recommendation
    count = (
        select(func.count())
        .select_from(m.Recommendation)
        .where(ours_and_open, m.Recommendation.report_id.not_in(closed))
    )
    where = and_(ours_and_open, m.Report.status != v.ReportStatus.CLOSED)
    return DueList(count, _rec_items(where, m.Recommendation.deadline))


def unanswered_list() -> DueList:
    answered = exists().where(
        m.Response.recommendation_id == m.Recommendation.id,
        m.Letter.id == m.Response.letter_id,
        m.Letter.status == v.LetterStatus.ISSUED,
    )
    where = and_(m.Report.status == v.ReportStatus.OPEN, ~answered)
    count = (
        select(func.count())
        .select_from(m.Recommendation)
        .join(m.Report, m.Report.id == m.Recommendation.report_id)
        .where(where)
    )
    # a report with no response date: its recommendations last, on both engines
    return DueList(count, _rec_items(where, m.Report.response_due, undated_last=True))


def letter_list() -> DueList:
    where = m.Letter.status != v.LetterStatus.ISSUED  # drafts, in clearance, cleared

    def items(s: Session, today: dt.date, shown: int | None) -> tuple[DueItem, ...]:
        first_report = letter_first_report()
        rows = s.execute(
            select(m.Letter.id, first_report, m.Letter.reference, m.Letter.subject, m.Letter.status)
            .where(where)
            .order_by(m.Letter.created_at, m.Letter.id)
            .limit(shown)
        )
        return tuple(
            DueItem("letter", lid, report_id, lid, ref, subject, status=status.value)
            for lid, report_id, ref, subject, status in rows
        )

    return DueList(select(func.count()).select_from(m.Letter).where(where), items)
