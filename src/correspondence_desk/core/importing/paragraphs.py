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


def _opens_something(text: str) -> bool:
    return bool(item_start(text) or SUB_PART.match(text) or RESPONSE_LABEL.match(text))


def _looks_like_heading(text: str, style: str, single: bool) -> bool:
    if HEADING_STYLE.match(style):
        return True
    if not single or len(text) > 90 or len(text.split()) > _HEADING_MAX_WORDS:
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
                    and line.text[:1].islower()
                    and line.bold == prev.bold
                )
                if not carries_on:
                    flush()
            elif (
                line.bold != prev.bold or line.style != prev.style or (ended and _opens_something(line.text))
            ):
                flush()
        group.append(line)
    flush()
    return paras
