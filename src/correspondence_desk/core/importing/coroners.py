"""Coroners' Prevention of Future Deaths (Regulation 28) reports and the replies to them.

A report is a form in nine numbered sections: the concerns sit in section 5 ("CORONER'S CONCERNS"),
after "The MATTERS OF CONCERN are as follows", numbered 1. / (1) / 1) or as bullets, or as one block
of prose; the recipients are listed under "THIS REPORT IS BEING SENT TO"; the reply is due within
56 days. A reply is a letter that takes the concerns in turn — labelled ("Concern 1"), numbered, or
each under a short heading ("Communication") with the concern restated and then answered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.parser import REMARK, Found, RawItem, find_items
from correspondence_desk.core.importing.patterns import BULLET, CLOSING, SECTION_END, ItemStart, item_start

_PFD = re.compile(r"prevent(?:ion of)? future deaths|regulation 28\b|\bpfd\b", re.I)
_SENT_TO = re.compile(r"this report is being sent to\s*:?\s*", re.I)
_CONCERNS = re.compile(r"coroner'?s concerns|matters? of concern", re.I)
_ACTION = re.compile(r"action should be taken", re.I)
_INTRO = re.compile(r"^.*?\bmatters of concern\b[^.:]*(?:are as follows|is as follows)?[.:]?\s*", re.I | re.S)
_DUE = re.compile(r"within 56 days of the date of this report(?:,?\s*namely by ([^.]+?))?[.,]", re.I)
_ORG = re.compile(
    r"\b(?:trust|council|board|authority|department|ministry|service|agency|office|commission|nhs|police"
    r"|constabulary|limited|ltd|plc|college|university|hospital|government|association|group|society)\b",
    re.I,
)
_NOT_ITEMS = re.compile(
    r"^(?:introduction|background|summary|conclusion|conclusions|next steps|yours)\b", re.I
)


@dataclass
class Coroner:
    found: Found
    reply: bool
    recipients: tuple[str, ...] = ()
    response_due: dt.date | None = None


def read(paras: list[Para]) -> Coroner | None:
    head = " ".join(p.text for p in paras[:80])
    if not _PFD.search(head):
        return None
    letter = any(p.text.startswith("Dear ") for p in paras[:80])
    form = any(_SENT_TO.search(p.text) for p in paras) and any(_CONCERNS.search(p.text) for p in paras)
    if form and not letter:
        return _report(paras)
    if letter:
        return _reply(paras)
    return None


def _recipient(text: str) -> str:
    text = re.sub(r"^\(?\d{1,2}[.)]\s*", "", text).strip().rstrip(".;,")
    parts = [x.strip() for x in text.split(",") if x.strip()]
    orgs = [x for x in parts if _ORG.search(x)]
    return orgs[-1] if orgs else (parts[-1] if parts else "")


def _recipients(paras: list[Para]) -> tuple[str, ...]:
    out: list[str] = []
    for i, p in enumerate(paras):
        m = _SENT_TO.search(p.text)
        if not m:
            continue
        rest = p.text[m.end() :].strip()
        lines = re.split(r"\s(?=\d{1,2}\.\s)", rest) if rest else []
        for q in paras[i + 1 : i + 12]:
            if not re.match(r"^\(?\d{1,2}[.)]\s+\S", q.text) and lines:
                break
            if not re.match(r"^\(?\d{1,2}[.)]\s+\S", q.text):
                break
            lines.append(q.text)
        out += [r for line in lines if (r := _recipient(line))]
        break
    return tuple(dict.fromkeys(out))


def _due(paras: list[Para]) -> dt.date | None:
    from correspondence_desk.core.dates import parse_date
    from correspondence_desk.core.errors import ValidationError

    for p in paras:
        if (m := _DUE.search(p.text)) and m[1]:
            try:
                return parse_date(m[1].strip())
            except ValidationError:
                return None
    return None


def _concern_para(label: str, text: str, like: Para) -> Para:
    return Para(
        text, like.bold, like.page, like.style, False, ItemStart(label, text, "concern", True), like.layout
    )


def _report(paras: list[Para]) -> Coroner:
    start = next((i for i, p in enumerate(paras) if _CONCERNS.search(p.text)), None)
    items: list[RawItem] = []
    if start is not None:
        section: list[Para] = []
        first = paras[start]
        intro = _INTRO.sub("", first.text, count=1) if _INTRO.match(first.text) else ""
        if intro:
            section.append(
                Para(intro, first.bold, first.page, first.style, False, item_start(intro), first.layout)
            )
        for p in paras[start + 1 :]:
            if _ACTION.search(p.text) or (p.heading and SECTION_END.match(p.text)):
                break
            if re.fullmatch(r"\d{1,2}", p.text.strip()):
                continue  # the form's section number, alone in its cell
            section.append(p)
        items = _concerns(section)
    for it in items:
        it.why.append("coroner's concern in section 5 of the report")
        it.confidence = 0.85
        it.whole = True
    return Coroner(Found(items), False, _recipients(paras), _due(paras))


def _concerns(section: list[Para]) -> list[RawItem]:
    """Numbered, lettered or bulleted concerns; with none, the whole section is one concern."""
    body = [p for p in section if not _INTRO.match(p.text) or p.start is not None]
    items: list[RawItem] = []
    for p in body:
        s = p.start
        bullet = BULLET.match(p.text)
        if s is not None and s.kind in ("numbered", "lettered", "concern") and s.depth == 1:
            label = s.label.rstrip(")")
            items.append(RawItem(label, "concern", [_concern_para(label, s.rest, p)]))
        elif bullet:
            label = str(len(items) + 1)
            items.append(RawItem(label, "concern", [_concern_para(label, bullet["rest"], p)]))
        elif items:
            items[-1].paras.append(p)
    if items:
        return items
    prose = [p for p in body if not p.heading]
    if not prose:
        return []
    text = " ".join(p.text for p in prose)
    return [RawItem("1", "concern", [_concern_para("1", text, prose[0])])]


def _reply(paras: list[Para]) -> Coroner:
    salutation = next((i for i, p in enumerate(paras) if p.text.startswith("Dear ")), 0)
    body = paras[salutation + 1 :]
    found = find_items(body)
    if len(found.items) >= 2 or (found.items and found.items[0].kind in ("explicit", "concern")):
        return Coroner(found, True)
    items: list[RawItem] = []
    for i, p in enumerate(body):
        if p.start is not None and p.start.kind == "explicit":
            break
        if p.heading and not _NOT_ITEMS.match(p.text) and i + 1 < len(body) and not body[i + 1].heading:
            label = str(len(items) + 1)
            items.append(
                RawItem(label, "heading", [Para("", start=ItemStart(label, "", "concern", True)), p])
            )
            items[-1].why.append(f"a concern under the heading “{p.text}”, numbered in order")
            items[-1].confidence = 0.6
            continue
        if items and (
            CLOSING.match(p.text) or REMARK.match(p.text) or (p.heading and SECTION_END.match(p.text))
        ):
            break
        if items and not p.heading:
            items[-1].paras.append(p)
        elif items and p.heading:
            break
    return Coroner(Found(items) if items else found, True)
