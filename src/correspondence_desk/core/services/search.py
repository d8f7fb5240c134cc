"""Full-text search across reports, recommendations, responses and letters.

On SQLite the search_* FTS5 tables (migration 0002) answer, ranked by bm25; on PostgreSQL the
tsvector columns of migration 0003 (search_postgres.py), with the same language and results; only
an SQLite built without FTS5 falls back to matching every word with ILIKE. Whatever the user types
is accepted: the query is rebuilt from its words, each one quoted,
so quotes, hyphens, `AND`, brackets or emoji never reach the FTS5 grammar raw.
Snippets mark the matched words between MARK_START and MARK_END (see `snippet_parts`).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core.db import Database
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import SearchHit
from correspondence_desk.core.search_query import MARK_END, MARK_START, SNIPPET_WORDS, fts_query, query_terms
from correspondence_desk.core.services.base import ServiceBase, letter_first_report
from correspondence_desk.core.vocabulary import SEARCH_KINDS as KINDS

RANK_WINDOW = 300  # only the newest this many matches of each kind are ranked (keeps common words fast)
MAX_LIMIT = 10_000  # hits of each kind at most: more is no longer a search result anyone reads


def _ranked(fts: str, weights: str, snippet_column: int, select_from: str) -> str:
    """Rank the newest RANK_WINDOW matches, then make snippets for the best `:limit` only.

    bm25 costs a lookup per matching row, so ranking is bounded to a window of the newest matches:
    a word found in every record still answers in milliseconds. Snippets are made while scanning
    that window (the FTS table stays the outer loop, CROSS JOIN): looking rows up by rowid under
    MATCH instead would walk the whole match list once per hit.
    """
    return f"""
        WITH top AS MATERIALIZED (
            SELECT rowid AS id, bm25({fts}{weights}) AS score FROM {fts}
            WHERE {fts} MATCH :q AND rowid >= coalesce(
                (SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :window), 0)
            ORDER BY score, rowid DESC LIMIT :limit),
        hit AS MATERIALIZED (
            SELECT top.id, top.score, snippet({fts}, {snippet_column}, :a, :b, '…', :n) AS snip
            FROM {fts} CROSS JOIN top ON top.id = {fts}.rowid
            WHERE {fts} MATCH :q AND {fts}.rowid >= (SELECT min(id) FROM top))
        {select_from}
        ORDER BY hit.score, hit.id DESC"""  # equal ranks: the newest first


_FTS_SQL = {
    "report": _ranked(
        "search_reports",
        ", 2.0, 1.0",
        -1,
        """SELECT r.id, r.id, NULL, r.reference || ' — ' || r.title, hit.snip, hit.score
        FROM hit JOIN reports r ON r.id = hit.id""",
    ),
    "recommendation": _ranked(
        "search_recommendations",
        ", 2.0, 1.0",
        1,
        """SELECT c.id, c.report_id, NULL, 'Recommendation ' || c.label || ' — ' || r.reference,
               hit.snip, hit.score
        FROM hit JOIN recommendations c ON c.id = hit.id JOIN reports r ON r.id = c.report_id""",
    ),
    "response": _ranked(
        "search_responses",
        "",
        0,
        """SELECT p.id, c.report_id, p.letter_id,
               'Response to recommendation ' || c.label || ' of ' || r.reference || ' in ' || l.reference,
               hit.snip, hit.score
        FROM hit JOIN responses p ON p.id = hit.id
        JOIN recommendations c ON c.id = p.recommendation_id
        JOIN reports r ON r.id = c.report_id
        JOIN letters l ON l.id = p.letter_id""",
    ),
    "letter": _ranked(
        "search_letters",
        ", 2.0, 2.0, 1.0",
        -1,
        """SELECT l.id,
               (SELECT c.report_id FROM responses p JOIN recommendations c ON c.id = p.recommendation_id
                WHERE p.letter_id = l.id ORDER BY p.sort_order LIMIT 1),
               l.id, l.reference || ' — ' || l.subject, hit.snip, hit.score
        FROM hit JOIN letters l ON l.id = hit.id""",
    ),
}


class SearchService(ServiceBase):
    entity = "search"

    def __init__(self, db: Database, actor: str | None = None) -> None:
        super().__init__(db, actor)
        self._has_fts: bool | None = None

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Up to `limit` hits of each kind, best first within a kind; [] when there is nothing to find."""
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise ValidationError(f"The number of results must be between 1 and {MAX_LIMIT:,}.")
        groups = query_terms(query or "")
        if not groups:
            return []
        with self._unit() as s:
            if s.get_bind().dialect.name == "postgresql":
                from correspondence_desk.core.services import search_postgres

                return search_postgres.search(s, groups, limit, RANK_WINDOW)
            if self._fts_available(s):
                return self._fts_search(s, fts_query(query), limit)
            return self._plain_search(s, groups, limit)

    def _fts_available(self, s: Session) -> bool:
        if self._has_fts is None:
            self._has_fts = s.get_bind().dialect.name == "sqlite" and bool(
                s.scalar(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='search_reports'"))
            )
        return self._has_fts

    def _fts_search(self, s: Session, match: str, limit: int) -> list[SearchHit]:
        params = {
            "q": match,
            "a": MARK_START,
            "b": MARK_END,
            "n": SNIPPET_WORDS,
            "limit": limit,
            "window": RANK_WINDOW - 1,
        }
        hits: list[SearchHit] = []
        for kind in KINDS:
            for row in s.execute(text(_FTS_SQL[kind]), params):
                hits.append(SearchHit(kind, row[0], row[1], row[2], row[3], _clean(row[4]), float(row[5])))
        return hits

    # --- without FTS: every word somewhere in the record, case-insensitive ------------------------

    def _plain_search(self, s: Session, groups: list[list[str]], limit: int) -> list[SearchHit]:
        words = [w.rstrip("*") for g in groups if g != ["OR"] for w in g]
        hits: list[SearchHit] = []
        row: Any

        def matching(*columns: Any) -> Any:
            return and_(
                *(or_(*(c.ilike(f"%{_escape_like(w)}%", escape="\\") for c in columns)) for w in words)
            )

        for row in s.execute(
            select(m.Report.id, m.Report.reference, m.Report.title)
            .where(matching(m.Report.reference, m.Report.title))
            .order_by(m.Report.id.desc())
            .limit(limit)
        ):
            hits.append(
                SearchHit("report", row[0], row[0], None, f"{row[1]} — {row[2]}", mark(row[2], words), 0)
            )
        for row in s.execute(
            select(
                m.Recommendation.id, m.Recommendation.report_id, m.Recommendation.label, m.Report.reference
            )
            .add_columns(m.Recommendation.text)
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .where(matching(m.Recommendation.label, m.Recommendation.text))
            .order_by(m.Recommendation.id.desc())
            .limit(limit)
        ):
            title = f"Recommendation {row[2]} — {row[3]}"
            hits.append(SearchHit("recommendation", row[0], row[1], None, title, mark(row[4], words), 0))
        for row in s.execute(
            select(m.Response.id, m.Recommendation.report_id, m.Response.letter_id, m.Recommendation.label)
            .add_columns(m.Report.reference, m.Letter.reference, m.Response.text)
            .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .join(m.Letter, m.Letter.id == m.Response.letter_id)
            .where(matching(m.Response.text))
            .order_by(m.Response.id.desc())
            .limit(limit)
        ):
            title = f"Response to recommendation {row[3]} of {row[4]} in {row[5]}"
            hits.append(SearchHit("response", row[0], row[1], row[2], title, mark(row[6], words), 0))
        first_report = letter_first_report()
        for row in s.execute(
            select(m.Letter.id, first_report, m.Letter.reference, m.Letter.subject, m.Letter.body)
            .where(matching(m.Letter.reference, m.Letter.subject, m.Letter.body))
            .order_by(m.Letter.id.desc())
            .limit(limit)
        ):
            snippet = mark(row[3] if _contains_any(row[3], words) else row[4], words)
            hits.append(SearchHit("letter", row[0], row[1], row[0], f"{row[2]} — {row[3]}", snippet, 0))
        return hits

    # --- how many there are (the hits above are only the best few of each kind) ------------------

    def count(self, query: str) -> dict[str, int]:
        """How many records of each kind match (every kind in SEARCH_KINDS, 0 when none)."""
        groups = query_terms(query or "")
        if not groups:
            return dict.fromkeys(KINDS, 0)
        with self._unit() as s:
            if self._fts_available(s):
                match = fts_query(query)
                return {
                    kind: s.scalar(
                        text(f"SELECT count(*) FROM search_{kind}s WHERE search_{kind}s MATCH :q"),
                        {"q": match},
                    )
                    or 0
                    for kind in KINDS
                }
            return self._plain_count(s, groups)

    def _plain_count(self, s: Session, groups: list[list[str]]) -> dict[str, int]:
        words = [w.rstrip("*") for g in groups if g != ["OR"] for w in g]

        def matching(*columns: Any) -> Any:
            return and_(
                *(or_(*(c.ilike(f"%{_escape_like(w)}%", escape="\\") for c in columns)) for w in words)
            )

        queries = {
            "report": select(func.count())
            .select_from(m.Report)
            .where(matching(m.Report.reference, m.Report.title)),
            "recommendation": select(func.count())
            .select_from(m.Recommendation)
            .where(matching(m.Recommendation.label, m.Recommendation.text)),
            "response": select(func.count()).select_from(m.Response).where(matching(m.Response.text)),
            "letter": select(func.count())
            .select_from(m.Letter)
            .where(matching(m.Letter.reference, m.Letter.subject, m.Letter.body)),
        }
        return {kind: s.scalar(queries[kind]) or 0 for kind in KINDS}


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains_any(value: str, words: list[str]) -> bool:
    lowered = value.lower()
    return any(w.lower() in lowered for w in words)


def _clean(snippet: str) -> str:
    return " ".join((snippet or "").split())


def mark(value: str, words: list[str], width: int = 160) -> str:
    """A short excerpt of `value` around the first matched word, each word marked (no-FTS fallback)."""
    value = " ".join((value or "").split())
    pattern = re.compile("|".join(re.escape(w) for w in words if w), re.IGNORECASE) if words else None
    found = pattern.search(value) if pattern else None
    start = max(0, found.start() - width // 3) if found else 0
    excerpt = value[start : start + width]
    if pattern:
        excerpt = pattern.sub(lambda x: f"{MARK_START}{x.group(0)}{MARK_END}", excerpt)
    return ("…" if start else "") + excerpt + ("…" if start + width < len(value) else "")


__all__ = ["SearchService"]
