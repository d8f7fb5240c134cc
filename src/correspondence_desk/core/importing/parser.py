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

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import (
    BIG,
    BODY_PARAGRAPH,
    BULLET,
    CLOSING,
    GROUP_HEAD,
    OTHER_LABEL,
    REF_LINE,
    RESPONSE_LABEL,
    SECTION_END,
    SECTION_START,
    TRAILING_LABEL,
    ItemStart,
    item_start,
    roman_value,
)
from correspondence_desk.core.importing.positions import opens_response, position_only

LABELLED = ("explicit", "short", "concern", "paragraph", "answer")
_ASKS = re.compile(r"\b(?:should|must|recommends?|urges?|calls? on|ought to|needs? to|is asked to)\b", re.I)
# a letter's last words before "Yours sincerely" belong to no answer
REMARK = re.compile(
    r"^(?:I hope (?:this|that|these)|I trust (?:this|that)|please (?:do not hesitate|let me know|contact)"
    r"|if you (?:have|would like|need) any|thank you again|I am copying this letter|I look forward"
    r"|I am grateful (?:to|for) the committee|(?:we|I) appreciate the opportunity"
    r"|thank you for the opportunity"
    r"|(?:we|I) welcome the opportunity to (?:respond|comment))\b",
    re.I,
)
# the committee's own comments on a reply (an action-taken report): no part of the answer
COMMITTEE_COMMENT = re.compile(
    r"^(?:(?:further\s+)?comments?|observations?|conclusions?)\s+of\s+the\s+(?:committee|panel)\W*$"
    r"|^(?:the\s+)?committee['’]s\s+(?:further\s+)?(?:comments?|observations?)\W*$",
    re.I,
)
_NUMBER_GAP_ALLOWED = 3  # bare numbered paragraphs may skip this many numbers (with a warning)


@dataclass
class RawItem:
    label: str
    kind: str
    paras: list[Para] = field(default_factory=list)  # the first holds the text after the label
    why: list[str] = field(default_factory=list)
    confidence: float = 0.9
    in_section: bool = False
    whole: bool = False  # every paragraph is the recommendation's (a coroner's concern): nothing follows it

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.paras)


@dataclass
class Found:
    items: list[RawItem]
    notes: list[str] = field(default_factory=list)  # warnings about the choice made


_Order = tuple[int | str, ...]  # a label as numbers and letters, to compare: "4a(i)" → (4, "a", "(i)")


def _order(label: str) -> _Order:
    parts = re.findall(r"\d+|[a-z]+|\([ivx]+\)", label.lower())
    return tuple(int(p) if p.isdigit() else p for p in parts)


def _heading_level(p: Para) -> int | None:
    return p.level


def _regions(paras: list[Para]) -> list[tuple[int, int]]:
    """The recommendations sections: from a "Recommendations" heading to the next heading of the
    same or a higher level, or a heading that ends the report's body (annex, glossary, minutes)."""
    out = []
    for i, p in enumerate(paras):
        if (p.heading or p.bold) and len(p.text) < 90 and SECTION_START.match(p.text):
            level = p.level
            numbered = p.text[:1].isdigit()  # "2. Recommendations" ends at "3. Background", not "1. Title"
            end = len(paras)
            for j in range(i + 1, len(paras)):
                q = paras[j]
                if q.heading and SECTION_END.match(q.text):
                    end = j
                    break
                same_kind = q.text[:1].isdigit() == numbered
                if q.heading and level is not None and q.level is not None and q.level <= level and same_kind:
                    end = j
                    break
            out.append((i + 1, end))
    return out


def quality(item: RawItem) -> float:
    """How much an item looks like a real recommendation (and its answer), not a contents line."""
    paras = item.paras
    if not paras:
        return 0.0
    first = paras[0].start.rest if paras[0].start else paras[0].text
    body = [p.text for p in paras[1:] if not p.heading]
    text = " ".join([first, *body[:1]]) if first else " ".join(body[:2])
    score = min(len(text), 500) / 500
    if _ASKS.search(text):
        score += 1.0
    answered = any(opens_response(t) or position_only(t) for t in body[:4])
    return score + (0.6 if answered else 0.0) - (0.5 if len(text) > 6000 else 0.0)


