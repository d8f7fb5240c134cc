"""What needs doing: overdue and due-soon work, unanswered recommendations, letters awaiting issue,
and clearance: the letters waiting for me, those returned to me, and every clearance step overdue.

Everything is counted by SQL aggregates over indexed columns, and only the first few items of each
list are fetched, so the summary stays quick on a database of 100,000 recommendations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.records import DashboardSummary, DueItem, DueSummary, ItemList
from correspondence_desk.core.services.base import letter_first_report
from correspondence_desk.core.services.colleagues import KnowsMe
from correspondence_desk.core.services.expected import latest_expected
from correspondence_desk.core.text import one_line
from correspondence_desk.core.vocabulary import DUE_SOON_DAYS, NOT_OURS

ITEMS_SHOWN = 50


class DashboardService(KnowsMe):
    entity = "dashboard"

    def summary(
        self, today: dt.date | None = None, shown: int | None = ITEMS_SHOWN, within: int = DUE_SOON_DAYS
    ) -> DashboardSummary:
        """`shown` items of each list (None: all of them); "due soon" means within `within` days."""
        today = today or dt.date.today()
        soon = today + dt.timedelta(days=within)
        with self._unit() as s:
            login = self._login(s)
            me = self._me(s, login)
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
                awaiting_my_clearance=self._steps(
                    s, func.lower(m.Colleague.login) == login.lower(), today, shown
                ),
                returned_to_me=self._returned(s, login, shown),
                clearance_overdue=self._steps(s, m.ClearanceStep.due < today, today, shown),
                me=me.name if me else "",
                login=login,
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

    def _reports(self, s: Session, when: Any, today: dt.date, shown: int | None) -> ItemList:
        where = and_(when, m.Report.status == v.ReportStatus.OPEN)
        total = s.scalar(select(func.count()).select_from(m.Report).where(where)) or 0
        rows = s.execute(
            select(m.Report.id, m.Report.reference, m.Report.title, m.Report.response_due)
            .where(where)
            .order_by(m.Report.response_due, m.Report.id)
            .limit(shown)
        )
        found = list(rows)
        expected = latest_expected(s, [rid for rid, *_ in found])
        items = tuple(
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
            for rid, ref, title, due in found
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
        where = m.Letter.status != v.LetterStatus.ISSUED
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

    def _steps(self, s: Session, where: Any, today: dt.date, shown: int | None) -> ItemList:
        """Letters at a clearance step (CURRENT) matching `where`, the most overdue first."""
        base = (
            select(m.ClearanceStep.id)
            .join(m.Colleague, m.Colleague.id == m.ClearanceStep.colleague_id)
            .where(m.ClearanceStep.state == v.StepState.CURRENT, where)
        )
        total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
        other = aliased(m.ClearanceStep)
        count = (
            select(func.count()).select_from(other).where(other.letter_id == m.Letter.id).scalar_subquery()
        )
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

    def _returned(self, s: Session, login: str, shown: int | None) -> ItemList:
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

    def _counts(self, s: Session, column: Any, members: list[Any]) -> tuple[tuple[Any, int], ...]:
        found: dict[Any, int] = dict(s.execute(select(column, func.count()).group_by(column)).all())
        return tuple((member, found.get(member, 0)) for member in [*members, None])
