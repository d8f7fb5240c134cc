"""A Word paragraph's runs (their text and direct formatting, hyperlinks and tracked insertions
included) and its layout cues: italic, size, indent, shading, borders (a box), table cell.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from correspondence_desk.core.importing.document import Layout
from correspondence_desk.core.importing.docx_styles import Styles, W

if TYPE_CHECKING:
    from docx.shared import Length
    from docx.text.paragraph import Paragraph


@dataclass(frozen=True, slots=True)
class _Run:
    """A run's text and the direct formatting that matters here (None: as the style says)."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    size: Length | None = None
    superscript: bool = False


_OFF = ("0", "false", "off")


def _on(node: Any) -> bool:
    return node.get(f"{W}val", "true") not in _OFF


def _run(r: Any) -> _Run:
    """One pass over a run's children (python-docx looks each property up again)."""
    parts: list[str] = []
    bold = italic = size = None
    superscript = False
    for node in r:
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}rPr":
            for prop in node:
                name = prop.tag
                if name == f"{W}b":
                    bold = _on(prop)
                elif name == f"{W}i":
                    italic = _on(prop)
                elif name == f"{W}sz":
                    size = _half_points(prop.get(f"{W}val"))
                elif name == f"{W}vertAlign":
                    superscript = prop.get(f"{W}val") == "superscript"
    return _Run("".join(parts), bold, italic, size, superscript)


def _half_points(value: str | None) -> Length | None:
    from docx.oxml.simpletypes import ST_HpsMeasure

    try:
        return ST_HpsMeasure.convert_from_xml(value) if value else None
    except (ValueError, TypeError):
        return None


def runs_of(paragraph: Paragraph) -> list[_Run]:
    """Every run of the paragraph, including those inside hyperlinks, fields and tracked insertions
    (python-docx's `paragraph.runs` sees only direct children, so inserted text would be lost)."""
    return [_run(r) for r in paragraph._p.iter(f"{W}r")]


def shading_fill(ppr_or_tcpr: Any) -> str:
    """The fill colour of a paragraph's or a cell's shading ("#dfe2eb"), "" for none or white."""
    if ppr_or_tcpr is None:
        return ""
    shd = ppr_or_tcpr.find(f"{W}shd")
    fill = (shd.get(f"{W}fill") or "").lower() if shd is not None else ""
    if not re.fullmatch(r"[0-9a-f]{6}", fill) or fill == "ffffff":
        return ""
    return f"#{fill}"


def _borders(ppr: Any) -> str:
    """A key for the borders drawn round a paragraph; Word draws adjacent paragraphs with the same
    borders as one box."""
    bdr = ppr.find(f"{W}pBdr") if ppr is not None else None
    if bdr is None:
        return ""
    sides = sorted(
        child.tag.rsplit("}", 1)[-1] for child in bdr if child.get(f"{W}val") not in (None, "nil", "none")
    )
    return ",".join(sides) if len(sides) >= 2 else ""


class Layouts:
    """Layout of each paragraph: italic, size, indent, shading, borders (a box), table cell."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.box_ids: dict[object, int] = {}
        self.last_border: tuple[str, int] | None = None
        self.sizes: Counter[float] = Counter()
        self.paragraphs = 0  # a serial for each paragraph: the key of a box that starts there

    def box(self, key: object) -> int:
        return self.box_ids.setdefault(key, len(self.box_ids) + 1)

    def of(
        self,
        paragraph: Paragraph,
        runs: list[_Run],
        cell: tuple[int, int, int] | None,
        cell_shade: str,
        cell_key: object,
    ) -> Layout:
        self.paragraphs += 1
        ppr = paragraph._p.pPr
        written = [run for run in runs if run.text.strip()]
        style_italic = self.styles.value(paragraph, "italic", lambda st: st.font.italic)
        italic = bool(written) and all(
            run.italic if run.italic is not None else bool(style_italic) for run in written
        )
        style_size = self.styles.value(paragraph, "size", lambda st: st.font.size)
        sizes = [run.size or style_size for run in written]
        size = round(sizes[0].pt, 1) if sizes and sizes[0] is not None else 0.0
        for run in written:
            run_size = run.size or style_size
            if run_size is not None:
                self.sizes[round(run_size.pt * 2) / 2] += len(run.text)
        fmt = paragraph.paragraph_format
        indent = (fmt.left_indent.pt if fmt.left_indent is not None else 0.0) + (
            fmt.first_line_indent.pt
            if fmt.first_line_indent is not None and fmt.first_line_indent.pt < 0
            else 0.0
        )
        shade = shading_fill(ppr) or cell_shade
        border = _borders(ppr)
        if cell_key is not None:
            box = self.box(cell_key)
            self.last_border = None
        elif border:
            # the box continues while the next paragraph has the same borders
            if self.last_border is None or self.last_border[0] != border:
                self.last_border = (border, self.box(("border", self.paragraphs)))
            box = self.last_border[1]
        elif shade:
            if self.last_border is None or self.last_border[0] != f"shade{shade}":
                self.last_border = (f"shade{shade}", self.box(("shade", self.paragraphs)))
            box = self.last_border[1]
        else:
            self.last_border = None
            box = 0
        alignment = (
            fmt.alignment
            if fmt.alignment is not None
            else self.styles.value(paragraph, "alignment", lambda st: st.paragraph_format.alignment)
        )
        align = {2: "right", 1: "centre"}.get(int(alignment) if alignment is not None else 0, "")
        return Layout(italic, size, round(indent, 1), shade, box, cell, align)
