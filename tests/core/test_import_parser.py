"""The parser's judgement calls, one behaviour per test, and that it never raises on any input."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from correspondence_desk.core.importing import Block, ExtractedDocument, extract_text, propose
from correspondence_desk.core.records import Position


def _numbers(text: str, **kwargs) -> list[str]:
    return [r.number for r in propose(extract_text(text), **kwargs).recommendations]


def _texts(text: str) -> list[str]:
    return [r.text for r in propose(extract_text(text)).recommendations]


def test_cross_references_in_prose_are_not_items() -> None:
    text = (
        "Recommendation 1 - The Authority should publish the plan, as we said in\n"
        "Recommendation 3 below and in recommendation 2 of our last report.\n\n"
        "Recommendation 2 - The Mayor should fund it."
    )
    assert _texts(text) == [
        "The Authority should publish the plan, as we said in Recommendation 3 below and in "
        "recommendation 2 of our last report.",
        "The Mayor should fund it.",
    ]


def test_heading_between_items_is_not_glued_on() -> None:
    text = (
        "Recommendation 1: The Authority should act.\n\nFunding the network\n\n"
        "Recommendation 2: The Mayor should pay."
    )
    assert _texts(text) == ["The Authority should act.", "The Mayor should pay."]


def test_a_title_line_under_a_bare_label_is_not_the_text() -> None:
    text = (
        "Recommendation 1\n\nBetter data\n\nThe Mayor should publish the data every quarter.\n\n"
        "Recommendation 2\n\nFaster repairs\n\nThe Authority should fix broken lifts."
    )
    assert _texts(text) == [
        "The Mayor should publish the data every quarter.",
        "The Authority should fix broken lifts.",
    ]


def test_commentary_after_a_recommendation_is_left_out() -> None:
    text = (
        "Recommendation 1 - The Authority should act.\n\n"
        "We heard from many witnesses about this problem.\n\n"
        "Recommendation 2 - The Mayor should pay."
    )
    assert _texts(text) == ["The Authority should act.", "The Mayor should pay."]


def test_body_paragraph_numbers_end_an_item() -> None:
    text = "Recommendation 1: The Authority should act.\n\n4.12 The Committee heard that it should not.\n"
    assert _texts(text) == ["The Authority should act."]


def test_paragraph_reference_kept_apart_and_footnote_digits_dropped() -> None:
    recs = propose(
        extract_text(
            "1. The Mayor should review the fund.4 The review should be published. (Paragraphs 42 and 43)\n"
            "2. The Authority should report by 2027.12 (Para 7.5)"
        )
    ).recommendations
    assert [(r.text, r.paragraph_ref) for r in recs] == [
        ("The Mayor should review the fund. The review should be published.", "42 and 43"),
        ("The Authority should report by 2027.", "7.5"),
    ]


def test_page_furniture_is_dropped_and_wrapped_lines_rejoined() -> None:
    text = (
        "Recommendation 1 - The Authority should publish a plan for every\n"
        "Page 4 of 9\n"
        "station on the line.\n\n"
        "© Example Assembly 2026\n\nBack to contents\n\n12\n\n"
        "Recommendation 2 - The Mayor should fund it."
    )
    assert _texts(text) == [
        "The Authority should publish a plan for every station on the line.",
        "The Mayor should fund it.",
    ]


def test_running_headers_go_but_labels_and_positions_at_page_tops_stay() -> None:
    blocks = []
    for page, n in ((1, 1), (1, 2), (2, 3), (2, 4)):
        blocks += [
            Block("Example Assembly | Page 7" if n % 2 else "Transport Committee", False, page),
            Block(f"R{n}", True, page),
            Block(f"The Authority should do thing {n}.", False, page),
            Block("Accepted", False, page),
            Block("We will.", False, page),
        ]
    proposal = propose(ExtractedDocument("annex.pdf", tuple(blocks), 2), with_responses=True)
    assert [(r.number, r.text, r.response, r.position) for r in proposal.recommendations] == [
        (f"R{n}", f"The Authority should do thing {n}.", "We will.", Position.ACCEPTED) for n in (1, 2, 3, 4)
    ]


def test_section_inside_a_longer_document_is_preferred() -> None:
    text = (
        "1 Introduction\n\n2. Members visited three depots in May.\n\n3. We took evidence in June.\n\n"
        "Conclusions and recommendations\n\n"
        "1. The Authority should electrify the depots. (Paragraph 20)\n\n"
        "2. The Government should fund the grid connections. (Paragraph 25)\n\n"
        "Formal minutes\n\n1. Members present: the Chair."
    )
    assert _texts(text) == [
        "The Authority should electrify the depots.",
        "The Government should fund the grid connections.",
    ]


def test_unsure_things_become_warnings() -> None:
    proposal = propose(
        extract_text(
            "Recommendation 1 - The Mayor should act.\n\nRecommendation 3 - The Authority should act.\n\n"
            "Recommendation 3 - The Authority should act again.\n\n"
            "Recommendation 4 - The Mayor should act within six months."
        )
    )
    assert [r.number for r in proposal.recommendations] == ["1", "3", "3", "4"]
    assert proposal.warnings == (
        "Recommendation 3 appears more than once; check which one to keep.",
        "The numbering jumps from 1 to 3: recommendation 2 may have been missed.",
        "Recommendation 4: no date could be worked out from “within six months” "
        "(give the publication date to work it out).",
    )


def test_a_summary_repeating_the_recommendations_lists_each_once() -> None:
    text = (
        "Summary\n\nRecommendation 1 - The Mayor should act.\n\nRecommendation 2 - The DfT should pay.\n\n"
        "Chapter 1\n\nRecommendation 1 - The Mayor should act.\n\nSome evidence.\n\n"
        "Recommendation 2 - The DfT should pay."
    )
    proposal = propose(extract_text(text))
    assert [r.number for r in proposal.recommendations] == ["1", "2"]
    assert proposal.warnings == (
        "2 recommendations appeared twice with the same text (in a summary and again in the body, perhaps); "
        "each is listed once.",
    )


def test_nothing_found_says_so() -> None:
    proposal = propose(extract_text("Dear Chair,\n\nThank you for your letter.\n\nYours sincerely,"))
    assert proposal.recommendations == ()
    assert "No recommendations were found" in proposal.warnings[0]


def test_numbered_paragraphs_must_follow_on() -> None:
    # "5 London boroughs" is a wrapped line, not item 5
    text = "1. The Mayor should work with\n5 London boroughs on the plan.\n2. The Authority should help."
    assert _numbers(text) == ["1", "2"]


def test_a_date_line_is_not_a_numbered_item() -> None:
    text = "12 November 2026\n\nDear Chair,\n\n1. The Mayor should act.\n\n2. The Authority should help."
    assert _numbers(text) == ["1", "2"]


def test_an_address_line_is_not_the_start_of_the_numbering() -> None:
    text = (
        "Capital Transport Authority\n5 Gatehouse Yard\nLondon\n\nDear Chair,\n\n"
        "1. The Mayor should act.\n\n2. The Authority should help.\n\n3. London Councils should agree."
    )
    assert _numbers(text) == ["1", "2", "3"]


def test_labels_of_every_style() -> None:
    assert _numbers(
        "RECOMMENDATION 2.1: The Mayor should act.\nRECOMMENDATION 2.2 - The DfT should act."
    ) == [
        "2.1",
        "2.2",
    ]
    assert _numbers("R3 The Mayor should act.\n\nR4: The DfT should act.") == ["R3", "R4"]
    assert _numbers("Rec. 4a The Mayor should act.\n\nRecommendation no. 5: The DfT should act.") == [
        "4a",
        "5",
    ]


def test_pasted_text_stays_a_pure_function_of_its_input() -> None:
    text = "Recommendation 1 - The Mayor should act by 31 December 2026."
    assert propose(extract_text(text)) == propose(extract_text(text))


def test_three_hundred_recommendations_parse_quickly() -> None:
    text = "\n\n".join(
        f"Recommendation {n} - The Capital Transport Authority, in partnership with London Councils, should "
        f"publish plan number {n} for the network\nby 31 December 2027, and report within six months."
        for n in range(1, 301)
    )
    start = time.perf_counter()
    proposal = propose(extract_text(text))
    elapsed = time.perf_counter() - start
    assert len(proposal.recommendations) == 300 and proposal.warnings == ()
    assert proposal.recommendations[299].deadline_phrase == "by 31 December 2027"
    assert elapsed < 2.0  # bench/bench_import.py holds the real target (≤ 200 ms); this catches blow-ups


_line = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "Recommendation 1 -", "Recommendation", "RECOMMENDATION 2.1:", "R3", "1.", "2 ", "(a)", "a.",
            "(Paragraph 42)", "Response:", "Initial response: Accept", "Government response", "**", "# ",
            "Conclusions and recommendations", "Annex", "Page 3 of 4", "©", "\f", "within six months",
            "by spring 2026", "by 31 February 2026", "The Mayor should", ", in partnership with", "and", "",
        ]
    ),
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_line, max_size=30), with_responses=st.booleans())
def test_never_raises_on_any_text(lines: list[str], with_responses: bool) -> None:
    proposal = propose(extract_text("\n".join(lines)), with_responses=with_responses)
    for rec in proposal.recommendations:
        assert isinstance(rec.number, str) and isinstance(rec.text, str)
    assert all(isinstance(w, str) and w for w in proposal.warnings)


@settings(max_examples=100, deadline=None)
@given(
    blocks=st.lists(
        st.builds(
            Block,
            st.text(max_size=60),
            st.booleans(),
            st.one_of(st.none(), st.integers(-2, 5)),
            st.text(max_size=12),
        ),
        max_size=20,
    ),
    pages=st.one_of(st.none(), st.integers(-1, 6)),
)
def test_never_raises_on_any_document(blocks: list[Block], pages: int | None) -> None:
    proposal = propose(ExtractedDocument("x", tuple(blocks), pages))
    assert proposal.recommendations or proposal.warnings


def test_suggested_title() -> None:
    from correspondence_desk.core.importing import suggest_title

    assert (
        suggest_title(extract_text("# Safer junctions\n\nRecommendation 1 - X should act."))
        == "Safer junctions"
    )
    report = (
        "Transport Committee\nQuieter streets: road noise in outer London\nMarch 2026\n\nContents\n\nSummary"
    )
    assert suggest_title(extract_text(report)) == "Quieter streets: road noise in outer London"
    letter = "**Ann Other**\n\nDear Chair,\n\nRe: School transport review\n\nThank you."
    assert suggest_title(extract_text(letter)) == "School transport review"
    assert suggest_title(extract_text("Dear Chair,\n\n**Ann Other**", "old-letter.docx")) == "old-letter"


def test_a_label_at_the_end_opens_no_item_of_its_own_and_the_prose_between_is_left_out() -> None:
    text = (
        "Recommendations for Executive Action\n\n"
        "The Director should publish the data each year. (Recommendation 1)\n\n"
        "We found the data incomplete in 2025.\n\n"
        "The Director should check a sample each quarter. (Recommendation 2)\n"
    )
    recs = propose(extract_text(text)).recommendations
    assert [(r.number, r.text) for r in recs] == [
        ("1", "The Director should publish the data each year."),
        ("2", "The Director should check a sample each quarter."),
    ]


def test_roman_numerals_are_one_list_even_where_i_and_v_look_like_letters() -> None:
    items = "".join(
        f"({n}) the Council reviews item {k} of the plan;\n\n"
        for k, n in enumerate(["i", "ii", "iii", "iv", "v", "vi"], 1)
    )
    text = f"1. Summary\n\n1.1 A review.\n\n2. Recommendations\n\n{items}3. Background\n\n3.1 History.\n"
    assert _numbers(text) == ["i", "ii", "iii", "iv", "v", "vi"]


def test_one_answer_under_a_group_heading_goes_to_each_recommendation_it_names() -> None:
    text = (
        "Recommendation 1\n\nThe Department should simplify the permit.\n\n"
        "Recommendation 2\n\nDrivers should be paid mileage.\n\n"
        "Recommendations 1 and 2\n\nThe Government accepts these recommendations.\n"
    )
    recs = propose(extract_text(text), with_responses=True).recommendations
    assert [(r.response, r.position) for r in recs] == [
        ("The Government accepts these recommendations.", Position.ACCEPTED)
    ] * 2


def test_concur_and_its_kin_are_positions() -> None:
    from correspondence_desk.core.importing.positions import position_in

    assert position_in("Concur.") is Position.ACCEPTED
    assert position_in("Partially concur.") is Position.ACCEPTED_IN_PART
    assert position_in("Nonconcur.") is Position.NOT_ACCEPTED
    assert position_in("We are unable to accept this recommendation.") is Position.NOT_ACCEPTED
    assert position_in("In progress") is Position.ACCEPTED
