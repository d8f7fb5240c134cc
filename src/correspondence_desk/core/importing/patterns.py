"""The shapes of lines the parser recognises. Headings are only matched at the start of a line, so
prose such as "as Recommendation 3 said" is never taken for an item."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Recommendation 1 - …", "Recommendation 1:", "RECOMMENDATION 2.1:", "Rec. 4a"
EXPLICIT = re.compile(
    r"^(?:recommendation|rec\.)\s*(?:no\.?\s*)?(\d{1,3}(?:\.\d{1,3})*[a-z]?)\b\s*([:.)\-–—]+\s*)?(.*)$", re.I
)
# "R3 …" (capital R only: a lone lower-case r is a typo, not a label)
SHORT = re.compile(r"^R(\d{1,3}(?:\.\d{1,3})?[a-z]?)\b\s*([:.)\-–—]+\s*)?(.*)$")
# "1. …", "1) …", "1 …" (the text must start like a sentence)
NUMBERED = re.compile(r"^(\d{1,3})(?:\s*([.):\-–—])\s*|\s+)(.*)$")
# sub-parts kept inside their parent: "a. …", "(b) …", "ii) …", bullets
SUB_PART = re.compile(r"^(?:\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})[.)])\s+\S|^[•◦▪●\-–*]\s+\S")
# a paragraph number of the report's body ("4.12 The Committee heard…") ends an item
BODY_PARAGRAPH = re.compile(r"^\d{1,3}\.\d{1,3}\.?\s+[A-Z]")
PARAGRAPH_REF = re.compile(
    r"\s*[(\[]\s*(?:paragraphs?|paras?\.?|¶)\s*"
    r"(\d{1,3}(?:\.\d{1,3})*(?:\s*(?:,|and|to|-|–|—|&)\s*\d{1,3}(?:\.\d{1,3})*)*)\s*[)\]]\.?",
    re.I,
)
SECTION_START = re.compile(
    r"^(?:(?:chapter|section|part)\s+\d+\W*\s*)?(?:\d{1,2}[.:]?\s+)?"
    r"(?:summary of |list of |our |the committee'?s? )?"
    r"(?:conclusions and recommendations|recommendations and conclusions|recommendations)\W*$",
    re.I,
)
SECTION_END = re.compile(
    r"^(?:(?:annex|appendix)\b.*|appendices|formal minutes|glossary|witnesses|published written evidence"
    r"|list of reports.*|references|endnotes|footnotes|other formats|about this report|acknowledgements"
    r"|bibliography|abbreviations|list of abbreviations|terms of reference|contact(?: us| details)?)\W*$",
    re.I,
)
RESPONSE_LABEL = re.compile(
    r"^(?:(?:the\s+)?(?:[A-Z][\w'’]*\s+){0,4}?(?:initial\s+|interim\s+|final\s+|formal\s+|our\s+)?response"
    r"(?:\s+from\s+[^:]{1,60})?)\s*(?:[:\-–—]\s*|$)(.*)$",
    re.I,
)
# a letter's closing ends whatever item came before it
CLOSING = re.compile(
    r"^(?:yours (?:sincerely|faithfully|ever)|kind regards|best wishes|with best wishes)\b", re.I
)
HEADING_STYLE = re.compile(r"^(heading|title|subtitle)\b", re.I)


_DATE_REST = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d\d\b", re.I
)


@dataclass(frozen=True, slots=True)
class ItemStart:
    label: str
    rest: str  # the text after the label on the same line
    kind: str  # "explicit", "short" or "numbered"
    separated: bool  # a ":", "-" or "." followed the label


def _starts_like_sentence(text: str) -> bool:
    return not text or text[0].isupper() or text[0] in "\"'‘“(["


def item_start(text: str) -> ItemStart | None:
    if m := EXPLICIT.match(text):
        if m[2] or _starts_like_sentence(m[3]):
            return ItemStart(m[1], m[3].strip(), "explicit", bool(m[2]))
        return None
    if m := SHORT.match(text):
        if (m[2] or _starts_like_sentence(m[3])) and (m[3] or m[2] or text.strip() == f"R{m[1]}"):
            return ItemStart(f"R{m[1]}", m[3].strip(), "short", bool(m[2]))
        return None
    if (
        (m := NUMBERED.match(text))
        and _starts_like_sentence(m[3])
        and not (m[3] or "")[:1].isdigit()
        and not (not m[2] and _DATE_REST.match(m[3]))  # "12 November 2026" is a date, not item 12
    ):
        return ItemStart(m[1], m[3].strip(), "numbered", bool(m[2]))
    return None
