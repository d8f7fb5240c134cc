"""What a progress update letter says about each recommendation, independent of the output format
(shared by the PDF and Word writers, and by the clearance snapshot).

Under the recommendation (in bold, as every annex has it) come its position, the latest progress
update on or after the letter's `updates_since` date (its date, RAG or complete, who gave it, its
text), and the target date with "revised from … because …" for each time it moved since then;
then whatever the author wrote. All of it is chosen from the history the letter record carries
(`ResponseRecord.updates`), so it is a pure function of the record: the preview follows an unsaved
change of the date, and an issued letter reprints from its snapshot as it was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import (
    LetterDetail,
    ProgressUpdateRecord,
    ResponseRecord,
    paragraphs,
)
from correspondence_desk.core.vocabulary import LetterKind, Progress


@dataclass(frozen=True)
class ProgressLine:
    """One paragraph: "Label: text" with the label in bold, or (no label) a paragraph of the
    update's own text."""

    label: str
    text: str

    @property
    def plain(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


def reports_progress(letter: LetterDetail) -> bool:
    return letter.kind is LetterKind.PROGRESS_UPDATE


def target_text(target: dt.date | None, moves: Sequence[ProgressUpdateRecord]) -> str:
    """ "30 June 2027 (revised from 31 March 2027 because …; earlier from … because …)" from the
    updates that moved the target, newest first; "" with no target and no move."""
    if target is None and not moves:
        return ""
    notes = []
    for i, update in enumerate(moves):
        note = update.revision_note
        notes.append(note if i == 0 else note.replace("revised from", "earlier from", 1))
    when = long_date(target) if target else "none now"
    return f"{when} ({'; '.join(notes)})" if notes else when


def annex_intro(letter: LetterDetail) -> str:
    """The sentence under the annex's heading saying which updates it reports."""
    if letter.updates_since is None:
        return "For each recommendation: its position, its latest progress update and its target date."
    return (
        "For each recommendation: its position, the latest progress update since "
        f"{long_date(letter.updates_since)} and its target date."
    )


def _known_by(letter: LetterDetail, response: ResponseRecord) -> list[ProgressUpdateRecord]:
    """The updates the letter can report: none dated after the letter."""
    day = letter.letter_date
    return [u for u in response.updates if day is None or u.update_date <= day]


def _update_value(update: ProgressUpdateRecord) -> str:
    value = update.progress.label if update.progress else "Progress not given"
    extras = []
    if update.progress is Progress.COMPLETE and update.completed_on:
        extras.append(f"completed on {long_date(update.completed_on)}")
    if update.owner.strip():
        extras.append(f"given by {update.owner.strip()}")
    return f"{value} ({'; '.join(extras)})" if extras else value


def progress_lines(
    letter: LetterDetail, response: ResponseRecord, *, with_position: bool = True
) -> list[ProgressLine]:
    """The lines printed under one recommendation, before the author's own text (the table
    layout has a column for the position, so it leaves it out here)."""
    rec = response.recommendation
    since = letter.updates_since
    known = _known_by(letter, response)
    recent = [u for u in known if since is None or u.update_date >= since]
    lines = []
    if with_position:
        position = response.position or rec.position
        lines.append(ProgressLine("Position", position.label if position else "No position yet"))
    if recent:
        latest = recent[-1]
        lines.append(ProgressLine(f"Update of {long_date(latest.update_date)}", _update_value(latest)))
        lines += [ProgressLine("", p) for p in paragraphs(latest.text)]
    else:
        current = known[-1].progress if known else rec.progress
        none = f"none since {long_date(since)}" if since else "none given yet"
        if current is not None:
            none += f"; progress last recorded as {current.label}"
        lines.append(ProgressLine("Update", none))
    target = known[-1].target_date if known else rec.target_date
    moves = [u for u in reversed(recent) if u.target_moved]
    if target is not None or moves:
        lines.append(ProgressLine("Target date", target_text(target, moves)))
    return lines
