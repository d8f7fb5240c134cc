"""What an owner's workbook looks like, shared by the writer and the reader.

Each owner's sheet: a title line, a header row, then one row per open recommendation. The owner
fills in the answer columns (shaded, the only unlocked cells); two hidden columns carry the
recommendation's id and a fingerprint of what it was at export, signed with the export id so an
edited id shows. A hidden sheet lists every exported row (so a deleted row shows) and the export id
(so a second import of the same workbook adds nothing).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from correspondence_desk.core.vocabulary import Progress

FORMAT = "correspondence-desk owners' workbook 1"
META_SHEET = "Desk export"
NO_OWNER = "No owner"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 0, 1, 2  # 0-based, as XlsxWriter counts
RAG_CHOICES = tuple(p.label for p in Progress)  # Red, Amber, Green, Complete


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    width: float
    kind: str = "text"  # text, wrap, date, answer, answer_date, rag, hidden
    help: str = ""


COLUMNS = (
    Column("report", "Report", 16),
    Column("label", "Rec.", 6),
    Column("text", "Recommendation", 60, "wrap"),
    Column("position", "Position", 18, "wrap"),
    Column("progress", "RAG now", 10),
    Column("target", "Target date", 12, "date"),
    Column("last_update", "Last update", 44, "wrap"),
    Column("last_date", "Last update date", 12, "date"),
    Column("new_rag", "New RAG", 12, "rag", "Choose Red, Amber, Green or Complete from the list."),
    Column("new_text", "New update", 50, "answer", "What has happened since the last update."),
    Column(
        "new_target", "New target date", 14, "answer_date", "Only if the target date moves, e.g. 31/12/2027."
    ),
    Column("reason", "Reason for new date", 30, "answer", "Why the target date moves (needed when it does)."),
    Column("id", "Desk id", 8, "hidden"),
    Column("fingerprint", "Desk check", 24, "hidden"),
)
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
ANSWERS = ("new_rag", "new_text", "new_target", "reason")
HEADINGS = {c.heading.casefold(): c.key for c in COLUMNS}

_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_names(owners: list[str]) -> list[str]:
    """A sheet name per owner: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    names: list[str] = []
    taken = {META_SHEET.casefold()}
    for owner in owners:
        base = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", owner).split()).strip("'") or NO_OWNER
        name, n = base[:31], 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _signature(export_id: str, recommendation_id: int, state: str) -> str:
    return hashlib.sha256(f"{export_id}:{recommendation_id}:{state}".encode()).hexdigest()[:16]


def fingerprint(export_id: str, recommendation_id: int, state: str) -> str:
    """ "<state>/<signature>": the state at export, signed with the id it belongs to."""
    return f"{state}/{_signature(export_id, recommendation_id, state)}"


def state_of(export_id: str, recommendation_id: int, value: str) -> str | None:
    """The exported state a fingerprint carries, or None if it does not belong to this id (the id or
    the fingerprint was edited)."""
    state, _, signature = value.rpartition("/")
    if not state or _signature(export_id, recommendation_id, state) != signature:
        return None
    return state


def parse_rag(value: str) -> Progress | None:
    """ "amber", "Amber", " AMBER " → Progress.AMBER; anything else None."""
    text = value.strip().casefold()
    for p in Progress:
        if text in (p.value, p.label.casefold()):
            return p
    return None
