"""The shapes of lines the parser recognises. Labels are only matched at the start of a paragraph,
so prose such as "as Recommendation 3 said" is never taken for an item.

Labels are given in one canonical form so a report and its response agree: "Recommendation 12 a)"
is "12a", "Recommendation 4a) i." is "4a(i)", "Recommendation 33.10a" is "33.10a".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = r"(?:iii|ii|iv|vi{0,3}|ix|x|i)"
# an item's own number has no upper limit (a paste of 1,200 recommendations runs past 999); the
# numbers under it ("2.1", "33.10") stay short
TOP = r"\d+"
BIG = 1000  # a bare "1000. …" opens an item only where the list before it has reached 999 (parser)
# 3, 2.1, 33.10a, 2a, 12 a), 12(a), 4a) i., 4a(i)
LABEL = (
    rf"(?P<num>{TOP}(?:\.\d{{1,3}}){{0,3}})"
    r"(?:(?P<l1>[a-z])(?![a-z])|\s?\((?P<l2>[a-z])\)|\s(?P<l3>[a-z])\)(?=\s|$|[:.,;–—-]))?"
    rf"(?:\)?\s?\(?(?P<rom>{_ROMAN})[.)](?=\s|$))?"
)
_SEP = r"\s*(?P<sep>[:.)\-–—]+\s*)?"
# "Recommendation 1 - …", "Recommendation 1:", "RECOMMENDATION 2.1:", "Rec. 4a", "Recommendation No. 3"
EXPLICIT = re.compile(
    rf"^(?:(?:conclusions?\s+and\s+)?recommendation|rec\.?)\s*(?:no\.?\s*)?{LABEL}{_SEP}(?P<rest>.*)$",
    re.I | re.S,
)
# "Response to recommendation 3": an answer given by number, with no restated recommendation
ANSWER = re.compile(
    rf"^(?:(?:our|the\s+\w+'?s?|government|mayor'?s?)\s+)?(?:response|reply|answer)\s+to\s+recommendation\s*{LABEL}{_SEP}"
    r"(?P<rest>.*)$",
    re.I | re.S,
)
# "R3 …" (capital R only: a lone lower-case r is a typo, not a label)
SHORT = re.compile(rf"^R(?P<num>{TOP}(?:\.\d{{1,3}})?[a-z]?)\b" + _SEP + r"(?P<rest>.*)$", re.S)
# a coroner's concern restated in a reply: "Concern 1:", "Matter of concern 2 -"
CONCERN = re.compile(
    r"^(?:(?:the\s+)?(?:coroner'?s\s+)?(?:matters?\s+of\s+concern|concern|area\s+of\s+concern|issue))\s*"
    r"(?:no\.?\s*)?(?:(?P<num>\d{1,2})\b|\((?P<bnum>\d{1,2})\))" + _SEP + r"(?P<rest>.*)$",
    re.I | re.S,
)
# a reply that restates each concern in a sentence: "Your first concern was that…", "The coroner's
# second concern related to…" (the sentence is the concern; its ordinal is the label)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
ORDINAL_CONCERN = re.compile(
    rf"^(?:your|the(?:\s+coroner['’]s)?)\s+({'|'.join(_ORDINALS)})\s+(?:concern|matter of concern)\b", re.I
)
# a response that answers the report paragraph by paragraph: "Paragraph 45: The Committee recommends…"
PARAGRAPH_LABEL = re.compile(
    rf"^(?:paragraph|para\.?)\s+(?P<num>{TOP}(?:\.\d{{1,3}})?)(?:\s*(?P<sep>[:.\-–—]\s*)(?P<rest>.*)|\s*$)",
    re.I | re.S,
)
# a label at the end of the recommendation instead of its start (US audit reports): "The Secretary
# should … (Recommendation 2)"
TRAILING_LABEL = re.compile(
    r"^(?P<rest>.{20,}?)\s*\((?:recommendation|rec\.?)\s+(?P<num>\d{1,3}[a-z]?)\)\s*\.?$", re.I | re.S
)
# "1. …", "1) …", "(1) …", "2.1 …", "2.1. …", "1 …" (the text must start like a sentence)
NUMBERED = re.compile(
    r"^\(?(?P<num>\d+(?:\.\d{1,3}){0,2})(?P<let>[a-z])?(?:(?P<sep>\s*[.):\-–—](?!\d))\s*|\s+|$)(?P<rest>.*)$",
    re.S,
)
# "a. …", "(b) …", "c) …" as items of their own (a lettered list with no numbers above it)
LETTERED = re.compile(r"^(?:\((?P<a>[a-z])\)|(?P<b>[a-z])[.)])\s+(?P<rest>\S.*)$", re.S)
# "a The Department should…": a letter standing alone before a sentence (audit office reports)
BARE_LETTER = re.compile(r"^(?P<c>[a-z])\s(?P<rest>[A-Z][A-Za-z’'-]*\s.{20,})$", re.S)
# "(ii) the Council offers…", "iv. …": roman numerals as the list's own numbers
ROMAN_ITEM = re.compile(rf"^(?:\((?P<a>{_ROMAN}+)\)|(?P<b>{_ROMAN}+)[.)])\s+(?P<rest>\S.*)$", re.S)
# sub-parts kept inside their parent: "a. …", "(b) …", "ii) …", bullets
SUB_PART = re.compile(r"^(?:\((?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})[.)])\s+\S|^[•◦▪●\-–*]\s+\S")
BULLET = re.compile(r"^[•◦▪●\-–*]\s+(?P<rest>\S.*)$", re.S)
# a paragraph number of the report's body ("4.12 The Committee heard…")
BODY_PARAGRAPH = re.compile(r"^(\d{1,3}\.\d{1,3})\.?\s+(?=[A-Z“\"‘'])")
PARAGRAPH_REF = re.compile(
    r"\s*[(\[]\s*(?:paragraphs?|paras?\.?|¶)\s*"
    r"(\d{1,3}(?:\.\d{1,3})*(?:\s*(?:,|and|to|-|–|—|&)\s*\d{1,3}(?:\.\d{1,3})*)*)\s*[)\]]\.?",
    re.I,
)
# "Paragraph 4.37" or "Paragraphs 4.12 to 4.19" on a line of its own after a recommendation (a law
# reform report's list): where the report argues it, its paragraph reference, not an item
REF_LINE = re.compile(
    r"^(?:paragraphs?|paras?\.?|¶)\s+(?P<refs>\d{1,3}(?:\.\d{1,3})*(?:\s*(?:,|and|to|-|–|—|&)\s*\d{1,3}(?:\.\d{1,3})*)*)"
    r"\s*\.?$",
    re.I,
)
# the label of something that is no recommendation ends the item before it ("Safety observation
# O/2026/055: …", "Area for improvement 2")
OTHER_LABEL = re.compile(
    r"^(?:safety\s+observations?|observation\s+[A-Z]{1,5}/\d|areas?\s+for\s+improvement\s+\d|good\s+practice\s+\d"
    r"|notable\s+practice\s+\d)",
    re.I,
)
# "… Page 23" at the end of a listed recommendation (a Senedd summary points to the page)
PAGE_REF = re.compile(r"\s*(?:\.{2,}|…+)?\s*\b(?:page|p\.)\s*\d{1,4}\s*$", re.I)
SECTION_START = re.compile(
    r"^(?:(?:chapter|section|part)\s+\d+\W*\s*)?(?:\d{1,2}(?:\.\d{1,2})?[.:]?\s+)?"
    r"(?:summary of |list of |full list of |our |the committee'?s? |key |the inquiry'?s? )?"
    r"(?:conclusions and recommendations|recommendations and conclusions|recommendations"
    r"|findings and recommendations|recommendations (?:and|&) (?:responses|the government'?s? response)"
    # what a complaint body or an inspectorate asks for: "Agreed action", "Action the trust MUST take"
    r"|agreed actions?|actions? agreed|recommended actions?|required actions?|areas? for improvement"
    r"|actions? (?:the|we)\b[\w ]{0,40}?\b(?:must|should) take\b.{0,60})\W*$",
    re.I,
)
SECTION_END = re.compile(
    r"^(?:(?:annex|appendix)\b.*|appendices|formal minutes|glossary|witnesses|published written evidence"
    r"|list of reports.*|references|endnotes|footnotes|other formats|about this report|acknowledgements"
    r"|bibliography|abbreviations|list of abbreviations|terms of reference|contact(?: us| details)?"
    r"|copies and publication|\d?\s*copies and publication)\W*$",
    re.I,
)
RESPONSE_LABEL = re.compile(
    r"^(?:(?:the\s+)?(?:[A-Z][\w'’]*\s+){0,4}?(?:initial\s+|interim\s+|final\s+|formal\s+|our\s+)?"
    r"(?:response|reply|actions?\s+taken(?:\s+(?:to\s+date|so\s+far))?)(?:\s+(?:from|of)\s+[^:]{1,60})?)"
    r"\s*(?:[:\-–—]\s*|$)(.*)$",
    re.I | re.S,
)
# a letter's closing ends whatever item came before it
CLOSING = re.compile(
    r"^(?:yours (?:sincerely|faithfully|ever|truly)|(?:sincerely|respectfully)(?: yours)?(?=,?$)"
    r"|kind regards|best wishes|with best wishes)\b",
    re.I,
)
HEADING_STYLE = re.compile(r"^(heading|title|subtitle)\b", re.I)

_DATE_REST = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d\d\b", re.I
)


@dataclass(frozen=True, slots=True)
class ItemStart:
    label: str
    rest: str  # the text after the label on the same line
    kind: str  # "explicit", "short", "concern", "paragraph", "numbered", "lettered"
    separated: bool  # a ":", "-" or "." followed the label

    @property
    def depth(self) -> int:
        return self.label.count(".") + 1


def canonical(m: re.Match[str]) -> str:
    letter = m["l1"] or m["l2"] or m["l3"] or ""
    roman = f"({m['rom']})" if m["rom"] else ""
    return f"{m['num']}{letter}{roman}"


def _starts_like_sentence(text: str) -> bool:
    return not text or text[0].isupper() or text[0] in "\"'‘“([" or text[0].isdigit()


def _big_item(sep: str | None, rest: str) -> bool:
    """A bare number of four or more digits opens an item only as "1000. The Mayor should…" does:
    "." or ")" after it and a sentence, so that "2026 Review" or "2026: a new plan" stay text."""
    return sep is not None and sep.strip() in (".", ")") and rest[:1].isupper() and len(rest) >= 20


# "Recommendation (Serial No. 4)" (an action-taken report): recommendation 4
_SERIAL = re.compile(r"^(recommendation)s?\s*\(\s*(?:serial\s+|sl\.?\s*)?no\.?\s*(\d{1,4})\s*\)", re.I)
# "Recommendation (iv)", "Recommendation iv:": a list numbered in roman numerals
_ROMAN_LABEL = re.compile(
    r"^recommendation\s+\(?(?P<rom>[ivx]{1,6})\)?(?P<sep>[:.\-–—]\s*|\s+|$)(?P<rest>.*)$", re.I | re.S
)
# "Safety recommendation R/2026/031": an investigation body's reference is the label
_REFERENCE_LABEL = re.compile(
    r"^(?i:recommendation)\s+(?:ref(?:erence)?\.?\s*)?(?P<ref>[A-Z]{1,5}/\d{2,4}/\d{1,4}|[A-Z]{1,5}-\d{4}-\d{1,4})"
    r"(?P<sep>[:.\-–—]\s*|\s+|$)(?P<rest>.*)$",
    re.S,
)
_SAFETY = re.compile(r"^safety\s+(?=recommendation)", re.I)

_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
_WORD_LABEL = re.compile(rf"^(recommendation\s+)({'|'.join(_WORDS)})\b", re.I)


def item_start(text: str) -> ItemStart | None:
    head = text[:1]
    if head in "Rr" and (w := _WORD_LABEL.match(text)):  # "Recommendation Two:" is recommendation 2
        text = f"{w[1]}{_WORDS.index(w[2].lower()) + 1}{text[w.end() :]}"
    if head in "Ss" and (safety := _SAFETY.match(text)):
        text = text[safety.end() :]
        head = text[:1]
    if head in "Rr" and (m := _REFERENCE_LABEL.match(text)):
        return ItemStart(m["ref"], m["rest"].strip(), "explicit", bool(m["sep"].strip()))
    if head in "Rr" and (m := _SERIAL.match(text)):
        text = f"{m[1]} {m[2]}{text[m.end() :]}"
    if head in "Rr" and (m := _ROMAN_LABEL.match(text)) and roman_value(m["rom"]):
        return ItemStart(m["rom"].lower(), m["rest"].strip(), "explicit", bool(m["sep"].strip()))
    if head in "RrCc":
        if m := EXPLICIT.match(text):
            rest = m["rest"].strip()
            if m["sep"] or _starts_like_sentence(rest):
                return ItemStart(canonical(m), rest, "explicit", bool(m["sep"]))
            return None
        if head in "Rr" and (m := SHORT.match(text)):
            rest = m["rest"].strip()
            if (m["sep"] or _starts_like_sentence(rest)) and (
                rest or m["sep"] or text.strip() == f"R{m['num']}"
            ):
                return ItemStart(f"R{m['num']}", rest, "short", bool(m["sep"]))
            return None
    if head in "RrOoTtGgMmAa" and (m := ANSWER.match(text)):
        return ItemStart(canonical(m), m["rest"].strip(), "answer", bool(m["sep"]))
    if head in "YyTt" and (m := ORDINAL_CONCERN.match(text)):
        return ItemStart(str(_ORDINALS.index(m[1].lower()) + 1), text.strip(), "concern", False)
    if head in "CcMmAaIiTt" and (m := CONCERN.match(text)):
        return ItemStart(m["num"] or m["bnum"], m["rest"].strip(), "concern", bool(m["sep"]))
    if head in "Pp" and (m := PARAGRAPH_LABEL.match(text)):
        return ItemStart(m["num"], (m["rest"] or "").strip(), "paragraph", True)
    if head.isdigit() or (head == "(" and text[1:2].isdigit()):
        m = NUMBERED.match(text)
        if m is None:
            return None
        rest = m["rest"].strip()
        if m["num"].startswith("0") or (not m["sep"] and not rest and "." not in m["num"]):
            return (
                None  # "112.4" alone on its line (a table pasted cell by cell) is a label; "12" a page number
            )
        # "1. develop a plan…" (a list under "recommends that the Government:") starts lower case
        if not (_starts_like_sentence(rest) or (m["sep"] and rest[:1].islower())) or rest[:1].isdigit():
            return None
        if not m["sep"] and _DATE_REST.match(rest):  # "12 November 2026" is a date, not item 12
            return None
        if len(m["num"].split(".")[0]) > 3 and not _big_item(m["sep"], rest):
            return None
        if text.startswith("(") and ")" not in text[: len(m["num"]) + 3]:
            return None
        return ItemStart(m["num"] + (m["let"] or ""), rest, "numbered", bool(m["sep"]))
    if (head.islower() or head == "(") and (m := LETTERED.match(text)):
        return ItemStart(m["a"] or m["b"], m["rest"].strip(), "lettered", True)
    if head in "(ivx" and (m := ROMAN_ITEM.match(text)) and roman_value(m["a"] or m["b"]):
        return ItemStart(m["a"] or m["b"], m["rest"].strip(), "roman", True)
    if head.islower() and (m := BARE_LETTER.match(text)):
        return ItemStart(m["c"], m["rest"].strip(), "lettered", False)
    return None


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def roman_value(label: str) -> int:
    """1 for "i", 4 for "iv", 0 for what is no roman numeral of a list ("vv", "iiii", "b")."""
    label = label.lower()
    if not label or any(c not in _ROMAN_VALUES for c in label):
        return 0
    total = 0
    for a, b in zip(label, label[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES.get(b, 0) > v else v
    canonical = re.fullmatch(r"x{0,3}(?:ix|iv|v?i{0,3})", label)
    return total if canonical and total <= 39 else 0


# "Recommendations 12 a)–c)", "Recommendations 3, 5 and 7", "recommendations 7 to 9", "33.10a-d"
_RANGE_LABEL = r"\d+(?:\.\d{1,3}){0,3}(?:\s?\(?[a-z](?![a-z])\)?)?"
_RANGE_MAX = 1000  # "recommendations 1 to 99999999" names no more items than a report can hold
_GROUP_LIST = rf"(?P<list>{_RANGE_LABEL}(?:\s*(?:,|and|to|–|—|-|&)\s*(?:{_RANGE_LABEL}|\(?[a-z]\)))+)"
GROUP = re.compile(rf"\brecommendations\s+{_GROUP_LIST}", re.I)
# a heading over one answer to several restated recommendations: "Recommendations 5 and 6",
# "Response to Recommendations 2 and 3", "Government response to recommendations 7-9:"
GROUP_HEAD = re.compile(
    rf"^(?:(?:[\w'’]+\s+){{0,3}}?(?:response|reply|answer)s?\s+to\s+)?recommendations\s+{_GROUP_LIST}"
    r"\s*[:.\-–—]?\s*$",
    re.I,
)


def group_labels(text: str) -> list[str]:
    """Every label a phrase such as "Recommendations 12 a)–c)" or "recommendations 3 to 5" covers."""
    out: list[str] = []
    for m in GROUP.finditer(text):
        parts = re.split(r"\s*(,|and|to|–|—|-|&)\s*", m["list"])
        previous: tuple[str, str] | None = None
        joiner = ","
        for part in parts:
            if part in (",", "and", "to", "–", "—", "-", "&"):
                joiner = "to" if part in ("to", "–", "—", "-") else ","
                continue
            p = re.fullmatch(r"(\d+(?:\.\d{1,3}){0,3})?\s?\(?([a-z])?\)?", part.strip())
            if not p:
                continue
            num = p[1] or (previous[0] if previous else "")
            letter = p[2] or ""
            if joiner == "to" and previous is not None:
                (pn, pl) = previous
                if letter and pl and num == pn:
                    out += [f"{num}{chr(c)}" for c in range(ord(pl) + 1, ord(letter) + 1)]
                elif (
                    not letter
                    and not pl
                    and pn.isdigit()
                    and num.isdigit()
                    and int(num) - int(pn) <= _RANGE_MAX
                ):
                    out += [str(n) for n in range(int(pn) + 1, int(num) + 1)]
                else:
                    out.append(f"{num}{letter}")
            else:
                out.append(f"{num}{letter}")
            previous = (num, letter)
    return list(dict.fromkeys(out))
