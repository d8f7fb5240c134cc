"""What needs doing: overdue and due-soon work, unanswered recommendations, letters awaiting issue,
and clearance: the letters waiting for me, those returned to me, and every clearance step overdue.

Everything is counted by SQL aggregates over indexed columns, and only the first few items of each
list are fetched, so the summary stays quick on a database of 100,000 recommendations. The lists' queries
are in dashboard_lists.py (due work) and dashboard_clearance.py (clearance).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import String, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import DashboardSummary, DueSummary, ItemList
from correspondence_desk.core.services.colleagues import KnowsMe
from correspondence_desk.core.services.dashboard_clearance import clearance_steps, returned_to
from correspondence_desk.core.services.dashboard_lists import (
    DueList,
    fetch,
    letter_list,
    recommendation_list,
    report_list,
    unanswered_list,
)
from correspondence_desk.core.vocabulary import DUE_SOON_DAYS, MAX_DUE_WITHIN_DAYS

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
            report_list(m.Report.response_due < today),
            report_list(m.Report.response_due.between(today, soon)),
            recommendation_list(m.Recommendation.deadline < today),
            recommendation_list(m.Recommendation.deadline.between(today, soon)),
            unanswered_list(),
            letter_list(),
        ]
        with self._unit() as s:
            found = fetch(s, lists, today, shown)
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
                awaiting_my_clearance=clearance_steps(
                    s, func.lower(m.Colleague.login) == login.lower(), today, shown
                ),
                returned_to_me=returned_to(s, login, shown),
                clearance_overdue=clearance_steps(s, m.ClearanceStep.due < today, today, shown),
                me=me.name if me else "",
                login=login,
            )

    def items(self, which: str, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> ItemList:
        """Every item of one of the summary's lists ("overdue_reports", "awaiting_my_clearance"…)."""
        today = today or dt.date.today()
        soon = _ahead(today, within)
        lists: dict[str, Callable[[], DueList]] = {
            "overdue_reports": lambda: report_list(m.Report.response_due < today),
            "due_soon_reports": lambda: report_list(m.Report.response_due.between(today, soon)),
            "overdue_recommendations": lambda: recommendation_list(m.Recommendation.deadline < today),
            "due_soon_recommendations": lambda: recommendation_list(
                m.Recommendation.deadline.between(today, soon)
            ),
            "unanswered_recommendations": unanswered_list,
            "letters_awaiting_issue": letter_list,
        }
        clearance = ("awaiting_my_clearance", "returned_to_me", "clearance_overdue")
        if which not in lists and which not in clearance:
            raise ValueError(f"No dashboard list is called {which!r}.")
        with self._unit() as s:
            if which == "awaiting_my_clearance":
                return clearance_steps(
                    s, func.lower(m.Colleague.login) == self._login(s).lower(), today, None
                )
            if which == "returned_to_me":
                return returned_to(s, self._login(s), None)
            if which == "clearance_overdue":
                return clearance_steps(s, m.ClearanceStep.due < today, today, None)
            (found,) = fetch(s, [lists[which]()], today, None)
            return found

    def due(self, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> DueSummary:
        """Every overdue and due-soon report response and recommendation deadline, in date order."""
        today = today or dt.date.today()
        soon = _ahead(today, within)
        lists = [
            report_list(m.Report.response_due < today),
            report_list(m.Report.response_due.between(today, soon)),
            recommendation_list(m.Recommendation.deadline < today),
            recommendation_list(m.Recommendation.deadline.between(today, soon)),
        ]
        with self._unit() as s:
            found = fetch(s, lists, today, None)
            return DueSummary(
                today=today,
                within=within,
                overdue_reports=found[0],
                due_soon_reports=found[1],
                overdue_recommendations=found[2],
                due_soon_recommendations=found[3],
            )

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
