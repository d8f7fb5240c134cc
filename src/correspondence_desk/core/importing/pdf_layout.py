"""PDF pages (positioned text and shapes) → blocks with layout cues, in reading order.

The cues, from research/import-layouts.md: recommendation boxes are filled rectangles (the colour is
the cue) or boxes of four rules; tables are grids of rules; running headers and page numbers repeat
in the top and bottom bands; footnotes are small text at the foot of the page. Lines are sorted by
position (PDFium gives drawing order) and a table is read cell by cell, row by row.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from correspondence_desk.core.importing.document import Block, Layout
from correspondence_desk.core.importing.normalise import is_furniture
from correspondence_desk.core.importing.patterns import item_start
from correspondence_desk.core.importing.pdf_columns import zones
from correspondence_desk.core.importing.pdf_page import PageContent, Segment, Shape

_BAND = 0.075  # the top and bottom bands where running headers and page numbers live
_FOOTNOTE_START = re.compile(r"^\d{1,3}\s+\S")
_TERMINAL = tuple(".:;!?)]\"”’'")
_Key = tuple[object, ...]  # what a line sits in: its container, table cell and edges
_Order = tuple[float, float, float, float]  # reading order: cell top and left, line top and left


@dataclass(frozen=True, slots=True)
class _Cell:
    x0: float
    x1: float
    top: float
    bottom: float


def body_size(pages: list[PageContent]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for s in page.segments:
            sizes[round(s.size * 2) / 2] += len(s.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _furniture(pages: list[PageContent]) -> set[tuple[int, int]]:
    """(page index, segment index) of running headers, footers and page numbers."""
    from correspondence_desk.core.importing.normalise import meaningful

    pages_with: dict[str, set[int]] = defaultdict(set)
    in_band: list[tuple[int, int, str]] = []
    for p, page in enumerate(pages):
        for i, s in enumerate(page.segments):
            if s.top < page.height * _BAND or s.bottom > page.height * (1 - _BAND):
                key = _key(s.text)
                in_band.append((p, i, key))
                pages_with[key].add(p)
    threshold = 2 if len(pages) < 6 else 3
    drop = set()
    for p, i, key in in_band:
        text = pages[p].segments[i].text
        repeated = len(pages_with[key]) >= threshold and not meaningful(text)
        if repeated or is_furniture(text) or pages[p].segments[i].white:
            drop.add((p, i))
    for p, page in enumerate(pages):
        drop.update((p, i) for i, s in enumerate(page.segments) if s.white)
    return drop


def _footnotes(page: PageContent, body: float) -> set[int]:
    """Small text at the foot of the page that starts with a note number, to the end of the page."""
    small = [i for i, s in enumerate(page.segments) if s.size <= 0.82 * body and s.top > page.height * 0.5]
    starts = [i for i in small if _FOOTNOTE_START.match(page.segments[i].text)]
    if not starts:
        return set()
    first_top = min(page.segments[i].top for i in starts)
    return {i for i in small if page.segments[i].top >= first_top - 1}


def _is_shade(shape: Shape, page: PageContent) -> bool:
    if shape.fill is None or shape.width < 0.25 * page.width or shape.height < 8:
        return False
    if shape.width * shape.height > 0.7 * page.width * page.height:
        return False  # a cover or a full-page background
    r, g, b = shape.fill
    pale = min(r, g, b) >= 150 and max(r, g, b) >= 180
    white = min(r, g, b) >= 250
    return pale and not white


def _rules(page: PageContent) -> tuple[list[Shape], list[Shape]]:
    """Horizontal and vertical rules: stroked lines, thin filled rectangles, edges of stroked boxes."""
    horizontal, vertical = [], []
    for s in page.shapes:
        if s.height <= 2.5 and s.width >= 12:
            horizontal.append(s)
        elif s.width <= 2.5 and s.height >= 6:
            vertical.append(s)
        elif s.stroked and s.fill is None and s.width >= 12 and s.height >= 6:  # a stroked rectangle
            horizontal += [
                Shape(s.x0, s.x1, s.top, s.top, None, True),
                Shape(s.x0, s.x1, s.bottom, s.bottom, None, True),
            ]
            vertical += [
                Shape(s.x0, s.x0, s.top, s.bottom, None, True),
                Shape(s.x1, s.x1, s.top, s.bottom, None, True),
            ]
    return horizontal, vertical


def _cell_of(seg: Segment, horizontal: list[Shape], vertical: list[Shape]) -> _Cell | None:
    mid_y = (seg.top + seg.bottom) / 2
    spanning = [v for v in vertical if v.top - 1 <= mid_y <= v.bottom + 1]
    lefts = [v for v in spanning if (v.x0 + v.x1) / 2 <= seg.x0 + 2]
    rights = [v for v in spanning if (v.x0 + v.x1) / 2 >= seg.x1 - 2]
    if not lefts or not rights:
        return None
    left = max((v.x0 + v.x1) / 2 for v in lefts)
    right = min((v.x0 + v.x1) / 2 for v in rights)
    # an edge of the cell spans its whole width (an underline under a label does not)
    across = [h for h in horizontal if h.x0 <= left + 3 and h.x1 >= right - 3]
    above = [(h.top + h.bottom) / 2 for h in across if (h.top + h.bottom) / 2 <= seg.top + 1]
    below = [(h.top + h.bottom) / 2 for h in across if (h.top + h.bottom) / 2 >= seg.bottom - 1]
    if not above or not below:
        return None
    return _Cell(round(left), round(right), round(max(above)), round(min(below)))


def _tables(cells: set[_Cell]) -> dict[_Cell, tuple[int, int, int]]:
    """Cells that touch (a shared edge) form a table: (table, row, column) for each cell of a table
    with two or more columns. A table of one column is a stack of boxes, each its own container."""
    ordered = sorted(cells, key=lambda c: (c.top, c.x0))
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(ordered)), 2):
        a, b = ordered[i], ordered[j]
        same_row = abs(a.top - b.top) <= 2 and (abs(a.x1 - b.x0) <= 2 or abs(b.x1 - a.x0) <= 2)
        stacked = (abs(a.bottom - b.top) <= 2 or abs(b.bottom - a.top) <= 2) and min(a.x1, b.x1) > max(
            a.x0, b.x0
        )
        if same_row or stacked:
            parent[find(i)] = find(j)
    groups: dict[int, list[_Cell]] = defaultdict(list)
    for i, cell in enumerate(ordered):
        groups[find(i)].append(cell)
    out: dict[_Cell, tuple[int, int, int]] = {}
    for n, group in enumerate(groups.values()):
        lefts = sorted({c.x0 for c in group})
        if len(lefts) < 2:
            continue
        tops = sorted({c.top for c in group})
        for c in group:
            out[c] = (n, tops.index(c.top), lefts.index(c.x0))
    return out


def _leading(segs: list[Segment]) -> dict[float, float]:
    """The line spacing inside a paragraph, per font size: the smallest step between lines of that
    size, and never more than 1.45 times the size (a page of one-line paragraphs has no other step)."""
    steps: dict[float, float] = {}
    for a, b in itertools.pairwise(segs):
        step = b.top - a.top
        if abs(a.size - b.size) < 0.3 and 0.8 * a.size < step < 3 * a.size:
            steps[a.size] = min(steps.get(a.size, step), step)
    return {size: min(step, 1.45 * size) for size, step in steps.items()}


class _Containers:
    """Ids for boxes, stable across a document: the same box on one page keeps one id."""

    def __init__(self) -> None:
        self.ids: dict[tuple[object, ...], int] = {}

    def id(self, key: tuple[object, ...]) -> int:
        return self.ids.setdefault(key, len(self.ids) + 1)


def _joined(prev: Segment, s: Segment) -> Segment | None:
    """Pieces of one line that PDFium reported apart (after a raised footnote marker, a change of
    font) are put back together; returns None when they are not parts of one line."""
    same_line = abs(s.top - prev.top) < 0.5 * prev.size or (prev.top <= s.top and s.bottom <= prev.bottom)
    close = -1 <= s.x0 - prev.x1 < 1.6 * prev.size
    if not (same_line and close and abs(s.size - prev.size) < 0.6 and s.bold == prev.bold):
        return None
    return Segment(
        f"{prev.text} {s.text}", prev.x0, s.x1, min(prev.top, s.top), max(prev.bottom, s.bottom),
        prev.size, prev.bold, prev.italic and s.italic, prev.white,
    )  # fmt: skip


def _note_marker(prev: Segment, s: Segment) -> bool:
    """A lone raised note number on the line of the segment before it."""
    on_line = prev.top - 2 <= s.top and s.bottom <= prev.bottom + 1
    return on_line and s.text.isdigit() and len(s.text) <= 3 and s.size < 0.85 * prev.size


def page_blocks(
    page: PageContent, number: int, body: float, drop: set[int], boxes: _Containers
) -> list[Block]:
    segs = [s for i, s in enumerate(page.segments) if i not in drop]
    if not segs:
        return []
    shades = [s for s in page.shapes if _is_shade(s, page)]
    horizontal, vertical = _rules(page)
    cells = [_cell_of(s, horizontal, vertical) for s in segs]
    loose = [s for s, c in zip(segs, cells, strict=True) if c is None]
    hidden, flows = zones(loose) if len(loose) > 3 else ({}, {})
    if hidden:  # a table whose rules are not drawn
        cells = [
            c if c is not None or id(s) not in hidden else _Cell(*map(round, hidden[id(s)]))
            for s, c in zip(segs, cells, strict=True)
        ]
    tables = _tables({c for c in cells if c is not None})
    body_x = Counter(round(s.x0) for s in segs if abs(s.size - body) < 0.6) or Counter(
        round(s.x0) for s in segs
    )
    most = body_x.most_common(1)[0][1]
    left = min(x for x, n in body_x.items() if n >= max(1, most // 4))
    right = max(s.x1 for s in segs)

    line_top = _line_tops(segs)

    def placed(s: Segment, cell: _Cell | None) -> tuple[_Order, Segment, Layout, _Key]:
        table = tables.get(cell) if cell else None
        inside = [
            sh
            for sh in shades
            if sh.x0 - 1 <= s.x0 and s.x1 <= sh.x1 + 1 and sh.top - 1 <= s.top and s.bottom <= sh.bottom + 1
        ]
        shade = min(inside, key=lambda sh: sh.width * sh.height, default=None)
        colour = "#{:02x}{:02x}{:02x}".format(*shade.fill) if shade is not None and shade.fill else ""
        container = (
            ("cell", number, cell) if cell else (("shade", number, shade.x0, shade.top) if shade else None)
        )
        box = boxes.id(container) if container else 0
        if (flow := flows.get(id(s))) is not None and not container:  # down one column, then the next
            zone_top, column, x0, x1 = flow
            lay = Layout(s.italic, s.size, round(s.x0 - x0, 1), colour, box, None, "")
            return (
                (zone_top, float(column), s.top, s.x0),
                s,
                lay,
                (None, ("flow", zone_top, column), (x0, x1)),
            )
        align = "right" if container is None and s.x0 >= left + 0.45 * (right - left) else ""
        lay = Layout(s.italic, s.size, round(s.x0 - left, 1), colour, box, table, align)
        top = line_top.get(id(s), s.top)
        order = (cell.top, cell.x0, top, s.x0) if table is not None and cell else (top, 0.0, top, s.x0)
        edges = (cell.x0, cell.x1) if cell else ((shade.x0, shade.x1) if shade else (left, right))
        return order, s, lay, (container, table, edges)

    rows = sorted((placed(s, c) for s, c in zip(segs, cells, strict=True)), key=lambda r: r[0])
    lines: list[tuple[Segment, Layout, _Key]] = []
    for _order, s, lay, key in rows:
        if lines and lines[-1][2] == key:
            prev = lines[-1][0]
            if _note_marker(prev, s):
                continue
            if (joined := _joined(prev, s)) is not None:
                lines[-1] = (joined, lines[-1][1], key)
                continue
        lines.append((s, lay, key))
    leading = _leading([s for s, _, _ in lines])
    reach: dict[_Key, float] = {}  # how far right the lines of each container go
    for s, _, key in lines:
        reach[key[:2]] = max(reach.get(key[:2], 0.0), s.x1)
    blocks: list[Block] = []
    group: list[tuple[Segment, Layout]] = []
    group_key: _Key | None = None

    def flush() -> None:
        if group:
            first = group[0][1]
            text = "\n".join(s.text for s, _ in group)
            bold = all(s.bold for s, _ in group)
            italic = all(s.italic for s, _ in group)
            lay = Layout(italic, first.size, first.indent, first.shade, first.box, first.cell, first.align)
            blocks.append(Block(text, bold=bold, page=number, layout=lay))
        group.clear()

    for s, lay, key in lines:
        if group:
            prev, prev_lay = group[-1]
            gap = s.top - prev.top
            step = leading.get(s.size) if abs(s.size - prev.size) < 0.3 else None
            wide = gap > (step * 1.28 if step else 1.6 * s.size) or gap < -2 or gap > 2.2 * s.size
            # in a table cell, a line that stops short although the next line's first word would have
            # fitted on it ends its paragraph (cells seldom have space between paragraphs)
            first_word = s.text.split()[0] if s.text.split() else ""
            char = (s.x1 - s.x0) / max(1, len(s.text))
            room = reach.get(key[:2], right) - prev.x1
            fits = room > (len(first_word) + 2) * char
            short = lay.cell is not None and prev.text.endswith(_TERMINAL) and s.text[:1].isupper() and fits
            if _next_column(group_key, key, prev, s):
                pass  # a paragraph running from the foot of one column to the top of the next
            elif (
                key != group_key
                or wide
                or short
                or s.bold != prev.bold
                or s.italic != prev.italic
                or abs(s.size - prev.size) > 0.6
                or lay.align != prev_lay.align
            ):
                flush()
        if not group:
            group_key = key
        group.append((s, lay))
    flush()
    return blocks


def _line_tops(segs: list[Segment]) -> dict[int, float]:
    """The top of the line each segment is on: pieces of one line split by a footnote marker or a
    change of font can report tops a fraction of a point apart, and must not be read out of order."""
    out: dict[int, float] = {}
    current = None
    for s in sorted(segs, key=lambda s: s.top):
        if current is None or s.top - current > 0.25 * s.size:
            current = s.top
        out[id(s)] = current
    return out


def _next_column(before: _Key | None, key: _Key, prev: Segment, s: Segment) -> bool:
    """The line opens the next running column and carries on the paragraph the last one ended with."""
    a, b = before[1] if before else None, key[1]
    if not (isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0] == "flow"):
        return False
    return (
        a[1] == b[1]
        and b[2] == a[2] + 1
        and not prev.text.endswith(_TERMINAL)
        and s.bold == prev.bold
        and abs(s.size - prev.size) < 0.3
        and item_start(s.text) is None
    )


def document_blocks(pages: list[PageContent]) -> tuple[list[Block], float]:
    body = body_size(pages)
    furniture = _furniture(pages)
    boxes = _Containers()
    blocks: list[Block] = []
    for p, page in enumerate(pages):
        drop = {i for q, i in furniture if q == p} | _footnotes(page, body)
        blocks.extend(_continued(blocks, page_blocks(page, p + 1, body, drop, boxes)))
    return blocks, body


def _continued(before: list[Block], page: list[Block]) -> list[Block]:
    """A box that runs over a page break goes on at the top of the next page with no label: the
    part on the new page keeps the box of the part before it (same shade, or both bordered)."""
    if not before or not page:
        return page
    last, first = before[-1].layout, page[0].layout
    same = (first.shade and first.shade == last.shade) or (
        first.box and last.box and not first.shade and not last.shade
    )
    if not (same and first.box and last.box and first.cell is None and last.cell is None):
        return page
    old, new = first.box, last.box
    return [replace(b, layout=replace(b.layout, box=new)) if b.layout.box == old else b for b in page]
