"""The register and the reports: bodies, contacts, committees, source files, reports, their
recommendations and the responses given to them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from correspondence_desk.core.records.follow_up import ProgressUpdateRecord
from correspondence_desk.core.vocabulary import (
    AddresseeRole,
    LetterStatus,
    Position,
    Progress,
    ReportStatus,
)


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
