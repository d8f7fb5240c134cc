"""Reading a past response letter: each recommendation with the response given and its position."""

from __future__ import annotations

from correspondence_desk.core.importing import extract_text, propose
from correspondence_desk.core.records import Position

LETTER = """14 March 2026

Dear Chair,

Thank you for the Panel's report on school transport. Our responses are set out in the annex.

Yours sincerely,

**Ffion Castell**
**Director of Travel**

## **Annex**

**Recommendation 1 - The Council should publish its school transport policy by the end of April 2026.**

The Council accepts this recommendation and will publish the policy in April.

**Recommendation 2 - The Council should review every route that takes longer than 75 minutes.**

**The review should involve parents and the schools concerned.**

We accept this recommendation in part. We will review the routes, but cannot involve every school.

The first results will be reported to the Panel in the summer.

**Recommendation 3 - The Government should fund free transport for all pupils up to age 18.**

We note that this recommendation is directed at the Government.
"""


def test_bold_recommendations_then_responses() -> None:
    recs = propose(extract_text(LETTER), with_responses=True).recommendations
    assert [(r.number, r.position) for r in recs] == [
        ("1", Position.ACCEPTED),
        ("2", Position.ACCEPTED_IN_PART),
        ("3", Position.NOTED),
    ]
    assert recs[1].text == (
        "The Council should review every route that takes longer than 75 minutes.\n\n"
        "The review should involve parents and the schools concerned."
    )
    assert recs[1].response == (
        "We accept this recommendation in part. We will review the routes, but cannot involve every "
        "school.\n\n"
        "The first results will be reported to the Panel in the summer."
    )
    assert recs[0].deadline_phrase == "by the end of April 2026"


def test_a_response_letter_is_recognised_without_being_told() -> None:
    proposal = propose(extract_text(LETTER))
    assert proposal.is_response
    assert [(r.number, r.position) for r in proposal.recommendations] == [
        ("1", Position.ACCEPTED),
        ("2", Position.ACCEPTED_IN_PART),
        ("3", Position.NOTED),
    ]
    assert proposal.recommendations[0].response.startswith("The Council accepts")


def test_a_report_is_not_taken_for_a_response() -> None:
    report = (
        "Recommendation 1 - The Council should publish its school transport policy.\n\n"
        "We heard from parents that the policy is hard to find.\n\n"
        "Recommendation 2 - The Council should review long routes.\n\n"
        "Several schools told us that journeys take more than an hour."
    )
    proposal = propose(extract_text(report))
    assert not proposal.is_response
    assert all(r.response == "" and r.position is None for r in proposal.recommendations)


def test_labelled_responses_plain_text() -> None:
    text = (
        "Recommendation 1: The Department should publish data on waiting times.\n"
        "Initial response: Accept\n"
        "The data will be published each quarter from June.\n\n"
        "Recommendation 2: The Department should double the grant.\n"
        "Government response\n"
        "The Government does not agree. The grant was increased last year.\n\n"
        "Recommendation 3: The Department should consult on the new rules.\n"
        "Response: Under consideration. A decision will be taken in the autumn.\n\n"
        "Recommendation 4: The Department should set up a review.\n"
        "Position: Accepted in principle\n"
        "We will announce the review's terms shortly.\n"
    )
    proposal = propose(extract_text(text), with_responses=True)
    assert [(r.number, r.text, r.response, r.position) for r in proposal.recommendations] == [
        ("1", "The Department should publish data on waiting times.",
         "The data will be published each quarter from June.", Position.ACCEPTED),
        ("2", "The Department should double the grant.",
         "The Government does not agree. The grant was increased last year.", Position.NOT_ACCEPTED),
        ("3", "The Department should consult on the new rules.",
         "A decision will be taken in the autumn.", Position.UNDER_CONSIDERATION),
        ("4", "The Department should set up a review.",
         "We will announce the review's terms shortly.", Position.ACCEPTED_IN_PRINCIPLE),
    ]  # fmt: skip
    assert proposal.warnings == ()


def test_plain_text_letter_splits_where_the_asking_stops() -> None:
    text = (
        "Recommendation 1 - The Council should widen the pavement on Mill Road.\n\n"
        "As part of this, the Council should add two crossings.\n\n"
        "We note the recommendation. The Council will consider it in the next budget round."
    )
    (rec,) = propose(extract_text(text), with_responses=True).recommendations
    assert rec.text == (
        "The Council should widen the pavement on Mill Road.\n\n"
        "As part of this, the Council should add two crossings."
    )
    assert (
        rec.response == "We note the recommendation. The Council will consider it in the next budget round."
    )


def test_missing_response_is_a_warning() -> None:
    proposal = propose(
        extract_text(
            "**Recommendation 1 - The Council should act.**\n\n**Recommendation 2 - It should pay.**\n\nNo."
        ),
        with_responses=True,
    )
    assert proposal.warnings == ("No response was found for recommendation 1.",)


def test_an_unticked_with_responses_box_keeps_to_the_recommendations_but_says_what_it_saw() -> None:
    proposal = propose(extract_text(LETTER), with_responses=False)
    assert proposal.is_response  # so the review can tick the box for the person
    assert all(r.response == "" and r.position is None for r in proposal.recommendations)
