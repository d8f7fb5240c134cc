"""The whole parse: document → proposal of recommendations (with addressees, deadlines, paragraph
references and, from a past letter, responses) plus warnings about anything unsure. Never raises:
whatever goes wrong becomes a warning, because the person reviews the proposal anyway."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from collections.abc import Sequence

from correspondence_desk.core.importing.addressees import find_addressees
from correspondence_desk.core.importing.deadlines import find_deadline
from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.normalise import clean, drop_footnote_digits, lines_of
from correspondence_desk.core.importing.paragraphs import build_paragraphs
from correspondence_desk.core.importing.parser import RawItem, find_items
from correspondence_desk.core.importing.patterns import PARAGRAPH_REF
from correspondence_desk.core.importing.positions import position_in
from correspondence_desk.core.importing.proposal import Proposal, ProposedRecommendation
from correspondence_desk.core.importing.responses import split_item
from correspondence_desk.core.records import BodyRecord

log = logging.getLogger(__name__)


_SPACE_BEFORE_STOP = re.compile(r"\s+([,.;:])")


def _tidy(text: str) -> str:
    return _SPACE_BEFORE_STOP.sub(r"\1", clean(drop_footnote_digits(text)))


def _take_refs(paragraphs: list[str]) -> tuple[list[str], str]:
    refs: list[str] = []

    def keep(m: re.Match[str]) -> str:
        refs.append(re.sub(r"\s+", " ", m[1]))
        return ""

    out = [PARAGRAPH_REF.sub(keep, p).strip() for p in paragraphs]
    return [p for p in out if p], ", ".join(dict.fromkeys(refs))


def _recommendation(
    item: RawItem, bodies: Sequence[BodyRecord], published: dt.date | None, with_responses: bool
) -> ProposedRecommendation:
    rec_paras, resp_paras, stated = split_item(item.paras)
    rec_paras, ref = _take_refs([_tidy(p) for p in rec_paras])
    text = "\n\n".join(rec_paras)
    deadline, phrase = find_deadline(text, published)
    response, position = "", None
    if with_responses:
        response = "\n\n".join(t for p in resp_paras if (t := clean(p)))
        position = stated or (position_in(response) if response else None)
    return ProposedRecommendation(
        number=item.label,
        text=text,
        paragraph_ref=ref,
        addressees=find_addressees(text, bodies),
        deadline=deadline,
        deadline_phrase=phrase,
        response=response,
        position=position,
    )


def _drop_repeats(recs: list[ProposedRecommendation]) -> tuple[list[ProposedRecommendation], int]:
    """The same label with the same text again is a repeat, not a second recommendation."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for rec in recs:
        key = (rec.number, rec.text)
        if key not in seen or not rec.text:
            seen.add(key)
            kept.append(rec)
    return kept, len(recs) - len(kept)


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def _sequence_warnings(labels: list[str]) -> list[str]:
    warnings = []
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            warnings.append(f"Recommendation {label} appears more than once; check which one to keep.")
        seen.add(label)
    numbers = [int(x) for x in re.findall(r"^R?(\d+)$", "\n".join(labels), re.M)]
    for a, b in itertools.pairwise(numbers):
        if b > a + 1:
            missing = f"{a + 1}" if b == a + 2 else f"{a + 1} to {b - 1}"
            warnings.append(
                f"The numbering jumps from {a} to {b}: recommendation {missing} may have been missed."
            )
        elif b < a:
            warnings.append(f"The numbering goes back from {a} to {b}; check the order.")
    return warnings


def propose(
    doc: ExtractedDocument,
    *,
    bodies: Sequence[BodyRecord] = (),
    published: dt.date | None = None,
    with_responses: bool = False,
) -> Proposal:
    try:
        return _propose(doc, bodies, published, with_responses)
    except Exception:  # a bug must not stop an import: say so and let the person type them in
        log.exception("parsing %s failed", getattr(doc, "filename", "?"))
        return Proposal((), ("The text could not be read into recommendations; add them by hand.",))


def _propose(
    doc: ExtractedDocument, bodies: Sequence[BodyRecord], published: dt.date | None, with_responses: bool
) -> Proposal:
    items = find_items(build_paragraphs(lines_of(doc)))
    recs, repeats = _drop_repeats(
        [_recommendation(item, bodies, published, with_responses) for item in items]
    )
    warnings = _sequence_warnings([r.number for r in recs])
    if repeats:
        warnings.insert(
            0,
            f"{_count(repeats, 'recommendation')} appeared twice with the same text (in a summary and again "
            "in the body, perhaps); each is listed once.",
        )
    for rec in recs:
        if not rec.text:
            warnings.append(f"Recommendation {rec.number} has no text; check it against the original.")
        if with_responses and not rec.response:
            warnings.append(f"No response was found for recommendation {rec.number}.")
        if rec.deadline_phrase and rec.deadline is None:
            why = "" if published else " (give the publication date to work it out)"
            warnings.append(
                f"Recommendation {rec.number}: no date could be worked out from “{rec.deadline_phrase}”{why}."
            )
    if not recs:
        warnings.append(
            "No recommendations were found. Check that the text has numbered recommendations "
            "(“Recommendation 1 - …” or “1. …”), or add them by hand."
        )
    return Proposal(tuple(recs), tuple(warnings))
