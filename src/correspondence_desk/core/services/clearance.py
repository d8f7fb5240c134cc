"""A letter's clearance route: who clears it in what order, sending it round, clearing or returning it,
and the clearance sheet for the file.

Clearing and returning record the exact draft the colleague saw: it is rendered between two short
transactions, as issuing does (read; render with no transaction open; check nothing changed and
store). The letter row is the lock: every clearance, return, send and edit moves its version on,
so when two colleagues act at once exactly one wins and the other gets a ConflictError, the same on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.clearance import default_route
from correspondence_desk.core.errors import ConflictError, NotFoundError, ValidationError
from correspondence_desk.core.services import convert, office
from correspondence_desk.core.services.base import touch, utcnow
from correspondence_desk.core.services.clearance_record import clearance_record
from correspondence_desk.core.services.clearance_rules import (
    and_list,
    letter_snapshot,
    make_current,
    refuse_uncleared,
    route,
    who,
)
from correspondence_desk.core.services.colleagues import KnowsMe
from correspondence_desk.core.services.issuing import refuse_changes_since
from correspondence_desk.core.services.letter_rows import LetterRows
from correspondence_desk.core.vocabulary import ClearanceOutcome, LetterKind, LetterStatus, StepState

Render = Callable[[r.LetterDetail], bytes]
LOOK_AGAIN = "Nothing was recorded: look at the letter again."


@contextlib.contextmanager
def _racing(reference: str) -> Iterator[None]:
    """Someone else's write to the letter won the race (the row's version moved on under us)."""
    try:
        yield
    except StaleDataError:
        raise ConflictError(
            f"Someone else cleared, returned or changed letter {reference} at the same moment. " + LOOK_AGAIN
        ) from None


class ClearanceService(LetterRows, KnowsMe):
    entity = "letter"

    # --- reading --------------------------------------------------------------------------------

    def get(self, letter: int | str) -> r.ClearanceRecord:
        with self._unit() as s:
            return self._record(s, self._get(s, m.Letter, self._resolve(s, letter)))

    def check_issuable(self, letter: int | str) -> None:
        """The refusal issuing would give for the route (who has not cleared it), before anything
        is rendered; nothing when the letter may be issued as far as clearance goes."""
        with self._unit() as s:
            refuse_uncleared(s, self._get(s, m.Letter, self._resolve(s, letter)))

    def default_route(self, kind: LetterKind) -> list[r.ColleagueRecord]:
        """The colleagues a new letter of this kind goes round (the office's route, else by role)."""
        with self._unit() as s:
            colleagues = [
                convert.colleague(c) for c in s.scalars(select(m.Colleague).order_by(m.Colleague.id))
            ]
            return default_route(kind, colleagues, office.read(s, office.route_setting(kind)))

    # --- the route ------------------------------------------------------------------------------

    def set_route(
        self, letter: int | str, colleagues: Sequence[int | str], version: int | None = None
    ) -> r.ClearanceRecord:
        """The letter's route from now on: colleagues (ids or logins) in order. Steps that stay where
        they were, with the same colleague, keep what they did; the rest start afresh."""
        with self._unit() as s:
            row = self._editable(s, self._resolve(s, letter), version)
            with _racing(row.reference):
                wanted = [self._colleague(s, c) for c in colleagues]
                if len({c.id for c in wanted}) != len(wanted):
                    raise ValidationError("A colleague can be on a route only once.")
                inactive = [c.name for c in wanted if not c.active]
                if inactive:
                    raise ValidationError(
                        f"{and_list(inactive)} is not active: tick “Active” in the register first."
                    )
                steps = route(s, row.id)
                before = [who(st) for st in steps]
                keep = 0
                while keep < min(len(steps), len(wanted)) and steps[keep].colleague_id == wanted[keep].id:
                    keep += 1
                for st in steps[keep:]:
                    s.delete(st)
                s.flush()
                for i, colleague in enumerate(wanted[keep:], keep):
                    s.add(m.ClearanceStep(letter_id=row.id, sort_order=i, colleague_id=colleague.id))
                s.flush()
                steps = route(s, row.id)
                status = row.status
                if not steps:
                    if row.status != LetterStatus.DRAFT:
                        row.status = LetterStatus.DRAFT
                elif row.status != LetterStatus.DRAFT:  # in clearance or cleared: it goes on
                    waiting = [st for st in steps if st.state != StepState.CLEARED]
                    if waiting:
                        make_current(s, waiting[0])
                        row.status = LetterStatus.IN_CLEARANCE
                    else:
                        row.status = LetterStatus.CLEARED
                touch(row)
                s.flush()
                changes: dict[str, object] = {"route": [before, [who(st) for st in steps]]}
                if row.status != status:
                    changes["status"] = [status, row.status]
                self._audit(s, "route", row.id, changes, summary=row.reference)
                return self._record(s, row)

    def send(self, letter: int | str, version: int | None = None) -> r.ClearanceRecord:
        """Send the letter round its route (again, after a return): to the first step not cleared."""
        with self._unit() as s:
            row = self._editable(s, self._resolve(s, letter), version)
            with _racing(row.reference):
                if row.status != LetterStatus.DRAFT:
                    raise ValidationError(f"Letter {row.reference} is already {row.status.label.lower()}.")
                steps = route(s, row.id)
                if not steps:
                    raise ValidationError(
                        f"Letter {row.reference} has no clearance route: choose who clears it first."
                    )
                if row.kind.has_annex and not row.responses:
                    raise ValidationError(f"Letter {row.reference} answers no recommendation yet.")
                waiting = [st for st in steps if st.state != StepState.CLEARED]
                for st in waiting[1:]:
                    st.state, st.due = StepState.WAITING, None
                me = self._me(s)
                s.add(
                    m.ClearanceAction(
                        letter_id=row.id,
                        colleague_id=me.id if me else None,
                        login=self._login(s),
                        outcome=ClearanceOutcome.SENT,
                        at=utcnow(),
                        snapshot=letter_snapshot(s, row),
                    )
                )
                if waiting:
                    make_current(s, waiting[0])
                    row.status = LetterStatus.IN_CLEARANCE
                    to = {"to": who(waiting[0]), "step": waiting[0].sort_order + 1}
                else:
                    row.status = LetterStatus.CLEARED
                    to = {"to": "nobody: every step has cleared it"}
                touch(row)
                self._flush_or_conflict(s, row.reference)
                self._audit(s, "send", row.id, to, summary=row.reference)
                return self._record(s, row)

    # --- clearing and returning -------------------------------------------------------------------

    def clear(
        self, letter: int | str, render: Render, comment: str = "", version: int | None = None
    ) -> r.ClearanceRecord:
        """I clear the letter at my step: the exact draft I saw (snapshot and PDF SHA-256) is kept."""
        return self._act(letter, render, ClearanceOutcome.CLEARED, comment.strip(), version)

    def return_for_amendment(
        self, letter: int | str, comment: str, render: Render, version: int | None = None
    ) -> r.ClearanceRecord:
        """I send the letter back to its drafter with my comments (a comment is required)."""
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError("Say what needs amending: a letter is returned with a comment.")
        return self._act(letter, render, ClearanceOutcome.RETURNED, comment, version)

    def _act(
        self, letter: int | str, render: Render, outcome: ClearanceOutcome, comment: str, version: int | None
    ) -> r.ClearanceRecord:
        with self._unit() as s:
            row = self._editable(s, self._resolve(s, letter))
            if version is not None and row.version_id != version:  # what they looked at is not this
                raise ConflictError(
                    f"Letter {row.reference} was changed, cleared or returned by someone else since you "
                    f"opened it. {LOOK_AGAIN}"
                )
            step = self._my_step(s, row)
            detail = self._detail(s, row.id)
            step_id = step.id
        pdf = render(detail)  # no transaction open: a long letter takes a while
        with self._unit() as s:
            row = self._editable(s, detail.id)
            if row.version_id != detail.version:
                raise ConflictError(
                    f"Letter {row.reference} was changed, cleared or returned by someone else while you "
                    f"were looking at it. {LOOK_AGAIN}"
                )
            refuse_changes_since(row, detail)
            step = self._my_step(s, row)
            if step.id != step_id:
                raise ConflictError(f"Letter {row.reference} moved on meanwhile. {LOOK_AGAIN}")
            with _racing(row.reference):
                return self._record_act(s, row, step, outcome, comment, pdf)

    def _record_act(
        self,
        s: Session,
        row: m.Letter,
        step: m.ClearanceStep,
        outcome: ClearanceOutcome,
        comment: str,
        pdf: bytes,
    ) -> r.ClearanceRecord:
        """Store a clearance or return at `step`, and move the route on (inside the caller's unit)."""
        steps = route(s, row.id)
        action = m.ClearanceAction(
            letter_id=row.id,
            colleague_id=step.colleague_id,
            login=self._login(s),
            step_number=step.sort_order + 1,
            outcome=outcome,
            comment=comment,
            at=utcnow(),
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            snapshot=letter_snapshot(s, row),
        )
        s.add(action)
        s.flush()
        step.action = action
        step.due = None
        changes: dict[str, object] = {"step": step.sort_order + 1, "of": len(steps)}
        changes["sha256"] = action.pdf_sha256
        if comment:
            changes["comment"] = comment
        if outcome == ClearanceOutcome.RETURNED:
            step.state = StepState.RETURNED
            row.status = LetterStatus.DRAFT
        else:
            step.state = StepState.CLEARED
            following = [
                st for st in steps if st.sort_order > step.sort_order and st.state != StepState.CLEARED
            ]
            if following:
                make_current(s, following[0])
                changes["next"] = who(following[0])
            else:
                row.status = LetterStatus.CLEARED
        touch(row)
        self._flush_or_conflict(s, row.reference)
        action_name = "clear" if outcome == ClearanceOutcome.CLEARED else "return"
        summary = f"{row.reference}: {outcome.label.lower()} by {who(step)}"
        self._audit(s, action_name, row.id, changes, summary=summary)
        return self._record(s, row)

    def _my_step(self, s: Session, row: m.Letter) -> m.ClearanceStep:
        """The step that is mine to act on now, or a message saying why it is not."""
        if row.status != LetterStatus.IN_CLEARANCE:
            state = (
                "returned for amendment"
                if any(st.state == StepState.RETURNED for st in route(s, row.id))
                else row.status.label.lower()
            )
            raise ValidationError(f"Letter {row.reference} is not in clearance (it is {state}).")
        login = self._login(s)
        me = self._me(s, login)
        if me is None:
            raise self._unknown_login(login)
        steps = route(s, row.id)
        current = next((st for st in steps if st.state == StepState.CURRENT), None)
        if current is None:  # cannot happen while in clearance; say so plainly if it does
            raise ConflictError(f"Letter {row.reference} is with nobody on its route. {LOOK_AGAIN}")
        if current.colleague_id != me.id:
            mine = [st.sort_order + 1 for st in steps if st.colleague_id == me.id]
            yours = f" You are step {mine[0]}." if mine else " You are not on its route."
            raise ValidationError(
                f"It is not your turn to clear letter {row.reference}: it is with {who(current)}, "
                f"step {current.sort_order + 1} of {len(steps)}.{yours}"
            )
        return current

    def _flush_or_conflict(self, s: Session, reference: str) -> None:
        with _racing(reference):
            s.flush()

    # --- helpers --------------------------------------------------------------------------------

    def _colleague(self, s: Session, ref: int | str) -> m.Colleague:
        if isinstance(ref, int):
            found = s.get(m.Colleague, ref)
        else:
            found = self._me(s, ref.strip())
        if found is None:
            raise NotFoundError(f"There is no colleague with the login “{ref}” in the register.")
        return found

    def _record(self, s: Session, row: m.Letter) -> r.ClearanceRecord:
        login = self._login(s)
        return clearance_record(s, row, login, self._me(s, login))

    def sheet_pdf(self, letter: int | str) -> bytes:
        """The clearance sheet for the file: one page with the route, each step's outcome, comment
        and time, and the SHA-256 of the PDF cleared and of the PDF issued."""
        from correspondence_desk.core.exports.clearance_sheet import clearance_sheet_pdf

        with self._unit() as s:
            row = self._get(s, m.Letter, self._resolve(s, letter))
            record = self._record(s, row)
            detail = self._detail(s, row.id)
        return clearance_sheet_pdf(record, detail)

    def letters_awaiting(self, login: str | None = None) -> list[int]:
        """The letters with this colleague now (default: me), oldest step first."""
        with self._unit() as s:
            login = login or self._login(s)
            return list(
                s.scalars(
                    select(m.ClearanceStep.letter_id)
                    .join(m.Colleague, m.Colleague.id == m.ClearanceStep.colleague_id)
                    .where(
                        m.ClearanceStep.state == StepState.CURRENT,
                        func.lower(m.Colleague.login) == login.lower(),
                    )
                    .order_by(m.ClearanceStep.due, m.ClearanceStep.id)
                )
            )
