from __future__ import annotations

import pytest

from correspondence_desk.core.drafting import addressee_phrase, fill_placeholders, salutation_for
from correspondence_desk.core.errors import LockedError
from correspondence_desk.core.records import LetterStatus, Pick, Position


def fake_pdf(letter) -> bytes:
    return b"%PDF-1.4 " + letter.reference.encode()


def labels(recs) -> list[str]:
    return [rec.label for rec in recs]


def test_quick_picks_on_the_demo_report(services, demo):
    report_id = demo.report.id
    assert labels(services.composing.pick([report_id], Pick.ALL)) == [str(n) for n in range(1, 10)]
    # directed at the Authority, as lead (1, 3, 5, 8) or as partner (7)
    assert labels(services.composing.pick([report_id], Pick.OURS)) == ["1", "3", "5", "7", "8"]
    # the demo letter is only a draft: nothing is answered until it is issued
    assert len(services.composing.pick([report_id], Pick.UNANSWERED)) == 9


def test_not_yet_answered_leaves_out_what_an_issued_letter_answered(services, demo):
    letter = services.letters.get(demo.letter.id)
    # issue an interim letter answering recommendations 1-3 only
    for resp_id in [r.id for r in letter.responses[3:]]:
        letter = services.letters.remove_response(resp_id)
    services.letters.issue(letter.id, fake_pdf, letter.version)
    assert labels(services.composing.pick([demo.report.id], Pick.UNANSWERED)) == [
        str(n) for n in range(4, 10)
    ]


def test_placeholders_are_filled_and_other_braces_kept():
    text = "Directed at {addressee} by the {committee} in {report_title}; {other} stays."
    out = fill_placeholders(text, addressee="the Mayor", committee="Audit Panel", report_title="Clean air")
    assert out == "Directed at the Mayor by the Audit Panel in Clean air; {other} stays."


def test_addressee_phrase_reads_naturally(demo):
    recs = {rec.label: rec for rec in demo.report.recommendations}
    assert addressee_phrase(recs["2"]) == "the Mayor"
    assert addressee_phrase(recs["6"]) == "London Councils"
    assert addressee_phrase(recs["9"]) == "Department for Transport"


def test_new_letter_prefills_responses_directed_elsewhere(services, demo):
    letter = services.composing.new_letter(demo.report.id)
    assert letter.status == LetterStatus.DRAFT and letter.letter_date is None
    assert letter.recipient.name == "Priya Castellano"
    assert letter.salutation == "Dear Priya,"
    assert letter.body.startswith(
        "Thank you for the Transport and Environment Committee's report, Cleaner air"
    )
    by_label = {resp.recommendation.label: resp for resp in letter.responses}
    assert list(by_label) == [str(n) for n in range(1, 10)]
    assert by_label["2"].position == Position.NOTED
    assert by_label["2"].text == "We note that this recommendation is directed at the Mayor."
    assert by_label["4"].text == "We note that this recommendation is directed at the Government."
    # ours to answer (lead or partner): left for the author
    assert by_label["1"].position is None and by_label["1"].text == ""
    assert by_label["7"].position is None


def test_standard_lines_are_loaded_once_and_fill_for_a_recommendation(services, demo):
    lines = services.composing.standard_lines()
    assert len(lines) == len(services.composing.standard_lines()) > 3
    under = next(x for x in lines if x.position == Position.UNDER_CONSIDERATION)
    rec = demo.report.recommendations[6]
    filled = services.composing.fill(under.text, rec.id)
    assert "{committee}" not in filled and "Transport and Environment Committee" in filled


def test_add_recommendations_keeps_existing_answers(services, demo):
    letter = services.composing.new_letter(demo.report.id, Pick.OURS)
    assert labels(r.recommendation for r in letter.responses) == ["1", "3", "5", "7", "8"]
    first = letter.responses[0]
    services.letters.update_response(first.id, text="Our answer.", position=Position.ACCEPTED)
    all_ids = [rec.id for rec in demo.report.recommendations]
    letter = services.composing.add_recommendations(letter.id, all_ids)
    assert len(letter.responses) == 9
    assert letter.responses[0].text == "Our answer."
    assert letter.responses[-1].position == Position.NOTED  # rec 9, added at the end


def test_issued_letter_refuses_new_recommendations(services, demo):
    letter = services.letters.issue(demo.letter.id, fake_pdf, demo.letter.version)
    with pytest.raises(LockedError):
        services.composing.add_recommendations(letter.id, [demo.report.recommendations[0].id])


def test_salutation_from_the_contact(demo):
    assert salutation_for(demo.letter.recipient) == "Dear Priya,"
    assert salutation_for(None) == "Dear Sir or Madam,"
