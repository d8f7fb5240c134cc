"""What needs doing: overdue and due-soon work, unanswered recommendations, letters awaiting issue.

Everything is counted by SQL aggregates over indexed columns, and only the first few items of each
list are fetched, so the summary stays quick on a database of 100,000 recommendations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core.services.base import ServiceBase, letter_first_report

DUE_SOON_DAYS = 14
ITEMS_SHOWN = 50
# recommendations we are not implementing ourselves have no deadline of ours to miss
NOT_OURS = (m.Position.NOT_ACCEPTED, m.Position.NOTED)


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str  # "report", "recommendation" or "letter"
    id: int
    report_id: int | None
    letter_id: int | None
    reference: str  # the report's or letter's reference
    title: str  # report title, recommendation text or letter subject
    label: str = ""  # the recommendation's label
    due: dt.date | None = None
    days: int | None = None  # days until due; negative when overdue
    status: str = ""


@dataclass(frozen=True, slots=True)
class ItemList:
    items: tuple[DueItem, ...]
    total: int  # may be more than len(items): only the first ITEMS_SHOWN are fetched


@dataclass(frozen=True, slots=True)
class DashboardSummary:
    today: dt.date
    overdue_reports: ItemList
    due_soon_reports: ItemList
    overdue_recommendations: ItemList
    due_soon_recommendations: ItemList
    unanswered_recommendations: ItemList  # in open reports, answered in no issued letter
    letters_awaiting_issue: ItemList  # draft or approved
    by_position: tuple[tuple[m.Position | None, int], ...]  # every position, None = none yet
    by_progress: tuple[tuple[m.Progress | None, int], ...]


@dataclass(frozen=True, slots=True)
class DueSummary:
    """Everything overdue or due within `within` days (the `due` command)."""

    today: dt.date
    within: int
    overdue_reports: ItemList
    due_soon_reports: ItemList
    overdue_recommendations: ItemList
    due_soon_recommendations: ItemList


class DashboardService(ServiceBase):
    entity = "dashboard"

    def summary(
        self, today: dt.date | None = None, shown: int | None = ITEMS_SHOWN, within: int = DUE_SOON_DAYS
    ) -> DashboardSummary:
        """`shown` items of each list (None: all of them); "due soon" means within `within` days."""
        today = today or dt.date.today()
        soon = today + dt.timedelta(days=within)
        with self._unit() as s:
            return DashboardSummary(
                today=today,
                overdue_reports=self._reports(s, m.Report.response_due < today, today, shown),
                due_soon_reports=self._reports(s, m.Report.response_due.between(today, soon), today, shown),
                overdue_recommendations=self._recommendations(
                    s, m.Recommendation.deadline < today, today, shown
                ),
                due_soon_recommendations=self._recommendations(
                    s, m.Recommendation.deadline.between(today, soon), today, shown
                ),
                unanswered_recommendations=self._unanswered(s, today, shown),
                letters_awaiting_issue=self._letters(s, shown),
                by_position=self._counts(s, m.Recommendation.position, list(m.Position)),
                by_progress=self._counts(s, m.Recommendation.progress, list(m.Progress)),
            )

    def due(self, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> DueSummary:
        """Every overdue and due-soon report response and recommendation deadline, in date order."""
        today = today or dt.date.today()
        soon = today + dt.timedelta(days=within)
        with self._unit() as s:
            return DueSummary(
                today=today,
                within=within,
                overdue_reports=self._reports(s, m.Report.response_due < today, today, None),
                due_soon_reports=self._reports(s, m.Report.response_due.between(today, soon), today, None),
                overdue_recommendations=self._recommendations(
                    s, m.Recommendation.deadline < today, today, None
                ),
                due_soon_recommendations=self._recommendations(
                    s, m.Recommendation.deadline.between(today, soon), today, None
                ),
            )

    def _reports(self, s: Session, when, today: dt.date, shown: int | None) -> ItemList:
        where = and_(when, m.Report.status == m.ReportStatus.OPEN)
        total = s.scalar(select(func.count()).select_from(m.Report).where(where)) or 0
        rows = s.execute(
            select(m.Report.id, m.Report.reference, m.Report.title, m.Report.response_due)
            .where(where)
            .order_by(m.Report.response_due, m.Report.id)
            .limit(shown)
        )
        items = tuple(
            DueItem("report", rid, rid, None, ref, title, due=due, days=(due - today).days)
            for rid, ref, title, due in rows
        )
        return ItemList(items, total)

    def _recommendations(self, s: Session, when, today: dt.date, shown: int | None) -> ItemList:
        ours_and_open = and_(
            when,
            or_(m.Recommendation.progress.is_(None), m.Recommendation.progress != m.Progress.COMPLETE),
            or_(m.Recommendation.position.is_(None), m.Recommendation.position.not_in(NOT_OURS)),
        )
        closed = select(m.Report.id).where(m.Report.status == m.ReportStatus.CLOSED)
        # counted from the (deadline, progress, position, report_id) index alone: the few closed
        # reports are one small set, not a report lookup per recommendation
        total = s.scalar(
            select(func.count())
            .select_from(m.Recommendation)
            .where(ours_and_open, m.Recommendation.report_id.not_in(closed))
        )
        where = and_(ours_and_open, m.Report.status != m.ReportStatus.CLOSED)
        return self._rec_list(s, where, m.Recommendation.deadline, today, shown, total or 0)

    def _unanswered(self, s: Session, today: dt.date, shown: int | None) -> ItemList:
        answered = exists().where(
            m.Response.recommendation_id == m.Recommendation.id,
            m.Letter.id == m.Response.letter_id,
            m.Letter.status == m.LetterStatus.ISSUED,
        )
        where = and_(m.Report.status == m.ReportStatus.OPEN, ~answered)
        total = s.scalar(
            select(func.count())
            .select_from(m.Recommendation)
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .where(where)
        )
        return self._rec_list(s, where, m.Report.response_due, today, shown, total or 0)

    def _rec_list(
        self, s: Session, where, due_column, today: dt.date, shown: int | None, total: int
    ) -> ItemList:
        def base(query: Select) -> Select:
            return query.join(m.Report, m.Report.id == m.Recommendation.report_id).where(where)

        rows = s.execute(
            base(
                select(
                    m.Recommendation.id,
                    m.Recommendation.report_id,
                    m.Report.reference,
                    m.Recommendation.label,
                    m.Recommendation.text,
                    due_column,
                ).select_from(m.Recommendation)
            )
            # indexed columns only, so SQLite reads the first rows in order and stops at the limit
            .order_by(due_column, m.Recommendation.id)
            .limit(shown)
        )
        items = tuple(
            DueItem(
                "recommendation",
                rid,
                report_id,
                None,
                ref,
                _first_line(text),
                label=label,
                due=due,
                days=(due - today).days if due else None,
            )
            for rid, report_id, ref, label, text, due in rows
        )
        return ItemList(items, total)

    def _letters(self, s: Session, shown: int | None) -> ItemList:
        where = m.Letter.status.in_((m.LetterStatus.DRAFT, m.LetterStatus.APPROVED))
        total = s.scalar(select(func.count()).select_from(m.Letter).where(where)) or 0
        first_report = letter_first_report()
        rows = s.execute(
            select(m.Letter.id, first_report, m.Letter.reference, m.Letter.subject, m.Letter.status)
            .where(where)
            .order_by(m.Letter.created_at, m.Letter.id)
            .limit(shown)
        )
        items = tuple(
            DueItem("letter", lid, report_id, lid, ref, subject, status=status.value)
            for lid, report_id, ref, subject, status in rows
        )
        return ItemList(items, total)

    def _counts(self, s: Session, column, members: list) -> tuple:
        found = dict(s.execute(select(column, func.count()).group_by(column)).all())
        return tuple((member, found.get(member, 0)) for member in [*members, None])


def _first_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
