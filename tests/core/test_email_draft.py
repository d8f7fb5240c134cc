"""The e-mail draft of an issued letter: addressed, attached, and opened by a mail client as a draft."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
from email import policy

from correspondence_desk.core.email_draft import email_draft
from correspondence_desk.core.printing import render_letter_pdf


def test_the_draft_carries_the_issued_pdf_to_the_recipient_and_copies(services, demo):
    services.contacts.update(demo.letter.recipient.id, email="chair@example.org")
    letter = services.letters.get(demo.letter.id)
    copies = "Cllr Elin Tŵr <elin.twr@example.org>\nAssembly Secretariat"
    letter = dataclasses.replace(letter, copy_list=copies)
    pdf = render_letter_pdf(letter)
    draft = email_draft(letter, pdf, now=dt.datetime(2026, 11, 12, 9, 30, tzinfo=dt.UTC))
    message = email.message_from_bytes(draft.message, policy=policy.default)
    assert message["X-Unsent"] == "1"  # Outlook and Thunderbird open it as a draft to send
    assert "chair@example.org" in message["To"]
    assert message["Cc"] == "elin.twr@example.org"
    assert message["Subject"] == letter.subject
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "CTA-TEC-2026-017.pdf"
    assert attachment.get_content() == pdf  # the very bytes, not a re-render
    body = message.get_body(("plain",)).get_content()
    assert "CTA/TEC/2026/017" in body and "12 November 2026" in body and "Assembly Secretariat" in body


def test_a_recipient_without_an_address_leaves_to_empty_for_the_user(services, demo):
    services.contacts.update(demo.letter.recipient.id, email="")
    letter = services.letters.get(demo.letter.id)
    draft = email_draft(letter, b"%PDF-1.7 test")
    message = email.message_from_bytes(draft.message, policy=policy.default)
    assert draft.to == () and message["To"] is None
