"""What the parser proposes; the person corrects it in a review grid before anything is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from correspondence_desk.core.vocabulary import AddresseeRole, Position


@dataclass(frozen=True)
class ProposedAddressee:
    name: str
    body_id: int | None  # None: a body not in the register yet (saving may create it)
    role: AddresseeRole = AddresseeRole.LEAD


@dataclass(frozen=True)
class ProposedRecommendation:
    number: str  # the label as the report prints it: "3", "2.1", "R4"
    text: str  # paragraphs separated by a blank line
    paragraph_ref: str = ""
    addressees: tuple[ProposedAddressee, ...] = ()
    deadline: dt.date | None = None
    deadline_phrase: str = ""
    response: str = ""  # from a past response letter (with_responses)
    position: Position | None = None


@dataclass(frozen=True)
class Proposal:
    recommendations: tuple[ProposedRecommendation, ...]
    warnings: tuple[str, ...] = ()
