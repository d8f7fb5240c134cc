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

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """One character folded to one character (so offsets in a folded text are the original's)."""
    base = unicodedata.normalize("NFKD", c)[:1].lower()
    return base if len(base) == 1 else c


def _folded(text: str) -> str:
    return text.lower() if text.isascii() else "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class Terms:
    """The words a query can match, folded, as one pattern: whole words, and prefixes."""

    pattern: re.Pattern[str] | None

    def spans(self, folded: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.pattern.finditer(folded)] if self.pattern else []


def match_terms(groups: Sequence[Sequence[str]]) -> Terms:
    words: set[str] = set()
    prefixes: set[str] = set()
    for group in groups:
        if list(group) == ["OR"]:
            continue
        pieces = [piece for word in group for piece in _WORD.findall(word)]
        for i, piece in enumerate(pieces):
            starred = i == len(pieces) - 1 and group[-1].endswith("*")
            (prefixes if starred else words).add(_folded(fold(piece)))
    options = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    options += [re.escape(p) + r"[^\W_]*" for p in sorted(prefixes, key=len, reverse=True)]
    if not options:
        return Terms(None)
    return Terms(re.compile(r"(?<![^\W_])(?:" + "|".join(options) + r")(?![^\W_])"))


def snippet(texts: Sequence[str | None], terms: Terms, size: int = SNIPPET_WORDS) -> str:
    """The best window of `size` words from the text with most matches, matched words marked."""
    best: tuple[str, list[tuple[int, int]]] | None = None
    for raw in texts:
        value = " ".join((raw or "").split())
        spans = terms.spans(_folded(value))
        if best is None or len(spans) > len(best[1]):
            best = (value, spans)
    if best is None or not best[0]:
        return ""
    value, spans = best
    starts = [m.start() for m in _WORD.finditer(value)]
    if not starts:
        return value
    at_word = [bisect.bisect_right(starts, a) - 1 for a, _ in spans]
    first = _best_window(at_word, size) if spans and len(starts) > size else 0
    last = min(len(starts), first + size)
    begin = starts[first] if first else 0
    finish = starts[last] if last < len(starts) else len(value)
    out, at = [], begin
    for a, b in spans:
        if a >= begin and b <= finish:
            out += [value[at:a], MARK_START, value[a:b], MARK_END]
            at = b
    out.append(value[at:finish])
    text = "".join(out).strip().rstrip(",;:")
    return ("…" if first else "") + text + ("…" if last < len(starts) else "")


def _best_window(at_word: list[int], size: int) -> int:
    """The first word of the `size`-word window holding the most matches (a word before its first
    match when there is one), by two pointers over the matched words' positions."""
    best_count, best_first = 0, at_word[0]
    lo = 0
    for hi, word in enumerate(at_word):
        while word - at_word[lo] >= size:
            lo += 1
        if hi - lo + 1 > best_count:
            best_count, best_first = hi - lo + 1, at_word[lo]
    return max(0, best_first - 1)
