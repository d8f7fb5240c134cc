"""Paragraphs → items. Decides which paragraphs open an item, in this order of trust:

1. labels ("Recommendation 3", "R3", "Concern 2", "Paragraph 45") anywhere in the document;
2. numbered paragraphs ("1.", "2.1", "(3)") — inside a recommendations section when there is one;
3. a lettered list ("a.", "(b)") standing on its own;
4. shaded or bordered boxes with no label (layout only).

A list can appear more than once (a contents page, a summary table of positions, then the real
items): each run through the labels is a "pass", and the fullest pass is kept. Each item collects
its paragraphs until the next item, a heading, a letter's closing or the end of the section.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from correspondence_desk.core.importing.label_passes import best_pass
from correspondence_desk.core.importing.numbered_lists import find_numbered, label_order, numbered_or_listed
from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import (
    BULLET,
    CLOSING,
    REF_LINE,
    RESPONSE_LABEL,
    SECTION_END,
    SECTION_START,
    TRAILING_LABEL,
    ItemStart,
)
from correspondence_desk.core.importing.positions import opens_response
from correspondence_desk.core.importing.raw_items import (
    ASKS,
    COMMITTEE_COMMENT,
    REMARK,
    Found,
    RawItem,
    quality,
    recommendation_sections,
)

# the names other modules import from here
__all__ = ["COMMITTEE_COMMENT", "LABELLED", "REMARK", "Found", "RawItem", "find_items", "quality"]

LABELLED = ("explicit", "short", "concern", "paragraph", "answer")


def _labelled(paras: list[Para]) -> Found | None:
    kinds = Counter(p.start.kind for p in paras if p.start is not None and p.start.kind in LABELLED)
    if len(kinds) > 1 and "paragraph" in kinds:
        # "Paragraph 3.21" alone after each labelled recommendation is its reference, not an item
        lone = sum(
            1 for p in paras if p.start is not None and p.start.kind == "paragraph" and REF_LINE.match(p.text)
        )
        if lone == kinds["paragraph"]:
            del kinds["paragraph"]
    if not kinds:
        return None
    kind = kinds.most_common(1)[0][0]
    anchors = [i for i, p in enumerate(paras) if p.start is not None and p.start.kind == kind]
    # a contents line ("Recommendation 2: Better data", its page number gone) has a title and no text
    contents = [i for i in anchors if _contents_line(paras, i)]
    if len(contents) < len(anchors):
        anchors = [i for i in anchors if i not in contents]
    regions = recommendation_sections(paras)
    in_section = bool(regions) and all(any(a <= i < b for a, b in regions) for i in anchors)
    items, notes = best_pass(paras, anchors, len(paras), in_section)
    why = {
        "explicit": "label",
        "short": "short label",
        "concern": "concern label",
        "paragraph": "paragraph label",
        "answer": "an answer to a recommendation given by its number",
    }
    for it in items:
        first = it.paras[0]
        it.why.append(f"{why[kind]} “{_label_text(first.text)}”")
        it.confidence = 0.92 if kind in ("explicit", "concern", "paragraph") else 0.85
    return Found(items, notes)


def _contents_line(paras: list[Para], i: int) -> bool:
    from correspondence_desk.core.importing.paragraphs import looks_like_title

    start = paras[i].start
    rest = start.rest if start is not None else ""
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    bare = nxt is None or nxt.heading or (nxt.start is not None and nxt.start.kind in LABELLED)
    return bool(rest) and looks_like_title(rest) and not ASKS.search(rest) and bare


def _label_text(text: str) -> str:
    return text[:40].split(" - ")[0].split(":")[0].strip()


def _bullets(paras: list[Para]) -> Found | None:
    """A recommendations section whose items are bullets ("• the Council grits…"): numbered in order."""
    for a, b in recommendation_sections(paras):
        items: list[RawItem] = []
        for p in paras[a:b]:
            if m := BULLET.match(p.text):
                label = str(len(items) + 1)
                start = ItemStart(label, m["rest"].strip(), "bullet", True)
                items.append(RawItem(label, "bullet", [replace(p, start=start)], in_section=True))
                items[-1].why.append("a bullet in the recommendations section, numbered in order")
                items[-1].confidence = 0.55
            elif (p.heading and SECTION_START.match(p.text)) or (not p.heading and p.text.endswith(":")):
                continue  # "Action the trust SHOULD take", "Within three months, the Council has agreed to:"
            elif items and not p.heading and not CLOSING.match(p.text) and not _after_list(items[-1], p):
                items[-1].paras.append(p)
            elif items:
                break
        if len(items) >= 2:
            return Found(items)
    return None


def _after_list(item: RawItem, p: Para) -> bool:
    """A sentence after the last bullet of a list ("The Council should give us evidence…"): the
    bullet ended its list ("…; and", a full stop) and the sentence is not a continuation."""
    return item.paras[-1].text.rstrip().endswith((".", ";")) and p.text[:1].isupper() and len(item.paras) == 1


def _boxes(paras: list[Para]) -> Found | None:
    """No labels at all: each shaded or bordered box that asks something is one recommendation,
    numbered in order; what follows a box up to the next one is its answer."""
    items: list[RawItem] = []
    current_box = 0
    for p in paras:
        box = p.layout.box if (p.layout.shade or p.layout.box) and not p.layout.cell else 0
        if box and box != current_box and ASKS.search(p.text):
            items.append(RawItem(str(len(items) + 1), "box", [Para("", start=None), p]))
            items[-1].why.append(
                f"no label: a {'shaded' if p.layout.shade else 'bordered'} box, numbered in order"
            )
            items[-1].confidence = 0.5
        elif items and not (p.heading and SECTION_END.match(p.text)) and not CLOSING.match(p.text):
            items[-1].paras.append(p)
        current_box = box
    return Found(items) if len(items) >= 2 else None


def _trailing(paras: list[Para]) -> Found | None:
    """Recommendations that end with their label ("… first. (Recommendation 3)"): each is that
    paragraph alone; what lies between them is the report's own text."""
    items: list[RawItem] = []
    for p in paras:
        if p.heading or not p.text.endswith(")") or not (m := TRAILING_LABEL.match(p.text)):
            continue
        if items and label_order(m["num"]) <= label_order(items[-1].label):
            break  # the list again (an appendix quoting it): the first run is the report's
        start = ItemStart(m["num"], m["rest"].strip(), "explicit", True)
        item = RawItem(m["num"], "explicit", [replace(p, start=start)], whole=True)
        item.why.append(f"label at the end “(Recommendation {m['num']})”")
        item.confidence = 0.88
        items.append(item)
    return Found(items) if len(items) >= 2 else None


def find_items(paras: list[Para]) -> Found:
    """The items of the document, by the most trusted kind of start that finds any."""
    trailing = _trailing(paras)
    if trailing is not None and trailing.items:
        # a report with the agency's comments as an appendix: the letter restates each item by its
        # label and answers it; those restated items, with their answers, are the items
        answered = _labelled(paras)
        labels = [it.label for it in trailing.items]
        if (
            answered is not None
            and [it.label for it in answered.items] == labels
            and any(
                opens_response(q.text) or RESPONSE_LABEL.match(q.text)
                for it in answered.items
                for q in it.paras[1:]
            )
        ):
            return answered
        return trailing
    for finder in (
        _labelled,
        numbered_or_listed,
        lambda ps: find_numbered(ps, "lettered"),
        lambda ps: find_numbered(ps, "roman"),
        _bullets,
        _boxes,
    ):
        found = finder(paras)
        if found is not None and found.items:
            return found
    return Found([])
