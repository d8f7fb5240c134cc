"""Progress updates, the updates due and the owners overdue, office settings and the owners'
workbooks (issue 17)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Literal

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.vocabulary import (
    UPDATE_EVERY_MONTHS,
    Position,
    Progress,
    UpdateSource,
)


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


# "leave this as it is" where None means "clear it" (a new update's target date)
UNCHANGED: Literal[_Unchanged.UNCHANGED] = _Unchanged.UNCHANGED


@dataclass(frozen=True, slots=True)
class ProgressUpdateRecord:
    """One dated progress update. A recommendation's history is these, oldest first; the last is its
    current state."""

    id: int
    recommendation_id: int
    update_date: dt.date
    progress: Progress | None
    text: str = ""
    owner: str = ""  # who gave it
    target_date: dt.date | None = None  # the target at that time
    previous_target_date: dt.date | None = None  # set when this update moved the target
    reason: str = ""  # why it moved
    completed_on: dt.date | None = None  # while complete: the day it was completed
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None
    source: UpdateSource = UpdateSource.TYPED
    source_sha256: str = ""  # the imported workbook's SHA-256

    @property
    def target_moved(self) -> bool:
        return self.previous_target_date is not None and self.previous_target_date != self.target_date

    @property
    def revision_note(self) -> str:
        """ "revised from 31 December 2027 because …" when this update moved the target, else ""."""
        if not self.target_moved:
            return ""
        note = f"revised from {long_date(self.previous_target_date)}"
        return f"{note} because {self.reason.strip().rstrip('.')}" if self.reason.strip() else note

    @property
    def target_text(self) -> str:
        """ "31 March 2028 (revised from 31 December 2027 because …)", "" with no target."""
        if self.target_date is None:
            return "none" if self.target_moved else ""
        note = self.revision_note
        return f"{long_date(self.target_date)} ({note})" if note else long_date(self.target_date)


@dataclass(frozen=True, slots=True)
class UpdateDue:
    """A recommendation whose next progress update is due (or overdue)."""

    recommendation_id: int
    report_id: int
    report_reference: str
    label: str
    title: str  # the recommendation's text on one line
    owner: str
    progress: Progress | None
    responded: dt.date | None  # the first issued response
    last_update: dt.date | None  # the latest update, if any
    due: dt.date
    days: int  # days until due; negative when overdue

    @property
    def reference(self) -> str:
        return f"{self.report_reference}/{self.label}"


@dataclass(frozen=True, slots=True)
class OwnerOverdue:
    owner: str  # "" when nobody owns them
    count: int
    oldest_due: dt.date
    days_late: int


@dataclass(frozen=True, slots=True)
class UpdatesDue:
    """Updates overdue and due within `within` days, at `every_months` months after the response and
    after each update (the office setting); the lists hold the first `shown`, totals count them all."""

    today: dt.date
    every_months: int
    within: int
    overdue: tuple[UpdateDue, ...]
    overdue_total: int
    due_soon: tuple[UpdateDue, ...]
    due_soon_total: int
    owners: tuple[OwnerOverdue, ...]  # owners with overdue updates, most overdue first


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """Office-wide settings, kept in the database so every colleague shares them."""

    update_every_months: int = UPDATE_EVERY_MONTHS  # progress updates are due this often


@dataclass(frozen=True, slots=True)
class WorkbookLine:
    """One open recommendation as an owner's workbook shows it (an input to the writer)."""

    recommendation_id: int
    fingerprint: str  # what the recommendation was at export; the import compares
    report_reference: str
    label: str
    text: str
    owner: str
    position: Position | None
    progress: Progress | None
    target_date: dt.date | None
    last_update: str
    last_update_date: dt.date | None


@dataclass(frozen=True, slots=True)
class WorkbookExport:
    export_id: str
    owners: tuple[str, ...]  # one sheet each, in order
    rows: int


class WorkbookOutcome(enum.StrEnum):
    NEW = "new update"
    BLANK = "no answer"
    ALREADY = "already imported"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class WorkbookRow:
    """One row of an imported workbook: what it would add, or why it cannot."""

    sheet: str
    row: int  # as the spreadsheet numbers it (0 for a row that is missing)
    recommendation_id: int | None
    reference: str  # "TEC-2026-04/3"
    outcome: WorkbookOutcome
    message: str = ""  # the problem, in words
    progress: Progress | None = None
    text: str = ""
    target_date: dt.date | None = None  # the target the update would carry
    target_changed: bool = False
    reason: str = ""
    current_progress: Progress | None = None
    current_target: dt.date | None = None


@dataclass(frozen=True, slots=True)
class WorkbookReview:
    """What importing a workbook does (or would do, before `applied`)."""

    filename: str
    sha256: str
    export_id: str
    exported_at: dt.datetime | None
    rows: tuple[WorkbookRow, ...]
    applied: bool = False
    added: int = 0

    @property
    def problems(self) -> tuple[WorkbookRow, ...]:
        return tuple(r for r in self.rows if r.outcome is WorkbookOutcome.PROBLEM)

    @property
    def changes(self) -> tuple[WorkbookRow, ...]:
        return tuple(r for r in self.rows if r.outcome is WorkbookOutcome.NEW)
