"""Who a recommendation is directed at, and by when."""

from __future__ import annotations

import datetime as dt

import pytest

from correspondence_desk.core.importing import ProposedAddressee, find_addressees, find_deadline
from correspondence_desk.core.records import AddresseeRole, BodyRecord

LEAD, PARTNER = AddresseeRole.LEAD, AddresseeRole.PARTNER
REGISTER = [
    BodyRecord(1, "Mayor of London", "the Mayor", ("the Mayor", "Mayor")),
    BodyRecord(2, "Mayor's Office for Policing and Crime", "MOPAC", ("MOPAC",)),
    BodyRecord(3, "Violence Reduction Unit", "VRU", ("London's Violence Reduction Unit", "VRU")),
    BodyRecord(4, "Metropolitan Police Service", "MPS", ("the Met",)),
    BodyRecord(5, "His Majesty's Government", "the Government", ("the Government", "HM Government")),
]


def _names(text: str, bodies=REGISTER) -> list[tuple[str, int | None, AddresseeRole]]:
    return [(a.name, a.body_id, a.role) for a in find_addressees(text, bodies)]


def test_the_mayor_should_is_the_mayor_of_london() -> None:
    assert _names("The Mayor should work with the Government to lobby social media firms.") == [
        ("Mayor of London", 1, LEAD)
    ]


def test_lead_and_partners() -> None:
    text = (
        "By the end of March 2026, MOPAC, in partnership with London's Violence Reduction Unit and the "
        "Metropolitan Police Service, should undertake a needs assessment."
    )
    assert _names(text) == [
        ("Mayor's Office for Policing and Crime", 2, LEAD),
        ("Violence Reduction Unit", 3, PARTNER),
        ("Metropolitan Police Service", 4, PARTNER),
    ]


def test_longest_name_wins_and_case_is_ignored() -> None:
    assert _names("THE MAYOR'S OFFICE FOR POLICING AND CRIME should publish its plan.") == [
        ("Mayor's Office for Policing and Crime", 2, LEAD)
    ]


def test_subjects_after_an_opening_clause_and_in_later_sentences() -> None:
    text = (
        "As part of his renewed strategy, the Mayor should publish a plan. "
        "This plan should be costed. HM Government should fund it."
    )
    assert _names(text) == [("Mayor of London", 1, LEAD), ("His Majesty's Government", 5, LEAD)]


def test_bodies_not_in_the_register_are_proposed_without_an_id() -> None:
    text = "The Thames Ferry Board, working with the Port Authority, should publish a timetable."
    assert find_addressees(text, REGISTER) == (
        ProposedAddressee("Thames Ferry Board", None, LEAD),
        ProposedAddressee("Port Authority", None, PARTNER),
    )
    assert _names("The programme should also include schools.") == []


def test_no_register_still_finds_names() -> None:
    assert _names("We recommend that the Government should legislate.", bodies=()) == [
        ("Government", None, LEAD)
    ]


PUBLISHED = dt.date(2025, 6, 20)


@pytest.mark.parametrize(
    ("text", "date", "phrase"),
    [
        ("The Mayor should commission it by 31 December 2025.", dt.date(2025, 12, 31), "by 31 December 2025"),
        ("By the end of March 2026, MOPAC should act.", dt.date(2026, 3, 31), "By the end of March 2026"),
        ("The plan should be ready by spring 2026.", dt.date(2026, 5, 31), "by spring 2026"),
        ("It should report by winter 2026.", dt.date(2027, 2, 28), "by winter 2026"),
        ("Within the next year, the Mayor should act.", dt.date(2026, 6, 20), "Within the next year"),
        ("The Mayor should act within six months.", dt.date(2025, 12, 20), "within six months"),
        (
            "The review should finish within two months of publication.",
            dt.date(2025, 8, 20),
            "within two months of publication",
        ),
        ("They should meet within 28 days.", dt.date(2025, 7, 18), "within 28 days"),
        ("It should be done by the end of 2027.", dt.date(2027, 12, 31), "by the end of 2027"),
        ("Publish it no later than 1st April 2026.", dt.date(2026, 4, 1), "no later than 1st April 2026"),
        ("Report by the third quarter of 2026.", dt.date(2026, 9, 30), "by the third quarter of 2026"),
        ("Fund it by the end of the 2026/27 financial year.", dt.date(2027, 3, 31),
         "by the end of the 2026/27 financial year"),
        ("Pay by the end of this financial year.", dt.date(2026, 3, 31), "by the end of this financial year"),
        ("Publish it by mid-2026.", dt.date(2026, 6, 30), "by mid-2026"),
    ],
)  # fmt: skip
def test_deadlines(text: str, date: dt.date, phrase: str) -> None:
    assert find_deadline(text, PUBLISHED) == (date, phrase)


def test_relative_deadline_without_publication_keeps_the_phrase() -> None:
    assert find_deadline("Act within the next year.", None) == (None, "within the next year")


def test_impossible_date_keeps_the_phrase() -> None:
    assert find_deadline("Act by 31 February 2026.", PUBLISHED) == (None, "by 31 February 2026")


def test_no_deadline_and_repeats_are_not_deadlines() -> None:
    assert find_deadline("The toolkit should be updated at least every six months.", PUBLISHED) == (None, "")
    assert find_deadline("Work with all 32 London boroughs.", PUBLISHED) == (None, "")


def test_names_with_and_and_bracketed_acronyms() -> None:
    text = "The Department for Education (DfE) and the Department for Work and Pensions should act."
    assert _names(text, bodies=()) == [
        ("Department for Education", None, LEAD),
        ("Department for Work and Pensions", None, LEAD),
    ]
    text = "The Mayor and MOPAC, working with Network Rail, the BTP and Historic England, should act."
    assert _names(text) == [
        ("Mayor of London", 1, LEAD),
        ("Mayor's Office for Policing and Crime", 2, LEAD),
        ("Network Rail", None, PARTNER),
        ("BTP", None, PARTNER),
        ("Historic England", None, PARTNER),
    ]


def test_a_one_word_alias_inside_another_name_is_not_that_body() -> None:
    register = [*REGISTER, BodyRecord(6, "Capital Transport Authority", "CTA", ("the Authority",))]
    text = "The Mayor, in partnership with the Port of London Authority, should review river moorings."
    assert _names(text, register) == [
        ("Mayor of London", 1, LEAD),
        ("Port of London Authority", None, PARTNER),
    ]
    assert _names("By 2027, the Authority should publish its plan.", register) == [
        ("Capital Transport Authority", 6, LEAD)
    ]
