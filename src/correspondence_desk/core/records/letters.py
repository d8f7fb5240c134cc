"""Response letters: the list's rows, a letter with everything needed to print it, e-mails sent,
standard lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from correspondence_desk.core.records.clearance import ClearanceState
from correspondence_desk.core.records.reports import ContactRecord, ResponseRecord, paragraphs
from correspondence_desk.core.vocabulary import (
    AnnexLayout,
    LetterKind,
    LetterStatus,
    Marking,
    Position,
)


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
