"""Deadlines a recommendation sets: absolute ("by 31 December 2025", "by the end of March 2026",
"by spring 2026") or relative to the report's publication ("within six months"). The phrase it
came from is always kept, even when no date can be worked out from it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from correspondence_desk.core.dates import MONTHS

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
    "twenty four": 24, "thirty": 30, "next": 1, "the next": 1,
}  # fmt: skip
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen"
    r"|twenty[- ]four|thirty)"
)
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
# "Target implementation date: end of 2027" (an audit court's field under its recommendation) sets one too
_FIELD = r"target\s+(?:implementation\s+)?date\s*:|implementation\s+date\s*:"
_BY = rf"(?:by|before|no later than|not later than|until|in time for|ahead of|{_FIELD})"
# season → (month, day) of its last day; winter ends in the following February
_SEASONS = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "fall": (11, 30), "winter": (2, 28)}
_PARTS = {"early": (3, 31), "mid": (6, 30), "middle of": (6, 30), "late": (12, 31), "end of": (12, 31)}
_QUARTERS = {"first": 3, "second": 6, "third": 9, "fourth": 12, "1": 3, "2": 6, "3": 9, "4": 12}

_PATTERNS = [
    ("day", rf"\b{_BY}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b"),
    ("month_day", rf"\b{_BY}\s+({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b"),
    ("month", rf"\b{_BY}\s+(?:the\s+)?(?:(?:very\s+)?end\s+of\s+)?({_MONTH})\s+({_YEAR})\b"),
    ("season", rf"\b{_BY}\s+(?:the\s+)?(?:(?:end\s+of\s+)?(?:the\s+)?)?(spring|summer|autumn|fall|winter)"
               rf"(?:\s+of)?\s+({_YEAR})(?:[/-](\d{{2,4}}))?\b"),
    ("quarter", rf"\b{_BY}\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
                rf"(?:(first|second|third|fourth)\s+quarter|q([1-4]))\s+(?:of\s+)?({_YEAR})\b"),
    ("financial", rf"\b{_BY}\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:financial\s+year\s+)?"
                  rf"({_YEAR})[/-](\d{{2,4}})(?:\s+financial\s+year)?\b"),
    ("part_year", rf"\b{_BY}\s+(?:the\s+)?(early|mid|middle of|late|end of)[- ]({_YEAR})\b"),
    ("year", rf"\b{_BY}\s+(?:the\s+)?(?:end\s+of\s+)?({_YEAR})\b"),
    ("relative", rf"\bwithin\s+(?:the\s+)?(?:next\s+|first\s+)?({_NUM})?\s*(day|week|month|year)s?"
                 rf"(?:\s+of\s+(?:the\s+)?(?:publication|this report|the report|its publication"
                 rf"|this report'?s? publication|the publication of this report|publishing this report"
                 rf"|the date of (?:this|the) report))?\b"),
    ("end_of_year", rf"\b{_BY}\s+the\s+end\s+of\s+(?:this|the)\s+(?:calendar\s+)?year\b"),
    ("end_of_fy", rf"\b{_BY}\s+the\s+end\s+of\s+(?:this|the)\s+(?:current\s+)?financial\s+year\b"),
]  # fmt: skip
_COMPILED = {kind: re.compile(rx, re.I) for kind, rx in _PATTERNS}
# every phrase starts with one of these words: try the patterns only where one occurs (fast)
_TRIGGER = re.compile(
    r"\b(?:by|before|no later than|not later than|until|in time for|ahead of|within|target|implementation)\b",
    re.I,
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(start: dt.date, months: int) -> dt.date:
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _number(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 1)


def _full_year(start: int, short: str) -> int:
    return int(short) if len(short) == 4 else start // 100 * 100 + int(short)


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> dt.date | None:
    if kind == "day":
        return dt.date(int(m[3]), MONTHS[m[2].lower().rstrip(".")], int(m[1]))
    if kind == "month_day":
        return dt.date(int(m[3]), MONTHS[m[1].lower().rstrip(".")], int(m[2]))
    if kind == "month":
        return _month_end(int(m[2]), MONTHS[m[1].lower().rstrip(".")])
    if kind == "season":
        year = int(m[2]) + (1 if m[1].lower() == "winter" else 0)
        if m[1].lower() == "winter" and m[3]:
            year = _full_year(int(m[2]), m[3])
        month, _day = _SEASONS[m[1].lower()]
        return _month_end(year, month)
    if kind == "quarter":
        return _month_end(int(m[3]), _QUARTERS[(m[1] or m[2]).lower()])
    if kind == "financial":
        return dt.date(_full_year(int(m[1]), m[2]), 3, 31)
    if kind == "part_year":
        month, day = _PARTS[m[1].lower()]
        return dt.date(int(m[2]), month, day)
    if kind == "year":
        return dt.date(int(m[1]), 12, 31)
    if published is None:
        return None
    if kind == "end_of_year":
        return dt.date(published.year, 12, 31)
    if kind == "end_of_fy":
        return dt.date(published.year + (1 if published.month > 3 else 0), 3, 31)
    # relative to publication
    n, unit = _number(m[1]), m[2].lower()
    if unit == "day":
        return published + dt.timedelta(days=n)
    if unit == "week":
        return published + dt.timedelta(weeks=n)
    return _add_months(published, n * (12 if unit == "year" else 1))


# "within 28 days of receiving it" is a standing rule, not a deadline counted from the report
_OF_SOMETHING_ELSE = re.compile(
    r"\s+(?:of|after|from|following)\s+"
    r"(?!(?:the\s+)?(?:publication|this report|the report|its publication|date of (?:this|the) report))",
    re.I,
)


def _first_phrase(text: str) -> tuple[str, re.Match[str]] | None:
    for trigger in _TRIGGER.finditer(text):
        for kind, rx in _COMPILED.items():  # at the same place, the kind listed first wins
            if m := rx.match(text, trigger.start()):
                if kind == "relative" and _OF_SOMETHING_ELSE.match(text, m.end()):
                    break
                return kind, m
    return None


def find_deadline(text: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """The first deadline stated in the text: (date or None, the phrase as written) or (None, "")."""
    found = _first_phrase(text)
    if found is None:
        return None, ""
    kind, m = found
    try:
        return _resolve(kind, m, published), m[0].strip()
    except (ValueError, KeyError, OverflowError):  # "by 31 February 2026": keep the phrase, no date
        return None, m[0].strip()
