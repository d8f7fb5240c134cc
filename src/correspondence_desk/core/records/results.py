"""What the dashboard, `due`, search, import, the demo and the history return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from correspondence_desk.core.records.letters import LetterDetail
from correspondence_desk.core.records.reports import ReportDetail
from correspondence_desk.core.vocabulary import (
    Position,
    Progress,
)


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
