"""What the user is asked before a letter is issued: which letter, dated when, to whom, and what is
still missing, so "Issue letter" is pressed knowing what will be locked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import LetterDetail
from correspondence_desk.core.text import count


@dataclass(frozen=True, slots=True)
class IssueSummary:
    facts: tuple[str, ...]  # what will be issued, one line each
    warnings: tuple[str, ...]  # what the user should look at first ("" for none)

    def text(self) -> str:
        parts = ["\n".join(self.facts)]
        if self.warnings:
            parts.append("\n".join(f"⚠ {w}" for w in self.warnings))
        return "\n\n".join(parts)


def _days(n: int) -> str:
    return count(n, "day")


def date_warning(letter_date: dt.date | None, today: dt.date) -> str:
    """'' when the letter is dated today; else what the date will say and why it may be wrong."""
    if letter_date is None:
        return f"The letter has no date: it will be dated today, {long_date(today)}."
    when = long_date(letter_date)
    if letter_date < today:
        return f"The letter is dated {_days((today - letter_date).days)} ago ({when}), not today."
    if letter_date > today:
        return f"The letter is dated {_days((letter_date - today).days)} ahead ({when}), not today."
    return ""


def issue_summary(letter: LetterDetail, today: dt.date) -> IssueSummary:
    dated = letter.letter_date or today
    recipient = letter.recipient
    to = ", ".join(x for x in (recipient.full_name, recipient.organisation) if x) if recipient else ""
    empty = sum(1 for resp in letter.responses if not resp.text.strip())
    no_position = sum(1 for resp in letter.responses if resp.position is None)
    facts = [
        f"Letter: {letter.reference}" + (f" — {letter.subject}" if letter.subject else ""),
        f"Date: {long_date(dated)}" + (" (today)" if dated == today else ""),
        f"To: {to or 'nobody chosen'}",
    ]
    if letter.kind.has_annex or letter.responses:
        answered = len(letter.responses) - empty
        facts.append(f"Responses: {answered} of {len(letter.responses)} written")
    warnings = [w for w in (date_warning(letter.letter_date, today),) if w]
    if recipient is None:
        warnings.append("No recipient is chosen: the letter will be addressed to nobody.")
    if empty:
        warnings.append(f"{count(empty, 'response')} {'is' if empty == 1 else 'are'} empty.")
    if no_position:
        warnings.append(
            f"{count(no_position, 'response')} {'has' if no_position == 1 else 'have'} no position yet."
        )
    return IssueSummary(tuple(facts), tuple(warnings))
