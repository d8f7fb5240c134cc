"""An e-mail draft (.eml) carrying an issued letter's PDF, for the user's own mail client to send.

A `mailto:` link cannot attach a file, so the app writes a standard RFC 5322 message with the PDF
attached and `X-Unsent: 1` (Outlook and Thunderbird open such a file as a draft to be sent, not as a
received message), then asks the desktop to open it. Nothing here sends anything: the app opens no
network connection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import LetterDetail
from correspondence_desk.core.text import safe_filename


@dataclass(frozen=True, slots=True)
class EmailDraft:
    to: tuple[str, ...]  # "Name <address>" as written in the headers
    cc: tuple[str, ...]
    subject: str
    filename: str  # the attachment's name
    message: bytes  # the whole .eml file


def _address(name: str, email: str) -> str:
    return formataddr((name, email)) if email else ""


def _copy_addresses(copy_list: list[str]) -> list[str]:
    """The copy list's lines that carry an e-mail address ("Name <a@b>", or a bare address)."""
    found = []
    for line in copy_list:
        for word in line.replace("<", " ").replace(">", " ").replace(",", " ").split():
            if "@" in word and "." in word.split("@")[-1]:
                found.append(word.strip(".;"))
    return found


def email_draft(
    letter: LetterDetail, pdf: bytes, *, sender_email: str = "", now: dt.datetime | None = None
) -> EmailDraft:
    """The draft for `letter`, with `pdf` (the issued bytes) attached."""
    recipient = letter.recipient
    to = [_address(recipient.full_name, recipient.email)] if recipient and recipient.email else []
    cc = _copy_addresses(letter.copy_lines)
    subject = letter.subject or f"Our letter {letter.reference}"
    filename = f"{safe_filename(letter.reference)}.pdf"
    greeting = letter.salutation or "Dear colleague,"
    dated = f" dated {long_date(letter.letter_date)}" if letter.letter_date else ""
    body = (
        f"{greeting}\n\nPlease find attached our letter {letter.reference}{dated}"
        f"{f', {subject}' if letter.subject else ''}.\n\n"
        f"{letter.closing}\n{letter.sender.name if letter.sender else ''}\n"
    )
    if letter.copy_lines:
        body += "\nCopied to:\n" + "\n".join(f"  {line}" for line in letter.copy_lines) + "\n"
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = subject
    if to:
        msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    sender = letter.sender
    if sender and (sender.email or sender_email):
        msg["From"] = _address(sender.full_name, sender.email or sender_email)
    msg["Date"] = format_datetime((now or dt.datetime.now(dt.UTC)).astimezone())
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return EmailDraft(tuple(to), tuple(cc), subject, filename, msg.as_bytes())
