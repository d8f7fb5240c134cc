"""What needs doing: overdue and due-soon work, unanswered recommendations, letters awaiting issue,
and clearance: the letters waiting for me, those returned to me, and every clearance step overdue.

Everything is counted by SQL aggregates over indexed columns, and only the first few items of each
list are fetched, so the summary stays quick on a database of 100,000 recommendations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, and_, exists, func, literal, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session, aliased

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import DashboardSummary, DueItem, DueSummary, ItemList
from correspondence_desk.core.services.base import letter_first_report
from correspondence_desk.core.services.colleagues import KnowsMe
from correspondence_desk.core.services.expected import latest_expected
from correspondence_desk.core.text import one_line
from correspondence_desk.core.vocabulary import DUE_SOON_DAYS, MAX_DUE_WITHIN_DAYS, NOT_OURS

ITEMS_SHOWN = 50


MAX_WITHIN = MAX_DUE_WITHIN_DAYS


def _ahead(today: dt.date, within: int) -> dt.date:
    if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= MAX_WITHIN:
        raise ValidationError(f"“Due within” must be between 0 and {MAX_WITHIN:,} days.")
    return today + dt.timedelta(days=within)


class DashboardService(KnowsMe):
    """Every total comes back in one statement and each list in one more, so the dashboard is a
    handful of round trips on a server whatever the size of the database."""

    entity = "dashboard"

    def summary(
        self, today: dt.date | None = None, shown: int | None = ITEMS_SHOWN, within: int = DUE_SOON_DAYS
    ) -> DashboardSummary:
        """`shown` items of each list (None: all of them); "due soon" means within `within` days."""
        today = today or dt.date.today()
        soon = _ahead(today, within)
        lists = [
            self._reports(m.Report.response_due < today),
            self._reports(m.Report.response_due.between(today, soon)),
            self._recommendations(m.Recommendation.deadline < today),
            self._recommendations(m.Recommendation.deadline.between(today, soon)),
            self._unanswered(),
            self._letters(),
        ]
        with self._unit() as s:
            found = self._fetch(s, lists, today, shown)
            by_position, by_progress = self._counts(s)
            login = self._login(s)
            me = self._me(s, login)
            return DashboardSummary(
                today=today,
                overdue_reports=found[0],
                due_soon_reports=found[1],
                overdue_recommendations=found[2],
                due_soon_recommendations=found[3],
                unanswered_recommendations=found[4],
                letters_awaiting_issue=found[5],
                by_position=by_position,
                by_progress=by_progress,
                awaiting_my_clearance=self._steps(
                    s, func.lower(m.Colleague.login) == login.lower(), today, shown
                ),
                returned_to_me=self._returned(s, login, shown),
                clearance_overdue=self._steps(s, m.ClearanceStep.due < today, today, shown),
                me=me.name if me else "",
                login=login,
            )

    def items(self, which: str, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> ItemList:
        """Every item of one of the summary's lists ("overdue_reports", "awaiting_my_clearance"…)."""
        today = today or dt.date.today()
        soon = _ahead(today, within)
        lists: dict[str, Callable[[], _List]] = {
            "overdue_reports": lambda: self._reports(m.Report.response_due < today),
            "due_soon_reports": lambda: self._reports(m.Report.response_due.between(today, soon)),
            "overdue_recommendations": lambda: self._recommendations(m.Recommendation.deadline < today),
            "due_soon_recommendations": lambda: self._recommendations(
                m.Recommendation.deadline.between(today, soon)
            ),
            "unanswered_recommendations": self._unanswered,
            "letters_awaiting_issue": self._letters,
        }
        clearance = ("awaiting_my_clearance", "returned_to_me", "clearance_overdue")
        if which not in lists and which not in clearance:
            raise ValueError(f"No dashboard list is called {which!r}.")
        with self._unit() as s:
            if which == "awaiting_my_clearance":
                return self._steps(s, func.lower(m.Colleague.login) == self._login(s).lower(), today, None)
            if which == "returned_to_me":
                return self._returned(s, self._login(s), None)
            if which == "clearance_overdue":
                return self._steps(s, m.ClearanceStep.due < today, today, None)
            (found,) = self._fetch(s, [lists[which]()], today, None)
            return found

    def due(self, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> DueSummary:
        """Every overdue and due-soon report response and recommendation deadline, in date order."""
        today = today or dt.date.today()
        soon = _ahead(today, within)
        lists = [
            self._reports(m.Report.response_due < today),
            self._reports(m.Report.response_due.between(today, soon)),
            self._recommendations(m.Recommendation.deadline < today),
            self._recommendations(m.Recommendation.deadline.between(today, soon)),
        ]
        with self._unit() as s:
            found = self._fetch(s, lists, today, None)
            return DueSummary(
                today=today,
                within=within,
                overdue_reports=found[0],
                due_soon_reports=found[1],
                overdue_recommendations=found[2],
                due_soon_recommendations=found[3],
            )

    def _fetch(self, s: Session, lists: list[_List], today: dt.date, shown: int | None) -> list[ItemList]:
        totals = s.execute(select(*(x.count.scalar_subquery() for x in lists))).one()
        return [
            ItemList(x.items(s, today, shown) if total and shown != 0 else (), int(total or 0))
            for x, total in zip(lists, totals, strict=True)
        ]

    def _reports(self, when: Any) -> _List:
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

        return _List(select(func.count()).select_from(m.Report).where(where), items)

    def _recommendations(self, when: Any) -> _List:
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
        return _List(count, _rec_items(where, m.Recommendation.deadline))

    def _unanswered(self) -> _List:
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
        return _List(count, _rec_items(where, m.Report.response_due, undated_last=True))

    def _letters(self) -> _List:
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

        return _List(select(func.count()).select_from(m.Letter).where(where), items)

    def _steps(self, s: Session, where: Any, today: dt.date, shown: int | None) -> ItemList:
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

    def _counts(self, s: Session) -> tuple[tuple[tuple[Any, int], ...], tuple[tuple[Any, int], ...]]:
        """Recommendations by position and by progress, in one statement."""
        position = select(
            literal("p"), type_coerce(m.Recommendation.position, String), func.count()
        ).group_by(m.Recommendation.position)
        progress = select(
            literal("g"), type_coerce(m.Recommendation.progress, String), func.count()
        ).group_by(m.Recommendation.progress)
        found: dict[tuple[str, str | None], int] = {
            (kind, value): n for kind, value, n in s.execute(union_all(position, progress))
        }
        return (
            tuple((p, found.get(("p", p.value if p else None), 0)) for p in [*v.Position, None]),
            tuple((p, found.get(("g", p.value if p else None), 0)) for p in [*v.Progress, None]),
        )


@dataclass(frozen=True)
class _List:
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
