"""Properties that must hold for any input, checked with hypothesis: dates as offices write them,
month and working-day arithmetic, and the search language (whatever is typed, the query is valid)."""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from correspondence_desk.core.clocks import add_months, add_working_days, bank_holidays, is_working_day
from correspondence_desk.core.dates import MONTH_NAMES, long_date, parse_date
from correspondence_desk.core.search_query import fts_query, query_terms

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31))


@given(dates)
def test_every_way_a_date_is_written_reads_back_as_that_date(day):
    assert parse_date(long_date(day)) == day  # "6 June 2025"
    assert parse_date(day.isoformat()) == day  # 2025-06-06
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day  # day first, as in Britain
    assert parse_date(f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}") == day  # "6 Jun 2025"


@given(dates, st.integers(min_value=-240, max_value=240))
def test_adding_months_keeps_the_day_or_clamps_to_the_month_end(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(later.year, later.month)[1]
    assert later.day == min(day.day, last)


@given(dates.filter(lambda d: d.day <= 28), st.integers(min_value=0, max_value=120))
def test_months_add_up_when_no_day_is_clamped(day, months):
    assert add_months(add_months(day, months), -months) == day


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)), st.integers(0, 90))
def test_working_days_skip_weekends_and_bank_holidays(day, count):
    due = add_working_days(day, count)
    known = bank_holidays(range(day.year, due.year + 1))
    between = [day + dt.timedelta(days=n) for n in range(1, (due - day).days + 1)]
    assert sum(is_working_day(d, known) for d in between) == count
    if count:
        assert is_working_day(due, known)  # the count ends on a working day, never a weekend


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    conn.execute("INSERT INTO t VALUES ('The Mayor should publish an air quality plan by 2027.')")
    return conn


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_whatever_is_typed_makes_a_valid_search(fts, typed):
    match = fts_query(typed)
    if not match:
        assert query_terms(typed) == []  # nothing to search for: no query at all
        return
    fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,)).fetchall()  # never a syntax error


@given(st.lists(st.from_regex(r"[a-z]{2,8}", fullmatch=True), min_size=1, max_size=5))
def test_typed_words_are_all_searched_for(words):
    assert [w for group in query_terms(" ".join(words)) for w in group] == words
