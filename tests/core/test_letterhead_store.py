"""The office's letterhead as stored: set once per database, validated, audited, used by every print,
new letters' references and markings; and issued letters reprinted as they were issued."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdf
import pytest
from docx import Document

from correspondence_desk.core.errors import ConflictError, StorageError, ValidationError
from correspondence_desk.core.printing import render_letter_pdf
from correspondence_desk.core.printing.letterhead import Letterhead
from correspondence_desk.core.printing.samples import sample_letterhead
from correspondence_desk.core.records import Marking
from correspondence_desk.core.references import initials, next_reference

YEAR = dt.date.today().year


def text_of(pdf: bytes) -> str:
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    )


def test_saved_once_read_by_everyone_and_audited_without_the_logo_bytes(services):
    assert services.letterhead.get() is None
    saved = services.letterhead.save(sample_letterhead(), short_name="CTA")
    again = services.letterhead.get()
    assert again == saved and again.letterhead.logo == sample_letterhead().logo
    (event,) = [e for e in services.audit.list() if e.entity == "letterhead"]
    assert event.action == "create" and "sha256:" in event.changes["logo"]
    assert all(not isinstance(v, bytes) for v in event.changes.values())


def test_a_letterhead_that_cannot_print_or_cannot_be_unique_is_refused(services):
    with pytest.raises(ValidationError, match="add \\{seq\\}"):
        services.letterhead.save(Letterhead("Capital Transport Authority", reference_pattern="{org}/{year}"))
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        services.letterhead.save(Letterhead("CTA", logo=b"GIF89a....", logo_media_type="image/gif"))
    with pytest.raises(ValidationError, match="short name"):
        services.letterhead.save(Letterhead("CTA"), short_name="C/T/A")
    assert services.letterhead.get() is None  # nothing half-saved


def test_a_colleagues_change_is_not_overwritten(services):
    first = services.letterhead.save(Letterhead("Capital Transport Authority"))
    services.letterhead.save(
        Letterhead("Capital Transport Authority", footer="020 7946 0000"), version=first.version
    )
    with pytest.raises(ConflictError):
        services.letterhead.save(Letterhead("Someone else"), version=first.version)


def test_new_letters_take_the_pattern_and_marking(services, demo):
    head = dataclasses.replace(sample_letterhead(), marking=Marking.OFFICIAL_SENSITIVE)
    services.letterhead.save(head, short_name="CTA", version=services.letterhead.get().version)
    letter = services.composing.new_letter(demo.report.id)
    assert letter.reference == f"CTA/TEC/{YEAR}/{'018' if YEAR == 2026 else '001'}"
    assert letter.marking == Marking.OFFICIAL_SENSITIVE
    following = services.composing.new_letter(demo.report.id)
    assert following.reference.endswith(f"{int(letter.reference[-3:]) + 1:03}")


def test_references_without_a_letterhead_and_with_empty_fields():
    assert (
        next_reference("L-{year}-{seq:03}", ["L-2027-004"], org="", committee="", year=2027) == "L-2027-005"
    )
    pattern = "{org}/{committee}/{year}/{seq:03}"
    assert next_reference(pattern, [], org="CTA", committee="", year=2027) == "CTA/2027/001"
    assert initials("Transport and Environment Committee") == "TEC" and initials("GLA") == "GLA"


def test_every_print_has_the_letterhead(services, demo):
    pdf = services.prints.pdf(services.letters.get(demo.letter.id))
    assert pdf == render_letter_pdf(demo.letter, letterhead=services.letterhead.printing())
    assert "Capital Transport Authority · 5 Gatehouse Yard" in text_of(pdf)  # the footer line


def test_an_issued_letter_reprints_as_issued_in_every_form(services, demo):
    issued = services.prints.issue(demo.letter.id)
    first = issued.responses[0]
    before = text_of(services.prints.pdf(issued, annex_only=True))
    # afterwards: the recommendation, the recipient and the letterhead change
    services.reports.update_recommendation(first.recommendation.id, text="A text nobody was sent.")
    services.contacts.update(issued.recipient.id, name="Somebody Else")
    services.letterhead.save(Letterhead("A New Name Ltd"), version=services.letterhead.get().version)
    letter = services.letters.get(demo.letter.id)
    annex = text_of(services.prints.pdf(letter, annex_only=True))
    table = text_of(services.prints.pdf(letter, annex_layout="table"))
    word = "\n".join(p.text for p in Document(io.BytesIO(services.prints.docx(letter))).paragraphs)
    assert annex == before
    for form in (annex, table, word):
        assert "A text nobody was sent" not in form and "Somebody Else" not in form
    assert "Capital Transport Authority" in table and "A New Name" not in table
    assert services.prints.pdf(letter) == services.letters.issued_pdf(letter.id)  # the stored bytes
    assert services.prints.reprint_warning(letter) == ""


def test_a_tampered_issued_pdf_is_refused_not_reprinted(services, demo, db_path):
    import sqlite3

    services.prints.issue(demo.letter.id)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE letters SET issued_pdf = ? WHERE id = ?", (b"%PDF-1.7 forged", demo.letter.id))
    conn.close()
    with pytest.raises(StorageError, match="no longer matches the fingerprint"):
        services.prints.pdf(services.letters.get(demo.letter.id))
