"""Round trips: over an office link every statement is one. The common actions stay a handful of
statements each, however many rows they show (counted by an SQLAlchemy event, tests/conftest.py)."""

from __future__ import annotations

import pytest

from correspondence_desk.core.records import Addressee, AddresseeRole, NewRecommendation, NewResponse

ROWS = 100


@pytest.fixture
def big(services):
    """A report with 100 recommendations (two addressees each) and a letter answering them all."""
    lead = services.bodies.create(name="Capital Transport Authority", short_name="CTA", is_own=True)
    partner = services.bodies.create(name="London Councils")
    report = services.reports.create(
        title="Bus reliability: one hundred recommendations",
        committee="Transport Committee",
        recommendations=[
            NewRecommendation(
                str(n),
                f"The Authority should publish route {n}'s figures.",
                addressees=[Addressee(lead.id), Addressee(partner.id, AddresseeRole.PARTNER)],
            )
            for n in range(1, ROWS + 1)
        ],
        source=("report.txt", b"Recommendation 1 ..."),
    )
    letter = services.letters.create(
        subject="Response", responses=[NewResponse(r.id, "We accept this.") for r in report.recommendations]
    )
    return report, letter


def test_opening_a_report_with_100_recommendations(services, big, statements):
    report, _ = big
    with statements(services.db.engine) as sent:
        opened = services.reports.get(report.id)
    assert len(opened.recommendations) == ROWS and len(opened.responses) == ROWS
    assert sent.count <= 4, str(sent)


def test_opening_a_letter_answering_100_recommendations(services, big, statements):
    _, letter = big
    with statements(services.db.engine) as sent:
        opened = services.letters.get(letter.id)
    assert len(opened.responses) == ROWS
    assert sent.count <= 5, str(sent)


def test_the_dashboard(services, big, statements):
    with statements(services.db.engine) as sent:
        summary = services.dashboard.summary()
    assert summary.unanswered_recommendations.total == ROWS
    assert sent.count <= 8, str(sent)  # every total at once, a page for each list, the counts


def test_saving_an_edit(services, big, statements):
    report, _ = big
    rec = report.recommendations[41]
    with statements(services.db.engine) as sent:
        services.reports.update_recommendation(rec.id, rec.version, text="Publish the figures monthly.")
    assert sent.count <= 7, str(sent)
    with statements(services.db.engine) as sent:
        services.reports.update(report.id, report.version, title="Bus reliability, revised")
    assert sent.count <= 12, str(sent)


def test_saving_a_report_with_100_recommendations_is_not_a_round_trip_each(services, statements):
    """On PostgreSQL the rows go in batches (SQLAlchemy's insertmanyvalues); SQLite, in-process, has
    no round trips to save and gets a statement a row."""
    body = services.bodies.create(name="Mayor of London")
    with statements(services.db.engine) as sent:
        services.reports.create(
            title="Another hundred",
            committee="Housing Committee",
            recommendations=[
                NewRecommendation(str(n), f"The Mayor should act on item {n}.", addressees=[body.id])
                for n in range(1, ROWS + 1)
            ],
        )
    if not services.is_sqlite:
        assert sent.count <= 20, str(sent)
