"""Records handed between the layers: frozen results for the UI, the command line and the printing
code (never ORM rows), and the small input records services take (a new recommendation, a response).

The vocabulary's enums are re-exported here (plain `str` subclasses, so records stay JSON-friendly);
dates are `datetime.date`. `version` is the optimistic-lock counter: pass it back with an update.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.vocabulary import (
    POSITION_LABELS,
    UPDATE_EVERY_MONTHS,
    AddresseeRole,
    AnnexLayout,
    ClearanceOutcome,
    LetterKind,
    LetterStatus,
    Marking,
    Pick,
    Position,
    Progress,
    ReportStatus,
    RouteState,
    StepState,
    UpdateSource,
)

T = TypeVar("T")

__all__ = [
    "POSITION_LABELS",
    "UNCHANGED",
    "Addressee",
    "AddresseeRecord",
    "AddresseeRole",
    "AnnexLayout",
    "AttachmentRecord",
    "AuditRecord",
    "BodyRecord",
    "ClearanceActionRecord",
    "ClearanceOutcome",
    "ClearanceRecord",
    "ClearanceState",
    "ClearanceStepRecord",
    "ColleagueRecord",
    "CommitteeRecord",
    "ContactRecord",
    "DashboardSummary",
    "DemoResult",
    "DueItem",
    "DueSummary",
    "ExpectedResponseRecord",
    "ImportResult",
    "ImportedLetter",
    "ItemList",
    "LetterContact",
    "LetterDetail",
    "LetterKind",
    "LetterStatus",
    "LetterSummary",
    "Marking",
    "NewRecommendation",
    "NewResponse",
    "OfficeSettingRecord",
    "OfficeSettings",
    "OwnerOverdue",
    "Pick",
    "Position",
    "Progress",
    "ProgressUpdateRecord",
    "RecommendationRecord",
    "ReportDetail",
    "ReportStatus",
    "ReportSummary",
    "ResponseEdit",
    "ResponseRecord",
    "RouteState",
    "SearchHit",
    "StandardLineRecord",
    "StepState",
    "UpdateDue",
    "UpdateSource",
    "UpdatesDue",
    "WorkbookExport",
    "WorkbookLine",
    "WorkbookOutcome",
    "WorkbookReview",
    "WorkbookRow",
    "from_jsonable",
    "paragraphs",
    "to_jsonable",
]


def paragraphs(text: str) -> list[str]:
    """Split stored text into paragraphs: a blank line separates them, single newlines stay inside."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in parts if p]


@dataclass(frozen=True, slots=True)
class BodyRecord:
    id: int
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    is_own: bool = False
    version: int = 1

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class ContactRecord:
    id: int
    name: str
    post_nominals: str = ""
    job_title: str = ""
    organisation: str = ""
    body_id: int | None = None
    address: str = ""
    email: str = ""
    salutation: str = ""
    version: int = 1

    @property
    def full_name(self) -> str:
        return f"{self.name} {self.post_nominals}".strip()

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def greeting_name(self) -> str:
        """What follows "Dear": the salutation if set, else the first name."""
        if self.salutation:
            return self.salutation
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True, slots=True)
class CommitteeRecord:
    id: int
    name: str
    kind: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    id: int
    sha256: str
    filename: str
    media_type: str
    size: int
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AddresseeRecord:
    body_id: int
    name: str
    short_name: str = ""
    role: AddresseeRole = AddresseeRole.LEAD

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class RecommendationRecord:
    id: int
    report_id: int
    label: str
    sort_order: int
    text: str
    paragraph_ref: str = ""
    addressees: tuple[AddresseeRecord, ...] = ()
    deadline: dt.date | None = None
    deadline_phrase: str = ""
    owner: str = ""
    position: Position | None = None
    progress: Progress | None = None
    response_due: dt.date | None = None
    target_date: dt.date | None = None
    version: int = 1

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)

    @property
    def lead_addressees(self) -> tuple[AddresseeRecord, ...]:
        return tuple(a for a in self.addressees if a.role == AddresseeRole.LEAD)

    @property
    def addressee_names(self) -> str:
        return ", ".join(a.display_name for a in self.lead_addressees)


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """One row of the reports list."""

    id: int
    reference: str
    title: str
    committee: str = ""
    published: dt.date | None = None
    received: dt.date | None = None
    response_due: dt.date | None = None
    status: ReportStatus = ReportStatus.OPEN
    recommendation_count: int = 0
    answered_count: int = 0  # recommendations with at least one response in a letter
    version: int = 1