def _collect(paras: list[Para], starts: list[int], stop: int, in_section: bool) -> list[RawItem]:
    """Items opening at `starts` (indexes into paras), each running to the next start or `stop`."""
    items = []
    bounds = [*starts, stop]
    for k, i in enumerate(starts):
        p = paras[i]
        assert p.start is not None
        item = RawItem(p.start.label, p.start.kind, [p], in_section=in_section)
        titled = not p.start.rest
        for q in paras[i + 1 : bounds[k + 1]]:
            if q.heading and SECTION_END.match(q.text):
                break
            if p.layout.cell is not None and q.layout.cell is None and item.paras[-1].layout.cell is not None:
                break  # a table row's item ends with the table
            if q.heading and (GROUP_HEAD.match(q.text) or position_only(q.text) or REF_LINE.match(q.text)):
                item.paras.append(q)  # "Agreed", or "Recommendations 5 and 6": this one's answer
                continue
            if q.heading:
                if titled and len(item.paras) == 1:
                    item.paras.append(q)  # "Recommendation 4" then its own title line
                    continue
                break  # a heading between items belongs to neither
            if (
                CLOSING.match(q.text)
                or REMARK.match(q.text)
                or COMMITTEE_COMMENT.match(q.text)
                or OTHER_LABEL.match(q.text)
            ):
                break
            item.paras.append(q)
        items.append(item)
    return items


def _passes(paras: list[Para], anchors: list[int]) -> list[list[int]]:
    """Split the anchors where the list starts again (its first label comes round again, or a label
    already seen comes back out of order): a contents page, a summary table, the full text."""
    passes: list[list[int]] = []
    seen: set[str] = set()
    for i in anchors:
        label = paras[i].start.label  # type: ignore[union-attr]
        if passes:
            current = passes[-1]
            first = paras[current[0]].start.label  # type: ignore[union-attr]
            previous = paras[current[-1]].start.label  # type: ignore[union-attr]
            if label == first or (label in seen and label != previous):
                passes.append([i])
                seen = {label}
                continue
            current.append(i)
        else:
            passes.append([i])
        seen.add(label)
    return passes


def _best_pass(
    paras: list[Para], anchors: list[int], stop: int, in_section: bool
) -> tuple[list[RawItem], list[str]]:
    passes = _passes(paras, anchors)
    runs = []
    for n, run in enumerate(passes):
        end = passes[n + 1][0] if n + 1 < len(passes) else stop
        runs.append(_collect(paras, run, end, in_section))
    if len(runs) == 1:
        return runs[0], []
    if (by_chapter := _by_chapter(paras, passes, runs)) is not None:
        return by_chapter, []
    scored = [
        (sum(quality(it) for it in run) / max(1, len(run)) * min(len(run), 3), -n, run)
        for n, run in enumerate(runs)
    ]
    best = max(scored, key=lambda s: (s[0], s[1]))[2]
    chosen = runs.index(best)
    # a pass that repeats the chosen one word for word is a summary: say so once
    same = [
        r for n, r in enumerate(runs)
        if n != chosen and [it.label for it in r] == [it.label for it in best]
        and all(_plain(a) == _plain(b) for a, b in zip(r, best, strict=True))
    ]  # fmt: skip
    notes = []
    if same:
        notes.append(f"repeats:{len(best)}")
    elif len(runs) > 1 and any(len(r) >= 2 for n, r in enumerate(runs) if n != chosen):
        notes.append("passes")
    return best, notes


_CHAPTER = re.compile(r"^(?:chapter|part|section)\s+(\d{1,2})\b", re.I)


