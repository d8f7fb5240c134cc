"""What a document is probably called (for the report's title) and when a past letter was written."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.normalise import clean, is_furniture
from correspondence_desk.core.importing.patterns import SECTION_START, item_start

if TYPE_CHECKING:
    from correspondence_desk.core.importing.paragraphs import Para
    from correspondence_desk.core.importing.proposal import ProposedReport

_NOT_TITLES = re.compile(
    r"^(?:recommendations?|annex|contents|official|conclusions and recommendations|summary|introduction"
    r"|(?:chair's )?foreword|chapter|section|part)\b",
    re.I,
)
_SUBJECT = re.compile(
    r"^(?:re|subject)\s*:\s*"
    r"|^response to (?:the \w+'s |the |your )?(?:report|recommendations)?\s*[:\-–—]?\s*",
    re.I,
)
# first lines that name who wrote the report, or when, rather than what it is called
_NOT_A_TITLE_LINE = re.compile(
    r"(?:committee|panel|assembly|council|session \S+|\b(?:19|20)\d\d)$|^(?:dear|to|from)\b|[.,;:]$"
    r"|^(?:house of commons|house of lords|senedd(?: cymru)?|welsh parliament|scottish parliament|senate"
    r"|northern ireland assembly|parliament of \w+|legislative assembly|house of representatives|the senate)$"
    r"|^(?:the\s+)?(?:final\s+|interim\s+)?report of the\b|^committee (?:for|on|of)\b",
    re.I,
)
_LETTER = re.compile(r"^dear\b", re.I)


def suggest_title(doc: ExtractedDocument) -> str:
    """A title for the report: the first heading, else a letter's subject line ("Re: …", "Response
    to the Committee's report: …"), else the first bold line of a report, else the file name."""
    blocks = [(b, clean(b.text.replace("\n", " "))) for b in doc.blocks[:60]]
    usable = [(b, t) for b, t in blocks if 3 <= len(t) <= 200 and not _NOT_TITLES.match(t)]
    for block, text in usable:
        if block.style.lower().startswith(("title", "heading")):
            return text
    for _block, text in usable:
        if (m := _SUBJECT.match(text)) and text[m.end() :].strip():
            return text[m.end() :].strip()
    if not any(_LETTER.match(t) for _, t in blocks):  # in a letter, bold lines are names and titles
        for block, text in usable:
            if block.bold:
                return text
        lines = [clean(line) for block, _ in blocks[:6] for line in block.text.split("\n")][:12]
        for line in lines:  # plain text: the first short line that is not a committee, date or heading
            if 8 <= len(line) <= 150 and not (
                _NOT_A_TITLE_LINE.search(line)
                or _NOT_TITLES.match(line)
                or is_furniture(line)
                or SECTION_START.match(line)
                or item_start(line)
            ):
                return line
    name = doc.filename.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def letter_date(doc: ExtractedDocument) -> dt.date | None:
    """The date a past letter was written: a line near its top that is only a date ("6 June 2025")."""
    from correspondence_desk.core.dates import parse_date
    from correspondence_desk.core.errors import ValidationError

    for block in doc.blocks[:25]:
        for line in block.text.split("\n"):
            line = clean(line)
            if 6 <= len(line) <= 30 and any(c.isdigit() for c in line):
                try:
                    return parse_date(line)
                except ValidationError:
                    continue
    return None


