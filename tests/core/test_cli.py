"""The command line: output, JSON, and the error rules (one line on stderr, exit 1; usage exit 2)."""

from __future__ import annotations

import json

import pytest

from correspondence_desk.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_lists_and_show_report(capsys, tmp_path):
    db = str(tmp_path / "office.sqlite3")
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and "TEC-2026-04" in out
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0 and "nothing added" in out
    code, out, _ = run(capsys, "--db", db, "reports", "--json")
    reports = json.loads(out)
    assert [r["reference"] for r in reports] == ["TEC-2026-04"]
    assert reports[0]["recommendation_count"] == 9 and reports[0]["received"] == "2026-09-16"
    code, out, _ = run(capsys, "--db", db, "show-report", "tec-2026-04", "--json")
    report = json.loads(out)
    assert [r["label"] for r in report["recommendations"]][:3] == ["1", "2", "3"]
    assert report["responses"][0]["letter_reference"] == "CTA/TEC/2026/017"
    code, out, _ = run(capsys, "--db", db, "show-report", str(report["id"]))
    assert "Recommendation 9" in out and "Department for Transport" in out
    code, out, _ = run(capsys, "--db", db, "letters")
    assert "CTA/TEC/2026/017" in out and "draft" in out
    code, out, _ = run(capsys, "--db", db, "letters", "--json")
    assert json.loads(out)[0]["response_count"] == 9


def test_environment_variable_names_the_database(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CORRESPONDENCE_DESK_DB", str(tmp_path / "env.sqlite3"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_user_mistakes_get_one_line_and_exit_1(capsys, tmp_path):
    missing = str(tmp_path / "missing.sqlite3")
    code, _, err = run(capsys, "--db", missing, "reports")
    assert code == 1 and err.count("\n") == 1 and "no database" in err and "Traceback" not in err
    assert not (tmp_path / "missing.sqlite3").exists()
    db = str(tmp_path / "office.sqlite3")
    run(capsys, "--db", db, "demo")
    code, _, err = run(capsys, "--db", db, "show-report", "NOPE-1")
    assert code == 1 and err.count("\n") == 1 and "NOPE-1" in err
    notdb = tmp_path / "letter.docx"
    notdb.write_bytes(b"PK\x03\x04 word document")
    code, _, err = run(capsys, "--db", str(notdb), "reports")
    assert code == 1 and "not a Correspondence Desk database" in err
    code, _, err = run(capsys, "--db", db, "backup", str(tmp_path / "no" / "such" / "dir" / "b.sqlite3"))
    assert code == 1 and err.count("\n") == 1


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["show-report"])
    assert exc.value.code == 2


def test_backup_restore_and_check(capsys, tmp_path):
    db = str(tmp_path / "office.sqlite3")
    run(capsys, "--db", db, "demo")
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "OK" in out
    backup = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "--db", db, "backup", str(backup))
    assert code == 0 and backup.exists()
    code, _, err = run(capsys, "--db", db, "backup", str(backup))
    assert code == 1 and "already exists" in err
    code, out, _ = run(capsys, "--db", str(tmp_path / "fresh.sqlite3"), "restore", str(backup))
    assert code == 0
    code, out, _ = run(capsys, "--db", str(tmp_path / "fresh.sqlite3"), "reports", "--json")
    assert json.loads(out)[0]["reference"] == "TEC-2026-04"
    code, out, _ = run(capsys, "--db", db, "check", "--json")
    assert json.loads(out)["problems"] == []


def test_the_installed_command_flushes_everything_before_its_fast_exit(tmp_path):
    import subprocess
    import sys

    db = str(tmp_path / "office.sqlite3")
    command = [sys.executable, "-m", "correspondence_desk", "--db", db]
    assert subprocess.run([*command, "demo"], capture_output=True, check=True).returncode == 0
    out = subprocess.run([*command, "show-report", "TEC-2026-04", "--json"], capture_output=True, text=True)
    assert out.returncode == 0
    assert len(json.loads(out.stdout)["recommendations"]) == 9  # the whole JSON arrived
    bad = subprocess.run([*command, "show-report", "NOPE"], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
