"""References for new letters, made from a pattern such as "{org}/{committee}/{year}/{seq:03}".

{org} is the office's short name, {committee} the committee's (its initials when it has none:
"Transport and Environment Committee" → "TEC"), {year} the year, {kind} the letter kind's code
(ACK, HOLD, INT, UPD; a final response has none), {seq} the next free number among the references
the pattern has already made. Without a letterhead each kind has its own: "ACK-2026-001", "L-2026-001".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NO_LETTERHEAD_PATTERN = "{kind}-{year}-{seq:03}"  # the office has set no letterhead yet
_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to", "&", "a", "an"}
_MARK = "\x00SEQ\x00"


def initials(name: str) -> str:
    """'Transport and Environment Committee' → 'TEC'; a name that is already short stays as it is."""
    words = [w for w in re.split(r"[\s\-–—/,]+", name.strip()) if w]
    if len(words) == 1 and len(words[0]) <= 8:
        return words[0].upper()
    letters = [w[0] for w in words if w.lower() not in _SMALL_WORDS and w[0].isalnum()]
    return "".join(letters).upper()


def reference_prefix(
    pattern: str, *, org: str, committee: str, year: int, kind: str = ""
) -> tuple[str, re.Pattern[str]]:
    """What every reference of this pattern starts with (for a quick LIKE), and a regex whose one
    group is the sequence number."""
    pattern = tidy(pattern, org=org, committee=committee, kind=kind)
    marked = pattern.replace("{seq", "{seqmark").format(
        org=org, committee=committee, year=year, kind=kind, seqmark=_MARK
    )
    before, _, after = marked.partition(_MARK)
    regex = re.compile("^" + re.escape(before) + r"(\d+)" + re.escape(after) + "$")
    return before, regex


def tidy(pattern: str, *, org: str, committee: str, kind: str = "") -> str:
    """The pattern without the fields that are empty here, and the separator that went with each:
    a letter for no committee is "CTA/2026/004", not "CTA//2026/004"."""
    for name, value in (("org", org), ("committee", committee), ("kind", kind)):
        if not value:
            pattern = re.sub(r"\{" + name + r"(:[^}]*)?\}[/\-_.]?", "", pattern)
    return pattern.strip("/-_. ") or NO_LETTERHEAD_PATTERN


def next_reference(
    pattern: str, existing: Iterable[str], *, org: str, committee: str, year: int, kind: str = ""
) -> str:
    """The pattern's reference with the next sequence number after those in `existing`."""
    pattern = tidy(pattern, org=org, committee=committee, kind=kind)
    _prefix, regex = reference_prefix(pattern, org=org, committee=committee, year=year, kind=kind)
    used = [int(m.group(1)) for ref in existing if (m := regex.match(ref))]
    taken = set(existing)
    seq = max(used, default=0) + 1
    while True:
        ref = pattern.format(org=org, committee=committee, year=year, kind=kind, seq=seq)
        if ref not in taken:
            return ref
        seq += 1


def kind_pattern(office_pattern: str, kind_code: str) -> str:
    """The letterhead's pattern for a kind of letter: as it is for a final response (no code), with
    the kind's code after it for the others ("…/004-ACK"), unless the pattern places {kind} itself."""
    if "{kind}" in office_pattern or not kind_code:
        return office_pattern
    return office_pattern + "-{kind}"
