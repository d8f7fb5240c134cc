"""The command line over either engine: the same commands, the same answers (--db PATH or URL)."""

from __future__ import annotations

import json

from correspondence_desk.cli import main
from correspondence_desk.core.db import HEAD_REVISION


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_work_the_same_on_both_engines(capsys, new_database, tmp_path):
    db = new_database
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and "TEC-2026-04" in out
    assert "nothing added" in run(capsys, "--db", db, "demo")[1]
    reports = json.loads(run(capsys, "--db", db, "reports", "--json")[1])
    assert [r["reference"] for r in reports] == ["TEC-2026-04"] and reports[0]["recommendation_count"] == 9
    shown = json.loads(run(capsys, "--db", db, "show-report", "tec-2026-04", "--json")[1])
    assert shown["responses"][0]["letter_reference"] == "CTA/TEC/2026/017"
    hits = json.loads(run(capsys, "--db", db, "search", "river bus", "--json")[1])
    assert hits[0]["kind"] == "report" or any(h["kind"] == "recommendation" for h in hits)
    assert all("⟦" in h["snippet"] for h in hits)
    code, out, _ = run(capsys, "--db", db, "issue", "CTA/TEC/2026/017")
    assert code == 0 and "SHA-256" in out
    pdf = tmp_path / "again.pdf"
    code, out, _ = run(capsys, "--db", db, "render", "CTA/TEC/2026/017", "--pdf", str(pdf))
    assert code == 0 and "issued copy" in out and pdf.read_bytes().startswith(b"%PDF")
    code, out, _ = run(capsys, "--db", db, "due", "--within", "3650", "--json")
    assert code == 0 and "overdue_reports" in json.loads(out)
    checked = json.loads(run(capsys, "--db", db, "check", "--json")[1])
    assert checked["problems"] == [] and checked["schema"] == HEAD_REVISION
    code, _, err = run(capsys, "--db", db, "show-report", "NOPE-1")
    assert code == 1 and err.count("\n") == 1 and "NOPE-1" in err
