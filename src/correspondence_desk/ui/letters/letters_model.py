"""The letters list's table model: one row a letter, the subject the column that takes the room."""

from __future__ import annotations

from correspondence_desk.core.records import LetterStatus, LetterSummary, RouteState
from correspondence_desk.ui.common.table_model import (
    ALIGN_RIGHT,
    Column,
    RecordTableModel,
    date_key,
    natural_key,
    short_date,
)


def _status(rec: LetterSummary) -> str:
    return rec.status.label + (" (imported)" if rec.imported else "")


def clearance_text(rec: LetterSummary) -> str:
    state = rec.clearance
    if state is None:
        return ""
    if rec.status == LetterStatus.ISSUED and state.state != RouteState.CLEARED and state.steps:
        return f"Issued before clearance ({state.cleared} of {state.steps} cleared)"
    return state.text


class LettersModel(RecordTableModel[LetterSummary]):
    REFERENCE, KIND, DATE, RECIPIENT, SUBJECT, REPORTS, STATUS, CLEARANCE, ANSWERED = range(9)
    COLUMNS = (
        Column("Reference", lambda r: r.reference, sort=lambda r: natural_key(r.reference)),
        # the short columns give way at 1024 wide ("Final…", "Priya Ca…"): their tool tips say it all
        Column("Kind", lambda r: r.kind.label, tooltip=lambda r: r.kind.label),
        Column(
            "Date", lambda r: short_date(r.letter_date) or "Undated", sort=lambda r: date_key(r.letter_date)
        ),
        Column("Recipient", lambda r: r.recipient, tooltip=lambda r: r.recipient),
        Column("Subject", lambda r: r.subject, tooltip=lambda r: r.subject),
        Column("Report(s)", lambda r: ", ".join(r.reports), tooltip=lambda r: ", ".join(r.reports)),
        Column("Status", _status),
        Column("Clearance", clearance_text, tooltip=clearance_text),
        Column(
            "Answered", lambda r: str(r.response_count), sort=lambda r: r.response_count, align=ALIGN_RIGHT
        ),
    )
