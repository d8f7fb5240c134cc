"""Warnings that name what to check: repeated or missing numbers, items with no text or no answer,
deadlines that could not be worked out, unsure items, scanned pages."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.parser import Found
from correspondence_desk.core.importing.proposal import ProposedRecommendation

UNSURE = 0.5  # items below this confidence are named in a warning
LONG_ITEM = 20_000  # characters: an item this long has probably swallowed the ones after it


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def _listing(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]


def sequence_warnings(labels: list[str]) -> list[str]:
    warnings = []
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            warnings.append(f"Recommendation {label} appears more than once; check which one to keep.")
        seen.add(label)
    numeric = [label for label in labels if re.fullmatch(r"R?\d+", label)]
    numbers = [int(label.lstrip("R")) for label in numeric]
    jumps = [(a, b) for a, b in itertools.pairwise(numbers) if b > a + 1]
    if len(jumps) >= 2:
        warnings.append(
            f"Items {', '.join(dict.fromkeys(numeric))} are not consecutive: check that none was missed "
            "(a response may answer only some of the recommendations)."
        )
    else:
        for a, b in jumps:
            missing = f"{a + 1}" if b == a + 2 else f"{a + 1} to {b - 1}"
            warnings.append(
                f"The numbering jumps from {a} to {b}: recommendation {missing} may have been missed."
            )
    for a, b in itertools.pairwise(numbers):
        if b < a:
            warnings.append(f"The numbering goes back from {a} to {b}; check the order.")
    return warnings


def warnings_for(
    recs: list[ProposedRecommendation],
    found: Found,
    response_doc: bool,
    published: dt.date | None,
    doc: ExtractedDocument,
) -> list[str]:
    warnings = [*doc.warnings, *sequence_warnings([r.number for r in recs])]
    for note in found.notes:
        if note.startswith("repeats:"):
            n = int(note.split(":")[1])
            warnings.insert(
                len(doc.warnings),
                f"{_count(n, 'recommendation')} appeared twice with the same text (in a summary and again "
                "in the body, perhaps); each is listed once.",
            )
        elif note == "passes":
            warnings.append(
                "The recommendations are listed more than once (a contents page or a summary table, "
                "perhaps); the fullest copy was kept: check it against the original."
            )
    for rec in recs:
        if not rec.text:
            warnings.append(f"Recommendation {rec.number} has no text; check it against the original.")
        if len(rec.text) > LONG_ITEM:
            warnings.append(
                f"Recommendation {rec.number} is very long ({len(rec.text.split()):,} words): check that it "
                "holds only one recommendation and that none after it was missed."
            )
        if response_doc and not rec.response:
            warnings.append(f"No response was found for recommendation {rec.number}.")
        if rec.deadline_phrase and rec.deadline is None:
            why = "" if published else " (give the publication date to work it out)"
            warnings.append(
                f"Recommendation {rec.number}: no date could be worked out from “{rec.deadline_phrase}”{why}."
            )
    unsure = [r.number for r in recs if r.confidence < UNSURE and r.text]
    if unsure:
        noun = "recommendation" if len(unsure) == 1 else "recommendations"
        warnings.append(
            f"Check {noun} {_listing(unsure)}: the parser is unsure of them (see why each was taken)."
        )
    if doc.scanned:
        warnings.append("The PDF is a scanned image read by OCR: check names, numbers and dates.")
    if not recs:
        warnings.append(
            "No recommendations were found. Check that the text has numbered recommendations "
            "(“Recommendation 1 - …” or “1. …”), or add them by hand."
        )
    return warnings
