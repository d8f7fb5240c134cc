"""A standard line goes where the cursor is, never glued to the text around it."""

from __future__ import annotations

import pytest

from correspondence_desk.core.drafting import line_separators

LINE = "We accept this recommendation."


def insert(text: str, at: int) -> str:
    before, after = text[:at], text[at:]
    prefix, suffix = line_separators(before, after)
    return before + prefix + LINE + suffix + after


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("", 0, LINE),  # an empty response: the line alone
        ("We note it.", 11, f"We note it.\n\n{LINE}"),  # at the end: its own paragraph
        ("We note it.\n", 12, f"We note it.\n\n{LINE}"),
        ("We note it.", 0, f"{LINE}\n\nWe note it."),  # at the start: before it, a paragraph
        ("One.\n\nTwo.", 5, f"One.\n\n{LINE}\n\nTwo."),  # between paragraphs
        ("One.\n\nTwo.", 6, f"One.\n\n{LINE}\n\nTwo."),
        ("Firstly, then more.", 8, f"Firstly, {LINE} then more."),  # mid-sentence: spaces
        ("Firstly,then", 8, f"Firstly, {LINE} then"),
    ],
)
def test_the_line_is_set_apart_from_the_text_around_the_cursor(text, at, expected):
    assert insert(text, at) == expected
