"""What the letter says, independent of the output format (shared by the PDF and DOCX writers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import ContactRecord, LetterDetail, ResponseRecord


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]


def imported_notice(letter: LetterDetail) -> str:
    """What heads a letter imported from past correspondence when it is printed: this is a record of
    what was read, not the letter as it was sent (that is the source document)."""
    source = f"“{letter.source_filename}”" if letter.source_filename else "pasted text"
    return (
        f"IMPORTED — a record of a past letter, read from {source} when it was imported; not the letter "
        "as sent. Only what the document gave is printed."
    )


def date_line(letter: LetterDetail) -> str:
    if letter.letter_date:
        return long_date(letter.letter_date)
    return "No date was found in the imported letter." if letter.imported else "[Date]"


def reference_line(letter: LetterDetail) -> str:
    """'Our ref: …' — for an imported letter the reference is the record's, not one the letter bore."""
    if not letter.reference.strip():
        return ""
    return f"Recorded as {letter.reference}" if letter.imported else f"Our ref: {letter.reference}"


def closing(letter: LetterDetail) -> str:
    """The sign-off; an imported letter's was not recorded, so none is made up ('' then)."""
    return "" if letter.imported else letter.closing or "Yours sincerely,"


def salutation(letter: LetterDetail) -> str:
    if letter.salutation.strip():
        return letter.salutation.strip()
    if letter.imported:
        return ""  # never "Dear Sir or Madam," on a letter someone else wrote
    if letter.recipient is not None and letter.recipient.greeting_name:
        return f"Dear {letter.recipient.greeting_name},"
    return "Dear Sir or Madam,"


def sender_lines(
    sender: ContactRecord | None, default_address: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """(bold lines: name and job title, plain lines: organisation/address and email). A sender
    with no address of their own gets `default_address` (the letterhead's address block)."""
    if sender is None:
        return [], []
    bold = [x for x in (sender.full_name, sender.job_title) if x.strip()]
    plain = list(sender.address_lines) or list(default_address)
    org = sender.organisation.strip()
    if org and org.lower() not in (line.lower() for line in plain):
        plain.insert(0, org)
    if sender.email.strip():
        plain.append(sender.email.strip())
    return bold, plain


def recipient_lines(recipient: ContactRecord | None) -> list[str]:
    """Name with post-nominals, job title, organisation, address (the organisation once)."""
    if recipient is None:
        return []
    lines = [recipient.full_name, recipient.job_title, recipient.organisation]
    org = recipient.organisation.strip().lower()
    lines += [x for x in recipient.address_lines if x.lower() != org]
    return [x for x in lines if x.strip()]


def recommendation_paragraphs(response: ResponseRecord) -> list[str]:
    """The recommendation as the report labels it: 'Recommendation 3 - …', then its other paragraphs."""
    rec = response.recommendation
    paras = rec.paragraphs or [""]
    first = f"Recommendation {rec.label} - {paras[0]}".rstrip(" -")
    return [first, *paras[1:]]


def annex_intro(letter: LetterDetail) -> str:
    """Which letter an annex printed on its own belongs to."""
    text = "To the letter"
    if letter.letter_date:
        text += f" of {long_date(letter.letter_date)}"
    if letter.sender is not None:
        who = ", ".join(x for x in (letter.sender.full_name, letter.sender.organisation) if x)
        text += f" from {who}"
    if letter.recipient is not None:
        text += f" to {letter.recipient.full_name}"
    return f"{text} (our reference {letter.reference})."


def document_metadata(letter: LetterDetail, *, annex_only: bool = False) -> Metadata:
    reports = letter.report_references
    title = letter.subject.strip() or f"Response letter {letter.reference}"
    if annex_only:
        title = f"Annex to letter {letter.reference}"
    author = ""
    if letter.sender is not None:
        author = ", ".join(x for x in (letter.sender.full_name, letter.sender.organisation) if x)
    subject = f"Letter {letter.reference}"
    if reports:
        subject += f": response to {', '.join(reports)}"
    return Metadata(title, author, subject, (letter.reference, *reports))
