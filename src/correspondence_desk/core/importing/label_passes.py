"""A list of labels can appear more than once (a contents page, a summary table of positions, then
the real items): each run through the labels is a "pass", and the fullest pass is kept, unless
the numbering starts again in each chapter, when every pass is its chapter's items.
"""

from __future__ import annotations

import re

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.raw_items import RawItem, collect_items, quality


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


def best_pass(
    paras: list[Para], anchors: list[int], stop: int, in_section: bool
) -> tuple[list[RawItem], list[str]]:
    passes = _passes(paras, anchors)
    runs = []
    for n, run in enumerate(passes):
        end = passes[n + 1][0] if n + 1 < len(passes) else stop
        runs.append(collect_items(paras, run, end, in_section))
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
