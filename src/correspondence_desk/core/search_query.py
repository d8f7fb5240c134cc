"""The search language, with no database: what the user types, as groups of words and as an FTS5
query, and the snippets' match markers. Whatever is typed is accepted: the query is rebuilt from its
words, each one quoted, so quotes, hyphens, `AND`, brackets or emoji never reach a query grammar raw.
"""

from __future__ import annotations

import re

MARK_START = "\u27e6"  # ⟦ — brackets unlikely to appear in office text, so [1] stays plain
MARK_END = "\u27e7"  # ⟧
SNIPPET_WORDS = 14
_WORD = re.compile(r"\w+")
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, matched) pieces, for bold in the UI or the terminal."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


def query_terms(query: str) -> list[list[str]]:
    """The user's text as groups of words: each group is a phrase; `OR` starts an alternative.

    'school "air quality" data-quality AND' → [['school'], ['air', 'quality'], ['data', 'quality']].
    A bare AND is what the search does anyway, so it is dropped; a lone quote is ignored. A word
    typed with a trailing * ("reliab*") keeps the star: it matches as a prefix.
    """
    groups: list[list[str]] = []
    for phrase, bare in _CHUNK.findall(query):
        if bare in ("AND", "&&"):
            continue
        if bare == "OR":
            groups.append(["OR"])
            continue
        words = _WORD.findall(phrase or bare)
        if words and bare.endswith("*"):
            words[-1] += "*"
        if words:
            groups.append(words)
    # OR at either end, or doubled, means nothing
    cleaned: list[list[str]] = []
    for group in groups:
        if group == ["OR"] and (not cleaned or cleaned[-1] == ["OR"]):
            continue
        cleaned.append(group)
    while cleaned and cleaned[-1] == ["OR"]:
        cleaned.pop()
    return cleaned


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression built only from quoted words ('' when there is nothing to find).

    Words match whole, not as prefixes, unless typed with a star: an implicit prefix search
    is many times slower on a large database.
    """
    out = []
    for group in query_terms(query):
        if group == ["OR"]:
            out.append("OR")
            continue
        star = "*" if group[-1].endswith("*") else ""
        out.append('"' + " ".join(w.rstrip("*") for w in group) + '"' + star)
    return " ".join(out)
