"""The deadline, search and export commands: output, JSON and the error rules."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl

from correspondence_desk.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _demo(capsys, tmp_path) -> str:
    db = str(tmp_path / "office.sqlite3")
    assert run(capsys, "--db", db, "demo")[0] == 0
    return db


def test_due_lists_overdue_responses(capsys, tmp_path):
    db = _demo(capsys, tmp_path)
    code, out, _ = run(capsys, "--db", db, "due", "--json", "--within", "30")
    assert code == 0
    due = json.loads(out)
    assert due["within"] == 30
    # the demo report was due on 15 November 2026
    expected_overdue = dt.date.today() > dt.date(2026, 11, 15)
    refs = [i["reference"] for i in due["overdue_reports"]["items"]]
    assert refs == (["TEC-2026-04"] if expected_overdue else [])
    code, out, _ = run(capsys, "--db", db, "due")
    assert code == 0 and "Overdue responses:" in out and "Recommendation deadlines within 14 days" in out
    code, _, err = run(capsys, "--db", str(tmp_path / "missing.sqlite3"), "due")
    assert code == 1 and err.count("\n") == 1 and "no database" in err


def test_search_groups_hits_and_marks_the_words(capsys, tmp_path):
    db = _demo(capsys, tmp_path)
    code, out, _ = run(capsys, "--db", db, "search", "river bus")
    assert code == 0
    assert "Recommendations (1)" in out and "[river] [bus]" in out.lower()
    code, out, _ = run(capsys, "--db", db, "search", 'idling "', "--json")
    hits = json.loads(out)
    assert {h["kind"] for h in hits} == {"recommendation", "response"}
    assert all("idling" in h["snippet_text"].lower() for h in hits)
    code, out, _ = run(capsys, "--db", db, "search", "zebra")
    assert code == 0 and out.strip() == "Nothing found."


def test_exports_write_files(capsys, tmp_path):
    db = _demo(capsys, tmp_path)
    xlsx = tmp_path / "tracker.xlsx"
    code, out, _ = run(capsys, "--db", db, "export-tracker", str(xlsx))
    assert code == 0 and "Wrote 9 recommendations" in out
    assert openpyxl.load_workbook(xlsx).active.max_row == 10
    code, out, _ = run(capsys, "--db", db, "export-ics", str(tmp_path / "due.ics"), "--since", "2026-01-01")
    assert (
        code == 0 and "events" in out and (tmp_path / "due.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    )
    code, _, err = run(capsys, "--db", db, "export-tracker", str(tmp_path / "tracker.pdf"))
    assert code == 1 and ".csv or .xlsx" in err
    code, _, err = run(capsys, "--db", db, "export-ics", str(tmp_path / "x.ics"), "--since", "someday")
    assert code == 1 and err.count("\n") == 1


def test_progress_report_writes_a_pdf(capsys, tmp_path):
    db = _demo(capsys, tmp_path)
    pdf = tmp_path / "progress.pdf"
    code, out, _ = run(capsys, "--db", db, "progress-report", "TEC-2026-04", "--pdf", str(pdf))
    assert code == 0 and "TEC-2026-04" in out and pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "--db", db, "progress-report", "NOPE", "--pdf", str(pdf))
    assert code == 1 and "NOPE" in err
