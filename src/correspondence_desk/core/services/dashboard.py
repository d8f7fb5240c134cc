"""What needs doing: overdue and due-soon work, unanswered recommendations, letters awaiting issue.

Everything is counted by SQL aggregates over indexed columns, and only the first few items of each
list are fetched, so the summary stays quick on a database of 100,000 recommendations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.records import DashboardSummary, DueItem, DueSummary, ItemList
from correspondence_desk.core.services.base import ServiceBase, letter_first_report
from correspondence_desk.core.text import one_line
from correspondence_desk.core.vocabulary import DUE_SOON_DAYS, NOT_OURS

ITEMS_SHOWN = 50


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
                by_position=self._counts(s, m.Recommendation.position, list(v.Position)),
                by_progress=self._counts(s, m.Recommendation.progress, list(v.Progress)),
            )

    def items(self, which: str, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> ItemList:
        """Every item of one of the summary's lists ("overdue_reports", "letters_awaiting_issue"…)."""
        today = today or dt.date.today()
        soon = today + dt.timedelta(days=within)
        with self._unit() as s:
            lists = {
                "overdue_reports": lambda: self._reports(s, m.Report.response_due < today, today, None),
                "due_soon_reports": lambda: self._reports(
                    s, m.Report.response_due.between(today, soon), today, None
                ),
                "overdue_recommendations": lambda: self._recommendations(
                    s, m.Recommendation.deadline < today, today, None
                ),
                "due_soon_recommendations": lambda: self._recommendations(
                    s, m.Recommendation.deadline.between(today, soon), today, None
                ),
                "unanswered_recommendations": lambda: self._unanswered(s, today, None),
                "letters_awaiting_issue": lambda: self._letters(s, None),
            }
            if which not in lists:
                raise ValueError(f"No dashboard list is called {which!r}.")
            return lists[which]()

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

    def _reports(self, s: Session, when: Any, today: dt.date, shown: int | None) -> ItemList:
        where = and_(when, m.Report.status == v.ReportStatus.OPEN)
        total = s.scalar(select(func.count()).select_from(m.Report).where(where)) or 0
        rows = s.execute(
            select(m.Report.id, m.Report.reference, m.Report.title, m.Report.response_due)
            .where(where)
            .order_by(m.Report.response_due, m.Report.id)
            .limit(shown)
        )
        items = tuple(
            DueItem("report", rid, rid, None, ref, title, due=due, days=(due - today).days if due else None)
            for rid, ref, title, due in rows
        )
        return ItemList(items, total)

    def _recommendations(self, s: Session, when: Any, today: dt.date, shown: int | None) -> ItemList:
        ours_and_open = and_(
            when,
            or_(m.Recommendation.progress.is_(None), m.Recommendation.progress != v.Progress.COMPLETE),
            or_(m.Recommendation.position.is_(None), m.Recommendation.position.not_in(NOT_OURS)),
        )
        closed = select(m.Report.id).where(m.Report.status == v.ReportStatus.CLOSED)
        # counted from the (deadline, progress, position, report_id) index alone: the few closed
        # reports are one small set, not a report lookup per recommendation
        total = s.scalar(
            select(func.count())
            .select_from(m.Recommendation)
            .where(ours_and_open, m.Recommendation.report_id.not_in(closed))
        )
        where = and_(ours_and_open, m.Report.status != v.ReportStatus.CLOSED)
        return self._rec_list(s, where, m.Recommendation.deadline, today, shown, total or 0)

    def _unanswered(self, s: Session, today: dt.date, shown: int | None) -> ItemList:
        answered = exists().where(
            m.Response.recommendation_id == m.Recommendation.id,
            m.Letter.id == m.Response.letter_id,
            m.Letter.status == v.LetterStatus.ISSUED,
        )
        where = and_(m.Report.status == v.ReportStatus.OPEN, ~answered)
        total = s.scalar(
            select(func.count())
            .select_from(m.Recommendation)
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .where(where)
        )
        return self._rec_list(s, where, m.Report.response_due, today, shown, total or 0)

    def _rec_list(
        self, s: Session, where: Any, due_column: Any, today: dt.date, shown: int | None, total: int
    ) -> ItemList:
        def base(query: Select[Any]) -> Select[Any]:
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
                one_line(text, 160),
                label=label,
                due=due,
                days=(due - today).days if due else None,
            )
            for rid, report_id, ref, label, text, due in rows
        )
        return ItemList(items, total)

    def _letters(self, s: Session, shown: int | None) -> ItemList:
        where = m.Letter.status.in_((v.LetterStatus.DRAFT, v.LetterStatus.APPROVED))
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

    def _counts(self, s: Session, column: Any, members: list[Any]) -> tuple[tuple[Any, int], ...]:
        found: dict[Any, int] = dict(s.execute(select(column, func.count()).group_by(column)).all())
        return tuple((member, found.get(member, 0)) for member in [*members, None])
