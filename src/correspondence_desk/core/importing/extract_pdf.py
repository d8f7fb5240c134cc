"""PDF text (pypdf: BSD licensed, pure Python). Lines are rebuilt from the text pieces pypdf reports
with their positions and fonts, so bold lines (a "-Bold" font name) and paragraph gaps survive."""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block, ExtractedDocument, ImportCancelled

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", ",bd", "-bd")


def is_bold_font(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _BOLD_WORDS)


@dataclass
class _Line:
    y: float | None = None
    size: float = 10.0
    parts: list[str] = field(default_factory=list)
    bold_chars: int = 0
    plain_chars: int = 0

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()


def _page_lines(page) -> list[_Line]:
    lines: list[_Line] = []
    current = _Line()

    def close() -> None:
        nonlocal current
        if current.text:
            lines.append(current)
        current = _Line()

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        if not text:
            return
        y = cm[5] + tm[5] * cm[3] + tm[4] * cm[1]
        size = abs(font_size * tm[3] * cm[3]) or font_size or 10.0
        if current.y is not None and current.text and abs(y - current.y) > size * 0.6:
            close()
        font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        chunks = text.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                close()
            if chunk:
                if current.y is None or not current.text:
                    current.y, current.size = y, size
                current.parts.append(chunk)
                count = len(chunk.strip())
                if is_bold_font(font):
                    current.bold_chars += count
                else:
                    current.plain_chars += count

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _blocks(lines: list[_Line], page_no: int) -> list[Block]:
    """Lines → paragraphs: a gap wider than the usual line spacing, or a change of weight, starts one."""
    steps = Counter(
        round((a.y - b.y) * 2) / 2
        for a, b in itertools.pairwise(lines)
        if a.y is not None and b.y is not None and 0 < a.y - b.y < 3 * a.size
    )
    # the line spacing inside a paragraph: the smallest step that recurs (short paragraphs can make
    # the gap between paragraphs the most common step)
    recurring = [step for step, count in steps.items() if count >= 2]
    leading = min(recurring or steps) if steps else None
    blocks: list[Block] = []
    group: list[_Line] = []

    def flush() -> None:
        if group:
            bold = all(x.bold_chars and not x.plain_chars for x in group)
            blocks.append(Block("\n".join(x.text for x in group), bold=bold, page=page_no))
        group.clear()

    for line in lines:
        if group:
            prev = group[-1]
            gap = (prev.y - line.y) if prev.y is not None and line.y is not None else 0
            line_bold = bool(line.bold_chars and not line.plain_chars)
            prev_bold = bool(prev.bold_chars and not prev.plain_chars)
            wide = leading is None or gap > leading * 1.3 or gap < 0 or gap > 3 * line.size
            if wide or line_bold != prev_bold:
                flush()
        group.append(line)
    flush()
    return blocks


def extract_pdf(
    path: Path,
    filename: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractedDocument:
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files log noisy warnings
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailedError(f"{filename} is protected by a password; save an unprotected copy first.")
        pages = list(reader.pages)
    except ImportFailedError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ImportFailedError(f"{filename} is not a PDF that can be read: it may be damaged.") from exc
    except Exception as exc:  # encryption the installed libraries cannot open, and other oddities
        raise ImportFailedError(f"{filename} could not be read as a PDF ({type(exc).__name__}).") from exc
    blocks: list[Block] = []
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        if cancelled is not None and cancelled():
            raise ImportCancelled("The import was cancelled.")
        try:
            blocks.extend(_blocks(_page_lines(page), number))
        except Exception as exc:  # one damaged page should not lose the rest
            logging.getLogger(__name__).warning("page %s of %s unreadable: %s", number, filename, exc)
        if progress is not None:
            progress(number, total)
    if not any(b.text.strip() for b in blocks):
        raise ImportFailedError(
            f"{filename} has no text layer (it may be a scanned image); open a Word or text version instead."
        )
    return ExtractedDocument(filename=filename, blocks=tuple(blocks), page_count=total)
