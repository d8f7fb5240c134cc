"""Text standing in two or more columns side by side on several lines is either a table drawn without
rules (a Word layout table with its borders hidden) or a page set in columns of running text.

A layout table's rows start together: where one column starts a paragraph after a pause, the others
start one on the same line (a recommendation beside its answer, English beside its Welsh). Running
columns pause where their own paragraphs end, seldom on the same line as the column beside them. A
table's columns are read as cells, rows split where every column pauses at once, so a recommendation
and its answer side by side are not read across, line by line, as one sentence; running columns are
read down the first column, then the next."""

from __future__ import annotations

import itertools
from collections import Counter

from correspondence_desk.core.importing.pdf_page import Segment


def _lines(segs: list[Segment]) -> list[list[Segment]]:
    out: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: (s.top, s.x0)):
        if out and abs(s.top - out[-1][0].top) < 0.5 * s.size:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _columns(lines: list[list[Segment]]) -> list[float]:
    """Left edges of columns: where a segment starts well clear of the one before it on its line, at
    the same place on at least two lines."""
    starts: Counter[int] = Counter()
    for line in lines:
        parts = sorted(line, key=lambda s: s.x0)
        for a, b in itertools.pairwise(parts):
            if b.x0 - a.x1 > 1.2 * a.size:
                starts[round(b.x0 / 4) * 4] += 1
    found: list[float] = []
    for x in sorted(x for x, n in starts.items() if n >= 2):
        if not found or x - 3 - found[-1] > 12:  # starts a little apart are one column's
            found.append(x - 3)
    return found


Flow = tuple[float, int, float, float]  # a running column: (zone top, column, column x0, column x1)


def zones(
    segs: list[Segment],
) -> tuple[dict[int, tuple[float, float, float, float]], dict[int, Flow]]:
    """The virtual cell (x0, x1, top, bottom) of each segment that sits in a borderless table, and the
    running column of each segment in text set in columns, both by segment id."""
    lines = _lines(segs)
    columns = _columns(lines)
    if not columns:
        return {}, {}
    out: dict[int, tuple[float, float, float, float]] = {}
    flows: dict[int, Flow] = {}
    zone: list[list[Segment]] = []

    def crosses(line: list[Segment]) -> bool:
        return any(s.x0 < x - 1 and s.x1 > x + 4 for s in line for x in columns)

    def split(line: list[Segment]) -> bool:
        return any(s.x0 < x for s in line for x in columns) and any(s.x0 >= x for s in line for x in columns)

    def close() -> None:
        if sum(split(line) for line in zone) >= 2:
            edges = _edges(zone, columns)
            if _running(zone, edges):
                _flow(zone, edges, flows)
            else:
                _assign(zone, edges, out)
        zone.clear()

    for line in lines:
        if crosses(line):
            close()
            continue
        zone.append(line)
    close()
    return out, flows


def _edges(zone: list[list[Segment]], columns: list[float]) -> list[float]:
    return [
        min(s.x0 for line in zone for s in line) - 1,
        *columns,
        max(s.x1 for line in zone for s in line) + 1,
    ]


def _column_of(s: Segment, edges: list[float]) -> int:
    return next(i for i in range(len(edges) - 1) if s.x0 >= edges[i] - 1 and s.x0 < edges[i + 1])


def _starts(column: list[Segment]) -> set[float]:
    """Where a column starts a paragraph after a pause: a line further below the one before than its
    font's line spacing (the smallest step between two lines of that size)."""
    leading: dict[float, float] = {}
    for a, b in itertools.pairwise(column):
        if abs(a.size - b.size) < 0.3 and b.top - a.top > 0.5 * a.size:
            leading[b.size] = min(leading.get(b.size, b.top - a.top), b.top - a.top)
    return {
        b.top
        for a, b in itertools.pairwise(column)
        if b.top - a.top > 1.3 * leading.get(b.size, 1.2 * b.size) or abs(a.size - b.size) >= 0.3
    }


def _running(zone: list[list[Segment]], edges: list[float]) -> bool:
    """Whether the columns are running text: on most of the lines where the column with fewer
    paragraphs starts one, the column beside it does not start one on the same line. Too few lines
    or paragraphs to tell is a table."""
    columns: list[list[Segment]] = [[] for _ in range(len(edges) - 1)]
    for line in zone:
        for s in line:
            column = columns[_column_of(s, edges)]
            if not column or s.top - column[-1].top > 0.5 * s.size:
                column.append(s)
    for a, b in itertools.pairwise(columns):
        if len(a) < 6 or len(b) < 6:
            return False
        fewer, other = sorted((_starts(a), _starts(b)), key=len)
        if len(fewer) < 2:
            return False
        size = a[0].size
        together = sum(any(abs(t - u) < 0.25 * size for u in other) for t in fewer)
        if together > 0.35 * len(fewer):
            return False
    return True


def _flow(zone: list[list[Segment]], edges: list[float], flows: dict[int, Flow]) -> None:
    top = zone[0][0].top
    lefts: dict[int, float] = {}
    for line in zone:
        for s in line:
            c = _column_of(s, edges)
            lefts[c] = min(lefts.get(c, s.x0), s.x0)
    for line in zone:
        for s in line:
            c = _column_of(s, edges)
            flows[id(s)] = (top, c, lefts[c], edges[c + 1])


def _assign(
    zone: list[list[Segment]], edges: list[float], out: dict[int, tuple[float, float, float, float]]
) -> None:
    steps = sorted(b[0].top - a[0].top for a, b in itertools.pairwise(zone))
    step = steps[len(steps) // 4] if steps else 0.0
    rows: list[list[list[Segment]]] = [[]]
    for k, line in enumerate(zone):
        if k and step and line[0].top - zone[k - 1][0].top > 1.3 * step:
            rows.append([])
        rows[-1].append(line)
    tops = [row[0][0].top - 1 for row in rows] + [zone[-1][0].bottom + 1]
    for r, row in enumerate(rows):
        for line in row:
            for s in line:
                c = _column_of(s, edges)
                out[id(s)] = (edges[c], edges[c + 1], tops[r], tops[r + 1])
