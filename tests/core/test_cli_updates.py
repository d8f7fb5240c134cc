"""The command line for progress updates: update, export-updates, import-updates, show-report --json."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from correspondence_desk.cli import main

TODAY = dt.date.today()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(capsys, tmp_path):
    path = str(tmp_path / "office.sqlite3")
    assert run(capsys, "--db", path, "demo")[0] == 0
    assert (
        run(capsys, "--db", path, "issue", "CTA/TEC/2026/017", "--pdf", str(tmp_path / "issued.pdf"))[0] == 0
    )
    return path


def test_update_by_report_and_label_then_show_report_lists_the_history(capsys, db):
    update = ("--db", db, "update", "TEC-2026-04/1")
    code, out, _ = run(capsys, *update, "--rag", "amber", "--text", "Survey begun", "--target", "31/03/2027")
    assert code == 0
    assert out.strip() == f"Recorded an update on TEC-2026-04/1: Amber, {_long(TODAY)}; target 31 March 2027"
    code, out, err = run(capsys, *update, "--rag", "green", "--text", "Moved", "--target", "2027-06-30")
    assert code == 1 and err.count("\n") == 1 and "reason for changing the target date" in err
    moved = ("--target", "2027-06-30", "--reason", "data came late", "--json")
    code, out, _ = run(capsys, *update, "--rag", "green", "--text", "Map drafted", *moved)
    assert code == 0 and json.loads(out)["previous_target_date"] == "2027-03-31"

    code, out, _ = run(capsys, "--db", db, "show-report", "TEC-2026-04", "--json")
    recs = json.loads(out)["recommendations"]
    updates = recs[0]["updates"]
    assert [u["text"] for u in updates] == ["Survey begun", "Map drafted"]  # newest last
    assert updates[-1]["target_date"] == "2027-06-30" and updates[-1]["reason"] == "data came late"
    assert updates[-1]["progress"] == "green" and recs[0]["progress"] == "green"
    assert recs[1]["updates"] == []
    code, out, _ = run(capsys, "--db", db, "show-report", "TEC-2026-04")
    assert "Progress (2 updates): Green" in out and "revised from 31 March 2027 because data came late" in out


def test_update_mistakes_get_one_line(capsys, db):
    cases = [
        (["TEC-2026-04/77"], "has no recommendation “77”"),
        (["NOPE/1"], "no report with reference “NOPE”"),
        (["TEC-2026-04/1", "--target", "soon"], "“soon” is not a --target date"),
        (["TEC-2026-04/1", "--date", "2999-01-01"], "cannot be dated in the future"),
    ]
    for extra, message in cases:
        code, _, err = run(capsys, "--db", db, "update", extra[0], "--rag", "red", "--text", "x", *extra[1:])
        assert code == 1 and err.count("\n") == 1 and message in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "update", "TEC-2026-04/1", "--rag", "purple", "--text", "x"])
    assert exc.value.code == 2


def test_export_edit_dry_run_import_and_import_again(capsys, db, tmp_path):
    sent = tmp_path / "owners.xlsx"
    code, out, _ = run(capsys, "--db", db, "export-updates", str(sent), "--owner", "Network Strategy")
    assert (
        code == 0 and out.strip() == f"Wrote 3 open recommendations for 1 owner (Network Strategy) to {sent}"
    )
    wb = openpyxl.load_workbook(sent)
    ws = wb["Network Strategy"]
    assert [ws.cell(r, 2).value for r in (3, 4, 5)] == ["1", "3", "5"]
    ws["I3"], ws["J3"] = "Green", "Map drafted"
    ws["I4"], ws["J4"], ws["K4"] = "Red", "Retrofit stalled", dt.datetime(2027, 9, 30)
    back = tmp_path / "back.xlsx"
    wb.save(back)

    code, out, _ = run(capsys, "--db", db, "import-updates", str(back), "--dry-run")
    assert code == 0
    assert "TEC-2026-04/1" in out and "Green (was none)" in out and "30 September 2027 (was none)" in out
    assert "Would add 2 updates (1 row without an answer, 0 already imported); nothing was saved" in out
    code, out, _ = run(capsys, "--db", db, "import-updates", str(back), "--json", "--dry-run")
    review = json.loads(out)
    assert review["applied"] is False and review["problems"] == [] and len(review["rows"]) == 3
    code, out, _ = run(capsys, "--db", db, "import-updates", str(back))
    assert code == 0 and "Added 2 updates from back.xlsx" in out
    code, out, _ = run(capsys, "--db", db, "import-updates", str(back))
    assert code == 0 and "Nothing to add from back.xlsx (1 row without an answer, 2 already imported)" in out
    code, out, _ = run(capsys, "--db", db, "show-report", "TEC-2026-04", "--json")
    assert [u["source"] for u in json.loads(out)["recommendations"][0]["updates"]] == ["workbook"]


def test_a_workbook_with_bad_rows_saves_nothing_and_names_each_row(capsys, db, tmp_path):
    sent = tmp_path / "owners.xlsx"
    assert run(capsys, "--db", db, "export-updates", str(sent))[0] == 0
    wb = openpyxl.load_workbook(sent)
    ws = wb["Network Strategy"]
    ws["I3"] = "Purple"
    ws["I4"], ws["K4"] = "Amber", "31/13/2027"
    ws["I5"] = "Green"  # a good row: waits for the others
    wb.save(sent)
    code, out, err = run(capsys, "--db", db, "import-updates", str(sent))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines == [
        "correspondence-desk: error: Network Strategy row 3 (TEC-2026-04/1): the New RAG “Purple” is not in "
        "the list (Red, Amber, Green, Complete)",
        "correspondence-desk: error: Network Strategy row 4 (TEC-2026-04/3): the New target date: "
        "“31/13/2027” is not a real date (check the day and month).",
        "correspondence-desk: nothing was saved: correct these rows, or export a new workbook.",
    ]
    code, out, _ = run(capsys, "--db", db, "show-report", "TEC-2026-04", "--json")
    assert all(r["updates"] == [] for r in json.loads(out)["recommendations"])


def test_export_refusals(capsys, db, tmp_path):
    code, _, err = run(capsys, "--db", db, "export-updates", str(tmp_path / "no" / "such" / "w.xlsx"))
    assert code == 1 and "there is no folder" in err and "no workbook was written" in err
    code, _, err = run(capsys, "--db", db, "export-updates", str(tmp_path / "w.xlsx"), "--owner", "Legal")
    assert code == 1 and "Nobody called “Legal”" in err and not (tmp_path / "w.xlsx").exists()
    code, _, err = run(capsys, "--db", db, "import-updates", str(tmp_path / "missing.xlsx"))
    assert code == 1 and err.count("\n") == 1 and "Cannot read" in err


def _long(day: dt.date) -> str:
    from correspondence_desk.core.dates import long_date

    return long_date(day)


def test_new_letter_progress_update_reports_since_a_date_and_render_says_so(capsys, db, tmp_path):
    update = ("--db", db, "update", "TEC-2026-04/1", "--rag", "green", "--text", "Map drafted")
    assert run(capsys, *update)[0] == 0
    new = ("--db", db, "new-letter", "TEC-2026-04", "--kind", "progress_update")
    code, out, _ = run(capsys, *new)
    assert code == 0 and "a progress update about TEC-2026-04, answering 5 recommendations" in out
    assert "latest progress update since 2026-11-12." in out  # the response letter's date

    code, out, _ = run(capsys, *new, "--since", "20/11/2026", "--json")
    letter = json.loads(out)
    assert code == 0 and letter["updates_since"] == "2026-11-20"
    pdf = tmp_path / "update.pdf"
    code, out, _ = run(capsys, "--db", db, "render", letter["reference"], "--pdf", str(pdf))
    assert code == 0 and "latest progress update since 2026-11-20." in out
    assert f"Update of {_long(TODAY)}: Green" in " ".join(_pdf_text(pdf.read_bytes()).split())

    with pytest.raises(SystemExit) as exc:  # a malformed command line: its usage, exit 2
        main(["--db", db, "new-letter", "TEC-2026-04", "--since", "2026-11-20"])
    assert exc.value.code == 2 and "--since is for a progress update letter" in capsys.readouterr().err
    code, _, err = run(capsys, *new, "--since", "lately")
    assert code in (1, 2) and err.count("\n") == 1 and "since date" in err


def _pdf_text(pdf: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)