def _by_chapter(
    paras: list[Para], passes: list[list[int]], runs: list[list[RawItem]]
) -> list[RawItem] | None:
    """Numbering that starts again in each chapter ("Chapter 3 … Recommendation 1"): every pass is
    its own chapter's items, told apart by the chapter's number ("3.1")."""
    chapters: list[str] = []
    for run in passes:
        chapter = next(
            (m[1] for q in reversed(paras[: run[0]]) if q.heading and (m := _CHAPTER.match(q.text))), None
        )
        if chapter is None or chapter in chapters:
            return None
        for i in run[1:]:
            inner = [q for q in paras[run[0] : i] if q.heading and _CHAPTER.match(q.text)]
            if inner:
                return None  # the pass crosses into another chapter: not numbered by chapter
        chapters.append(chapter)
    if any("." in it.label for run in runs for it in run):
        return None
    texts = [_plain(it)[:200] for run in runs for it in run]
    if len(set(texts)) < len(texts):
        return None  # a summary chapter repeating the list, not a list numbered by chapter
    out: list[RawItem] = []
    for chapter, items in zip(chapters, runs, strict=True):
        for it in items:
            it.label = f"{chapter}.{it.label}"
            it.why.append(f"numbered afresh in chapter {chapter}")
            out.append(it)
    return out


def _plain(item: RawItem) -> str:
    """The text an item opens with: the rest of its label line, or the paragraph under the label."""
    first = item.paras[0].start.rest if item.paras[0].start else ""
    return first or next((p.text for p in item.paras[1:] if not p.heading), "")


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
    regions = _regions(paras)
    in_section = bool(regions) and all(any(a <= i < b for a, b in regions) for i in anchors)
    items, notes = _best_pass(paras, anchors, len(paras), in_section)
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
    return bool(rest) and looks_like_title(rest) and not _ASKS.search(rest) and bare


def _label_text(text: str) -> str:
    return text[:40].split(" - ")[0].split(":")[0].strip()


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
        order = _order(s.label)
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
    return gap <= _NUMBER_GAP_ALLOWED or (bool(_ASKS.search(p.text)) and not BODY_PARAGRAPH.match(p.text))


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
            if s is not None and s.kind == kind and not nxt.heading and _ASKS.search(nxt.text[:300]):
                out[i] = replace(p, heading=False, start=s, level=None)
    return out


def _numbered(paras: list[Para], kind: str) -> Found | None:
    regions = _regions(paras)
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
                items = _collect(paras, list(seq), b, in_section)
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


def _bullets(paras: list[Para]) -> Found | None:
    """A recommendations section whose items are bullets ("• the Council grits…"): numbered in order."""
    for a, b in _regions(paras):
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
        if box and box != current_box and _ASKS.search(p.text):
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
        if items and _order(m["num"]) <= _order(items[-1].label):
            break  # the list again (an appendix quoting it): the first run is the report's
        start = ItemStart(m["num"], m["rest"].strip(), "explicit", True)
        item = RawItem(m["num"], "explicit", [replace(p, start=start)], whole=True)
        item.why.append(f"label at the end “(Recommendation {m['num']})”")
        item.confidence = 0.88
        items.append(item)
    return Found(items) if len(items) >= 2 else None


def _numbered_or_listed(paras: list[Para]) -> Found | None:
    """Numbered paragraphs, unless they are only the report's own paragraphs outside its
    recommendations section, or a single paragraph that introduces a list ("5 The Ministry
    should:"), while the section holds a lettered or roman list: then that list is the items."""
    found = _numbered(paras, "numbered")
    if found is None or not found.items:
        return found
    items = found.items
    weak = not any(it.in_section for it in items) or (
        len(items) == 1 and items[0].paras[0].text.rstrip().endswith(":")
    )
    if weak:
        for kind in ("lettered", "roman"):
            listed = _numbered(paras, kind)
            if listed is not None and len(listed.items) >= 2 and all(it.in_section for it in listed.items):
                return listed
    return found


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
        _numbered_or_listed,
        lambda ps: _numbered(ps, "lettered"),
        lambda ps: _numbered(ps, "roman"),
        _bullets,
        _boxes,
    ):
        found = finder(paras)
        if found is not None and found.items:
            return found
    return Found([])
