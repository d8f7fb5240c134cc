"""Split an item into the recommendation and, in a past response letter, the response to it: a
"Response:" / "Government response" / "Initial response: Accept" label, or bold recommendation
paragraphs followed by plain response paragraphs. Without either, the paragraphs that still ask
somebody to act belong to the recommendation."""

from __future__ import annotations

import re

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import PARAGRAPH_REF, RESPONSE_LABEL, SUB_PART
from correspondence_desk.core.importing.positions import leading_position, position_in, position_only
from correspondence_desk.core.vocabulary import Position

_ASKS = re.compile(
    r"\b(?:should|must|needs? to|ought to|recommend|urge|shall|is asked to|are asked to)\b", re.I
)
_FIRST_PERSON = re.compile(r"^(?:we|our|i|us)\b", re.I)


def _response_label_at(paras: list[Para]) -> int | None:
    for i, p in enumerate(paras):
        if i and (RESPONSE_LABEL.match(p.text) or position_only(p.text)):
            return i
    return None


def _continues(prev: Para, p: Para) -> bool:
    if SUB_PART.match(p.text) or prev.text.endswith(":"):
        return True
    if PARAGRAPH_REF.search(prev.text):
        return False
    return bool(_ASKS.search(p.text)) and not _FIRST_PERSON.match(p.text)


def split_item(paras: list[Para]) -> tuple[list[str], list[str], Position | None]:
    """(recommendation paragraphs, response paragraphs, position stated by a label)."""
    first = paras[0]
    rest = first.start.rest if first.start else first.text
    label_only = not rest
    body = paras[1:]
    if label_only and len(body) > 1 and body[0].heading:
        body = body[1:]  # the recommendation's own title ("Better data"), not its text
    head = [] if label_only else [Para(rest, first.bold, first.page, first.style)]
    seq = head + body
    if not seq:
        return [], [], None
    k = _response_label_at(seq)
    if k is not None:
        return [p.text for p in seq[:k]], *_labelled_response(seq[k:])
    if seq[0].bold and not all(p.bold for p in seq):
        n = next(i for i, p in enumerate(seq) if not p.bold)
    else:
        n = 1
        while n < len(seq) and _continues(seq[n - 1], seq[n]):
            n += 1
    response = [p.text for p in seq[n:]]
    position = None
    if response:
        position, response[0] = leading_position(response[0])
    return [p.text for p in seq[:n]], response, position


def _labelled_response(paras: list[Para]) -> tuple[list[str], Position | None]:
    text = paras[0].text
    position = None
    if position_only(text):
        position, after = position_in(text), ""
    else:
        m = RESPONSE_LABEL.match(text)
        after = m[1].strip() if m else text
        # "Initial response: Accept" / "Response: Accepted. We will…"
        lead = re.match(r"^([A-Za-z ]{2,40}?)(?:[.:;\-–—]\s+|$)", after)
        if lead and position_only(lead[1]):
            position = position_in(lead[1])
            after = after[lead.end() :].strip()
    texts = ([after] if after else []) + [p.text for p in paras[1:]]
    return texts, position
