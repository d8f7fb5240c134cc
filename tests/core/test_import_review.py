"""The review's corrections on their own: split, merge, renumber, bodies typed by name, problems."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing.proposal import ProposedAddressee, ProposedRecommendation
from correspondence_desk.core.importing.review import (
    addressees_text,
    can_split,
    find_body,
    locate,
    merge_recommendations,
    next_number,
    parse_addressees,
    position_from,
    problems,
    renumbered,
    split_point,
    split_recommendation,
)
from correspondence_desk.core.records import AddresseeRole, BodyRecord, Position

LEAD, PARTNER = AddresseeRole.LEAD, AddresseeRole.PARTNER
REGISTER = (
    BodyRecord(1, "Mayor of London", "the Mayor", ("Mayor",)),
    BodyRecord(2, "Mayor's Office for Policing and Crime", "MOPAC"),
    BodyRecord(3, "Capital Transport Authority", "CTA", ("the Authority",)),
    BodyRecord(4, "London Councils"),
    BodyRecord(5, "Department for Transport", "DfT"),
)

# --- strategies ------------------------------------------------------------------------------------

words = st.text("abcdefghij’.,", min_size=1, max_size=8)
paragraph = st.lists(words, min_size=1, max_size=8).map(" ".join).map(str.strip).filter(bool)
numbers = st.sampled_from(["", "1", "2", "3", "10", "2.1", "R4", "3a"])
body_addressees = st.lists(
    st.tuples(st.sampled_from(REGISTER), st.sampled_from([LEAD, PARTNER])),
    max_size=4,
    unique_by=lambda pair: pair[0].id,
).map(lambda pairs: tuple(ProposedAddressee(b.name, b.id, role) for b, role in pairs))
positions = st.none() | st.sampled_from(list(Position))
dates = st.none() | st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31))


@st.composite
def recommendations(draw: st.DrawFn, min_paragraphs: int = 1) -> ProposedRecommendation:
    paras = draw(st.lists(paragraph, min_size=min_paragraphs, max_size=4))
    text = "\n\n".join(paras)
    # the deadline phrase is often part of the text (so it follows its sentence on a split)
    phrase = draw(st.sampled_from(["", "by spring 2027", *paras[-1:]]))
    return ProposedRecommendation(
        number=draw(numbers),
        text=text,
        paragraph_ref=draw(st.sampled_from(["", "2.4", "14"])),
        addressees=draw(body_addressees),
        deadline=draw(dates),
        deadline_phrase=phrase,
        response=draw(st.sampled_from(["", "Accepted. The plan comes in the spring."])),
        position=draw(positions),
    )


# --- split and merge -------------------------------------------------------------------------------


@given(recommendations(min_paragraphs=2), st.data())
def test_splitting_at_a_paragraph_then_merging_gives_the_original_back(rec, data):
    breaks = [i for i in range(len(rec.text)) if rec.text.startswith("\n\n", i)]
    at = data.draw(st.sampled_from(breaks)) + data.draw(st.integers(0, 2))  # anywhere in the break
    first, second = split_recommendation(rec, at)
    assert first.number == rec.number and second.number == (f"{rec.number}a" if rec.number else "")
    assert first.text and second.text
    assert merge_recommendations(first, second) == rec  # text, label, deadline, addressees…


@given(recommendations(), st.data())
def test_splitting_anywhere_then_merging_loses_and_reorders_nothing(rec, data):
    cuts = [at for at in range(len(rec.text) + 1) if can_split(rec, at)]
    if not cuts:
        with pytest.raises(ValueError):
            split_recommendation(rec, data.draw(st.integers(0, len(rec.text))))
        return
    first, second = split_recommendation(rec, data.draw(st.sampled_from(cuts)))
    merged = merge_recommendations(first, second)
    assert "".join(merged.text.split()) == "".join(rec.text.split())
    assert dataclasses.replace(merged, text=rec.text) == rec


def test_the_deadline_follows_the_sentence_its_phrase_is_in():
    rec = ProposedRecommendation(
        "3",
        "The Mayor should agree a protocol. The Mayor should also fund fountains by spring 2027.",
        paragraph_ref="4.1",
        deadline=dt.date(2027, 5, 31),
        deadline_phrase="by spring 2027",
        response="Accepted.",
        position=Position.ACCEPTED,
    )
    first, second = split_recommendation(rec, rec.text.index("The Mayor should also"))
    assert (first.text, first.deadline, first.deadline_phrase) == (
        "The Mayor should agree a protocol.",
        None,
        "",
    )
    assert (second.number, second.deadline, second.deadline_phrase) == (
        "3a",
        dt.date(2027, 5, 31),
        "by spring 2027",
    )
    assert (first.paragraph_ref, first.response, first.position) == ("4.1", "Accepted.", Position.ACCEPTED)
    assert (second.paragraph_ref, second.response, second.position) == ("", "", None)


def test_a_cursor_at_either_end_splits_off_the_last_paragraph():
    text = "First paragraph.\n\nSecond paragraph."
    assert split_point(text, 5) == 5
    assert split_point(text, 0) == split_point(text, len(text)) == text.index("\n\n")
    assert split_point("One paragraph only.", 0) == -1
    assert not can_split(ProposedRecommendation("1", "One paragraph only."), -1)


def test_merging_joins_references_and_keeps_each_addressee_once():
    mayor, cta = ProposedAddressee("Mayor of London", 1), ProposedAddressee("Capital Transport Authority", 3)
    a = ProposedRecommendation("1", "The Mayor should act.", "2.4", (mayor,))
    b = ProposedRecommendation(
        "2", "The Authority should report.", "2.5", (cta, mayor), dt.date(2027, 1, 31), "by January 2027"
    )
    merged = merge_recommendations(a, b)
    assert merged.text == "The Mayor should act.\n\nThe Authority should report."
    assert (merged.number, merged.paragraph_ref, merged.addressees) == ("1", "2.4, 2.5", (mayor, cta))
    assert (merged.deadline, merged.deadline_phrase) == (dt.date(2027, 1, 31), "by January 2027")


# --- numbering and problems ------------------------------------------------------------------------


@given(st.lists(recommendations(), max_size=12))
def test_renumbering_keeps_the_order_and_makes_every_label_unique(recs):
    result = renumbered(recs)
    assert [r.number for r in result] == [str(n) for n in range(1, len(recs) + 1)]
    assert len({r.number for r in result}) == len(result)
    assert [dataclasses.replace(r, number="") for r in result] == [
        dataclasses.replace(r, number="") for r in recs
    ]
    assert renumbered(result) == result
    assert all("has no text" in p for p in problems(result))  # no number problem is left


@given(st.lists(recommendations(), max_size=12))
def test_a_new_item_gets_a_number_nobody_uses(recs):
    assert next_number(recs) not in {r.number for r in recs}


def test_problems_name_the_rows_to_fix():
    recs = [
        ProposedRecommendation("1", "The Mayor should act."),
        ProposedRecommendation("1", "The Authority should report."),
        ProposedRecommendation("", "London Councils should agree."),
        ProposedRecommendation("4", "  "),
    ]
    assert problems(recs) == [
        "Number 1 is used twice (rows 1 and 2); renumber or edit it.",
        "Row 3 has no number (Renumber gives every row one).",
        "Row 4 (4) has no text; type it or delete the row.",
    ]
    assert problems(renumbered(recs[:3])) == []


# --- bodies and other cells typed as text ----------------------------------------------------------


def test_a_body_is_found_by_any_of_its_names_as_the_parser_finds_it():
    assert find_body(REGISTER, "Mayor of London").id == 1
    assert find_body(REGISTER, "the Mayor").id == find_body(REGISTER, "MAYOR").id == 1
    assert find_body(REGISTER, "Mayor’s Office for Policing and Crime").id == 2  # curly apostrophe
    assert find_body(REGISTER, "  the   Authority ").id == 3
    assert find_body(REGISTER, "dft").id == 5
    assert find_body(REGISTER, "Transport for London") is None
    assert find_body(REGISTER, "") is None and find_body((), "Mayor of London") is None


@given(body_addressees)
def test_addressees_written_out_read_back_the_same(addressees):
    leads_first = tuple(sorted(addressees, key=lambda a: a.role != LEAD))
    assert parse_addressees(addressees_text(leads_first), REGISTER) == leads_first


def test_addressees_typed_keep_new_names_and_drop_repeats():
    typed = "the mayor; with Transport for London\nMayor of London; with "
    assert parse_addressees(typed, REGISTER) == (
        ProposedAddressee("Mayor of London", 1, LEAD),
        ProposedAddressee("Transport for London", None, PARTNER),
    )
    assert addressees_text(parse_addressees(typed, REGISTER)) == "Mayor of London; with Transport for London"


def test_positions_are_read_from_their_label_or_value():
    assert position_from("accepted in part") is Position.ACCEPTED_IN_PART
    assert position_from(Position.NOTED.value) is Position.NOTED
    assert position_from(" ") is None and position_from(None) is None
    with pytest.raises(ValidationError, match="not a response position"):
        position_from("Maybe")


def test_locate_finds_text_across_wrapped_lines_and_furniture():
    source = (
        "Intro.\n\nRecommendation 3\nThe Mayor should agree a\nprotocol for reopening paths. (Paragraph 4)\n"
    )
    start, end = locate(source, "The Mayor should agree a protocol for reopening paths.")
    assert source[start:end].replace("\n", " ") == "The Mayor should agree a protocol for reopening paths"
    assert locate(source, "Nothing like it anywhere") is None
