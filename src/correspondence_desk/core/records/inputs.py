"""What services take: a new recommendation and its addressees, a new response, a response edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from correspondence_desk.core.vocabulary import (
    AddresseeRole,
    Position,
    Progress,
)


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
