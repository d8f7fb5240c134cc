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
    assert list(data) == ["recommendations", "warnings"] and data["warnings"] == []
    assert data["recommendations"][0] == {
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
