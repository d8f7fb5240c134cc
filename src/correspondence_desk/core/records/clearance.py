"""Clearance: colleagues, a letter's route and its steps, and the office's settings and expected
responses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from correspondence_desk.core.vocabulary import (
    ClearanceOutcome,
    LetterKind,
    LetterStatus,
    RouteState,
    StepState,
)


@dataclass(frozen=True, slots=True)
class ColleagueRecord:
    """Someone who works the desk; `login` is the OS user (SQLite) or database role (PostgreSQL)."""

    id: int
    name: str
    login: str
    role: str = ""
    active: bool = True
    version: int = 1

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True, slots=True)
class ClearanceActionRecord:
    """One thing a colleague did with a letter: sent it round, cleared it or returned it."""

    id: int
    outcome: ClearanceOutcome
    colleague: str  # their name (their login if they are not in the register)
    login: str
    step_number: int | None
    comment: str
    at: dt.datetime
    pdf_sha256: str = ""  # of the PDF they saw (clearances and returns)
    changed_at: dt.datetime | None = None  # the letter was edited after this clearance
    changed_by: str = ""
    typo_fix: bool = False  # …and the editor confirmed it was a typo fix: the clearance stands


@dataclass(frozen=True, slots=True)
class ClearanceStepRecord:
    id: int
    number: int  # 1-based
    colleague: ColleagueRecord
    state: StepState
    due: dt.date | None = None
    action: ClearanceActionRecord | None = None  # the latest clearance or return at this step
    # the letter now differs from what this colleague cleared: the lines of a unified diff
    diff: tuple[str, ...] = ()
    version: int = 1

    @property
    def changed_since_cleared(self) -> bool:
        return (
            self.action is not None
            and self.action.outcome == ClearanceOutcome.CLEARED
            and self.action.changed_at is not None
        )

    @property
    def outcome_text(self) -> str:
        """ "Cleared", "Cleared — changed since (typo fix)", "Returned for amendment", "With them now"…"""
        if self.state == StepState.CLEARED:
            if self.changed_since_cleared:
                return "Cleared — changed since (confirmed as a typo fix)"
            return "Cleared"
        if self.state == StepState.RETURNED:
            return "Returned for amendment"
        if self.changed_since_cleared:
            return "Changed since cleared: to clear again"
        return self.state.label


@dataclass(frozen=True, slots=True)
class ClearanceState:
    """A letter's clearance in brief, as the letters list and `letters --json` show it."""

    state: RouteState
    steps: int = 0
    cleared: int = 0
    step: int | None = None  # the step it is at (1-based), when in clearance or returned
    waiting_for: str = ""  # the colleague it is with (or who returned it)
    waiting_login: str = ""
    due: dt.date | None = None

    @property
    def text(self) -> str:
        if self.state == RouteState.NO_ROUTE:
            return ""
        if self.state == RouteState.NOT_SENT:
            return f"Not sent ({self.cleared} of {self.steps} cleared)"
        if self.state == RouteState.IN_CLEARANCE:
            return f"Step {self.step} of {self.steps}: {self.waiting_for}"
        if self.state == RouteState.RETURNED:
            return f"Returned by {self.waiting_for} (step {self.step} of {self.steps})"
        return f"Cleared ({self.steps} of {self.steps})"


@dataclass(frozen=True, slots=True)
class ClearanceRecord:
    """A letter's route with every step's outcome, the history of what was done, and who "me" is."""

    letter_id: int
    reference: str
    kind: LetterKind
    status: LetterStatus
    state: ClearanceState
    steps: tuple[ClearanceStepRecord, ...] = ()
    history: tuple[ClearanceActionRecord, ...] = ()  # oldest first
    required: bool = True  # the office setting "issue only when cleared"
    issued_sha256: str = ""
    letter_version: int = 1
    me: ColleagueRecord | None = None  # the colleague this login is, if registered
    login: str = ""

    @property
    def current(self) -> ClearanceStepRecord | None:
        return next((s for s in self.steps if s.state == StepState.CURRENT), None)

    @property
    def not_cleared(self) -> tuple[ClearanceStepRecord, ...]:
        return tuple(s for s in self.steps if s.state != StepState.CLEARED)

    @property
    def my_turn(self) -> bool:
        current = self.current
        return current is not None and self.me is not None and current.colleague.id == self.me.id

    @property
    def cleared_sha256(self) -> str:
        """The SHA-256 of the PDF the last step cleared (what the signatory saw)."""
        last = self.steps[-1] if self.steps else None
        if last is None or last.state != StepState.CLEARED or last.action is None:
            return ""
        return last.action.pdf_sha256


@dataclass(frozen=True, slots=True)
class OfficeSettingRecord:
    name: str  # as typed: "issue-only-when-cleared"
    value: Any
    shown: str  # "on", "2", "ana,sokafor"
    description: str


@dataclass(frozen=True, slots=True)
class ExpectedResponseRecord:
    """A report's response will be late: when it is now expected, and why (the due date is kept)."""

    report_id: int
    expected: dt.date
    reason: str
    letter_reference: str = ""  # the holding letter that states it
    recorded_at: dt.datetime | None = None
    login: str = ""
