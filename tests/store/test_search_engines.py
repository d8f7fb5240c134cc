"""Search gives the same results on both engines: every query of bench/bench_scale.py, and the
language's corners, over the same generated database (bench/generate.py, same seed, same ids)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from correspondence_desk.core.db import open_database
from correspondence_desk.core.search_query import MARK_END, MARK_START
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for

BENCH = Path(__file__).parents[2] / "bench"
REPORTS = 150  # every query finds fewer than the limit and the ranking window: whole sets compare


def _bench(name: str):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


EXTRA = [
    "cafe",  # folded accents, as "café" below
    '"bus route reliability"',
    "taxis OR tree* OR winter",
    "consult on",
    "HMT",  # found nowhere
    "step-free",
    "Authority accepts",
    "CTA/2024",
    "2025",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_server):
    generate = _bench("generate").generate
    today = dt.date(2026, 6, 1)
    path = tmp_path_factory.mktemp("engines") / "same.sqlite3"
    generate(path, REPORTS, seed=11, today=today)
    name = pg_server.create()
    generate(pg_server.url(name), REPORTS, seed=11, today=today)
    pair = [Services(open_database(location_for(x))) for x in (path, pg_server.url(name))]
    for services in pair:  # one accented record, the same on both
        services.reports.create(reference="ACC-1", title="The café at Bankside pier")
    yield pair
    for services in pair:
        services.close()
    pg_server.drop(name)


def test_every_bench_query_finds_the_same_records_on_both_engines(both):
    sqlite, postgresql = both
    queries = _bench("bench_scale").QUERIES + EXTRA
    found_something = 0
    for query in queries:
        on_sqlite = {(h.kind, h.id, h.title) for h in sqlite.search.search(query, limit=5000)}
        on_postgresql = {(h.kind, h.id, h.title) for h in postgresql.search.search(query, limit=5000)}
        assert on_sqlite == on_postgresql, (query, on_sqlite ^ on_postgresql)
        found_something += bool(on_sqlite)
    assert found_something >= len(queries) - 4  # the comparison is not of empty sets


def test_hits_come_ranked_with_marked_snippets_on_both(both):
    for services in both:
        hits = services.search.search("river bus", limit=5)
        assert hits and all(MARK_START in h.snippet and MARK_END in h.snippet for h in hits), hits
        kinds = [h.kind for h in hits]
        assert kinds == sorted(kinds, key=["report", "recommendation", "response", "letter"].index)
        for kind in set(kinds):
            ranks = [h.rank for h in hits if h.kind == kind]
            assert ranks == sorted(ranks)  # best (lowest) first within a kind
        (cafe,) = services.search.search("cafe")
        assert f"{MARK_START}café{MARK_END}" in cafe.snippet
