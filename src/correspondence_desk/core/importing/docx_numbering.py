"""Word list numbers: Word computes them when it draws the page, so they are not in the text; they
are counted here per list and level from the document's numbering part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from correspondence_desk.core.importing.docx_styles import Styles, W

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _marker(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return f"{chr(ord('a') + (n - 1) % 26)}."
    if fmt == "upperLetter":
        return f"{chr(ord('A') + (n - 1) % 26)}."
    if fmt == "lowerRoman":
        return f"{_roman(n)}."
    return f"{n}."


def _val(node: Any, tag: str, default: str) -> str:
    child = node.find(f"{W}{tag}")
    return str(child.get(f"{W}val", default)) if child is not None else default


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 1


def _style_num_pr(style: Any) -> tuple[str, int] | None:
    ppr = style.element.pPr
    return _num_of(ppr)


def _num_of(ppr: Any) -> tuple[str, int] | None:
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(level)
    return None


class Numbering:
    """Counts list items per list and level, the way Word numbers them on the page (formats and
    start values from the numbering part, including a list's "start at" override)."""

    def __init__(self, document: Document, styles: Styles) -> None:
        self.styles = styles
        self.levels: dict[tuple[str, int], tuple[str, int]] = {}  # (numId, level) → (format, start)
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return
        abstract: dict[str | None, dict[int, tuple[str, int]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            abstract[node.get(f"{W}abstractNumId")] = {
                _int(lvl.get(f"{W}ilvl", "0")): (
                    _val(lvl, "numFmt", "decimal"),
                    _int(_val(lvl, "start", "1")),
                )
                for lvl in node.findall(f"{W}lvl")
            }
        for num in root.findall(f"{W}num"):
            num_id = str(num.get(f"{W}numId"))
            levels = dict(abstract.get(_val(num, "abstractNumId", ""), {}))
            for override in num.findall(f"{W}lvlOverride"):
                level = _int(override.get(f"{W}ilvl", "0"))
                fmt, _start = levels.get(level, ("decimal", 1))
                levels[level] = (fmt, _int(_val(override, "startOverride", str(_start))))
            for level, value in levels.items():
                self.levels[(num_id, level)] = value

    def prefix(self, paragraph: Paragraph) -> str:
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or not 0 <= level < 9:
            return ""
        fmt, start = self.levels.get((num_id, level), ("decimal", 1))
        if fmt in ("bullet", "none"):
            return "• " if fmt == "bullet" else ""
        counts = self.counters.setdefault(num_id, [None] * 9)
        current = counts[level]
        counts[level] = start if current is None else current + 1
        for deeper in range(level + 1, 9):
            counts[deeper] = None  # a deeper list starts again under each new item
        return _marker(fmt, counts[level] or 1) + " "

    def _num_pr(self, paragraph: Paragraph) -> tuple[str | None, int]:
        """The list a paragraph belongs to, from the paragraph itself or its style chain."""
        own = _num_of(paragraph._p.pPr)
        found = own or self.styles.value(paragraph, "numPr", _style_num_pr)
        return found if found is not None else (None, 0)
