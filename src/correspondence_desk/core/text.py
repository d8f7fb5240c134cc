"""Small text helpers every layer shares (one copy each: they had drifted into three)."""

from __future__ import annotations

import re

_UNSAFE_IN_FILENAME = re.compile(r"[^\w.\-]+")


def one_line(text: str, limit: int | None = None) -> str:
    """Text on one line, runs of white space made single; cut with "…" past `limit` characters."""
    flat = " ".join(text.split())
    if limit is None or len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


def safe_filename(text: str, fallback: str = "letter") -> str:
    """A file name from a reference or title: "CTA/TEC/2026/017" → "CTA-TEC-2026-017"."""
    return _UNSAFE_IN_FILENAME.sub("-", text).strip("-.") or fallback


def count(n: int, noun: str, plural: str = "") -> str:
    """ "1 report", "10,000 reports"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
