"""Tables read cell by cell. A header row ("No. | Recommendation | Response | Position | Lead |
Timescale") says what each column holds: it is dropped (it repeats on every page), a short label
alone in the first cell ("3", "R3", "12a") is put in front of the next cell's text so the row reads
"3 - The Council should…" as a labelled item does, and cells of the other columns ("Timescale",
"Lead officer") are kept with their header ("Timescale: March 2027") so they stay with the answer."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby

from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import item_start

_LABEL_CELL = re.compile(
    r"^(?:(?:recommendation|rec\.?)\s*)?R?\d{1,5}(?:\.\d{1,3}){0,3}[a-z]?(?:\s?\(?[ivx]{1,4}\))?[.:)]?$", re.I
)
_ROLES = [
    ("label", r"no\.?|number|ref\.?|reference|#|item"),
    ("recommendation", r"(?:the\s+)?(?:committee'?s\s+|panel'?s\s+|inquiry'?s\s+)?recommendations?"
     r"(?:\s+(?:text|made))?"),
    ("position", r"position|status|decision|accepted\??|agreed\??|accept(?:ed)?\s*/\s*reject(?:ed)?|"
     r"(?:government|mayor'?s?|council'?s?|department(?:al)?|executive)\s+position|response\s+position"),
    ("response", r"(?:[\w'’]+\s+){0,3}?(?:response|responses|reply|comments?"
     r"|action(?:s)?(?:\s+(?:to\s+be\s+)?taken)?|progress(?:\s+update)?|(?:latest\s+)?updates?)"),
    ("other", r"(?:lead|responsible)(?:\s+(?:officer|body|agency|department|member|organisation))?"
     r"|owner|officer|timescales?|target(?:\s+date)?|deadline|implementation(?:\s+date)?|due(?:\s+date)?|cost|financial"
     r"(?:\s+implications)?|rag|(?:[\w]+\s+){0,2}date|timing|timeframe"),
    # what the auditor found, before the recommendation: neither the item nor its answer
    ("context", r"issues?|findings?|observations?|risks?"
     r"|(?:issue|finding|observation|risk)s?\s*(?:/|and|&)\s*\w+"
     r"|background|weakness(?:es)?|(?:area|matter)s?\s+of\s+concern|conclusions?"),
]  # fmt: skip
# "Agreed management action/timing": a header may name two things with a slash
_COMPILED = [(role, re.compile(rf"^(?:{rx})(?:\s*/\s*[\w ]{{1,20}})?\s*:?$", re.I)) for role, rx in _ROLES]


def _role(text: str) -> str | None:
    text = " ".join(text.split())
    for role, rx in _COMPILED:
        if rx.match(text):
            return role
    return None


def _rows(paras: list[Para]) -> list[tuple[tuple[int, ...] | None, list[Para]]]:
    return [
        (key, list(group))
        for key, group in groupby(paras, key=lambda p: p.layout.cell[:2] if p.layout.cell else None)
    ]


def _column(p: Para) -> int:
    """The column of a paragraph in a table row (a row's paragraphs are all in cells)."""
    return p.layout.cell[2] if p.layout.cell else 0


def read_tables(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    headers: dict[int, dict[int, str]] = {}  # columns → header text, by number of columns
    for key, row in _rows(paras):
        if key is None:
            out.extend(row)
            continue
        roles = [_role(p.text) for p in row]
        if (
            len(row) >= 2
            and all(roles)
            and ("recommendation" in roles or {"response", "position"} & set(roles))
        ):
            texts = {_column(p): " ".join(p.text.split()) for p in row}
            headers[max(texts) + 1] = texts
            continue  # the header row, here and repeated on later pages
        header = headers.get(max(_column(p) for p in row) + 1, {})
        row = _without_context(row, header)
        for p in row:
            name = header.get(_column(p), "")
            if name and _role(name) == "other" and p.text.strip():
                out.append(
                    replace(p, text=f"{name.rstrip(':')}: {p.text}", start=None, heading=False, level=None)
                )
            else:
                out.append(p)
    return merge_label_cells(out)


def _without_context(row: list[Para], header: dict[int, str]) -> list[Para]:
    """An auditor's "Issue/risk" column is neither the recommendation nor its answer: it is left
    out, all but the number and short title it may open with ("1. Payroll changes"), which become
    the item's label and title, set in the recommendation's cell so that the row still reads as one."""
    context = {c for c, name in header.items() if _role(name) == "context"}
    if not context:
        return row
    rec_column = next((c for c, name in header.items() if _role(name) == "recommendation"), None)
    has_label = any(_role(name) == "label" for name in header.values())
    out: list[Para] = []
    for c, cell in groupby(row, key=_column):
        paras = list(cell)
        if c not in context:
            out.extend(paras)
            continue
        first = paras[0]
        start = item_start(first.text)
        target = next((p for p in row if _column(p) == rec_column), None)
        if not has_label and start is not None and start.kind == "numbered" and target is not None:
            out.append(replace(first, start=start, heading=False, level=None, layout=target.layout))
    return out


def merge_label_cells(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    skip = False
    for i, p in enumerate(paras):
        if skip:
            skip = False
            continue
        cell = p.layout.cell
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        compact = p.text.replace(" ", "")
        if cell is not None and " " in p.text and len(compact) <= 12 and _LABEL_CELL.match(compact):
            p = replace(p, text=compact)  # "33.1 2a": a narrow number cell wrapped the label
        if (
            cell is not None
            and cell[2] == 0
            and nxt is not None
            and nxt.layout.cell is not None
            and nxt.layout.cell[:2] == cell[:2]
            and nxt.layout.cell[2] > 0  # the next cell kept (an "Issue" column may lie between)
            and _LABEL_CELL.match(p.text.strip())
        ):
            text = f"{p.text.strip().rstrip('.:')} - {nxt.text}"
            out.append(replace(nxt, text=text, start=item_start(text), heading=False, level=None))
            skip = True
            continue
        out.append(p)
    return out
