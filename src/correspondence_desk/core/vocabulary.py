"""The domain's words and small rules, shared by every layer: no database, no Qt.

The schema (model.py) builds its columns from these enums, the records (records.py) carry them, the
parser and the printing code read them. Each constant is defined here once: a second copy in a
window or a service drifts (it did: "due soon" was 14 days in one place and 28 in another).
"""

from __future__ import annotations

import enum


class Position(enum.StrEnum):
    """The response position taken on a recommendation."""

    ACCEPTED = "accepted"
    ACCEPTED_IN_PART = "accepted_in_part"
    ACCEPTED_IN_PRINCIPLE = "accepted_in_principle"
    NOT_ACCEPTED = "not_accepted"
    NOTED = "noted"  # directed at another body
    UNDER_CONSIDERATION = "under_consideration"

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS = {
    Position.ACCEPTED: "Accepted",
    Position.ACCEPTED_IN_PART: "Accepted in part",
    Position.ACCEPTED_IN_PRINCIPLE: "Accepted in principle",
    Position.NOT_ACCEPTED: "Not accepted",
    Position.NOTED: "Noted — directed at another body",
    Position.UNDER_CONSIDERATION: "Under consideration",
}
NO_POSITION = "No position yet"  # how every screen and export names a missing position

# Recommendations we are not implementing ourselves have no deadline of ours to miss.
NOT_OURS = (Position.NOT_ACCEPTED, Position.NOTED)


class Progress(enum.StrEnum):
    """Implementation progress (RAG status)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return self.value.capitalize()


NO_PROGRESS = "Not recorded"  # how every screen names progress nobody has recorded yet


class ReportStatus(enum.StrEnum):
    OPEN = "open"  # logged, response being prepared
    RESPONDED = "responded"  # a final response has been issued
    CLOSED = "closed"  # nothing more to track

    @property
    def label(self) -> str:
        return self.value.capitalize()


class LetterStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Marking(enum.StrEnum):
    """Government Security Classification marking printed at the top and bottom of every page."""

    NONE = ""
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"

    @property
    def label(self) -> str:
        return self.value or "No marking"


class AddresseeRole(enum.StrEnum):
    LEAD = "lead"  # the body that "should…"
    PARTNER = "partner"  # "…in partnership with X"


class AnnexLayout(enum.StrEnum):
    """How the annex prints: each recommendation in bold with its response under it, or a table."""

    LIST = "list"
    TABLE = "table"

    @property
    def label(self) -> str:
        return {AnnexLayout.LIST: "List", AnnexLayout.TABLE: "Table"}[self]

    @property
    def description(self) -> str:
        return {
            AnnexLayout.LIST: "Each recommendation in bold, then its response",
            AnnexLayout.TABLE: "A table: recommendation | position | response",
        }[self]


class Pick(enum.StrEnum):
    """Which recommendations a letter answers, as the composer's quick picks offer them."""

    ALL = "all"  # every recommendation of the report(s)
    OURS = "ours"  # those with one of our own bodies among the addressees
    UNANSWERED = "unanswered"  # those no issued letter has answered yet

    @property
    def label(self) -> str:
        return {
            Pick.ALL: "All of this report",
            Pick.OURS: "Only those directed at us",
            Pick.UNANSWERED: "Those not yet answered",
        }[self]


# "Due soon" on the dashboard, in `due` and in the calendar: within this many days.
DUE_SOON_DAYS = 14
# Moving one of these dates on a record that already had one needs a reason, kept in the audit event.
DATES_NEEDING_REASON = ("response_due", "target_date", "deadline")
# The kinds of record search finds, in the order results are grouped.
SEARCH_KINDS = ("report", "recommendation", "response", "letter")
