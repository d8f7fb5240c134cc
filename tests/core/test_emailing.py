"""E-mailing an issued letter: the draft carries its issued PDF, and the letter records when and to
whom it was put in an e-mail (an audit event, on both engines)."""

from __future__ import annotations

import email
from email import policy

import pytest

from correspondence_desk.core.errors import ValidationError


def test_only_an_issued_letter_can_be_emailed(services, demo):
    with pytest.raises(ValidationError, match="issue it first"):
        services.emailing.draft(services.letters.get(demo.letter.id))


def test_the_draft_attaches_the_issued_bytes_and_the_sending_is_recorded(services, demo):
    services.contacts.update(demo.letter.recipient.id, email="chair@example.org")
    issued = services.prints.issue(demo.letter.id)
    draft = services.emailing.draft(issued)
    message = email.message_from_bytes(draft.message, policy=policy.default)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == services.letters.issued_pdf(demo.letter.id)
    assert services.emailing.sent(demo.letter.id) == []

    sent = services.emailing.record_sent(demo.letter.id, draft)
    assert sent.to == draft.to and "chair@example.org" in sent.to[0]
    assert sent.by  # the OS login that did it
    assert services.emailing.sent(demo.letter.id) == [sent]
    (event,) = [e for e in services.audit.history("letter", demo.letter.id) if e.action == "email"]
    assert event.changes["attachment"] == draft.filename
