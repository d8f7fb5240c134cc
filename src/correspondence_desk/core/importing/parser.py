"""Paragraphs → numbered items. Finds the recommendations section when the document has one,
decides whether items are labelled ("Recommendation 3", "R3") or bare numbered paragraphs, and
collects each item's paragraphs until the next item, a heading or the end of the section."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import BODY_PARAGRAPH, CLOSING, SECTION_END, SECTION_START

_NUMBER_GAP_ALLOWED = 2  # bare numbered paragraphs may skip this many numbers (with a warning)


@dataclass
class RawItem:
    label: str
    kind: str
    paras: list[Para] = field(default_factory=list)  # the first holds the text after the label


def _region_end(paras: list[Para], start: int) -> int:
    level = _heading_level(paras[start - 1]) if start else None
    for j in range(start, len(paras)):
        p = paras[j]
        if p.heading and SECTION_END.match(p.text):
            return j
        if level is not None and (lv := _heading_level(p)) is not None and lv <= level:
            return j
    return len(paras)


def _heading_level(p: Para) -> int | None:
    m = re.match(r"(?:heading|title)\s*(\d*)", p.style, re.I)
    if not m:
        return None
    return int(m[1]) if m[1] else 0


def _collect(paras: list[Para]) -> list[RawItem]:
    labelled = any(p.start and p.start.kind in ("explicit", "short") for p in paras)
    if labelled:
        return _collect_from(paras, labelled=True)
    # bare numbers: an address ("5 Gatehouse Yard") can look like item 5, so try every "1" as the
    # start too and keep the longest run
    starts = [
        i for i, p in enumerate(paras) if p.start and p.start.kind == "numbered" and p.start.label == "1"
    ]
    runs = [_collect_from(paras[i:], labelled=False) for i in starts] + [_collect_from(paras, labelled=False)]
    return max(runs, key=len)


def _collect_from(paras: list[Para], labelled: bool) -> list[RawItem]:
    items: list[RawItem] = []
    current: RawItem | None = None
    for p in paras:
        start = p.start
        if start is not None and labelled and start.kind in ("explicit", "short"):
            current = RawItem(start.label, start.kind, [p])
            items.append(current)
            continue
        if (
            start is not None
            and not labelled
            and start.kind == "numbered"
            and _in_sequence(items, start.label)
        ):
            current = RawItem(start.label, start.kind, [p])
            items.append(current)
            continue
        if current is None:
            continue
        if p.heading and SECTION_END.match(p.text):
            break
        titled = (
            len(current.paras) == 1 and current.paras[0].start is not None and not current.paras[0].start.rest
        )
        if p.heading and titled:
            current.paras.append(p)  # "Recommendation 4" then its own title line: kept, the split drops it
            continue
        if p.heading or CLOSING.match(p.text) or (labelled and BODY_PARAGRAPH.match(p.text)):
            current = None  # a heading between items belongs to neither
            continue
        current.paras.append(p)
    return items


def _in_sequence(items: list[RawItem], label: str) -> bool:
    if not items:
        return True
    try:
        previous = int(items[-1].label)
    except ValueError:
        return False
    return previous < int(label) <= previous + 1 + _NUMBER_GAP_ALLOWED


def find_items(paras: list[Para]) -> list[RawItem]:
    """The items of the recommendations section if one holds any, else of the whole document."""
    best: list[RawItem] = []
    for i, p in enumerate(paras):
        if (p.heading or p.bold) and len(p.text) < 80 and SECTION_START.match(p.text):
            items = _collect(paras[i + 1 : _region_end(paras, i + 1)])
            if len(items) > len(best):
                best = items
    return best or _collect(paras)
