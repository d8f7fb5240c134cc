"""Response clocks: when the answer to a report is due.

A clock is chosen when a report is logged and stored in `Report.response_clock` as a short code
("two_months", "56_days", "one_month", "working_days:20", "custom") so the app can say later how the
date was set. Working days skip weekends and England-and-Wales bank holidays, taken from the
maintained `holidays` library (substitute days after a weekend Christmas included), never a table
typed in here. Adding months clamps to the end of a shorter month: 31 January + 1 month is 28
(or 29) February.

A preset clock counts from publication. While the publication date is not known it counts from the
date received instead, and says so (`clock_start`, `explain_due`): a date counted from the wrong day
must never pass for one counted from the right one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ValidationError

if TYPE_CHECKING:
    import holidays

DEFAULT_WORKING_DAYS = 20


class Clock(enum.StrEnum):
    TWO_MONTHS = "two_months"  # select committees expect an answer within two months of publication
    DAYS_56 = "56_days"  # inspection reports
    ONE_MONTH = "one_month"
    WORKING_DAYS = "working_days"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return CLOCK_LABELS[self]


CLOCK_SPANS = {  # how long each preset clock runs, as a sentence starts it
    Clock.TWO_MONTHS: "Two months",
    Clock.DAYS_56: "56 days",
    Clock.ONE_MONTH: "One month",
}
CLOCK_LABELS = {
    Clock.TWO_MONTHS: "Two months from publication (select committee)",
    Clock.DAYS_56: "56 days from publication (inspection report)",
    Clock.ONE_MONTH: "One month from publication",
    Clock.WORKING_DAYS: "Working days from publication",
    Clock.CUSTOM: "A date of your choice",
}


@dataclass(frozen=True, slots=True)
class ClockChoice:
    """A clock with its parameter, as stored in Report.response_clock."""

    clock: Clock
    working_days: int = 0  # only for Clock.WORKING_DAYS

    @property
    def code(self) -> str:
        if self.clock is Clock.WORKING_DAYS:
            return f"{self.clock.value}:{self.working_days}"
        return self.clock.value

    @property
    def span(self) -> str:
        """ "Two months", "20 working days"; "" for a custom date."""
        if self.clock is Clock.WORKING_DAYS:
            return f"{self.working_days} working days"
        return CLOCK_SPANS.get(self.clock, "")

    @property
    def description(self) -> str:
        if self.clock is Clock.WORKING_DAYS:
            return f"{self.working_days} working days from publication"
        return self.clock.label

    @classmethod
    def parse(cls, code: str) -> ClockChoice | None:
        """The clock a stored code names; None for an empty or unknown code (older data)."""
        name, _, arg = (code or "").strip().partition(":")
        try:
            clock = Clock(name)
        except ValueError:
            return None
        if clock is Clock.WORKING_DAYS:
            return cls(clock, int(arg) if arg.isdigit() else DEFAULT_WORKING_DAYS)
        return cls(clock)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def bank_holidays(years: range | list[int]) -> holidays.HolidayBase:
    """England-and-Wales bank holidays (substitute days included) for the given years."""
    import holidays  # on first use: a large import that most commands never need

    return holidays.country_holidays("GB", subdiv="ENG", years=list(years))


def is_working_day(day: dt.date, known: holidays.HolidayBase | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    known = known if known is not None else bank_holidays([day.year])
    return day not in known


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day` (the start day itself never counts)."""
    if count < 0:
        raise ValidationError("The number of working days cannot be negative.")
    # Generous year span: 5 working days a week means ~1.5 calendar days each, plus holidays.
    known = bank_holidays(range(day.year, day.year + 2 + count // 200))
    current = day
    left = count
    while left:
        current += dt.timedelta(days=1)
        if is_working_day(current, known):
            left -= 1
    return current


def due_date(
    choice: ClockChoice | Clock | str, start: dt.date | None, custom: dt.date | None = None
) -> dt.date | None:
    """The response due date a clock gives from `start` (usually the publication date).

    A custom clock returns `custom` as is. Without a start date nothing can be counted: None.
    """
    if isinstance(choice, str) and not isinstance(choice, Clock):
        parsed = ClockChoice.parse(choice)
        if parsed is None:
            raise ValidationError(f"“{choice}” is not a response clock this version knows.")
        choice = parsed
    if isinstance(choice, Clock):
        choice = ClockChoice(choice, DEFAULT_WORKING_DAYS if choice is Clock.WORKING_DAYS else 0)
    if choice.clock is Clock.CUSTOM:
        return custom
    if start is None:
        return None
    if choice.clock is Clock.TWO_MONTHS:
        return add_months(start, 2)
    if choice.clock is Clock.ONE_MONTH:
        return add_months(start, 1)
    if choice.clock is Clock.DAYS_56:
        return start + dt.timedelta(days=56)
    return add_working_days(start, choice.working_days)


class Start(enum.StrEnum):
    """Which of the report's dates a clock counts from."""

    PUBLICATION = "publication"
    RECEIPT = "receipt"


def clock_start(published: dt.date | None, received: dt.date | None) -> tuple[dt.date | None, Start | None]:
    """The day a preset clock counts from: publication, or receipt while publication is not known."""
    if published is not None:
        return published, Start.PUBLICATION
    if received is not None:
        return received, Start.RECEIPT
    return None, None


def due_from(choice: ClockChoice, published: dt.date | None, received: dt.date | None) -> dt.date | None:
    """The due date a preset clock gives for a report's dates (None for a custom clock)."""
    if choice.clock is Clock.CUSTOM:
        return None
    return due_date(choice, clock_start(published, received)[0])


def explain_due(choice: ClockChoice | None, published: dt.date | None, received: dt.date | None) -> str:
    """Which date the due date counts from, in words ("" for a custom or unknown clock):
    "Two months from publication (15 September 2026)", or — with no publication date — "Counted from
    receipt (16 September 2026): no publication date is given. Two months from publication…"."""
    if choice is None or choice.clock is Clock.CUSTOM:
        return ""
    day, start = clock_start(published, received)
    if start is None:
        return (
            f"{choice.span} from publication: give the publication date (or the date received) to count it."
        )
    if start is Start.PUBLICATION:
        return f"{choice.span} from publication ({long_date(day)})."
    return (
        f"{choice.span} counted from the date received ({long_date(day)}), as no publication date is "
        "given. Give the publication date to count from it."
    )
