"""A past response letter imported from a document keeps its own date, sender, recipient and covering
text (contacts matched or added), keeps the document it came from, and never prints as a letter made
up around it: the document itself where it is a PDF or Word file, else what was read, headed IMPORTED.
Both engines (the `services` fixture)."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from contextlib import closing

from alembic import command
from pypdf import PdfReader
from sqlalchemy import create_engine

from correspondence_desk.core.importing import extract_text, propose
from correspondence_desk.core.importing.review import imported_letter, letter_contact, match_contact
from correspondence_desk.core.migrate import alembic_config
from correspondence_desk.core.printing.letterhead import Letterhead
from correspondence_desk.core.records import ImportedLetter, LetterContact

LETTER = """\
12 June 2026

Councillor Imogen Hale
Chair, Environment Committee
City Hall
London

Dear Imogen,

Thank you for the Environment Committee's report, Cleaner Rivers: the state of the Thames tributaries, \
published on 3 March 2026. Our response to each recommendation is in the annex.

Yours sincerely,

Tomasz Brandt
Deputy Mayor for Environment

Annex

Recommendation 1
The Mayor should publish water quality data for every tributary each month.

Response: Accepted. The first monthly data will be published in September.
"""


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def save_letter(services, header: ImportedLetter | None, source: tuple[str, bytes] | None = None):
    source = source or ("reply.txt", LETTER.encode())
    proposal = propose(extract_text(LETTER), bodies=services.bodies.list())
    return services.importing.save(
        proposal, title="Cleaner Rivers", source=source, with_responses=True, letter=header
    )


def test_the_letter_keeps_its_header_with_the_recipient_matched_and_the_sender_added(services) -> None:
    imogen = services.contacts.create(name="Imogen Hale", organisation="Environment Committee")
    before = len(services.contacts.list())
    proposal = propose(extract_text(LETTER), bodies=services.bodies.list())
    letter = proposal.letter
    assert letter is not None and letter.sender is not None and letter.recipient is not None
    contacts = services.contacts.list()
    assert match_contact(contacts, letter.recipient) == imogen  # "Councillor" is a title, not a name
    assert match_contact(contacts, letter.sender) is None
    header = imported_letter(
        letter,
        letter_contact(letter.sender, None),
        letter_contact(letter.recipient, match_contact(contacts, letter.recipient)),
    )
    saved = services.importing.save(
        proposal,
        title="Cleaner Rivers",
        source=("reply.txt", LETTER.encode()),
        with_responses=True,
        letter=header,
    ).letter
    assert saved is not None and saved.imported
    assert saved.letter_date == dt.date(2026, 6, 12)
    assert saved.recipient is not None and saved.recipient.id == imogen.id
    assert saved.sender is not None and saved.sender.name == "Tomasz Brandt"
    assert saved.sender.job_title == "Deputy Mayor for Environment"
    assert len(services.contacts.list()) == before + 1  # the sender, offered as new and added
    assert saved.salutation == "Dear Imogen,"
    assert saved.body.startswith("Thank you for the Environment Committee's report")
    assert saved.source_filename == "reply.txt" and saved.source_attachment_id is not None
    again = services.letters.get(saved.id)
    assert (again.sender, again.recipient, again.body) == (saved.sender, saved.recipient, saved.body)


def test_printing_an_imported_letter_read_from_text_is_headed_imported_and_invents_nothing(services) -> None:
    saved = save_letter(services, ImportedLetter(sender=LetterContact(name="Tomasz Brandt"))).letter
    text = pdf_text(services.prints.pdf(saved))
    assert "IMPORTED" in text and "not the letter" in text
    assert "No date was found in the imported letter." in text  # none given: none made up
    for invented in ("[Date]", "Dear Sir or Madam", "Yours sincerely", "Our ref"):
        assert invented not in text
    assert "Tomasz Brandt" in text
    assert "IMPORTED" in services.prints.reprint_warning(saved)
    import docx

    document = docx.Document(io.BytesIO(services.prints.docx(saved)))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "IMPORTED" in words and "Dear Sir or Madam" not in words and "[Date]" not in words


def test_an_imported_letter_read_from_a_pdf_prints_as_that_pdf(services) -> None:
    from correspondence_desk.core.printing import render_letter_pdf
    from correspondence_desk.core.records import LetterDetail

    received = render_letter_pdf(
        LetterDetail(1, "THEIRS-1", dt.date(2026, 6, 12), None, None, body="As sent.")
    )
    saved = save_letter(services, ImportedLetter(dt.date(2026, 6, 12)), ("reply.pdf", received)).letter
    assert saved.source_filename == "reply.pdf"
    assert services.prints.pdf(saved) == received  # the document as received, byte for byte
    # the annex alone is not the letter: made from what was read
    assert services.prints.pdf(saved, annex_only=True) != received


def test_without_a_header_the_old_call_still_saves_the_date_it_was_given(services) -> None:
    proposal = propose(extract_text(LETTER), bodies=services.bodies.list())
    saved = services.importing.save(
        proposal, title="Cleaner Rivers", with_responses=True, letter_date=dt.date(2026, 6, 12)
    ).letter
    assert saved is not None and saved.letter_date == dt.date(2026, 6, 12)
    assert saved.sender is None and saved.salutation == "" and saved.source_attachment_id is None
    assert "Dear Sir or Madam" not in pdf_text(services.prints.pdf(saved))


def test_migration_0007_adds_the_source_and_keeps_the_letters_triggers(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()

    def to(revision: str, down: bool = False) -> None:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(cfg, revision)

    def letters() -> tuple[set[str], set[str]]:
        with closing(sqlite3.connect(path)) as conn:
            columns = {row[1] for row in conn.execute("PRAGMA table_info(letters)")}
            triggers = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='letters'"
                )
            }
        return columns, triggers

    to("0006")
    _, triggers_before = letters()
    to("0007")
    columns, triggers = letters()
    assert "source_attachment_id" in columns and triggers == triggers_before and triggers
    to("0006", down=True)
    columns, triggers = letters()
    assert "source_attachment_id" not in columns and triggers == triggers_before
    engine.dispose()


def test_an_imported_letter_takes_the_letterheads_reference_style_as_a_drafted_one(services) -> None:
    services.letterhead.save(Letterhead("Capital Transport Authority"), short_name="CTA")
    proposal = propose(extract_text(LETTER), bodies=services.bodies.list())
    saved = services.importing.save(
        proposal, title="Cleaner Rivers", committee="Environment Committee", with_responses=True
    )
    year = dt.date.today().year
    assert saved.letter is not None and saved.letter.reference == f"CTA/EC/{year}/001"  # not "L-2026-002"
    drafted = services.composing.new_letter(saved.report.id)
    assert drafted.reference == f"CTA/EC/{year}/002"  # one series, the next number


def test_an_imported_letters_own_reference_given_at_import_is_kept(services) -> None:
    services.letterhead.save(Letterhead("Capital Transport Authority"), short_name="CTA")
    proposal = propose(extract_text(LETTER), bodies=services.bodies.list())
    saved = services.importing.save(
        proposal, title="Cleaner Rivers", with_responses=True, letter_reference="DM/ENV/0612"
    )
    assert saved.letter is not None and saved.letter.reference == "DM/ENV/0612"
