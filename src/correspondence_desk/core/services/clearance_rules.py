"""How a letter's clearance route moves, inside the caller's transaction (the letters, issuing and
clearance services share it):
- an edit after a step was cleared marks that clearance "changed since cleared" and runs the route
  again from the first step whose text changed, unless the editor confirmed a typo fix (`EditGuard`);
- issuing refuses a letter whose route is not complete when the office says so (`refuse_uncleared`);
- the letters list shows each route's state in brief (`route_states`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.clearance import diff_summary, route_state, same_text, snapshot, text_diff
from correspondence_desk.core.clocks import add_working_days
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.services import convert, office
from correspondence_desk.core.services.base import ServiceBase, utcnow
from correspondence_desk.core.vocabulary import ClearanceOutcome, LetterKind, LetterStatus, StepState


def route(s: Session, letter_id: int) -> list[m.ClearanceStep]:
    """A letter's steps in order (with their colleague and latest action)."""
    return list(
        s.scalars(
            select(m.ClearanceStep)
            .where(m.ClearanceStep.letter_id == letter_id)
            .order_by(m.ClearanceStep.sort_order)
        )
    )


def has_route(s: Session, letter_id: int) -> bool:
    return (
        s.scalar(select(m.ClearanceStep.id).where(m.ClearanceStep.letter_id == letter_id).limit(1))
        is not None
    )


def who(step: m.ClearanceStep) -> str:
    """ "Sam Okafor (Legal)"."""
    colleague = step.colleague
    return f"{colleague.name} ({colleague.role})" if colleague.role else colleague.name


def and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def step_due(s: Session, today: dt.date | None = None) -> dt.date:
    """When a step that starts today is due: so many working days on (an office setting)."""
    return add_working_days(today or dt.date.today(), int(office.read(s, office.CLEARANCE_DAYS)))


def make_current(s: Session, step: m.ClearanceStep) -> None:
    if step.state != StepState.CURRENT:
        step.state = StepState.CURRENT
        step.due = step_due(s)


def letter_snapshot(s: Session, row: m.Letter) -> dict[str, Any]:
    """What the letter says now (its responses read afresh: an edit may have added or removed some)."""
    s.expire(row, ["responses"])
    letter = convert.letter(row)
    if letter.kind is LetterKind.PROGRESS_UPDATE:  # it prints the progress it reports
        from correspondence_desk.core.services.letter_progress import with_updates

        letter = with_updates(s, letter)
    return snapshot(letter)


class EditGuard:
    """Taken before an edit (`EditGuard(service, s, row)`), applied after it (`after(typo_fix)`).

    A letter with no route costs one small query and nothing else."""

    def __init__(self, service: ServiceBase, s: Session, row: m.Letter) -> None:
        self._service, self._s, self._row = service, s, row
        self.before = letter_snapshot(s, row) if has_route(s, row.id) else None

    def after(self, typo_fix: bool = False) -> None:
        if self.before is None:
            return
        s, row = self._s, self._row
        s.flush()
        now = letter_snapshot(s, row)
        if same_text(self.before, now):
            return  # nothing a clearer reads changed (a reorder back, a save of the same text)
        steps = route(s, row.id)
        cleared = [
            st
            for st in steps
            if st.state == StepState.CLEARED and st.action and st.action.outcome == ClearanceOutcome.CLEARED
        ]
        changed = [st for st in cleared if not same_text(st.action.snapshot, now)]  # type: ignore[union-attr]
        for st in cleared:
            if st not in changed and st.action is not None and st.action.changed_at is not None:
                # edited back to exactly what they cleared: their clearance is whole again
                st.action.changed_at, st.action.changed_by, st.action.typo_fix = None, "", False
        if not changed:
            return
        login = self._service._actor
        stamp = utcnow()
        summary = diff_summary(text_diff(changed[0].action.snapshot, now))  # type: ignore[union-attr]
        if typo_fix:
            for st in changed:
                assert st.action is not None
                st.action.changed_at, st.action.changed_by, st.action.typo_fix = stamp, login, True
            s.flush()
            self._service._audit(
                s,
                "typo_fix",
                row.id,
                {"steps": [st.sort_order + 1 for st in changed], "diff": summary},
                summary=f"{row.reference}: edited after clearance, confirmed as a typo fix",
            )
            return
        first = changed[0]
        for st in steps[steps.index(first) :]:
            if st.state == StepState.CLEARED and st.action is not None:
                st.action.changed_at, st.action.changed_by, st.action.typo_fix = stamp, login, False
            if st.state in (StepState.CLEARED, StepState.CURRENT):
                st.state, st.due = StepState.WAITING, None
        status_before = row.status
        if row.status in (LetterStatus.IN_CLEARANCE, LetterStatus.CLEARED, LetterStatus.APPROVED):
            make_current(s, first)
            row.status = LetterStatus.IN_CLEARANCE
        s.flush()
        number = first.sort_order + 1
        changes: dict[str, Any] = {
            "from_step": number,
            "colleague": who(first),
            "diff": summary,
        }
        if row.status != status_before:
            changes["status"] = [status_before, row.status]
        self._service._audit(
            s,
            "clearance_reset",
            row.id,
            changes,
            summary=f"{row.reference}: changed since cleared; the route runs again from step {number}",
        )


