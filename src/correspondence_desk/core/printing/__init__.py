"""Printing a response letter and its annex: PDF (ReportLab) and DOCX (python-docx).

Pure functions of a `records.LetterDetail`; no Qt, no database. Each writer is imported on first
use, so a command that only needs one of them does not pay for the other's start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from correspondence_desk.core.printing import quick_start

if TYPE_CHECKING:
    from correspondence_desk.core.printing.letterhead import Letterhead
    from correspondence_desk.core.records import LetterDetail

__all__ = ["render_letter_docx", "render_letter_pdf"]

quick_start.install()  # before any printing module imports ReportLab


def render_letter_pdf(
    letter: LetterDetail,
    *,
    annex_only: bool = False,
    annex_layout: str | None = None,
    logo: bytes | None = None,
    letterhead: Letterhead | None = None,
) -> bytes:
    """The letter (or its annex alone) as PDF bytes, tagged (PDF/UA-1) and archival (PDF/A-2b);
    the same letter always gives the same bytes.

    annex_layout: "list" or "table"; None uses the letter's own choice. letterhead: the office's
    name, logo and footer line (see printing.letterhead); None prints without one. logo: PNG/JPEG
    bytes drawn at the top left of the first page as decoration (when there is no letterhead)."""
    from correspondence_desk.core.printing.pdf import render_letter_pdf as render

    return render(letter, annex_only=annex_only, annex_layout=annex_layout, logo=logo, letterhead=letterhead)


def render_letter_docx(
    letter: LetterDetail,
    *,
    annex_only: bool = False,
    annex_layout: str | None = None,
    letterhead: Letterhead | None = None,
) -> bytes:
    """The letter (or its annex alone) as an editable Word document, with real Word styles."""
    from correspondence_desk.core.printing.word import render_letter_docx as render

    return render(letter, annex_only=annex_only, annex_layout=annex_layout, letterhead=letterhead)
