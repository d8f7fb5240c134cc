"""import-report on the command line: the dry-run JSON shape, saving, standard input, bad files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from correspondence_desk.cli import main

REPORT = """# Greener depots

Recommendation 1 - By the end of March 2027, the Capital Transport Authority, in partnership with London \
Councils, should fit solar panels to every bus depot. (Paragraph 3.4)

Recommendation 2 - The Mayor should publish the depots' energy use within six months.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "depots.md"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_dry_run_json_has_exactly_the_documented_shape(capsys, tmp_path: Path, report_file: Path) -> None:
    db = tmp_path / "office.sqlite3"
    assert run(capsys, "--db", str(db), "demo")[0] == 0
    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "import-report",
        str(report_file),
        "--published",
        "15/10/2026",
        "--dry-run",
        "--json",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    # the documented keys first, then what the document says about itself (added, never renamed)
    assert list(data) == ["recommendations", "warnings", "is_response", "report", "new_bodies", "letter"]
    assert data["warnings"] == [] and data["is_response"] is False and data["letter"] is None
    assert data["report"]["title"] == "Greener depots" and data["new_bodies"] == []
    first = data["recommendations"][0]
    assert "Recommendation 1" in first.pop("why") and 0 < first.pop("confidence") <= 1
    assert first == {
        "number": "1",
        "text": "By the end of March 2027, the Capital Transport Authority, in partnership with London "
        "Councils, should fit solar panels to every bus depot.",
        "paragraph_ref": "3.4",
        "addressees": ["Capital Transport Authority", "London Councils"],
        "deadline": "2027-03-31",
        "deadline_phrase": "By the end of March 2027",
        "response": "",
        "position": None,
    }
    assert data["recommendations"][1]["deadline"] == "2027-04-15"
    code, out, _ = run(capsys, "--db", str(db), "reports", "--json")
    assert [r["reference"] for r in json.loads(out)] == ["TEC-2026-04"]  # nothing written


def test_dry_run_does_not_create_a_database(capsys, tmp_path: Path, report_file: Path) -> None:
    db = tmp_path / "none.sqlite3"
    code, out, _ = run(capsys, "--db", str(db), "import-report", str(report_file), "--dry-run")
    assert code == 0 and "By the end of March 2027, the Capital" in out and "Recommendation 1 -" not in out
    assert "warning: Recommendation 2: no date could be worked out from “within six months”" in out
    assert not db.exists()


def test_save_prints_what_it_saved(capsys, tmp_path: Path, report_file: Path) -> None:
    db = str(tmp_path / "office.sqlite3")
    options = ["--committee", "Transport Committee", "--reference", "DEP-1", "--published", "2026-10-15"]
    code, out, _ = run(capsys, "--db", db, "import-report", str(report_file), *options)
    assert code == 0
    assert out.strip() == "Saved report DEP-1 “Greener depots” with 2 recommendations."
    code, out, _ = run(capsys, "--db", db, "show-report", "DEP-1", "--json")
    report = json.loads(out)
    assert report["committee"] == "Transport Committee" and report["source"]["filename"] == "depots.md"
    assert [r["paragraph_ref"] for r in report["recommendations"]] == ["3.4", ""]


def test_save_json_and_standard_input_with_responses(capsys, tmp_path: Path, monkeypatch) -> None:
    letter = (
        "3 March 2025\n\nDear Chair,\n\n"
        "**Recommendation 1 - The Council should open the library on Sundays.**\n\n"
        "The Council does not accept this recommendation.\n"
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(letter.encode())))
    db = str(tmp_path / "office.sqlite3")
    code, out, _ = run(
        capsys, "--db", db, "import-report", "-", "--title", "Libraries", "--with-responses", "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["title"] == "Libraries" and report["source"] is None
    assert report["responses"][0]["position"] == "not_accepted"
    code, out, _ = run(capsys, "--db", db, "letters", "--json")
    assert json.loads(out)[0]["imported"] is True and json.loads(out)[0]["letter_date"] == "2025-03-03"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("blank.pdf", b"%PDF-1.4 damaged", "not a PDF that can be read"),
        ("noise.txt", bytes(range(256)) * 4, "not a text file"),
        ("empty.md", b"", "is empty"),
    ],
)
def test_bad_files_get_one_line_and_exit_1(
    capsys, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "import-report", str(path), "--dry-run")
    assert code == 1 and out == "" and err.count("\n") == 1 and message in err and "Traceback" not in err


