"""Split an item into the recommendation and what follows it (in a response document, the answer).

In order of trust: a label between them ("Response:", "Government response", "Accepted"); the
layout (the recommendation sits in a shaded or bordered box, a table cell, bold, italic or indented
text, and the answer does not); then the wording (the paragraphs that still ask somebody to act
belong to the recommendation; an answer opens "The Government agrees…", "We do not accept…").
A quotation of the recommendation at the head of the answer is left out of the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from correspondence_desk.core.importing.paragraphs import Para, looks_like_title
from correspondence_desk.core.importing.parser import RawItem
from correspondence_desk.core.importing.patterns import (
    BODY_PARAGRAPH,
    GROUP_HEAD,
    PARAGRAPH_REF,
    REF_LINE,
    RESPONSE_LABEL,
    SUB_PART,
    group_labels,
)
from correspondence_desk.core.importing.positions import opens_response, position_in, position_only
from correspondence_desk.core.importing.proposal import Position

_ASKS = re.compile(
    r"\b(?:should|must|needs? to|ought to|recommends?|urge|shall|is asked to|are asked to|calls? on)\b", re.I
)
_FIRST_PERSON = re.compile(r"^(?:we|our|i|us)\b", re.I)
_RECOMMENDS = re.compile(r"\b(?:recommends?|calls? on|urges?)\b", re.I)
_QUOTES = "\"“‘'"
# a line that only introduces the quotation after it: "You said:", "The Coroner stated:", "The
# Committee recommended:", "Your concern was:"
_LEAD_IN = re.compile(
    r"^(?:you|(?:the|your)\s+(?:(?:senior |assistant )?coroner|committee|report|inquiry|panel|review)"
    r"|your (?:concern|report)s?)\b[\w ,'’]{0,40}?\b(?:said|says|stated|states|wrote|recommended|recommends"
    r"|noted|found|concluded|raised|was|were|is|are)\s*:$",
    re.I,
)


@dataclass
class Split:
    rec: list[str]  # the recommendation's paragraphs
    tail: list[str]  # what follows: the answer, in a response document
    title: str = ""
    refs: list[str] = field(default_factory=list)  # paragraph numbers the text carried ("2.28")
    position: Position | None = None  # stated by a label ("Response: Accepted")
    labelled: bool = False  # a response label or a position line stood between them
    how: str = ""  # the cue that told them apart
    quoted: bool = False  # the answer began by quoting the recommendation (left out)
    covers: list[str] = field(default_factory=list)  # "Recommendations 5 and 6": the others answered too


_Mark = tuple[int, str, int | None, bool, bool, bool]  # box, shade, column, bold, italic, indented


def _mark(p: Para, body_indent: float) -> _Mark:
    """What sets a paragraph apart: its box, shade, table column, weight, slant, indentation."""
    lay = p.layout
    column = lay.cell[2] if lay.cell else None
    indented = lay.indent >= body_indent + 15
    return (lay.box if not lay.cell else 0, lay.shade, column, p.bold, lay.italic, indented)


def _describe(mark: _Mark) -> str:
    box, shade, column, bold, italic, indented = mark
    if column is not None:
        return "table: the recommendation's cell"
    if shade:
        return f"layout: text in a shaded box ({shade})"
    if box:
        return "layout: text in a bordered box"
    if bold:
        return "layout: bold text"
    if italic:
        return "layout: italic text"
    return "layout: indented text" if indented else ""


# the recommendation's own field under it: "Target implementation date: end of 2027"
_REC_FIELD = re.compile(r"^(?:target\s+(?:implementation\s+)?date|implementation\s+date|timeframe)\s*:", re.I)


def _continues(prev: Para, p: Para) -> bool:
    if opens_response(p.text) or position_only(p.text):
        return False
    if _REC_FIELD.match(p.text):
        return True
    if SUB_PART.match(p.text) or prev.text.endswith(":"):
        return True
    if PARAGRAPH_REF.search(prev.text):
        return False
    if BODY_PARAGRAPH.match(p.text):
        return bool(_RECOMMENDS.search(p.text[:200]))  # "6.6 The committee recommends…" continues
    return bool(_ASKS.search(p.text)) and not _FIRST_PERSON.match(p.text)


def _strip_number(p: Para) -> tuple[Para, str]:
    m = BODY_PARAGRAPH.match(p.text)
    if not m:
        return p, ""
    return Para(p.text[m.end() :], p.bold, p.page, p.style, p.heading, None, p.layout), m[1]


def _labelled_response(p: Para) -> tuple[str, Position | None]:
    text = p.text
    if position_only(text):
        return "", position_in(text)
    m = RESPONSE_LABEL.match(text)
    after = m[1].strip() if m else text
    # "Initial response: Accept" / "Response: Accepted. We will…" / "Response: Supported in principle"
    lead = re.match(r"^([A-Za-z ]{2,40}?)(?:[.:;\-–—]\s+|$)", after)
    if lead and position_only(lead[1]):
        return after[lead.end() :].strip(), position_in(lead[1])
    return after, None


def _similar(a: str, b: str) -> bool:
    a, b = " ".join(a.lower().split()).strip(_QUOTES + "”’"), " ".join(b.lower().split())
    if not a or not b:
        return False
    return a[:120] in b or SequenceMatcher(None, a[:400], b[:400]).ratio() > 0.85


def split_item(item: RawItem, body_indent: float = 0.0) -> Split:
    first = item.paras[0]
    rest = first.start.rest if first.start else first.text
    if first.start is not None and first.start.kind == "answer":  # "Response to recommendation 3"
        tail = [t for t in [rest, *(p.text for p in item.paras[1:])] if t]
        return Split([], tail, labelled=True, how="the answer names the recommendation by its number only")
    if item.whole:
        return Split(
            [t for t in [rest, *(p.text for p in item.paras[1:])] if t], [], how="all its paragraphs"
        )
    refs: list[str] = []
    if rest and (m := PARAGRAPH_REF.fullmatch(rest)):  # "Recommendation 1 (paragraph 23)"
        refs.append(re.sub(r"\s+", " ", m[1]))
        rest = ""
    body = []
    for p in item.paras[1:]:
        if m := REF_LINE.match(p.text):  # "Paragraph 3.21" on its own line: the reference
            refs.append(re.sub(r"\s+", " ", m["refs"]))
        else:
            body.append(p)
    title = ""
    if not rest and len(body) > 1 and body[0].heading:
        title, body = body[0].text, body[1:]  # "Recommendation 4" then its own title ("Better data")
    elif (
        rest
        and body
        and looks_like_title(rest)
        and not _ASKS.search(rest)
        and not (RESPONSE_LABEL.match(body[0].text) or position_only(body[0].text))
    ):
        title, rest = rest, ""  # "Recommendation 4: Better data" and the text below it
    head = [Para(rest, first.bold, first.page, first.style, False, None, first.layout)] if rest else []
    seq = head + body
    if len(seq) > 1 and _LEAD_IN.match(seq[0].text):  # "You said:" before the quoted concern
        seq = seq[1:]
    split = Split([], [], title, refs=refs)
    # "Recommendation 2" then "2.28 The Committee recommends…": 2.28 is the paragraph, not the label
    while seq and (not split.rec or _RECOMMENDS.search(seq[0].text[:200])):
        stripped, number = _strip_number(seq[0])
        if not number or (split.rec and not _RECOMMENDS.search(stripped.text[:200])):
            break
        split.refs.append(number)
        split.rec.append(stripped.text)
        seq = seq[1:]
        split.how = "paragraph numbers inside the recommendation"
    if not seq:
        return split
    if seq[0].layout.cell is not None and any(p.layout.cell != seq[0].layout.cell for p in seq):
        return _by_cells(split, seq)
    start = 0 if not split.rec else None
    k = next(
        (
            i
            for i, p in enumerate(seq)
            if (i or split.rec)
            and (RESPONSE_LABEL.match(p.text) or position_only(p.text) or GROUP_HEAD.match(p.text))
        ),
        None,
    )
    if k is not None:
        split.rec += [p.text for p in seq[:k]]
        if GROUP_HEAD.match(seq[k].text):
            split.covers = group_labels(seq[k].text)
            after, split.position = "", None
        else:
            after, split.position = _labelled_response(seq[k])
        following = [p.text for p in seq[k + 1 :]]
        if not after and split.position is None and following and position_only(following[0]):
            split.position = position_in(following[0])  # "Government response" then "Supported in principle."
            following = following[1:]
        split.tail = ([after] if after else []) + following
        split.labelled, split.how = True, "a response label between them"
        return _unquote(split)
    lead = seq[0] if start == 0 else None
    mark = _mark(lead if lead is not None else seq[0], body_indent)
    marked = any(mark[:3]) or mark[3] or mark[4] or mark[5]
    if lead is not None and marked and not all(_mark(p, body_indent) == mark for p in seq):
        n = next(i for i, p in enumerate(seq) if _mark(p, body_indent) != mark)
        split.rec += [p.text for p in seq[:n]]
        split.tail = [p.text for p in seq[n:]]
        split.how = _describe(mark)
        return _unquote(split)
    n = 0
    if not split.rec:
        split.rec.append(seq[0].text)
        n = 1
    while n < len(seq) and _continues(seq[n - 1] if n else Para(split.rec[-1]), seq[n]):
        split.rec.append(seq[n].text)
        n += 1
    split.tail = [p.text for p in seq[n:]]
    if split.tail:
        split.how = split.how or "wording: where the asking stops"
    return _unquote(split)


def _by_cells(split: Split, seq: list[Para]) -> Split:
    """A table row: the recommendation is its own cell; a cell holding only a position gives the
    position; the other cells, in order, are the answer (the lead and timescale kept with it)."""
    where = seq[0].layout.cell
    assert where is not None
    row = where[:2]
    for p in seq:
        cell = p.layout.cell
        if cell is None or cell[:2] != row:
            split.tail.append(p.text)
        elif cell[2] == where[2]:
            split.rec.append(p.text)
        elif split.position is None and position_only(p.text):
            split.position = position_in(p.text)
            split.labelled = True
        else:
            split.tail.append(p.text)
    split.how = "table: the recommendation's cell, the answer's cells"
    return _unquote(split)


def _unquote(split: Split) -> Split:
    """An answer that opens by quoting the recommendation starts after the quotation."""
    if split.tail and split.rec:
        head = split.tail[0]
        quoted = head[:1] in _QUOTES and head.rstrip()[-1:] in "\"”’'"
        if (quoted or len(split.tail) > 1) and _similar(head, " ".join(split.rec)):
            split.tail = split.tail[1:]
            split.quoted = True
    return split
