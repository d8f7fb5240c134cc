"""Cleaned lines → paragraphs: hard-wrapped lines are re-joined, and a new paragraph starts at a
block break, a change of weight, style or layout (a box, a shade, a table cell), or a line that opens
an item, a sub-part, a response or a position."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from correspondence_desk.core.importing.document import PLAIN, Layout
from correspondence_desk.core.importing.normalise import Line, join_lines
from correspondence_desk.core.importing.patterns import (
    HEADING_STYLE,
    RESPONSE_LABEL,
    SUB_PART,
    ItemStart,
    item_start,
)
from correspondence_desk.core.importing.positions import opens_response, position_only

TABLE_HEADER = re.compile(
    r"^(?:no\.?\s+|number\s+|ref\.?\s+)?recommendations?(?:\s*[-|/]?\s*(?:position|response|status|owner|deadline"
    r"|progress|addressees?|directed at|lead|government response|mayor'?s response|comments?|timescale"
    r"|accepted\??|action))+$",
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
    layout: Layout = PLAIN
    level: int | None = None  # a heading's level when known (style, size or its section number)
    lines: tuple[str, ...] = ()  # the lines as they were broken (an address block keeps its lines)


def _opens_something(text: str, prev: str) -> bool:
    """Whether a line starts something new, given how the line before it ended."""
    if SUB_PART.match(text) and (prev.endswith(_TERMINAL) or re.search(r"\b(?:and|or)$", prev)):
        return True
    return prev.endswith(_TERMINAL) and bool(
        item_start(text) or RESPONSE_LABEL.match(text) or position_only(text) or opens_response(text)
    )


def _label_after_title(text: str, group: list[Line]) -> bool:
    """ "Recommendation 1 - …" straight under a title in the same weight with no space between them
    (a bold title over a bold recommendation): the label opens an item, it does not end the title."""
    if text[:1] not in "RrCcPp" or len(group) > 3:  # cheap test first: only labels open items here
        return False
    start = item_start(text)
    return (
        start is not None
        and start.kind in ("explicit", "short", "concern", "paragraph")
        and (start.separated or bool(start.rest))
        and looks_like_title(join_lines([x.text for x in group]))
    )


def _title_line(text: str) -> bool:
    return len(text) <= 60 and len(text.split()) <= 8 and looks_like_title(text) and item_start(text) is None


def _label_line(text: str) -> bool:
    """A response label standing on its own line ("Government response", "Initial response: Accept")."""
    if "respon" not in text[:120].lower() and "repl" not in text[:60].lower():  # cheap test first
        return False
    if re.search(r"\bto\s+(?:the|your)\b", text):  # a title: "Response of X to the Y"
        return False
    m = RESPONSE_LABEL.match(text)
    return m is not None and (not m[1] or position_only(m[1]))


def _shouting(text: str) -> bool:
    """An ALL-CAPITALS line: a heading or running header, even inside a block of text."""
    return len(text) <= 90 and text.isupper() and sum(c.isalpha() for c in text) >= 6


# a field of an answer, not a heading: "Target implementation date: December 2026", "Lead officer: …"
FIELD = re.compile(
    r"^(?:(?:[\w()]+\s+){0,3}?(?:date|timescales?|timeframe|timing)(?:\s*\([A-Z]{2,5}\))?"
    r"|lead(?: officer| body| member)?|(?:action\s+)?owner|responsible (?:officer|body|person|manager|lead)"
    r"|financial implications|cost|status|deadline|progress)"
    r"\s*[:\-–]\s*\S",
    re.I,
)


def looks_like_title(text: str) -> bool:
    """A short line that names something rather than saying it: no closing stop, few words."""
    if len(text) > 90 or len(text.split()) > _HEADING_MAX_WORDS or FIELD.match(text):
        return False
    if text.endswith((*_TERMINAL, ",")) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if SUB_PART.match(text) or RESPONSE_LABEL.match(text) or position_only(text):
        return False
    return not re.search(r"\b(and|or|of|the|to|a|with|for|in)$", text, re.I)


def _heading_level(style: str, layout: Layout, body: float) -> int | None:
    if m := re.match(r"(?:heading|title)\s*(\d*)", style, re.I):
        return int(m[1]) if m[1] else 0
    if body and layout.size >= body + 5:
        return 1
    if body and layout.size >= body + 1.5:
        return 2
    return None


def _classify(text: str, first: Line, single: bool, body: float) -> Para:
    start = item_start(text)
    level = _heading_level(first.style, first.layout, body)
    big = level is not None and not HEADING_STYLE.match(first.style)
    numbered = start is not None and start.kind in ("numbered", "lettered") and bool(start.rest)
    if (
        start is not None
        and numbered
        and looks_like_title(start.rest)
        and (single or level is not None or first.bold)
    ):
        # "2. Recommendations", "3.1 Funding": a section number, not an item
        return Para(text, first.bold, first.page, first.style, True, None, first.layout, start.depth)
    if start is not None:
        return Para(text, first.bold, first.page, first.style, False, start, first.layout, None)
    heading = (HEADING_STYLE.match(first.style) is not None) or (
        (single or _shouting(text) or big) and looks_like_title(text) and first.layout.cell is None
    )
    return Para(
        text, first.bold, first.page, first.style, heading, None, first.layout, level if heading else None
    )


def build_paragraphs(lines: list[Line], body: float = 0.0) -> list[Para]:
    paras: list[Para] = []
    group: list[Line] = []

    def flush() -> None:
        if not group:
            return
        first = group[0]
        text = join_lines([x.text for x in group])
        if TABLE_HEADER.match(text) and not first.layout.cell:  # a table's header row, repeated on every page
            group.clear()
            return
        para = _classify(text, first, len(group) == 1 and first.block_single, body)
        paras.append(replace(para, lines=tuple(x.text for x in group)) if len(group) > 1 else para)
        group.clear()

    # a heading inside text with no blank lines: a short title-like line between sentences
    longest: list[int] = []
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or (i and lines[i].block_start):
            width = max((len(x.text) for x in lines[start:i]), default=0)
            longest += [width] * (i - start)
            start = i
    titled = {
        i
        for i, line in enumerate(lines)
        if 0 < i < len(lines) - 1
        and not line.block_start
        and len(line.text) < 0.6 * longest[i]
        and _title_line(line.text)
        and lines[i - 1].text.endswith(_TERMINAL)
        and lines[i + 1].text[:1].isupper()
        and not lines[i + 1].block_start
    }
    for n, line in enumerate(lines):
        if group:
            prev = group[-1]
            ended = prev.text.endswith(_TERMINAL)
            plain = not HEADING_STYLE.match(line.style) and (not body or line.layout.size < body + 1.5)
            if line.block_start:
                # a paragraph running over a page break continues in a new block on the next page
                carries_on = (
                    line.page != prev.page
                    and not ended
                    and line.bold == prev.bold
                    and line.layout.shade == prev.layout.shade
                    and not HEADING_STYLE.match(line.style)
                    and item_start(line.text) is None
                    and not FIELD.match(group[0].text)  # "Estimated Completion Date: …" ends its own line
                )
                if not carries_on:
                    flush()
            elif (
                line.bold != prev.bold
                or line.style != prev.style
                or line.layout != prev.layout
                or _opens_something(line.text, prev.text)
                or _label_after_title(line.text, group)
                or (plain and (n in titled or n - 1 in titled))
                or position_only(prev.text)  # "Accepted" in a table cell, then the response
                or _label_line(prev.text)  # "Initial response: Accept", then the response
                or (_shouting(prev.text) != _shouting(line.text))
            ):
                flush()
        group.append(line)
    flush()
    return paras
