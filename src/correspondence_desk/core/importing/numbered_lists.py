"""Numbered paragraphs ("1.", "2.1", "(3)"), lettered ("a.", "(b)") and roman ("(iv)") lists: the
anchors that follow on from each other in order, inside a recommendations section when there is
one, and only the paragraphs that recommend when the numbering runs through a whole report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import (
    BIG,
    BODY_PARAGRAPH,
    SECTION_END,
    item_start,
    roman_value,
)
from correspondence_desk.core.importing.raw_items import (
    ASKS,
    Found,
    RawItem,
    collect_items,
    quality,
    recommendation_sections,
)

_NUMBER_GAP_ALLOWED = 3  # bare numbered paragraphs may skip this many numbers (with a warning)

_Order = tuple[int | str, ...]  # a label as numbers and letters, to compare: "4a(i)" → (4, "a", "(i)")


def label_order(label: str) -> _Order:
    parts = re.findall(r"\d+|[a-z]+|\([ivx]+\)", label.lower())
    return tuple(int(p) if p.isdigit() else p for p in parts)


def _sequence(
    paras: list[Para], kind: str, depth: int | None, start: int, stop: int, lettered: bool
) -> list[int]:
    """Anchors of one kind (and depth) that follow on from each other, starting at `start`."""
    out: list[int] = []
    previous: _Order | None = None
    roman = kind == "roman"
    for i in range(start, stop):
        p = paras[i]
        s = p.start
        if roman and s is not None and s.kind in ("roman", "lettered") and roman_value(s.label):
            # "(i)", "(v)" and "(x)" read as letters on their own: in a roman list they are numbers
            value = roman_value(s.label)
            if value == (roman_value(paras[out[-1]].start.label) + 1 if out else 1):  # type: ignore[union-attr]
                out.append(i)
            continue
        if s is None or s.kind != kind or (depth is not None and s.depth != depth):
            if p.heading and SECTION_END.match(p.text) and out:
                break
            continue
        order = label_order(s.label)
        big = isinstance(order[0], int) and order[0] >= BIG
        if previous is None:
            if big:  # "2026. …" starts no list: a number that high must follow on from 999
                continue
            out.append(i)
            previous = order
            continue
        if lettered:
            ok = len(order) == 1 and _step(previous[0], order[0]) == 1 and isinstance(order[0], str)
        else:
            ok = _sortable(order) > _sortable(previous) and _close_enough(previous, order, p)
        if ok:
            out.append(i)
            previous = order
    return out


def _sortable(order: _Order) -> tuple[tuple[int, int | str], ...]:
    """Numbers before letters wherever the two meet ("4.2" against "4a"), so any two compare."""
    return tuple((0, x) if isinstance(x, int) else (1, x) for x in order)


def _step(a: int | str, b: int | str) -> int:
    """How far on `b` is from `a`: 4 → 7 is 3, "a" → "c" is 2 (a number against a letter: 1)."""
    if isinstance(a, int) and isinstance(b, int):
        return b - a
    if isinstance(a, str) and isinstance(b, str) and a and b:
        return ord(b[0]) - ord(a[0])
    return 1


def _close_enough(previous: _Order, order: _Order, p: Para) -> bool:
    if len(order) != len(previous) and order[:1] == previous[:1]:
        # "33.12b" then "33.15": compare the numbers only, the letter under the last one aside
        order, previous = _numbers(order), _numbers(previous)
    if len(order) != len(previous) or not all(isinstance(x, int) for x in order[:1]):
        return len(order) == len(previous)
    gap = _step(previous[-1], order[-1]) if order[:-1] == previous[:-1] else 1
    if (
        isinstance(order[0], int) and order[0] >= BIG
    ):  # a year ("2026. The…") is no item unless the list has come that far
        return gap <= _NUMBER_GAP_ALLOWED
    if p.layout.cell is not None or (p.start is not None and not p.start.rest and len(order) > 1):
        return True  # a table's number cell, or "112.9" alone on its line: a selection, gaps and all
    # a response to selected recommendations skips numbers (1, 5, 7, 9): what follows must still ask
    return gap <= _NUMBER_GAP_ALLOWED or (bool(ASKS.search(p.text)) and not BODY_PARAGRAPH.match(p.text))


def _numbers(order: _Order) -> _Order:
    return tuple(x for x in order if isinstance(x, int)) or order


def _promote_titles(paras: list[Para], regions: list[tuple[int, int]], kind: str) -> list[Para]:
    """In a recommendations section, "1. A single regulator" above the text that asks is an item
    with a title, not a section heading."""
    out = list(paras)
    for a, b in regions:
        for i in range(a, min(b, len(paras) - 1)):
            p, nxt = paras[i], paras[i + 1]
            s = item_start(p.text) if p.heading and p.start is None else None
            if s is not None and s.kind == kind and not nxt.heading and ASKS.search(nxt.text[:300]):
                out[i] = replace(p, heading=False, start=s, level=None)
    return out


def find_numbered(paras: list[Para], kind: str) -> Found | None:
    regions = recommendation_sections(paras)
    paras = _promote_titles(paras, regions, kind)
    spans = [*regions, (0, len(paras))] if regions else [(0, len(paras))]
    best: list[RawItem] = []
    best_score = 0.0
    notes: list[str] = []
    for a, b in spans:
        in_section = (a, b) in regions
        kinds = ("roman", "lettered") if kind == "roman" else (kind,)
        depths = Counter(p.start.depth for p in paras[a:b] if p.start is not None and p.start.kind in kinds)
        for depth in depths:
            firsts = [
                i for i in range(a, b)
                if (s := paras[i].start) is not None and s.kind in kinds and s.depth == depth
                and (kind != "roman" or s.label.lower() == "i")
            ]  # fmt: skip
            # an address line ("5 Gatehouse Yard") can look like an item: try each anchor as the start
            tried: set[tuple[int, ...]] = set()
            for first in firsts[:40]:
                seq = tuple(_sequence(paras, kind, depth, first, b, kind == "lettered"))
                if len(seq) < (1 if kind == "numbered" else 2) or seq in tried:
                    continue
                tried.add(seq)
                items = collect_items(paras, list(seq), b, in_section)
                score = sum(quality(it) for it in items) + (2.0 if in_section else 0.0)
                if score > best_score:
                    best, best_score = items, score
        if best and in_section:
            break
    if not best:
        return None
    best, filtered = _only_recommendations(best)
    what = {"numbered": "numbered paragraph", "roman": "item numbered in roman numerals"}.get(
        kind, "lettered item"
    )
    for it in best:
        it.why.append(f"{what} “{it.label}”" + (" in the recommendations section" if it.in_section else ""))
        it.confidence = (0.8 if it.in_section else 0.62) if kind == "numbered" else 0.6
        if filtered:
            it.why.append("a recommendation among the report's numbered paragraphs (bold, or “recommends”)")
    return Found(best, notes)


_RECOMMENDING = re.compile(r"\b(?:recommends?|recommend that|calls? on|urges?|asks?)\b", re.I)


def _only_recommendations(items: list[RawItem]) -> tuple[list[RawItem], bool]:
    """Numbered paragraphs running through a whole report (no recommendations section): only the
    paragraphs that recommend (or stand out in bold) are recommendations; the rest is the report."""
    if len(items) < 6 or any(it.in_section for it in items):
        return items, False
    chosen = [it for it in items if it.paras[0].bold or _RECOMMENDING.search(it.paras[0].text[:300])]
    if not chosen or len(chosen) > 0.7 * len(items):
        return items, False
    return chosen, True


def numbered_or_listed(paras: list[Para]) -> Found | None:
    """Numbered paragraphs, unless they are only the report's own paragraphs outside its
    recommendations section, or a single paragraph that introduces a list ("5 The Ministry
    should:"), while the section holds a lettered or roman list: then that list is the items."""
    found = find_numbered(paras, "numbered")
    if found is None or not found.items:
        return found
    items = found.items
    weak = not any(it.in_section for it in items) or (
        len(items) == 1 and items[0].paras[0].text.rstrip().endswith(":")
    )
    if weak:
        for kind in ("lettered", "roman"):
            listed = find_numbered(paras, kind)
            if listed is not None and len(listed.items) >= 2 and all(it.in_section for it in listed.items):
                return listed
    return found