def test_bad_date_and_missing_file(capsys, tmp_path: Path, report_file: Path) -> None:
    code, _, err = run(capsys, "import-report", str(report_file), "--published", "31/02/2026", "--dry-run")
    assert code == 1 and "not a real publication date" in err
    code, _, err = run(capsys, "import-report", str(tmp_path / "missing.pdf"), "--dry-run")
    assert code == 1 and "does not exist" in err


def test_nothing_found_saves_nothing(capsys, tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes of the meeting\n\nMembers discussed the budget.", encoding="utf-8")
    db = str(tmp_path / "office.sqlite3")
    code, out, err = run(capsys, "--db", db, "import-report", str(path))
    assert code == 1 and out == "" and "No recommendations were found in minutes.txt" in err
    assert run(capsys, "--db", db, "reports", "--json")[1].strip() == "[]"


REPLY = """\
12 June 2026

Councillor Imogen Hale
Chair, Environment Committee
City Hall
London

Dear Imogen,

Thank you for the Committee's report, Cleaner Rivers: the state of the Thames tributaries, published \
on 3 March 2026. Our response to each recommendation is in the annex.

Yours sincerely,

Tomasz Brandt
Deputy Mayor for Environment

Annex

Recommendation 1
The Home Office should fund river wardens.

Response: Not accepted. Funding is committed elsewhere this year.
"""


def test_a_response_letter_is_seen_shown_and_saved_with_its_own_header(capsys, tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    db = str(tmp_path / "office.sqlite3")
    code, out, _ = run(capsys, "--db", db, "import-report", str(path), "--dry-run")
    assert code == 0
    assert (
        "Report: “Cleaner Rivers: the state of the Thames tributaries” · Environment Committee · 2026-03-03"
        in out
    )
    assert "Read as a response" in out
    assert "Letter: of " in out and "from Tomasz Brandt, Deputy Mayor for Environment" in out
    assert "to Councillor Imogen Hale, Chair, Environment Committee" in out
    assert "new body: “Home Office” is not in the register (named by recommendation 1)" in out
    code, out, _ = run(capsys, "--db", db, "import-report", str(path), "--dry-run", "--json")
    data = json.loads(out)
    assert data["is_response"] is True and data["letter"]["date"] == "2026-06-12"
    assert data["letter"]["sender"]["name"] == "Tomasz Brandt" and data["new_bodies"] == ["Home Office"]

    # no --with-responses: the document says it is one
    code, out, err = run(capsys, "--db", db, "import-report", str(path))
    assert code == 0
    assert "Saved the past response letter" in out and "from Tomasz Brandt to Councillor Imogen Hale" in out
    assert "note: added “Home Office” to the bodies register (named by recommendation 1)" in err
    assert "note: added “Tomasz Brandt” to the contacts (the letter's sender; not there before)" in err
    code, out, _ = run(capsys, "--db", db, "letters", "--json")
    (letter,) = json.loads(out)
    assert letter["imported"] is True and letter["letter_date"] == "2026-06-12"
    code, out, _ = run(capsys, "--db", db, "show-report", "1", "--json")
    assert json.loads(out)["title"] == "Cleaner Rivers: the state of the Thames tributaries"

    # a second letter from the same people: matched, not added again
    code, out, err = run(capsys, "--db", db, "import-report", str(path), "--reference", "R-2")
    assert code == 0 and "to the contacts" not in err and "bodies register" not in err

    code, out, _ = run(capsys, "--db", db, "import-report", str(path), "--no-responses", "--dry-run")
    assert "its answers are left out" in out and "Not accepted" not in out  # seen, but left out
