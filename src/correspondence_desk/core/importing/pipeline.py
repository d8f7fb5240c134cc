"""The whole parse: document → proposal of recommendations (with addressees, deadlines, paragraph
references and, from a response document, the responses and positions) plus warnings about anything
unsure. Never raises: whatever goes wrong becomes a warning, because the person reviews the proposal.

Whether the document is a response is decided here from the document itself (answers after the
restated recommendations, response labels, a letter, a title that says so) and reported as
`Proposal.is_response`. `with_responses` is the caller's hint: left out (None), the responses are
proposed whenever the document is a response; True makes it one; False (what a caller with an
unticked "With responses" box passes) keeps the proposal to the recommendations, while
`is_response` still says what the document looks like, so the box can be ticked for the person.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from correspondence_desk.core.importing import coroners, letters, titles
from correspondence_desk.core.importing.addressees import find_addressees, preamble_subject
from correspondence_desk.core.importing.checks import warnings_for
from correspondence_desk.core.importing.deadlines import find_deadline
from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.normalise import clean, drop_footnote_digits, lines_of
from correspondence_desk.core.importing.paragraphs import Para, build_paragraphs
from correspondence_desk.core.importing.parser import Found, RawItem, find_items
from correspondence_desk.core.importing.patterns import PAGE_REF, PARAGRAPH_REF, group_labels
from correspondence_desk.core.importing.positions import (
    leading_position,
    opens_response,
    position_in,
    position_rule,
)
from correspondence_desk.core.importing.proposal import Proposal, ProposedAddressee, ProposedRecommendation
from correspondence_desk.core.importing.responses import Split, split_item
from correspondence_desk.core.importing.tables import read_tables
from correspondence_desk.core.records import BodyRecord

log = logging.getLogger(__name__)

_SPACE_BEFORE_STOP = re.compile(r"\s+([,.;:])")
_TITLE_SAYS_RESPONSE = re.compile(r"\b(?:response|reply|responds?|responding)\b", re.I)


_RESPONSIBLE = re.compile(
    r"^(?:responsible\s+(?:agency|agencies|body|bodies|organisation|department)|lead\s+(?:agency|body|department"
    r"|organisation))\s*:\s*(.+)$",
    re.I,
)
_QUOTED = re.compile(r"^[\"“‘'](?P<inner>.+)[\"”’']$", re.S)


def _tidy(text: str) -> str:
    return _SPACE_BEFORE_STOP.sub(r"\1", clean(drop_footnote_digits(text)))


def _unquoted(text: str) -> str:
    """A recommendation a response quotes: the words without the quotation marks round them."""
    m = _QUOTED.match(text)
    return m["inner"].strip() if m and not re.search(r"[\"“”]", m["inner"]) else text


def _take_refs(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    refs: list[str] = []

    def keep(m: re.Match[str]) -> str:
        refs.append(re.sub(r"\s+", " ", m[1]))
        return ""

    out = [PAGE_REF.sub("", PARAGRAPH_REF.sub(keep, p)).strip() for p in paragraphs]
    return [p for p in out if p], refs


def _answered(split: Split) -> bool:
    return bool(split.tail) and (split.labelled or opens_response(split.tail[0]) or split.quoted)


def _is_response(paras: list[Para], splits: list[Split], hint: bool, pfd_reply: bool) -> bool:
    if hint or pfd_reply:
        return True
    if not splits:
        return False
    answered = sum(_answered(s) for s in splits)
    if any(s.labelled for s in splits) and answered:
        return True
    head = paras[:25]
    letter = any(p.text.startswith("Dear ") for p in paras[:120])
    titled = any(
        (p.heading or p.bold or p.layout.size > 0)
        and _TITLE_SAYS_RESPONSE.search(p.text)
        and len(p.text) < 300
        for p in head
    )
    if letter or titled:
        # a document that says it is a response: text set apart from each boxed recommendation is
        # its answer even when it states no position ("We wrote to all 214 residents…")
        answered = max(answered, sum(bool(s.tail) and s.how.startswith(("layout", "table")) for s in splits))
    share = answered / len(splits)
    return share >= 0.5 or (answered > 0 and (letter or titled) and share >= 0.25)


def _recommendation(
    item: RawItem,
    split: Split,
    bodies: Sequence[BodyRecord],
    published: dt.date | None,
    response_doc: bool,
    default_subject: str,
) -> ProposedRecommendation:
    rec_paras, refs = _take_refs([_tidy(p) for p in split.rec])
    rec_paras = [_unquoted(p) for p in rec_paras]  # “…” (Paragraph 14): the reference first, then the quotes
    text = "\n\n".join(rec_paras)
    deadline, phrase = find_deadline(text, published)  # the recommendation's own words, never the answer's
    why = list(item.why)
    if split.how and (response_doc or not split.how.startswith("wording")):
        why.append(split.how)
    confidence = item.confidence
    response, position = "", None
    if response_doc:
        tail = [t for p in split.tail if (t := clean(p))]
        position = split.position
        if tail and position is None:
            position, tail[0] = leading_position(tail[0])
            tail = [t for t in tail if t]
        response = "\n\n".join(tail)
        if position is None and response:
            position = position_in(response)
            if position is not None:
                why.append(f"position from the words “{position_rule(response)}”")
        elif position is not None:
            why.append("position from its label")
        if split.quoted:
            why.append("the answer's quotation of the recommendation left out")
        if split.how.startswith("wording") and split.tail:
            confidence -= 0.15  # told apart by wording only
        if not response:
            confidence -= 0.2
    if not text:
        confidence -= 0.4
    elif not re.search(r"\b(?:should|must|recommend|urge|calls? on|ought|need|ask|that\b)", text, re.I):
        confidence -= 0.1
    # a table's "Responsible agency" / "Lead body" column names who it is for
    named = [m[1].strip() for t in split.tail if (m := _RESPONSIBLE.match(t))]
    addressees = find_addressees(text, bodies, default_subject, named) if named else ()
    addressees = addressees or find_addressees(text, bodies, default_subject)
    return ProposedRecommendation(
        number=item.label,
        text=text,
        paragraph_ref=", ".join(dict.fromkeys([*split.refs, *refs])),
        addressees=addressees,
        deadline=deadline,
        deadline_phrase=phrase,
        response=response,
        position=position,
        title=_tidy(split.title),
        why="; ".join(why),
        confidence=round(max(0.05, min(0.99, confidence)), 2),
    )


def _share_group_answers(
    recs: list[ProposedRecommendation], splits: list[Split]
) -> list[ProposedRecommendation]:
    """One answer for several items ("Recommendations 12 a)–c) are accepted in full", or under a
    heading "Recommendations 5 and 6"): the items it names that have no answer of their own get the
    same answer and position."""
    by_label = {r.number: i for i, r in enumerate(recs)}
    out = list(recs)
    for rec, split in zip(recs, splits, strict=True):
        if not rec.response:
            continue
        head = " ".join(re.split(r"(?<=[.!?])\s+", rec.response)[:2])
        for label in dict.fromkeys([*split.covers, *group_labels(head)]):
            i = by_label.get(label)
            if i is not None and not out[i].response:
                out[i] = replace(
                    out[i],
                    response=rec.response,
                    position=rec.position,
                    why=f"{out[i].why}; answered together with recommendation {rec.number}",
                )
    return out


def propose(
    doc: ExtractedDocument,
    *,
    bodies: Sequence[BodyRecord] = (),
    published: dt.date | None = None,
    with_responses: bool | None = None,
) -> Proposal:
    try:
        return _propose(doc, bodies, published, with_responses)
    except Exception:  # a bug must not stop an import: say so and let the person type them in
        log.exception("parsing %s failed", getattr(doc, "filename", "?"))
        return Proposal(
            (), (*doc.warnings, "The text could not be read into recommendations; add them by hand.")
        )


def _propose(
    doc: ExtractedDocument,
    bodies: Sequence[BodyRecord],
    published: dt.date | None,
    with_responses: bool | None,
) -> Proposal:
    paras = read_tables(build_paragraphs(lines_of(doc), doc.body_size))
    coroner = coroners.read(paras)
    found = coroner.found if coroner is not None and coroner.found.items else find_items(paras)
    body_indent = _body_indent(paras)
    splits = [split_item(item, body_indent) for item in found.items]
    answers = _is_response(paras, splits, bool(with_responses), coroner is not None and coroner.reply)
    response_doc = answers and with_responses is not False  # False: the caller wants no responses
    report, dated = titles.report_of(doc, paras, answers)
    published = published or dated
    default_subject = preamble_subject(paras, found)
    recs = [
        _recommendation(item, split, bodies, published, response_doc, default_subject)
        for item, split in zip(found.items, splits, strict=True)
    ]
    if coroner is not None and coroner.recipients and not coroner.reply:
        recs = [replace(r, addressees=find_addressees("", bodies, "", coroner.recipients)) for r in recs]
    if response_doc:
        recs = _share_group_answers(recs, splits)
    letter = letters.header_of(paras) if answers else None
    warnings = warnings_for(recs, found, response_doc, published, doc)
    return Proposal(
        tuple(recs),
        tuple(warnings),
        is_response=answers,
        report=report,
        letter=letter,
        response_due=coroner.response_due if coroner is not None else None,
    )


def _body_indent(paras: list[Para]) -> float:
    indents = sorted(p.layout.indent for p in paras if not p.heading and not p.layout.cell)
    return indents[len(indents) // 2] if indents else 0.0


__all__ = ["Found", "ProposedAddressee", "propose"]