def not_cleared(steps: Iterable[m.ClearanceStep]) -> list[m.ClearanceStep]:
    return [st for st in steps if st.state != StepState.CLEARED]


def refuse_uncleared(s: Session, row: m.Letter) -> None:
    """Issue only when cleared (an office setting, on by default); a letter with no route can be."""
    if not office.read(s, office.ISSUE_ONLY_WHEN_CLEARED):
        return
    waiting = not_cleared(route(s, row.id))
    if not waiting:
        return
    names = and_list([who(st) for st in waiting])
    hint = (
        " It has not been sent for clearance yet."
        if row.status == LetterStatus.DRAFT and not any(st.state == StepState.RETURNED for st in waiting)
        else ""
    )
    raise ValidationError(
        f"Letter {row.reference} cannot be issued until its clearance route is complete: "
        f"not yet cleared by {names}.{hint}"
    )


def end_route_on_issue(s: Session, row: m.Letter) -> list[str]:
    """An issued letter is with nobody any more; the names of those who had not cleared it."""
    waiting = not_cleared(route(s, row.id))
    for st in waiting:
        if st.state == StepState.CURRENT:
            st.state, st.due = StepState.WAITING, None
    return [who(st) for st in waiting]


def route_states(s: Session, letter_ids: Iterable[int] | None = None) -> dict[int, r.ClearanceState]:
    """Each letter's route in brief, in one query (letters with no route are left out)."""
    states = {state.value: state for state in StepState}
    query = (
        select(
            m.ClearanceStep.letter_id,
            type_coerce(m.ClearanceStep.state, String),  # the stored text: no enum conversion per row
            m.Colleague.name,
            m.Colleague.login,
            m.ClearanceStep.due,
        )
        .join(m.Colleague, m.Colleague.id == m.ClearanceStep.colleague_id)
        .order_by(m.ClearanceStep.letter_id, m.ClearanceStep.sort_order)
    )
    if letter_ids is not None:
        query = query.where(m.ClearanceStep.letter_id.in_(list(letter_ids)))
    by_letter: dict[int, list[tuple[StepState, str, str, Any]]] = {}
    for letter_id, state, name, login, due in s.execute(query):
        by_letter.setdefault(letter_id, []).append((states[state], name, login, due))
    return {letter_id: route_state(steps) for letter_id, steps in by_letter.items()}


def copy_route(s: Session, old: m.Letter, new: m.Letter) -> None:
    """A new version goes round the same colleagues, from the start."""
    for st in route(s, old.id):
        s.add(m.ClearanceStep(letter_id=new.id, sort_order=st.sort_order, colleague_id=st.colleague_id))
