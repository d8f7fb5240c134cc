"""The progress update letter: under each recommendation its position, the latest update since the
letter's date and the target date (with why it moved), read back from the PDF and the Word document;
the date the letter reports from, and an issued update letter reprinted as issued."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from contextlib import closing

import docx
import pdfplumber
import pytest
from alembic import command
from sqlalchemy import create_engine

from correspondence_desk.core.clearance import snapshot, snapshot_text, text_diff
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.migrate import alembic_config
from correspondence_desk.core.printing import house_style as hs
from correspondence_desk.core.records import LetterKind, Progress

ISSUED = dt.date(2026, 11, 12)  # the demo's response letter


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return words("\n".join(page.extract_text() or "" for page in doc.pages))


def bold_words(pdf: bytes) -> set[str]:
    """Every word printed wholly in the bold face."""
    found = set()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for word in page.extract_words(extra_attrs=["fontname"]):
                if word["fontname"].endswith("Bold"):
                    found.add(word["text"])
    return found


def docx_paragraphs(data: bytes) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(io.BytesIO(data)).paragraphs)


@pytest.fixture
def history(services, demo):
    """The response issued on 12 November 2026; updates before and after it."""
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    first, _second, third, _fourth, fifth = demo.report.recommendations[:5]
    record = services.updates.record
    record(
        first.id,
        progress=Progress.AMBER,
        text="Survey begun.",
        target_date=dt.date(2027, 3, 31),
        update_date=dt.date(2026, 11, 2),
    )
    record(first.id, progress=Progress.AMBER, text="Fieldwork under way.", update_date=dt.date(2026, 11, 20))
    record(
        first.id,
        progress=Progress.GREEN,
        text="Map drafted.\n\nBoroughs consulted on the draft.",
        target_date=dt.date(2027, 9, 30),
        reason="a second survey was needed",
        update_date=dt.date(2026, 11, 25),
    )
    record(
        third.id,
        progress=Progress.COMPLETE,
        text="The last buses were retrofitted.",
        owner="Fleet team",
        update_date=dt.date(2026, 11, 22),
    )
    record(fifth.id, progress=Progress.AMBER, text="Displays ordered.", update_date=dt.date(2026, 11, 5))
    return demo


def test_the_update_letter_prints_position_latest_update_since_and_revised_target(services, history):
    letter = services.composing.new_letter(history.report.id, kind=LetterKind.PROGRESS_UPDATE)
    assert letter.updates_since == ISSUED  # the last letter issued about the report
    assert [r.recommendation.label for r in letter.responses] == ["1", "3", "5", "7", "8"]
    pdf = services.prints.pdf(letter)
    text = pdf_text(pdf)

    assert "the latest progress update since 12 November 2026 and its target date" in text
    one = text[text.index("Recommendation 1 - ") : text.index("Recommendation 3 - ")]
    assert "Position: Accepted " in one
    assert "Update of 25 November 2026: Green (given by Network Strategy) Map drafted." in one
    assert "Boroughs consulted on the draft." in one
    assert "Survey begun" not in one and "Fieldwork" not in one  # only the latest since the date
    assert (
        "Target date: 30 September 2027 (revised from 31 March 2027 because a second survey was needed)"
        in one
    )
    three = text[text.index("Recommendation 3 - ") : text.index("Recommendation 5 - ")]
    assert "Position: Accepted in part" in three
    assert (
        "Update of 22 November 2026: Complete (completed on 22 November 2026; given by Fleet team) "
        "The last buses were retrofitted."
    ) in three
    five = text[text.index("Recommendation 5 - ") : text.index("Recommendation 7 - ")]
    assert "Update: none since 12 November 2026; progress last recorded as Amber" in five
    assert "Displays ordered" not in five  # given before the date
    # the house annex format: the recommendation in bold, the labels in bold, the text regular
    bold = bold_words(pdf)
    assert {"Recommendation", "Position:", "Update", "Target", "date:"} <= bold
    assert "drafted." not in bold and "Accepted" not in bold

    paras = docx_paragraphs(services.prints.docx(letter))
    texts = [p.text for p in paras]
    assert "Position: Accepted" in texts
    update = next(p for p in paras if p.text.startswith("Update of 25 November 2026"))
    assert update.text == "Update of 25 November 2026: Green (given by Network Strategy)"
    assert update.runs[0].bold and not update.runs[1].bold
    assert texts[texts.index(update.text) + 1] == "Map drafted."
    assert (
        "Target date: 30 September 2027 (revised from 31 March 2027 because a second survey was needed)"
        in texts
    )
    assert "Update: none since 12 November 2026; progress last recorded as Amber" in texts


def test_the_table_annex_has_a_progress_column(services, history):
    letter = services.composing.new_letter(history.report.id, kind=LetterKind.PROGRESS_UPDATE)
    pdf = services.prints.pdf(letter, annex_layout="table")
    assert "Recommendation Position Progress" in pdf_text(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:  # the third column alone (its lines interleave)
        left = hs.LEFT_MARGIN + hs.TEXT_WIDTH * 0.6
        column = words(" ".join(p.crop((left, 0, p.width, p.height)).extract_text() for p in doc.pages[1:]))
    assert "Update of 25 November 2026: Green (given by Network Strategy) Map drafted." in column
    assert "Target date: 30 September 2027 (revised from 31 March 2027 because a second survey" in column

    table = docx.Document(io.BytesIO(services.prints.docx(letter, annex_layout="table"))).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Recommendation", "Position", "Progress"]
    first = [c.text for c in table.rows[1].cells]
    assert first[1] == "Accepted"
    assert first[2].startswith("Update of 25 November 2026: Green (given by Network Strategy)\nMap drafted.")
    assert "Target date: 30 September 2027 (revised from 31 March 2027" in first[2]


def test_the_date_it_reports_from_is_chosen_and_kept(services, history):
    letter = services.composing.new_letter(
        history.report.id, kind=LetterKind.PROGRESS_UPDATE, since=dt.date(2026, 11, 1)
    )
    assert letter.updates_since == dt.date(2026, 11, 1)
    text = pdf_text(services.prints.pdf(letter))
    five = text[text.index("Recommendation 5 - ") : text.index("Recommendation 7 - ")]
    assert "Update of 5 November 2026: Amber (given by" in five and "Displays ordered." in five

    later = services.letters.update(letter.id, updates_since=dt.date(2026, 11, 26))
    assert services.letters.get(letter.id).updates_since == dt.date(2026, 11, 26)
    one = pdf_text(services.prints.pdf(later))
    one = one[one.index("Recommendation 1 - ") : one.index("Recommendation 3 - ")]
    assert "Update: none since 26 November 2026; progress last recorded as Green" in one
    assert "Target date: 30 September 2027 " in one and "revised" not in one  # it moved before the date
    with pytest.raises(ValidationError, match="must be a date"):
        services.letters.update(letter.id, updates_since="last spring")
    # a new version reports from the same date; other kinds have none
    assert services.letters.new_version(letter.id).updates_since == dt.date(2026, 11, 26)
    final = services.composing.new_letter(history.report.id, kind=LetterKind.FINAL)
    assert final.updates_since is None and "progress update" not in pdf_text(services.prints.pdf(final))


def test_with_no_letter_issued_it_reports_since_the_response_was_due(services, demo):
    assert services.letters.default_since(demo.report.id) == demo.report.response_due
    letter = services.composing.new_letter(demo.report.id, kind=LetterKind.PROGRESS_UPDATE)
    assert letter.updates_since == dt.date(2026, 11, 15)
    assert "Update: none since 15 November 2026" in pdf_text(services.prints.pdf(letter))


def test_an_issued_update_letter_reprints_as_it_was_issued(services, history):
    letter = services.composing.new_letter(history.report.id, kind=LetterKind.PROGRESS_UPDATE)
    issued = services.prints.issue(letter.id)
    stored = services.prints.issued_pdf(issued)
    assert "Update of 25 November 2026: Green" in pdf_text(stored)
    first = history.report.recommendations[0]
    services.updates.record(first.id, progress=Progress.RED, text="The contractor withdrew.")

    again = services.letters.get(letter.id)
    assert services.prints.pdf(again) == stored  # the stored bytes
    for reprint in (
        pdf_text(services.prints.pdf(again, annex_only=True)),
        pdf_text(services.prints.pdf(again, annex_layout="table")),
        words("\n".join(p.text for p in docx_paragraphs(services.prints.docx(again)))),
    ):
        assert "Update of 25 November 2026: Green" in reprint
        assert "contractor withdrew" not in reprint  # recorded after it was issued


def test_what_a_clearer_sees_includes_the_progress_it_reports(services, history):
    letter = services.composing.new_letter(history.report.id, kind=LetterKind.PROGRESS_UPDATE)
    lines = snapshot_text(snapshot(letter))
    assert "Progress updates since: 2026-11-12" in lines
    assert "Update of 25 November 2026: Green (given by Network Strategy)" in lines
    later = services.letters.update(letter.id, updates_since=dt.date(2026, 11, 26))
    diff = text_diff(snapshot(letter), snapshot(later))
    assert "+Progress updates since: 2026-11-26" in diff
    assert "+Update: none since 26 November 2026; progress last recorded as Green" in diff


def test_migration_0009_adds_the_date_and_keeps_the_letters_triggers(tmp_path) -> None:
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

    to("0008")
    _, triggers_before = letters()
    to("0009")
    columns, triggers = letters()
    assert "updates_since" in columns and triggers == triggers_before and triggers
    to("0008", down=True)
    columns, triggers = letters()
    assert "updates_since" not in columns and triggers == triggers_before
    engine.dispose()
