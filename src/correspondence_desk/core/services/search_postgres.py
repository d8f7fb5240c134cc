"""Search on PostgreSQL: the same language and results as FTS5 on SQLite, from tsvector + GIN.

Migration 0003 keeps a `search_vector` per searched table (punctuation made spaces, accents folded,
every word kept), so the words the user types (core/search_query.py) become a tsquery directly:
a group is a phrase (`<->`), a starred last word a prefix (`:*`), groups are ANDed and OR binds
looser than AND, as in FTS5. As on SQLite, only the newest RANK_WINDOW matches of each kind are
ranked (ts_rank, weights as FTS5's bm25 weights); the four kinds come back in one statement (one
round trip). Snippets are made here from the matched rows' text: the same words marked as FTS5's
snippet() marks, accent- and case-insensitively.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from correspondence_desk.core.records import SearchHit
from correspondence_desk.core.search_query import MARK_END, MARK_START, SNIPPET_WORDS

CONFIG = "desk_search"
WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"  # D, C, B, A: A (references, labels, subjects) counts twice B
_WORD = re.compile(r"[^\W_]+")


def tsquery(groups: Sequence[Sequence[str]]) -> str:
    """to_tsquery text for the groups of core.search_query.query_terms ("" when nothing to find)."""
    parts: list[str] = []
    for group in groups:
        if list(group) == ["OR"]:
            if parts and parts[-1] != "|":
                parts.append("|")
            continue
        words = [piece for word in group for piece in _WORD.findall(word)]
        if not words:
            continue
        star = ":*" if group[-1].endswith("*") else ""
        if parts and parts[-1] != "|":
            parts.append("&")
        parts.append("(" + " <-> ".join(f"'{w}'" for w in words) + star + ")")
    while parts and parts[-1] in ("|", "&"):
        parts.pop()
    return " ".join(parts)


def _ranked(table: str, columns: str) -> str:
    """The newest :window matches of one table, ranked; the best :limit kept."""
    return f"""
        SELECT w.*, ts_rank('{WEIGHTS}', w.search_vector, to_tsquery('{CONFIG}', :q)) AS score
        FROM (SELECT id, {columns}, search_vector FROM {table}
              WHERE search_vector @@ to_tsquery('{CONFIG}', :q)
              ORDER BY id DESC LIMIT :window) AS w
        ORDER BY score DESC, w.id DESC LIMIT :limit"""


SEARCH_SQL = f"""
SELECT 0 AS kind, h.id, h.id AS report_id, NULL::integer AS letter_id,
       h.reference || ' — ' || h.title AS title, h.title AS a, h.reference AS b, h.score
FROM ({_ranked("reports", "reference, title")}) AS h
UNION ALL
SELECT 1, h.id, h.report_id, NULL, 'Recommendation ' || h.label || ' — ' || r.reference,
       h.text, h.label, h.score
FROM ({_ranked("recommendations", "report_id, label, text")}) AS h JOIN reports r ON r.id = h.report_id
UNION ALL
SELECT 2, h.id, c.report_id, h.letter_id,
       'Response to recommendation ' || c.label || ' of ' || r.reference || ' in ' || l.reference,
       h.text, '', h.score
FROM ({_ranked("responses", "letter_id, recommendation_id, text")}) AS h
JOIN recommendations c ON c.id = h.recommendation_id
JOIN reports r ON r.id = c.report_id
JOIN letters l ON l.id = h.letter_id
UNION ALL
SELECT 3, h.id,
       (SELECT c.report_id FROM responses p JOIN recommendations c ON c.id = p.recommendation_id
        WHERE p.letter_id = h.id ORDER BY p.sort_order LIMIT 1),
       h.id, h.reference || ' — ' || h.subject, h.subject, h.body, h.score
FROM ({_ranked("letters", "reference, subject, body")}) AS h
ORDER BY kind, score DESC, id DESC
"""


def search(s: Session, groups: Sequence[Sequence[str]], limit: int, window: int) -> list[SearchHit]:
    from correspondence_desk.core.vocabulary import SEARCH_KINDS

    query = tsquery(groups)
    if not query:
        return []
    terms = match_terms(groups)
    hits = []
    rows = s.execute(text(SEARCH_SQL), {"q": query, "limit": limit, "window": window})
    for kind, hit_id, report_id, letter_id, title, a, b, score in rows:
        hits.append(
            SearchHit(SEARCH_KINDS[kind], hit_id, report_id, letter_id, title, snippet([a, b], terms), -score)
        )
    return hits


# --- snippets ------------------------------------------------------------------------------------


def fold(word: str) -> str:
    """Case and accents folded, as the search configuration (unaccent + simple) and FTS5 fold them."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def match_terms(groups: Sequence[Sequence[str]]) -> list[tuple[str, bool]]:
    """(folded word, is a prefix) for every word the query can match."""
    terms: list[tuple[str, bool]] = []
    for group in groups:
        if list(group) == ["OR"]:
            continue
        words = [piece for word in group for piece in _WORD.findall(word)]
        for i, word in enumerate(words):
            terms.append((fold(word), i == len(words) - 1 and group[-1].endswith("*")))
    return terms


def snippet(texts: Sequence[str | None], terms: Sequence[tuple[str, bool]], size: int = SNIPPET_WORDS) -> str:
    """The best window of `size` words from the text with most matches, matched words marked."""
    best: tuple[int, str, list[re.Match[str]], list[bool]] | None = None
    for value in texts:
        value = " ".join((value or "").split())
        words = list(_WORD.finditer(value))
        hits = [_matches(w.group(0), terms) for w in words]
        if best is None or sum(hits) > best[0]:
            best = (sum(hits), value, words, hits)
    if best is None or not best[1]:
        return ""
    _, value, words, hits = best
    if not words:
        return value
    start = 0
    if len(words) > size:
        scores = [sum(hits[i : i + size]) for i in range(len(words) - size + 1)]
        start = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if scores[start] and not hits[start]:
            start = max(0, min(start, next(i for i in range(start, len(words)) if hits[i]) - 1))
    end = min(len(words), start + size)
    begin = words[start].start() if start else 0
    finish = words[end - 1].end() if end < len(words) else len(value)
    out, at = [], begin
    for i in range(start, end):
        w = words[i]
        out.append(value[at : w.start()])
        out.append(f"{MARK_START}{w.group(0)}{MARK_END}" if hits[i] else w.group(0))
        at = w.end()
    out.append(value[at:finish])
    return ("…" if start else "") + "".join(out).strip() + ("…" if end < len(words) else "")


def _matches(word: str, terms: Sequence[tuple[str, bool]]) -> bool:
    folded = fold(word)
    return any(folded.startswith(t) if prefix else folded == t for t, prefix in terms)