@dataclass(frozen=True, slots=True)
class ReportDetail:
    id: int
    reference: str
    title: str
    committee_id: int | None = None
    committee: str = ""
    published: dt.date | None = None
    received: dt.date | None = None
    response_due: dt.date | None = None
    response_clock: str = ""
    status: ReportStatus = ReportStatus.OPEN
    source: AttachmentRecord | None = None
    notes: str = ""
    recommendations: tuple[RecommendationRecord, ...] = ()
    # every response given to this report's recommendations, in letter then annex order
    responses: tuple[ResponseRecord, ...] = ()
    version: int = 1


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    id: int
    letter_id: int
    letter_reference: str
    recommendation: RecommendationRecord
    sort_order: int
    position: Position | None = None
    text: str = ""
    report_reference: str = ""
    report_title: str = ""
    letter_status: LetterStatus = LetterStatus.DRAFT
    letter_date: dt.date | None = None
    version: int = 1
    # a progress update letter's: the recommendation's progress history, oldest first, up to the
    # letter's date (what it prints is chosen from these by the letter's `updates_since`)
    updates: tuple[ProgressUpdateRecord, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)


@dataclass(frozen=True, slots=True)
class LetterSummary:
    id: int
    reference: str
    letter_date: dt.date | None
    recipient: str
    reports: tuple[str, ...]  # report references answered (or the one it is about)
    status: LetterStatus
    response_count: int
    imported: bool = False
    version: int = 1
    kind: LetterKind = LetterKind.FINAL
    clearance: ClearanceState | None = None
    subject: str = ""


@dataclass(frozen=True, slots=True)
class LetterDetail:
    """Everything needed to print a letter: a pure input to core.printing."""

    id: int
    reference: str
    letter_date: dt.date | None
    sender: ContactRecord | None
    recipient: ContactRecord | None
    subject: str = ""
    salutation: str = ""
    body: str = ""
    closing: str = "Yours sincerely,"
    copy_list: str = ""
    marking: Marking = Marking.NONE
    annex_layout: AnnexLayout = AnnexLayout.LIST
    status: LetterStatus = LetterStatus.DRAFT
    imported: bool = False
    previous_version_id: int | None = None
    issued_at: dt.datetime | None = None
    issued_sha256: str = ""
    responses: tuple[ResponseRecord, ...] = ()
    version: int = 1
    kind: LetterKind = LetterKind.FINAL
    report_id: int | None = None  # the report it is about (answered or not)
    # an imported letter's document as received (migration 0007); it prints as itself where it can
    source_attachment_id: int | None = None
    source_filename: str = ""
    # a progress update letter reports each recommendation's latest update on or after this date
    # (migration 0009; None: the latest update, whenever it was given)
    updates_since: dt.date | None = None

    @property
    def body_paragraphs(self) -> list[str]:
        return paragraphs(self.body)

    @property
    def copy_lines(self) -> list[str]:
        return [line.strip() for line in self.copy_list.splitlines() if line.strip()]

    @property
    def is_issued(self) -> bool:
        return self.status == LetterStatus.ISSUED

    @property
    def report_references(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.report_reference for r in self.responses))


@dataclass(frozen=True, slots=True)
class EmailSent:
    """An issued letter put in an e-mail draft for the user's mail client (at: UTC, no tzinfo)."""

    at: dt.datetime
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    by: str = ""  # the OS login that did it


@dataclass(frozen=True, slots=True)
class StandardLineRecord:
    id: int
    title: str
    text: str
    position: Position | None = None
    sort_order: int = 0
    version: int = 1


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: dt.datetime
    os_user: str
    entity: str
    entity_id: int | None
    action: str
    changes: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    db_user: str = ""  # the PostgreSQL role that wrote it ("" on SQLite)
    colleague: str = ""  # the name of the colleague with that login, if registered


# --- clearance -----------------------------------------------------------------------------------


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


# --- what services take --------------------------------------------------------------------------


@dataclass(frozen=True)
class Addressee:
    """A body to direct a recommendation at, as services take it."""

    body_id: int
    role: AddresseeRole = AddresseeRole.LEAD


@dataclass
class NewRecommendation:
    """A recommendation to add (from a form or an import)."""

    label: str
    text: str
    paragraph_ref: str = ""
    addressees: Sequence[Addressee | int] = field(default_factory=tuple)
    deadline: dt.date | None = None
    deadline_phrase: str = ""
    owner: str = ""
    position: Position | None = None
    progress: Progress | None = None
    response_due: dt.date | None = None
    target_date: dt.date | None = None


