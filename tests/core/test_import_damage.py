"""Nothing is damaged silently on import: text in the wrong encoding, control and direction
characters, lists past 999 items and a title straight above the first item are either read right or
named in a warning (issue 14, item 6)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from correspondence_desk.cli import main
from correspondence_desk.core.importing import extract, extract_text, propose

CAFE = (
    "Recommendation 1 - The café on the pier should open on Sundays.\n\n"
    "Recommendation 2 - The Authority should publish the fares in £ and €.\n\n"
)


def _texts(doc) -> str:
    return "\n".join(b.text for b in doc.blocks)


# --- encodings -----------------------------------------------------------------------------------


def test_one_bad_byte_keeps_the_rest_utf8_and_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(CAFE.encode() + b"Recommendation 3 - The Mayor should act \xff now.\n")
    doc = extract(path)
    text = _texts(doc)
    assert "café" in text and "£ and €" in text and "cafÃ©" not in text
    assert "act \ufffd now" in text
    [warning] = doc.warnings
    assert "not valid UTF-8" in warning and "line 5" in warning and "report.txt" in warning
    proposal = propose(doc)
    assert [r.number for r in proposal.recommendations] == ["1", "2", "3"]
    assert proposal.warnings[0] == warning


def test_an_old_windows_file_is_read_as_windows_1252_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(CAFE.encode("cp1252", errors="replace"))
    doc = extract(path)
    assert "café" in _texts(doc) and "£ and €" in _texts(doc)
    assert any("Windows-1252" in w for w in doc.warnings)


def test_a_windows_file_with_one_chance_utf8_pair_is_still_windows_1252(tmp_path: Path) -> None:
    # "Â£" in Windows-1252 is the UTF-8 for "£"; the lone accented letters around it are not UTF-8
    path = tmp_path / "old.txt"
    path.write_bytes("Recommendation 1 - The café, the crêpe stall and the naïve Â£ sign.\n".encode("cp1252"))
    doc = extract(path)
    assert doc.blocks[0].text == "Recommendation 1 - The café, the crêpe stall and the naïve Â£ sign."
    assert any("Windows-1252" in w for w in doc.warnings)


def test_utf8_with_two_bad_bytes_next_to_one_good_letter_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    path.write_bytes("Recommendation 1 - The café should open.\n".encode() + b"Then \xff\xfe.\n")
    doc = extract(path)
    assert "café" in _texts(doc) and "Then \ufffd\ufffd." in _texts(doc)
    assert "2 byte sequences could not be read" in doc.warnings[0]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_files_with_or_without_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "report.txt"
    data = CAFE.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # no BOM: told by its zero bytes
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    path.write_bytes(data)
    doc = extract(path)
    assert _texts(doc).startswith("Recommendation 1 - The café on the pier")
    assert "£ and €" in _texts(doc) and doc.warnings == ()
    assert [r.number for r in propose(doc).recommendations] == ["1", "2"]


def test_standard_input_gets_the_same_decoding_and_warning(capsys, tmp_path, monkeypatch) -> None:
    import io
    import json

    data = CAFE.encode() + b"Recommendation 3 - The Mayor should act \xff now.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(["--db", str(tmp_path / "x.sqlite3"), "import-report", "-", "--dry-run", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["recommendations"][0]["text"] == "The café on the pier should open on Sundays."
    assert any("standard input is not valid UTF-8 in line 5" in w for w in out["warnings"])


# --- control and direction characters ------------------------------------------------------------


def test_a_right_to_left_override_does_not_hide_a_label() -> None:
    doc = extract_text(
        "Recommendation 1 - The Mayor should act.\n\n"
        "\u202eRecommendation 2 - The Council should publish the plan.\n\n"
        "\u2067Recommendation 3 - The Authority should\u2069 report."
    )
    proposal = propose(doc)
    assert [r.number for r in proposal.recommendations] == ["1", "2", "3"]
    assert proposal.recommendations[1].text == "The Council should publish the plan."
    assert all(not set(r.text) & set("\u202e\u2067\u2069") for r in proposal.recommendations)
    [warning] = proposal.warnings
    assert "3 invisible direction-changing characters" in warning and "lines 3, 5" in warning


def test_control_characters_are_removed_with_a_warning_naming_the_line() -> None:
    doc = extract_text(
        "Recommendation 1 - The Mayor\x07 should\x1b act.\n\nRecommendation 2 - The\x7f Council should."
    )
    proposal = propose(doc)
    texts = [r.text for r in proposal.recommendations]
    assert texts == ["The Mayor should act.", "The Council should."]
    assert all(ch.isprintable() for t in texts for ch in t)
    assert any("3 control characters" in w and "lines 1, 3" in w for w in proposal.warnings)


def test_word_manual_line_breaks_pasted_as_vertical_tabs_are_line_breaks() -> None:
    doc = extract_text("Recommendation 1 - The Mayor should\x0bact.")
    assert doc.blocks[0].text == "Recommendation 1 - The Mayor should\nact." and doc.warnings == ()


def test_a_word_document_with_direction_characters(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("\u202eRecommendation 1 - The Mayor should act.")
    document.add_paragraph("Recommendation 2 - The Council should \u200fpublish it.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    proposal = propose(extract(path))
    assert [r.text for r in proposal.recommendations] == [
        "The Mayor should act.",
        "The Council should publish it.",
    ]
    assert "2 invisible direction-changing characters" in proposal.warnings[0]
    assert "the paragraph “Recommendation 1 - The Mayor should…”" in proposal.warnings[0]


def test_nothing_unwanted_is_stored_even_if_typed_into_the_review(services) -> None:
    proposal = propose(extract_text("Recommendation 1 - The Mayor should act."))
    from dataclasses import replace

    typed = replace(proposal.recommendations[0], text="The Mayor\x1b[31m should\u202e act.")
    result = services.importing.save(
        replace(proposal, recommendations=(typed,)), title="Piers\x07", committee="Transport\u202e"
    )
    assert result.report.title == "Piers"
    assert result.report.recommendations[0].text == "The Mayor[31m should act."


# --- long lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["Recommendation {n} - {text}", "{n}. {text}", "R{n}: {text}"])
def test_more_than_999_recommendations_are_all_kept(form: str) -> None:
    count = 1_203
    text = "\n\n".join(
        form.format(n=n, text=f"The Authority should publish delivery plan {n} for the network.")
        for n in range(1, count + 1)
    )
    recs = propose(extract_text(text)).recommendations
    prefix = "R" if form.startswith("R{") else ""
    assert [r.number for r in recs] == [f"{prefix}{n}" for n in range(1, count + 1)]
    assert recs[998].text == "The Authority should publish delivery plan 999 for the network."
    assert recs[-1].text == f"The Authority should publish delivery plan {count} for the network."


def test_a_year_at_the_start_of_a_paragraph_is_no_item() -> None:
    text = "\n\n".join(
        [
            "1. The Authority should publish a plan for the piers.",
            "2. The Mayor should fund the plan.",
            "2026. The Committee will look again at the piers and the plan it asked for.",
            "3. London Councils should agree a common approach.",
        ]
    )
    recs = propose(extract_text(text)).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]  # the year is read as text, not item 2026


def test_lettered_numbers_follow_on() -> None:
    # the numbering check once subtracted "b" from "a" and the whole parse gave up
    proposal = propose(
        extract_text(
            "1a. The Mayor should publish the plan.\n\n1b. The Council should fund the plan.\n\n"
            "1c. The Authority should report on it."
        )
    )
    assert [r.number for r in proposal.recommendations] == ["1a", "1b", "1c"]
    assert proposal.warnings == ()


def test_one_very_long_item_is_named_in_a_warning() -> None:
    long = " ".join(["The Authority should publish the plan, and it should report on it."] * 400)
    proposal = propose(extract_text(f"Recommendation 1 - {long}\n\nRecommendation 2 - The Mayor should act."))
    assert any("Recommendation 1 is very long" in w for w in proposal.warnings)


# --- a title straight above the first item --------------------------------------------------------


RECS = [
    "Recommendation 1 - The Mayor should publish a plan for the river piers by 2027.",
    "Recommendation 2 - The Authority should fund the new piers and report every year on progress.",
    "Recommendation 3 - London Councils should agree a common approach to pier charging.",
]


def test_a_bold_title_straight_before_a_bold_first_recommendation_in_a_pdf(tmp_path: Path) -> None:
    tight = ParagraphStyle("Tight", fontName="Helvetica-Bold", fontSize=10, leading=12, spaceBefore=0)
    path = tmp_path / "report.pdf"
    story = [Paragraph("Better river services for passengers", tight)] + [Paragraph(r, tight) for r in RECS]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    recs = propose(extract(path)).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == RECS[0].split(" - ", 1)[1]


def test_the_same_in_pasted_text() -> None:
    recs = propose(extract_text("**Better river services\n" + "\n".join(RECS) + "**")).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == RECS[0].split(" - ", 1)[1]


def test_a_label_in_running_text_still_does_not_open_an_item() -> None:
    recs = propose(
        extract_text(
            "Recommendation 1 - The Mayor should act, as set out in\n"
            "Recommendation 4 of our last report, within a year.\n\n"
            "Recommendation 2 - The Council should publish the plan."
        )
    ).recommendations
    assert [r.number for r in recs] == ["1", "2"]
