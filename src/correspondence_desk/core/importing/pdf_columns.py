"""Tables drawn without rules (a Word layout table with its borders hidden): text standing in two or
more columns side by side on several lines. Each column of such a zone is read as a cell, rows split
where every column pauses at once, so a recommendation and its answer side by side are not read
across, line by line, as one sentence."""

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
    return sorted(x - 3 for x, n in starts.items() if n >= 2)


def virtual_cells(segs: list[Segment]) -> dict[int, tuple[float, float, float, float]]:
    """(x0, x1, top, bottom) of the virtual cell of each segment (by id) that sits in a borderless table."""
    lines = _lines(segs)
    columns = _columns(lines)
    if not columns:
        return {}
    out: dict[int, tuple[float, float, float, float]] = {}
    zone: list[list[Segment]] = []

    def crosses(line: list[Segment]) -> bool:
        return any(s.x0 < x - 1 and s.x1 > x + 4 for s in line for x in columns)

    def split(line: list[Segment]) -> bool:
        return any(s.x0 < x for s in line for x in columns) and any(s.x0 >= x for s in line for x in columns)

    def close() -> None:
        if sum(split(line) for line in zone) >= 2:
            _assign(zone, columns, out)
        zone.clear()

    for line in lines:
        if crosses(line):
            close()
            continue
        zone.append(line)
    close()
    return out


def _assign(
    zone: list[list[Segment]], columns: list[float], out: dict[int, tuple[float, float, float, float]]
) -> None:
    edges = [
        min(s.x0 for line in zone for s in line) - 1,
        *columns,
        max(s.x1 for line in zone for s in line) + 1,
    ]
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
                c = next(i for i in range(len(edges) - 1) if s.x0 >= edges[i] - 1 and s.x0 < edges[i + 1])
                out[id(s)] = (edges[c], edges[c + 1], tops[r], tops[r + 1])