# ---------------------------------------------------------------- the report a document is, or answers

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s+((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(rf"^(?:published\s+)?({_MONTH})\s+((?:19|20)\d\d)$", re.I)
_PUBLISHED = re.compile(
    rf"\b(?:published|dated|issued|laid|tabled|presented|printed)"
    rf"(?:\s+(?:in|to|before)\s+the\s+[A-Z][\w ]{{2,40}}?)?"
    rf"\s+(?:on\s+|in\s+)?(?:the\s+)?"
    rf"(\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+(?:19|20)\d\d)",
    re.I,
)
_OF_DATE = re.compile(
    rf"\breport\b[^.]{{0,160}}?\b(?:of|dated)\s+(\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d)", re.I
)
_COMMITTEE = re.compile(
    r"\b((?:(?:House of Lords|House of Commons|London Assembly|Senate|Senedd|Scottish Parliament"
    r"|Northern Ireland Assembly|Assembly|Joint|Standing|Select|Parliamentary|Legislative|Public)\s+)*"
    r"(?:[A-Z][\w’'&-]*(?:,?\s+(?:and|of|for|on|&|the)\s+|\s+|,\s+))*?"
    r"(?:Committee|Sub-Committee|Scrutiny Panel|Scrutiny Committee|Select Committee|Panel"
    r"|Commission of Inquiry|Inquiry|Royal Commission)"
    r"(?:\s+(?:on|for|of)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'-]*)*)?)\b"
)
_NAMED_TITLE = re.compile(
    r"\breport,?\s+(?:entitled\s+|on\s+)?(?P<title>[A-Z][^,.]{5,150}?(?::[^,.]{3,120})?),"
    r"\s+(?:(?:which\s+)?was\s+)?(?:published|dated|of|laid|tabled|presented)\b"
)
_QUOTED_TITLE = re.compile(
    r"(?:report|inquiry|review)[^‘“'\"]{0,80}?[‘“'\"](?P<title>[^’”'\"]{6,200})[’”'\"]", re.I
)
_REFERENCE = re.compile(
    r"\b(HC \d{1,4}(?:-[IVX]+)?|HL Paper \d{1,4}|CP \d{1,4}|Cm \d{3,5}|NIA \d{1,4}/\d{2}-\d{2}"
    r"|SP Paper \d{1,4}|\d{4}-\d{4})\b"
)
_RESPONSE_TITLE = re.compile(
    r"^(?:the\s+)?(?:[\w’']+\s+){0,4}?(?:government'?s?\s+|mayor'?s?\s+|council'?s?\s+|department'?s?\s+)?"
    r"(?:response|reply|responses)\s+(?:to|on)\s+(?:the\s+)?",
    re.I,
)


_RESPONDS_TO = re.compile(
    r"\b(?:response|reply|responses)\s+(?:of\s+[^:]{3,80}?\s+|by\s+[^:]{3,80}?\s+)?to\s+(?:the\s+)?", re.I
)


def _answered_title(text: str) -> str:
    """The title in "Government response to the Fourth Report of the X Committee: Title", "Response
    of the Y Authority to the Independent Review of Z", "Department: response to the W Review"."""
    if len(text) > 300 or not (m := _RESPONDS_TO.search(text)):
        return ""
    rest = text[m.end() :].strip().rstrip(".")
    before, colon, after = rest.partition(":")
    if colon and re.search(r"\b(?:report|committee|inquiry)\b", before, re.I):
        return after.strip()  # "… to the Fourth Report of the X Committee: Title"
    if re.match(r"(?:\w+\s+){0,3}report of\b", rest, re.I):
        return ""
    return rest


def _date(day: str, month: str, year: str) -> dt.date | None:
    from correspondence_desk.core.dates import MONTHS

    try:
        return dt.date(int(year), MONTHS[month.lower()], int(day))
    except (ValueError, KeyError):
        return None


def _committee(texts: list[str]) -> str:
    """The committee the opening paragraphs name most often (a name that runs on into the next words,
    "Committee on Northern Affairs Ice Roads", counts for the shorter one it starts with)."""
    names = [name for text in texts for name in _committees_in(text)]
    if not names:
        return ""
    scored = [(sum(other.startswith(name) for other in names), -i, name) for i, name in enumerate(names)]
    return max(scored)[2]


def _committees_in(text: str) -> list[str]:
    out = []
    for m in _COMMITTEE.finditer(text):
        name = m[1].strip()
        name = re.sub(
            r"^.*?\b(?:Chair|Chairman|Chairperson|Convener|Clerk|Member)(?:,\s*|\s+of\s+the\s+)", "", name
        )
        name = re.sub(r"^(?:The|the|Our|our|Your|your|This|this)\s+", "", name)
        name = re.sub(r"^(?:House of Lords|House of Commons|Senate|Senedd)\s+", "", name)
        name = re.sub(r"['’]s$", "", name)
        name = name.rsplit(", the ", 1)[-1]  # "the National Audit Office, the Committee" is not a name
        lone = name.lower().startswith(("committee", "inquiry", "panel")) and not re.match(
            r"Committee (?:on|for|of) ", name
        )
        if len(name.split()) >= 2 and not lone:
            out.append(name)
    return out


def report_of(
    doc: ExtractedDocument, paras: list[Para], response_doc: bool
) -> tuple[ProposedReport, dt.date | None]:
    """The report's title, committee, date and reference: of the document itself, or for a response,
    of the report it answers (named in its title or its first paragraphs). Returns the proposed
    report and its date when the document gives the day (a month alone does not date deadlines)."""
    from correspondence_desk.core.importing.proposal import ProposedReport

    head = [p.text for p in paras[:40]]
    joined = "\n".join(line for p in paras[:40] for line in (p.lines or (p.text,)))
    title = ""
    published = None
    exact = True
    if response_doc:
        for text in head:
            if (m := _QUOTED_TITLE.search(text)) and len(m["title"].split()) >= 2:
                title = m["title"].strip().rstrip(".,")
                break
        if not title:
            for text in head:
                if m := _NAMED_TITLE.search(text.replace("\n", " ")):
                    title = m["title"].strip()
                    break
        if not title:
            for text in head[:12]:
                if title := _answered_title(text):
                    break
        for text in head:
            m = _PUBLISHED.search(text) or _OF_DATE.search(text)
            if m and (d := _FULL_DATE.search(m[1])):
                published = _date(d[1], d[2], d[3])
                break
    else:
        title = suggest_title(doc)
        found: list[tuple[int, int, dt.date | None, bool]] = []  # (rank, order, date, exact)
        for n, text in enumerate(head[:25]):
            line = clean(text)
            if (m := _FULL_DATE.fullmatch(line)) or (m := _PUBLISHED.search(line)):
                if d := _FULL_DATE.search(m[0]):
                    # "Published on 14 January" beats "ordered to be printed 6 January" and a bare date
                    rank = (
                        0
                        if re.search(r"\bpublished\b", line, re.I)
                        else 2
                        if "printed" in line.lower()
                        else 1
                    )
                    found.append((rank, n, _date(d[1], d[2], d[3]), True))
            elif m := _MONTH_YEAR.match(line):
                found.append((3, n, _date("1", m[1], m[2]), False))
        if found:
            _rank, _n, published, exact = min(found, key=lambda f: (f[0], f[1]))
    reference = m[1] if (m := _REFERENCE.search(joined)) else ""
    report = ProposedReport(title=title, committee=_committee(head), published=published, reference=reference)
    return report, (published if exact else None)
