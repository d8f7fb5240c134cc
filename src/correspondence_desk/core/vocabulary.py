"""The domain's words and small rules, shared by every layer: no database, no Qt.

The schema (model.py) builds its columns from these enums, the records (core/records/) carry them, the
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


class UpdateSource(enum.StrEnum):
    """Where a progress update came from."""

    TYPED = "typed"  # entered in the app or with `update`
    WORKBOOK = "workbook"  # an owner's round-trip workbook, imported
    MIGRATED = "migrated"  # the progress and target date a recommendation had before updates were kept

    @property
    def label(self) -> str:
        return {
            UpdateSource.TYPED: "Typed in",
            UpdateSource.WORKBOOK: "Owner's workbook",
            UpdateSource.MIGRATED: "Recorded before updates were kept",
        }[self]


NO_PROGRESS = "Not recorded"  # how every screen names progress nobody has recorded yet


class ReportStatus(enum.StrEnum):
    OPEN = "open"  # logged, response being prepared
    RESPONDED = "responded"  # a final response has been issued
    CLOSED = "closed"  # nothing more to track

    @property
    def label(self) -> str:
        return self.value.capitalize()


class LetterStatus(enum.StrEnum):
    """Draft → In clearance (step k of n) → Cleared → Issued; a return sends it back to Draft."""

    DRAFT = "draft"
    IN_CLEARANCE = "in_clearance"
    CLEARED = "cleared"
    # before clearance routes (schema 0002) "approved" existed, unused: migration 0006 turns it into
    # "cleared", and a row that still says it (a copy made by an older version) reads as cleared
    APPROVED = "approved"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        return LETTER_STATUS_LABELS[self]

    @property
    def is_cleared(self) -> bool:
        return self in (LetterStatus.CLEARED, LetterStatus.APPROVED)


LETTER_STATUS_LABELS = {
    LetterStatus.DRAFT: "Draft",
    LetterStatus.IN_CLEARANCE: "In clearance",
    LetterStatus.CLEARED: "Cleared",
    LetterStatus.APPROVED: "Cleared",
    LetterStatus.ISSUED: "Issued",
}
# the statuses only the clearance route sets (never a plain edit)
CLEARANCE_STATUSES = (LetterStatus.IN_CLEARANCE, LetterStatus.CLEARED, LetterStatus.APPROVED)


class LetterKind(enum.StrEnum):
    """What a letter is for: each kind has its own starting text, clearance route and references."""

    ACKNOWLEDGEMENT = "acknowledgement"  # on receipt of the report
    HOLDING = "holding"  # the response will be late: states the new expected date
    INTERIM = "interim"  # answers what can be answered now
    FINAL = "final"  # the full response
    PROGRESS_UPDATE = "progress_update"  # what has been done since

    @property
    def label(self) -> str:
        return LETTER_KIND_LABELS[self]

    @property
    def has_annex(self) -> bool:
        """Does this kind answer recommendations (an annex), or is it a covering letter alone?"""
        return self not in (LetterKind.ACKNOWLEDGEMENT, LetterKind.HOLDING)


LETTER_KIND_LABELS = {
    LetterKind.ACKNOWLEDGEMENT: "Acknowledgement",
    LetterKind.HOLDING: "Holding letter",
    LetterKind.INTERIM: "Interim response",
    LetterKind.FINAL: "Final response",
    LetterKind.PROGRESS_UPDATE: "Progress update",
}


class StepState(enum.StrEnum):
    """Where one step of a letter's clearance route stands."""

    WAITING = "waiting"  # not its turn (yet, or again: the text changed after it cleared)
    CURRENT = "current"  # the letter is with this colleague now
    CLEARED = "cleared"
    RETURNED = "returned"  # sent back for amendment, with a comment

    @property
    def label(self) -> str:
        return {
            StepState.WAITING: "Waiting",
            StepState.CURRENT: "With them now",
            StepState.CLEARED: "Cleared",
            StepState.RETURNED: "Returned for amendment",
        }[self]


class RouteState(enum.StrEnum):
    """Where a letter's clearance as a whole stands (the letters list's "Clearance" column)."""

    NO_ROUTE = "no_route"  # nobody to clear it: it can be issued as it is
    NOT_SENT = "not_sent"  # a route, not sent round yet
    IN_CLEARANCE = "in_clearance"
    RETURNED = "returned"  # sent back for amendment: with the drafter
    CLEARED = "cleared"  # every step cleared


class ClearanceOutcome(enum.StrEnum):
    """What a colleague did with a letter (kept for good, one row each time)."""

    SENT = "sent"  # sent round the route (again)
    CLEARED = "cleared"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {
            ClearanceOutcome.SENT: "Sent for clearance",
            ClearanceOutcome.CLEARED: "Cleared",
            ClearanceOutcome.RETURNED: "Returned for amendment",
        }[self]


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
MAX_DUE_WITHIN_DAYS = 3660  # how far ahead "due within" looks at most (ten years)
# Moving one of these dates on a record that already had one needs a reason, kept in the audit event.
DATES_NEEDING_REASON = ("response_due", "target_date", "deadline")
# Progress updates are due this many months after the response, then after each update (an office
# setting overrides it: settings key UPDATE_EVERY_MONTHS).
UPDATE_EVERY_MONTHS = 6
# A clearance step is due this many working days after the letter reaches the colleague.
CLEARANCE_WORKING_DAYS = 2
# The roles an office usually clears through, in route order (a colleague's role is free text).
CLEARANCE_ROLES = ("Policy lead", "Legal", "Press office", "Private office", "Signatory")
# The kinds of record search finds, in the order results are grouped.
SEARCH_KINDS = ("report", "recommendation", "response", "letter")