@dataclass
class NewResponse:
    """One recommendation to answer in a letter, with its text and position so far."""

    recommendation_id: int
    text: str = ""
    position: Position | None = None


@dataclass(frozen=True)
class ResponseEdit:
    """A response of a letter as edited, for `LettersService.save`: its text and position now, and
    the version it was read at (so a change made meanwhile is a conflict, not overwritten)."""

    response_id: int
    version: int
    text: str
    position: Position | None = None


# --- what the dashboard, `due`, search, import and the demo return -------------------------------


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
    expected: dt.date | None = None  # a report's response, late: when a holding letter says it will come


@dataclass(frozen=True, slots=True)
class ItemList:
    items: tuple[DueItem, ...]
    total: int  # may be more than len(items): only the first few are fetched


@dataclass(frozen=True, slots=True)
class DashboardSummary:
    today: dt.date
    overdue_reports: ItemList
    due_soon_reports: ItemList
    overdue_recommendations: ItemList
    due_soon_recommendations: ItemList
    unanswered_recommendations: ItemList  # in open reports, answered in no issued letter
    letters_awaiting_issue: ItemList  # not issued yet (draft, in clearance or cleared)
    by_position: tuple[tuple[Position | None, int], ...]  # every position, None = none yet
    by_progress: tuple[tuple[Progress | None, int], ...]
    awaiting_my_clearance: ItemList = field(default_factory=lambda: ItemList((), 0))
    returned_to_me: ItemList = field(default_factory=lambda: ItemList((), 0))  # letters I sent round
    clearance_overdue: ItemList = field(default_factory=lambda: ItemList((), 0))  # everyone's
    me: str = ""  # the colleague the dashboard is for ("" when this login is not in the register)
    login: str = ""


@dataclass(frozen=True, slots=True)
class DueSummary:
    """Everything overdue or due within `within` days (the `due` command)."""

    today: dt.date
    within: int
    overdue_reports: ItemList
    due_soon_reports: ItemList
    overdue_recommendations: ItemList
    due_soon_recommendations: ItemList


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # one of vocabulary.SEARCH_KINDS
    id: int  # the id of the record of that kind
    report_id: int | None  # the report to open (for a letter: the first report it answers)
    letter_id: int | None
    title: str
    snippet: str  # matched words between search_query.MARK_START and MARK_END
    rank: float  # lower is better (bm25)


@dataclass(frozen=True)
class LetterContact:
    """Who sent or received an imported letter: a contact already in the directory (`contact_id`),
    or one to add with these details."""

    contact_id: int | None = None
    name: str = ""
    post_nominals: str = ""
    job_title: str = ""
    organisation: str = ""
    address: str = ""
    email: str = ""


@dataclass(frozen=True)
class ImportedLetter:
    """A past response letter's own header, as reviewed: saved with the letter, never made up."""

    letter_date: dt.date | None = None
    sender: LetterContact | None = None
    recipient: LetterContact | None = None
    salutation: str = ""  # "Asha" (from "Dear Asha,")
    body: str = ""  # the covering text, paragraphs separated by a blank line
    subject: str = ""


@dataclass(frozen=True)
class ImportResult:
    report: ReportDetail
    letter: LetterDetail | None = None  # the past response letter, when responses were imported


@dataclass(frozen=True)
class DemoResult:
    report: ReportDetail
    letter: LetterDetail
    added: bool  # False when the example was already there


def from_jsonable(cls: type[T], data: Any) -> T:
    """The inverse of `to_jsonable` for a record class: nested records, enums, dates and tuples rebuilt
    from their declared types (an issued letter's snapshot is read back this way)."""
    return _decode(cls, data)  # type: ignore[no-any-return]


def _decode(kind: Any, value: Any) -> Any:
    import types
    import typing

    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return None if value is None else _decode(options[0], value)
    if origin is tuple:
        (item, *_rest) = typing.get_args(kind)
        return tuple(_decode(item, v) for v in value)
    if origin in (dict, list) or kind is Any:
        return value
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _decode(hints[f.name], value[f.name]) for f in dataclasses.fields(kind)
                       if f.name in value})  # fmt: skip
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    return value


# --- progress updates, office settings, owners' workbooks (issue 17) -----------------------------


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


def to_jsonable(value: object) -> object:
    """Records → plain JSON values: dates as YYYY-MM-DD, enums as their value, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
