"""What PDF text extraction does to words: a footnote marker glued to a word inside a sentence, a word
broken over the line end with a hyphen, a hyphenated word that keeps its hyphen over a line end."""

from __future__ import annotations

from correspondence_desk.core.importing import extract_text, propose
from correspondence_desk.core.importing.normalise import drop_footnote_digits, join_lines


def test_a_marker_glued_to_a_word_is_dropped_but_a_road_number_stays() -> None:
    assert drop_footnote_digits("The Mayor7 should act") == "The Mayor should act"
    assert drop_footnote_digits("the A12 road and the M25 junction") == "the A12 road and the M25 junction"


def test_a_broken_word_is_joined_and_a_compound_keeps_its_hyphen() -> None:
    assert join_lines(["a dedicated financial contri-", "bution to schools"]) == (
        "a dedicated financial contribution to schools"
    )
    assert join_lines(["a long-", "term plan"]) == "a long-term plan"
    assert join_lines(["a step-", "free station"]) == "a step-free station"


def test_a_recommendation_pasted_from_a_pdf_reads_clean() -> None:
    text = (
        "Recommendation 1\nThe Mayor4 should publish a recom-\nmendation tracker for each\n"
        + "borough by May 2027.\n"
    )
    rec = propose(extract_text(text)).recommendations[0]
    assert rec.text == "The Mayor should publish a recommendation tracker for each borough by May 2027."
