"""Reading recommendations out of a report (and responses out of a past letter): pure functions,
no Qt and no database.

`extract(path)` turns a .txt/.md/.docx/.pdf file into an `ExtractedDocument` (blocks of text with
bold, page and style), `extract_text(text)` does the same for pasted text, and `propose(doc)` turns
that into a `Proposal` for the person to review before anything is saved.
"""

from __future__ import annotations

from correspondence_desk.core.importing.addressees import find_addressees
from correspondence_desk.core.importing.deadlines import find_deadline
from correspondence_desk.core.importing.document import Block, ExtractedDocument, ImportCancelled, Layout
from correspondence_desk.core.importing.extract import extract
from correspondence_desk.core.importing.extract_txt import extract_text
from correspondence_desk.core.importing.pipeline import propose
from correspondence_desk.core.importing.proposal import (
    Proposal,
    ProposedAddressee,
    ProposedContact,
    ProposedLetter,
    ProposedRecommendation,
    ProposedReport,
)
from correspondence_desk.core.importing.titles import letter_date, suggest_title

__all__ = [
    "Block",
    "ExtractedDocument",
    "ImportCancelled",
    "Layout",
    "Proposal",
    "ProposedAddressee",
    "ProposedContact",
    "ProposedLetter",
    "ProposedRecommendation",
    "ProposedReport",
    "extract",
    "extract_text",
    "find_addressees",
    "find_deadline",
    "letter_date",
    "propose",
    "suggest_title",
]
