"""What a Word paragraph inherits from its style, looked up once per style along the style's "based
on" chain (python-docx resolves a paragraph's style by scanning every style of the document each
time), and the WordprocessingML namespace the docx modules read the XML with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLE_DEPTH = 30  # a style "based on" itself (or a loop of them) must not hang the import


class Styles:
    """What each paragraph style gives its paragraphs (name, bold, italic, size, alignment, list),
    worked out once per style id along its "based on" chain."""

    def __init__(self) -> None:
        self._styles: dict[str | None, Any] = {}
        self._values: dict[tuple[str | None, str], Any] = {}
        self._last: tuple[object, str | None] = (None, None)

    def _style(self, paragraph: Paragraph) -> tuple[str | None, Any]:
        if self._last[0] is paragraph:  # asked several times for each paragraph
            sid = self._last[1]
        else:
            sid = paragraph._p.style
            self._last = (paragraph, sid)
        if sid not in self._styles:
            self._styles[sid] = paragraph.style
        return sid, self._styles[sid]

    def value(self, paragraph: Paragraph, name: str, get: Callable[[Any], Any]) -> Any:
        """The first value `get` finds along the paragraph style's chain (None: none sets it)."""
        sid, style = self._style(paragraph)
        key = (sid, name)
        if key not in self._values:
            self._values[key] = next((v for s in _chain(style) if (v := get(s)) is not None), None)
        return self._values[key]

    def name(self, paragraph: Paragraph) -> str:
        """The paragraph style's own name ("Heading 2", "List Number"), "" when it has none."""
        sid, style = self._style(paragraph)
        key = (sid, "name")
        if key not in self._values:
            self._values[key] = (style.name if style is not None else "") or ""
        return str(self._values[key])


def _chain(style: Any) -> list[Any]:
    out: list[Any] = []
    seen: set[int] = set()
    while style is not None and len(out) < _STYLE_DEPTH and id(style.element) not in seen:
        seen.add(id(style.element))
        out.append(style)
        style = style.base_style
    return out
