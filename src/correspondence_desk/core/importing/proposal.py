"""What the parser proposes; the person corrects it in a review grid before anything is saved.

Every proposed item says why it was taken (the rule and the layout cue) and how sure the parser is
(0–1), so the review can mark the unsure ones. A past response letter also gives its header: date,
sender, recipient, salutation, covering text and the report it answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# the domain's enums: imported here only, so the importing package has one place to change
from correspondence_desk.core.vocabulary import POSITION_LABELS, AddresseeRole, Position

__all__ = [
    "POSITION_LABELS",
    "AddresseeRole",
    "Position",
    "Proposal",
    "ProposedAddressee",
    "ProposedContact",
    "ProposedLetter",
    "ProposedRecommendation",
    "ProposedReport",
]


@dataclass(frozen=True)
class ProposedAddressee:
    name: str
    body_id: int | None  # None: a body not in the register yet (saving may create it)
    role: AddresseeRole = AddresseeRole.LEAD
    # proposed as a new body (the register has nothing of that name) for the person to confirm; left
    # out of equality so an addressee typed in the review equals the same one proposed
    new: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class ProposedRecommendation:
    number: str  # the label as the report prints it: "3", "2.1", "R4", "33.10a", "4a(i)"
    text: str  # paragraphs separated by a blank line
    paragraph_ref: str = ""
    addressees: tuple[ProposedAddressee, ...] = ()
    deadline: dt.date | None = None
    deadline_phrase: str = ""
    response: str = ""  # from a past response letter or response document
    position: Position | None = None
    title: str = ""  # a heading the recommendation carries ("Recommendation 4: Better data")
    why: str = ""  # which rule and layout cue took it, e.g. "label “Recommendation 3”; text in a shaded box"
    confidence: float = 1.0  # 0–1: how sure the parser is that label, text and response are right


@dataclass(frozen=True)
class ProposedContact:
    """A person (or office) named in a letter's header, for matching against the contacts."""

    name: str
    post_nominals: str = ""
    role: str = ""  # "Chair, Transport Committee", "Minister for Housing"
    organisation: str = ""
    address: str = ""  # lines separated by "\n"
    email: str = ""


@dataclass(frozen=True)
class ProposedReport:
    """The report the recommendations belong to: the document itself, or the one a response answers."""

    title: str = ""
    committee: str = ""
    published: dt.date | None = None
    reference: str = ""  # "HC 412", "HL Paper 88", "CP 1622", "2026-0143"


@dataclass(frozen=True)
class ProposedLetter:
    """The header of a past response letter."""

    date: dt.date | None = None
    sender: ProposedContact | None = None
    recipient: ProposedContact | None = None
    salutation: str = ""  # "Marina" from "Dear Marina,"
    body: str = ""  # the covering text between the salutation and the closing, paragraphs by "\n\n"
    subject: str = ""  # a "Re:" line


@dataclass(frozen=True)
class Proposal:
    recommendations: tuple[ProposedRecommendation, ...]
    warnings: tuple[str, ...] = ()
    is_response: bool = False  # the document answers recommendations (each followed by an answer)
    report: ProposedReport = ProposedReport()
    letter: ProposedLetter | None = None
    response_due: dt.date | None = None  # a deadline the document sets for answering it (a coroner's 56 days)
