"""Full-text search: ranking, marked snippets, odd input, and the index kept in step by triggers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from correspondence_desk.core.records import NewRecommendation, NewResponse
from correspondence_desk.core.search_query import MARK_END, MARK_START, fts_query, snippet_parts

FTS_TABLES = ("search_reports", "search_recommendations", "search_responses", "search_letters")


@pytest.fixture
def desk(services):
    report = services.reports.create(
        reference="HSG-2026-02",
        title="Damp and mould in temporary accommodation",
        published=dt.date(2026, 6, 1),
        recommendations=[
            NewRecommendation(
                "1", "Damp: the Authority should inspect every flat for damp within six months."
            ),
            NewRecommendation(
                "2",
                "The Authority should publish its repairs backlog for every property it manages "
                "in all the boroughs, including any damp cases.",
            ),
            NewRecommendation("3", "The boroughs should agree one standard for the café at each depot."),
        ],
    )
    other = services.reports.create(
        reference="TEC-2026-09", title="Step-free access at river piers", published=dt.date(2026, 7, 1)
    )
    letter = services.letters.create(
        reference="CTA/HSG/2026/001",
        subject="Response on damp and mould",
        body="Thank you for the Committee's report on housing conditions.",
        responses=[NewResponse(report.recommendations[0].id, "We accept this. Inspections begin in May.")],
    )
    return report, other, letter


def _integrity(services) -> None:
    if not services.is_sqlite:  # PostgreSQL's tsvector is a generated column: always in step
        return
    with services.db.engine.begin() as conn:
        for table in FTS_TABLES:
            conn.execute(text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"))


def test_search_finds_each_kind_with_the_matched_words_marked(services, desk):
    report, _, letter = desk
    hits = services.search.search("damp")
    kinds = {h.kind for h in hits}
    assert kinds == {"report", "recommendation", "letter"}
    report_hit = next(h for h in hits if h.kind == "report")
    assert report_hit.id == report.id and report_hit.report_id == report.id
    assert f"{MARK_START}Damp{MARK_END}" in report_hit.snippet
    assert ("Damp", True) in snippet_parts(report_hit.snippet)
    letter_hit = next(h for h in hits if h.kind == "letter")
    assert letter_hit.letter_id == letter.id and letter_hit.report_id == report.id
    response = services.search.search("inspections begin")
    assert [(h.kind, h.letter_id, h.report_id) for h in response] == [("response", letter.id, report.id)]


def test_results_are_ranked_best_first(services, desk):
    hits = [h for h in services.search.search("damp") if h.kind == "recommendation"]
    # recommendation 1 says damp twice in a short text, recommendation 2 once in a longer one
    assert [h.title for h in hits] == ["Recommendation 1 — HSG-2026-02", "Recommendation 2 — HSG-2026-02"]
    assert hits[0].rank <= hits[1].rank


def test_accents_hyphens_and_references_are_found(services, desk):
    assert [h.kind for h in services.search.search("cafe")] == ["recommendation"]
    assert [h.title for h in services.search.search("step-free")] == [
        "TEC-2026-09 — Step-free access at river piers"
    ]
    assert services.search.search("HSG-2026-02")[0].kind == "report"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'damp"',
        "damp AND",
        "AND",
        "OR",
        "NOT damp",
        "(damp",
        "damp*",
        "🚌🚌",
        "-damp",
        "col:damp",
        "^",
        "''",
    ],
)
def test_any_text_the_user_types_is_accepted(services, desk, query):
    services.search.search(query)  # no exception is the behaviour under test


def test_odd_input_still_finds_what_was_meant(services, desk):
    assert services.search.search('"') == []
    assert services.search.search("🚌") == []
    assert {h.kind for h in services.search.search("damp AND mould")} == {"report", "letter"}
    assert len(services.search.search("piers OR backlog")) == 2
    assert fts_query('damp "repairs backlog" data-quality') == '"damp" "repairs backlog" "data quality"'
    assert fts_query("accommod*") == '"accommod"*'
    assert [h.kind for h in services.search.search("accommod*")] == ["report"]


def test_the_index_follows_inserts_updates_and_deletes(services, desk):
    _, other, letter = desk
    services.reports.update(other.id, title="Lighting on towpaths")
    assert services.search.search("piers") == []
    assert [h.id for h in services.search.search("towpaths")] == [other.id]
    services.reports.add_recommendation(other.id, NewRecommendation("1", "Install lamps on the towpath."))
    assert [h.kind for h in services.search.search("lamps")] == ["recommendation"]
    services.letters.delete(letter.id)
    assert services.search.search("inspections") == []
    services.reports.delete(other.id)
    assert services.search.search("lamps") == [] and services.search.search("towpaths") == []
    _integrity(services)


@pytest.mark.sqlite_only
def test_without_full_text_tables_a_plain_search_still_works(services, desk):
    with services.db.engine.begin() as conn:
        for table in FTS_TABLES:
            conn.execute(text(f"DROP TABLE {table}"))
    from correspondence_desk.core.services.search import SearchService

    plain = SearchService(services.db)
    hits = plain.search("damp mould")
    assert {h.kind for h in hits} == {"report", "letter"}
    assert f"{MARK_START}Damp{MARK_END}" in next(h for h in hits if h.kind == "report").snippet
    assert plain.search("100%_") == []


def test_upgrading_a_database_from_0001_indexes_what_is_already_there(tmp_path):
    from alembic import command

    from correspondence_desk.core.db import make_engine, open_database
    from correspondence_desk.core.migrate import alembic_config
    from correspondence_desk.core.services import Services
    from correspondence_desk.paths import location_for

    location = location_for(tmp_path / "old.sqlite3")
    engine = make_engine(location)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(
            text(
                "INSERT INTO reports (reference, title, response_clock, status, notes, created_at, "
                "version_id) VALUES ('OLD-1', 'Towpath lighting before the upgrade', '', 'open', '', "
                "'2026-01-01', 1)"
            )
        )
    engine.dispose()
    services = Services(open_database(location))
    try:
        assert services.db.migrated_from == "0001"
        assert [h.title for h in services.search.search("towpath")] == [
            "OLD-1 — Towpath lighting before the upgrade"
        ]
        _integrity(services)
    finally:
        services.close()


def test_the_count_is_every_match_of_each_kind_not_only_the_best_few(services, desk):
    for n in range(30):
        services.reports.create(reference=f"FER-{n:03d}", title=f"River ferries, part {n}")
    assert len([h for h in services.search.search("ferries", limit=25) if h.kind == "report"]) == 25
    assert services.search.count("ferries") == {"report": 30, "recommendation": 0, "response": 0, "letter": 0}
    counted = services.search.count("damp")
    assert counted == {"report": 1, "recommendation": 2, "response": 0, "letter": 1}
    assert counted["letter"] == len([h for h in services.search.search("damp") if h.kind == "letter"])
    assert services.search.count('"') == {"report": 0, "recommendation": 0, "response": 0, "letter": 0}


@pytest.mark.sqlite_only  # the FTS5 tables are SQLite's; PostgreSQL searches its tsvector columns
def test_without_full_text_tables_the_count_matches_the_plain_search(services, desk):
    with services.db.engine.begin() as conn:
        for table in FTS_TABLES:
            conn.execute(text(f"DROP TABLE {table}"))
    from correspondence_desk.core.services.search import SearchService

    plain = SearchService(services.db)
    hits = plain.search("damp mould")
    found = {
        kind: len([h for h in hits if h.kind == kind])
        for kind in ("report", "recommendation", "response", "letter")
    }
    assert (
        plain.count("damp mould") == found == {"report": 1, "recommendation": 0, "response": 0, "letter": 1}
    )
    assert plain.count("Inspections") == {"report": 0, "recommendation": 0, "response": 1, "letter": 0}
