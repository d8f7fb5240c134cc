"""Dates as people type and read them in a British office."""

from __future__ import annotations

import datetime as dt
import re

from correspondence_desk.core.errors import ValidationError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")


def parse_date(text: str | None, what: str = "date") -> dt.date | None:
    """'2025-06-06', '6/6/2025' (day first) or '6 June 2025' → date; '' → None; else ValidationError."""
    value = (text or "").strip().lower()
    if not value:
        return None
    try:
        if m := _ISO.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(value):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return dt.date(year, int(m[2]), int(m[1]))
        if (m := _WORDS.match(value)) and m[2] in MONTHS:
            return dt.date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise ValidationError(f"“{text}” is not a real {what} (check the day and month).") from None
    raise ValidationError(
        f"“{text}” is not a {what}; write it as 31/12/2025, 31 December 2025 or 2025-12-31."
    )


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: dt.date | None) -> str:
    """6 June 2025 (no leading zero, as letters write it; English whatever the machine's locale)."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}" if value else ""


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
