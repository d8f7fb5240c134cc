"""Cleaned lines → paragraphs: hard-wrapped lines are re-joined, and a new paragraph starts at a
block break, a change of weight or style, or a line that opens an item, a sub-part or a response."""

from __future__ import annotations

import re
from dataclasses import dataclass

from correspondence_desk.core.importing.normalise import Line, join_lines
from correspondence_desk.core.importing.patterns import (
    HEADING_STYLE,
    RESPONSE_LABEL,
    SUB_PART,
    ItemStart,
    item_start,
)
from correspondence_desk.core.importing.positions import position_only

TABLE_HEADER = re.compile(
    r"^(?:no\.?\s+|number\s+)?recommendations?(?:\s*[-|/]?\s*(?:position|response|status|owner|deadline"
    r"|progress|addressees?|directed at|lead))+$",
    re.I,
)
_TERMINAL = tuple(".:;!?)]\"”’'")
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    bold: bool = False
    page: int | None = None
    style: str = ""
    heading: bool = False  # a heading or short title line standing alone
    start: ItemStart | None = None


def _opens_something(text: str, prev: str) -> bool:
    """Whether a line starts something new, given how the line before it ended."""
    if SUB_PART.match(text) and (prev.endswith(_TERMINAL) or re.search(r"\b(?:and|or)$", prev)):
        return True
    return prev.endswith(_TERMINAL) and bool(
        item_start(text) or RESPONSE_LABEL.match(text) or position_only(text)
    )


def _label_line(text: str) -> bool:
    """A response label standing on its own line ("Government response", "Initial response: Accept")."""
    if "respon" not in text[:120].lower():  # cheap test first: this runs for every line
        return False
    m = RESPONSE_LABEL.match(text)
    return bool(m) and (not m[1] or position_only(m[1]))


def _shouting(text: str) -> bool:
    """An ALL-CAPITALS line: a heading or running header, even inside a block of text."""
    return len(text) <= 90 and text.isupper() and sum(c.isalpha() for c in text) >= 6


def _looks_like_heading(text: str, style: str, single: bool) -> bool:
    if HEADING_STYLE.match(style):
        return True
    if not (single or _shouting(text)) or len(text) > 90 or len(text.split()) > _HEADING_MAX_WORDS:
        return False
    if text.endswith((*_TERMINAL, ",")) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if SUB_PART.match(text) or RESPONSE_LABEL.match(text) or position_only(text):
        return False
    return not re.search(r"\b(and|or|of|the|to|a|with|for|in)$", text, re.I)


def build_paragraphs(lines: list[Line]) -> list[Para]:
    paras: list[Para] = []
    group: list[Line] = []

    def flush() -> None:
        if not group:
            return
        first = group[0]
        text = join_lines([x.text for x in group])
        if TABLE_HEADER.match(text):  # a table's header row, repeated on every page
            group.clear()
            return
        single = len(group) == 1 and first.block_single
        start = item_start(text)
        heading = start is None and _looks_like_heading(text, first.style, single)
        paras.append(Para(text, first.bold, first.page, first.style, heading, start))
        group.clear()

    for line in lines:
        if group:
            prev = group[-1]
            ended = prev.text.endswith(_TERMINAL)
            if line.block_start:
                # a paragraph running over a page break continues in a new block on the next page
                carries_on = (
                    line.page != prev.page
                    and not ended
                    and line.bold == prev.bold
                    and not HEADING_STYLE.match(line.style)
                    and item_start(line.text) is None
                )
                if not carries_on:
                    flush()
            elif (
                line.bold != prev.bold
                or line.style != prev.style
                or _opens_something(line.text, prev.text)
                or position_only(prev.text)  # "Accepted" in a table cell, then the response
                or _label_line(prev.text)  # "Initial response: Accept", then the response
                or (_shouting(prev.text) != _shouting(line.text))
            ):
                flush()
        group.append(line)
    flush()
    return paras
