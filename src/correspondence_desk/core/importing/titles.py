"""What a document is probably called (for the report's title) and when a past letter was written."""

from __future__ import annotations

import datetime as dt
import re

from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.normalise import clean, is_furniture
from correspondence_desk.core.importing.patterns import SECTION_START, item_start

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
    r"(?:committee|panel|assembly|council|session \S+|\b(?:19|20)\d\d)$|^(?:dear|to|from)\b|[.,;:]$", re.I
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
