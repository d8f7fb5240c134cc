import datetime as dt

import pytest

from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-06", dt.date(2025, 6, 6)),
        ("6/6/2025", dt.date(2025, 6, 6)),
        ("31/12/25", dt.date(2025, 12, 31)),
        ("6 June 2025", dt.date(2025, 6, 6)),
        ("1st Sept 2026", dt.date(2026, 9, 1)),
        ("  ", None),
    ],
)
def test_parse_date_accepts_what_people_type(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2025", "2025-13-01", "next Tuesday", "6 Juni 2025"])
def test_parse_date_rejects_with_a_clear_message(text):
    with pytest.raises(ValidationError, match=text.split()[0]):
        parse_date(text)


def test_long_date_has_no_leading_zero_and_english_months():
    assert long_date(dt.date(2025, 6, 6)) == "6 June 2025"
    assert long_date(None) == ""
