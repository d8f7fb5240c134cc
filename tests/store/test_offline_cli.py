"""`checkout` and `checkin` on the command line, both engines as the server: a dry run's JSON lists
every change and conflict, unresolved conflicts apply nothing and exit 1, a resolutions file applies."""

from __future__ import annotations

import json

import pytest

from correspondence_desk.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def server(capsys, location):
    assert run(capsys, "--db", location.url, "demo")[0] == 0
    return location.url


def test_checkout_edit_conflict_resolve_and_checkin(capsys, server, tmp_path, monkeypatch):
    copy = tmp_path / "laptop.sqlite3"
    code, out, err = run(capsys, "checkout", server, str(copy), "--report", "TEC-2026-04", "--no-protect")
    assert code == 0 and "Took 1 report offline" in out, err
    assert run(capsys, "checkout", server, str(copy), "--no-protect")[0] == 1  # never overwritten
    # the same field changed on both sides, and a field changed only offline
    monkeypatch.setenv("USER", "bob")
    code, out, err = run(
        capsys, "--db", str(copy), "update", "TEC-2026-04/1", "--rag", "amber", "--text", "Train"
    )
    assert code == 0, err
    from correspondence_desk.core.db import open_database
    from correspondence_desk.core.services import Services
    from correspondence_desk.paths import location_for

    for where, note in ((location_for(copy), "Offline note"), (location_for(server), "Server note")):
        services = Services(open_database(where))
        try:
            services.reports.update(services.reports.resolve("TEC-2026-04"), notes=note)
        finally:
            services.close()

    code, out, _ = run(capsys, "checkin", str(copy), server, "--dry-run", "--json")
    assert code == 0
    plan = json.loads(out)
    assert plan["dry_run"] and not plan["applied"]
    (conflict,) = plan["conflicts"]
    assert conflict["kind"] == "same_field" and conflict["choice"] is None
    assert conflict["fields"] == [
        {"field": "notes", "offline": "Offline note", "server": "Server note", "base": ""}
    ]
    assert any(c["what"].startswith("a progress update") and c["action"] == "add" for c in plan["changes"])

    code, out, err = run(capsys, "checkin", str(copy), server)
    assert code == 1 and err.count("\n") == 1 and "nothing was brought back" in err
    shown = json.loads(run(capsys, "--db", server, "show-report", "TEC-2026-04", "--json")[1])
    assert shown["notes"] == "Server note"

    conflict["choice"] = "offline"
    answers = tmp_path / "choices.json"
    answers.write_text(json.dumps(plan))
    code, out, err = run(capsys, "checkin", str(copy), server, "--resolutions", str(answers))
    assert code == 0 and "Brought back" in out, err
    shown = json.loads(run(capsys, "--db", server, "show-report", "TEC-2026-04", "--json")[1])
    assert shown["notes"] == "Offline note"
    assert shown["recommendations"][0]["updates"][-1]["text"] == "Train"
    code, out, _ = run(capsys, "checkin", str(copy), server)
    assert code == 0 and "nothing changed" in out


def test_a_bad_resolutions_file_is_one_clear_line(capsys, server, tmp_path):
    copy = tmp_path / "laptop.sqlite3"
    run(capsys, "checkout", server, str(copy), "--no-protect")
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    code, _, err = run(capsys, "checkin", str(copy), server, "--resolutions", str(bad))
    assert code == 1 and err.count("\n") == 1 and "not a resolutions file" in err


