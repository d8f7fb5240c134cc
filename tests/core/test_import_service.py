"""Saving a reviewed import in one transaction, and the round trip: every annex our own printing
produces (PDF and Word, list and table layouts) reads back to the same labels, texts and responses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from correspondence_desk.core.errors import LockedError, ValidationError
from correspondence_desk.core.importing import (
    Proposal,
    ProposedAddressee,
    ProposedRecommendation,
    extract,
    extract_text,
    propose,
)
from correspondence_desk.core.records import AddresseeRole, LetterStatus, Position

LETTER = (
    "**Recommendation 1 - The Capital Transport Authority, in partnership with the Harbour Board, should "
    "publish a ferry timetable by 30 June 2026.**\n\n"
    "The Authority accepts this recommendation.\n\n"
    "**Recommendation 2 - The Mayor should fund two new piers within the next year.**\n\n"
    "We note that this recommendation is directed at the Mayor.\n"
)


def test_save_report_recommendations_new_bodies_and_imported_letter(services) -> None:
    services.bodies.create(name="Capital Transport Authority", short_name="CTA", aliases=["the Authority"])
    services.bodies.create(name="Mayor of London", short_name="the Mayor", aliases=["the Mayor"])
    published = dt.date(2026, 1, 12)
    proposal = propose(
        extract_text(LETTER), bodies=services.bodies.list(), published=published, with_responses=True
    )
    result = services.importing.save(
        proposal,
        title="River crossings",
        reference="RIV-2026-01",
        committee="Transport Committee",
        published=published,
        received=dt.date(2026, 1, 14),
        source=("letter.md", LETTER.encode()),
        with_responses=True,
    )
    report = result.report
    assert (report.reference, report.title, report.committee) == (
        "RIV-2026-01",
        "River crossings",
        "Transport Committee",
    )
    assert report.source is not None and report.source.filename == "letter.md"
    first, second = report.recommendations
    assert [(a.name, a.role) for a in first.addressees] == [
        ("Capital Transport Authority", AddresseeRole.LEAD),
        ("Harbour Board", AddresseeRole.PARTNER),
    ]
    assert (first.deadline, first.deadline_phrase) == (dt.date(2026, 6, 30), "by 30 June 2026")
    assert (second.deadline, second.deadline_phrase) == (dt.date(2027, 1, 12), "within the next year")
    assert services.bodies.find("Harbour Board") is not None  # added to the register
    letter = result.letter
    assert letter is not None and letter.imported and letter.status == LetterStatus.ISSUED
    assert [(x.recommendation.label, x.position, x.text) for x in letter.responses] == [
        ("1", Position.ACCEPTED, "The Authority accepts this recommendation."),
        ("2", Position.NOTED, "We note that this recommendation is directed at the Mayor."),
    ]
    assert [r.position for r in report.recommendations] == [Position.ACCEPTED, Position.NOTED]
    with pytest.raises(LockedError):
        services.letters.update(letter.id, subject="changed")


def test_new_names_that_are_a_known_short_name_or_alias_are_not_added_again(services) -> None:
    tfl = services.bodies.create(
        name="Transport for London", short_name="TfL", aliases=["the Transport Authority"]
    )
    proposal = Proposal(
        (
            ProposedRecommendation(
                "1", "TfL should act.", addressees=(ProposedAddressee("tfl", None, AddresseeRole.LEAD),)
            ),
            ProposedRecommendation(
                "2",
                "The Transport Authority should act.",
                addressees=(ProposedAddressee("Transport Authority", None, AddresseeRole.LEAD),),
            ),
        )
    )
    report = services.importing.save(proposal, title="Buses").report
    assert [a.body_id for r in report.recommendations for a in r.addressees] == [tfl.id, tfl.id]
    assert len(services.bodies.list()) == 1


def test_a_failed_save_leaves_nothing_behind(services) -> None:
    proposal = Proposal(
        (
            ProposedRecommendation("1", "The Port Board should dredge the channel.",
                                   addressees=(ProposedAddressee("Port Board", None, AddresseeRole.LEAD),)),
            ProposedRecommendation("1", "The Port Board should publish the survey.", response="Agreed."),
        )
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Recommendation 1 appears twice"):
        services.importing.save(proposal, title="Dredging", with_responses=True)
    assert services.reports.list() == [] and services.letters.list() == []
    assert services.bodies.find("Port Board") is None


def test_nothing_to_save_and_empty_title_are_refused(services) -> None:
    with pytest.raises(ValidationError, match="no recommendations"):
        services.importing.save(Proposal(()), title="Empty")
    with pytest.raises(ValidationError, match="title"):
        services.importing.save(Proposal((ProposedRecommendation("1", "The Board should act."),)), title=" ")


@pytest.mark.parametrize("layout", ["list", "table"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_our_printed_annex_reads_back_the_same(demo, services, tmp_path: Path, fmt: str, layout: str) -> None:
    from correspondence_desk.core.printing import render_letter_docx, render_letter_pdf

    letter = demo.letter
    render = render_letter_pdf if fmt == "pdf" else render_letter_docx
    path = tmp_path / f"letter.{fmt}"
    path.write_bytes(render(letter, annex_layout=layout))
    published = demo.report.published
    proposal = propose(extract(path), bodies=services.bodies.list(), published=published, with_responses=True)
    assert proposal.warnings == ()
    # the list layout prints no positions, so there they come only from what the response says
    expected = [
        (
            x.recommendation.label,
            x.recommendation.text,
            x.text.strip(),
            x.position if layout == "table" else None,
        )
        for x in letter.responses
    ]
    got = [
        (r.number, r.text, r.response, r.position if layout == "table" else None)
        for r in proposal.recommendations
    ]
    assert got == expected
    # and the lead bodies and deadline dates the demo report records are proposed again from the text
    recorded = {
        r.label: ([a.name for a in r.lead_addressees], r.deadline) for r in demo.report.recommendations
    }
    leads = {
        r.number: ([a.name for a in r.addressees if a.role == AddresseeRole.LEAD], r.deadline)
        for r in proposal.recommendations
    }
    assert leads == recorded


@pytest.mark.parametrize("layout", ["list", "table"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_long_marked_annex_over_many_pages_reads_back_the_same(
    tmp_path: Path, fmt: str, layout: str
) -> None:
    """25 recommendations, protective marking on every page, two-paragraph items and responses,
    & < > and typographic characters: the sample letter the printing code is tested with."""
    from correspondence_desk.core.printing import render_letter_docx, render_letter_pdf
    from correspondence_desk.core.printing.samples import sample_letter
    from correspondence_desk.core.records import Marking

    letter = sample_letter(25, marking=Marking.OFFICIAL_SENSITIVE, annex_layout=layout)
    path = tmp_path / f"letter.{fmt}"
    path.write_bytes((render_letter_pdf if fmt == "pdf" else render_letter_docx)(letter))
    proposal = propose(extract(path), with_responses=True)
    assert proposal.warnings == ()
    table = layout == "table"
    expected = [
        (x.recommendation.label, x.recommendation.text, x.text, x.position if table else None)
        for x in letter.responses
    ]
    assert [
        (r.number, r.text, r.response, r.position if table else None) for r in proposal.recommendations
    ] == expected
