"""What the parser finds and how an item gathers its paragraphs: the items as first read
(`RawItem`, `Found`), the recommendations sections of a report, how much an item looks like a real
recommendation, and where an item's text ends (the next item, a heading, a letter's closing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import (
    CLOSING,
    GROUP_HEAD,
    OTHER_LABEL,
    REF_LINE,
    SECTION_END,
    SECTION_START,
)
from correspondence_desk.core.importing.positions import opens_response, position_only

ASKS = re.compile(r"\b(?:should|must|recommends?|urges?|calls? on|ought to|needs? to|is asked to)\b", re.I)
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


def recommendation_sections(paras: list[Para]) -> list[tuple[int, int]]:
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
    if ASKS.search(text):
        score += 1.0
    answered = any(opens_response(t) or position_only(t) for t in body[:4])
    return score + (0.6 if answered else 0.0) - (0.5 if len(text) > 6000 else 0.0)


def collect_items(paras: list[Para], starts: list[int], stop: int, in_section: bool) -> list[RawItem]:
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