def test_a_sealed_copy_needs_its_passphrase(capsys, server, tmp_path, monkeypatch):
    copy = tmp_path / "sealed.sqlite3"
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.write_text("a long passphrase\n")
    bad.write_text("not the passphrase\n")
    code, out, err = run(capsys, "checkout", server, str(copy), "--passphrase-file", str(good))
    assert code == 0 and "sealed with a passphrase" in out, err
    sealed = copy.read_bytes()
    assert b"TEC-2026-04" not in sealed and b"SQLite format" not in sealed
    code, _, err = run(capsys, "checkin", str(copy), server, "--passphrase-file", str(bad))
    assert code == 1 and "passphrase does not open" in err and err.count("\n") == 1
    assert copy.read_bytes() == sealed  # never damaged
    # opened as a desk with --db: the passphrase from the file the environment names
    monkeypatch.setenv("CORRESPONDENCE_DESK_PASSPHRASE_FILE", str(bad))
    code, _, err = run(capsys, "--db", str(copy), "reports")
    assert code == 1 and "passphrase does not open" in err
    monkeypatch.setenv("CORRESPONDENCE_DESK_PASSPHRASE_FILE", str(good))
    code, out, err = run(capsys, "--db", str(copy), "reports")
    assert code == 0 and "TEC-2026-04" in out, err
    code, _, err = run(
        capsys, "--db", str(copy), "update", "TEC-2026-04/2", "--rag", "green", "--text", "Sealed work"
    )
    assert code == 0, err
    assert copy.read_bytes().startswith(b"CDSEAL01") and b"Sealed work" not in copy.read_bytes()
    code, out, err = run(capsys, "checkin", str(copy), server, "--passphrase-file", str(good))
    assert code == 0 and "1 added" in out, err


def test_changes_a_crash_left_unsealed_are_named_in_one_line_then_recovered(
    capsys, server, tmp_path, monkeypatch
):
    from correspondence_desk.core.db import open_database
    from correspondence_desk.core.offline import sealing
    from correspondence_desk.core.services import Services
    from correspondence_desk.paths import location_for

    copy, good = tmp_path / "sealed.sqlite3", tmp_path / "good"
    good.write_text("a long passphrase\n")
    assert run(capsys, "checkout", server, str(copy), "--passphrase-file", str(good))[0] == 0
    # a session killed after saving a change and before sealing it again
    opened = sealing.open_sealed(copy, "a long passphrase")
    desk = Services(open_database(location_for(opened.work_path)))
    desk.reports.update(desk.reports.resolve("TEC-2026-04"), notes="Saved, then the laptop froze")
    desk.close()
    opened._end()

    monkeypatch.setenv("CORRESPONDENCE_DESK_PASSPHRASE_FILE", str(good))
    code, out, err = run(capsys, "--db", str(copy), "show-report", "TEC-2026-04", "--json")
    assert code == 1 and not out and err.count("\n") == 1
    assert "left unsealed" in err and "--unsealed-work recover" in err and "--unsealed-work discard" in err
    code, _, err = run(capsys, "checkin", str(copy), server, "--passphrase-file", str(good), "--dry-run")
    assert code == 1 and "Nothing was brought back" in err  # never an older copy brought back unseen

    code, out, err = run(
        capsys, "--db", str(copy), "--unsealed-work", "recover", "show-report", "TEC-2026-04", "--json"
    )
    assert code == 0 and "Recovered the changes" in err, err
    assert json.loads(out)["notes"] == "Saved, then the laptop froze"
    assert not opened.work_path.exists()  # the plain working file is gone
    code, out, _ = run(capsys, "--db", str(copy), "show-report", "TEC-2026-04", "--json")  # no question now
    assert code == 0 and json.loads(out)["notes"] == "Saved, then the laptop froze"


def test_show_report_says_who_took_it_offline_as_the_editor_does(capsys, server, tmp_path, monkeypatch):
    code, out, _ = run(capsys, "--db", server, "show-report", "TEC-2026-04", "--json")
    assert code == 0 and json.loads(out)["taken_offline"] == []
    monkeypatch.setenv("USER", "alice")
    copy = tmp_path / "laptop.sqlite3"
    assert run(capsys, "checkout", server, str(copy), "--report", "TEC-2026-04", "--no-protect")[0] == 0

    code, out, _ = run(capsys, "--db", server, "show-report", "TEC-2026-04")
    lines = [line.strip() for line in out.splitlines()]
    taken = [line for line in lines if line.startswith("Taken offline by ")]
    assert code == 0 and len(taken) == 1 and "(a notice, not a lock)" in taken[0]
    code, out, _ = run(capsys, "--db", server, "show-report", "TEC-2026-04", "--json")
    (notice,) = json.loads(out)["taken_offline"]
    assert notice["notice"] == taken[0] and notice["taken_at"] and notice["taken_by"]
    assert notice["taken_by"] in taken[0]

    assert run(capsys, "checkin", str(copy), server)[0] == 0  # brought back: the notice goes
    code, out, _ = run(capsys, "--db", server, "show-report", "TEC-2026-04")
    assert code == 0 and "Taken offline by" not in out
