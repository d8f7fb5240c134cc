"""The clearance commands: colleague add, colleagues, route, clear, return, clearance, setting,
new-letter; "me" is the OS user, and every mistake is one clear line (exit 1)."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from correspondence_desk.cli import main

REF = "CTA/TEC/2026/017"


@pytest.fixture
def desk(tmp_path, capsys, monkeypatch):
    """A demo database, three colleagues, and a way to run a command as one of them."""
    db = str(tmp_path / "desk.sqlite3")

    def run(*argv: str, login: str = "dee"):
        monkeypatch.setenv("LOGNAME", login)  # "me" on the command line: the OS user
        code = main(["--db", db, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo")[0] == 0
    for name, login, role in (("Dee Drafter", "dee", ""), ("Sam Okafor", "sokafor", "Policy lead"),
                              ("Jo Bright", "jbright", "Signatory")):  # fmt: skip
        code, out, _ = run("colleague", "add", name, "--login", login, *(["--role", role] if role else []))
        assert code == 0 and f"Added {name}" in out
    return run


def test_the_register_lists_colleagues_and_says_who_you_are(desk):
    code, out, _ = desk("colleagues", login="sokafor")
    mine = next(line for line in out.splitlines() if "sokafor" in line)
    assert code == 0 and mine.split() == ["Sam", "Okafor", "sokafor", "Policy", "lead", "yes", "←", "you"]
    code, out, _ = desk("colleagues", "--json")
    assert [c["login"] for c in json.loads(out)] == ["dee", "jbright", "sokafor"]
    code, out, _ = desk("colleagues", login="stranger")
    assert "Your login “stranger” is not in the register." in out
    code, _, err = desk("colleague", "add", "Samuel O", "--login", "sokafor")
    assert code == 1 and err == "correspondence-desk: error: Sam Okafor already has the login “sokafor”.\n"


def test_route_clear_return_and_the_letters_list(desk):
    code, out, _ = desk("route", REF, "--set", "sokafor,jbright", "--send")
    assert code == 0 and "Sent CTA/TEC/2026/017 for clearance: it is with Sam Okafor (Policy lead)" in out
    code, _, err = desk("clear", REF, login="jbright")
    assert code == 1 and err.count("\n") == 1
    assert "not your turn to clear letter CTA/TEC/2026/017: it is with Sam Okafor (Policy lead)" in err
    code, _, err = desk("clear", REF, login="nobody")
    assert code == 1 and "Your login “nobody” is not in the colleagues register" in err
    code, out, _ = desk("clear", REF, "--comment", "Content checked.", login="sokafor")
    assert code == 0 and "Cleared CTA/TEC/2026/017 (step 1 of 2)." in out and "now with Jo Bright" in out
    code, out, _ = desk("letters", "--json")
    state = json.loads(out)[0]["clearance"]
    assert state == {**state, "state": "in_clearance", "step": 2, "steps": 2, "waiting_login": "jbright"}
    code, _, err = desk("issue", REF)
    assert code == 1 and "not yet cleared by Jo Bright (Signatory)" in err
    code, out, _ = desk("return", REF, "--comment", "Shorten the opening.", login="jbright")
    assert code == 0 and "Returned CTA/TEC/2026/017 to Dee Drafter for amendment" in out
    code, out, _ = desk("clearance", REF, "--json")
    record = json.loads(out)
    assert record["status"] == "draft" and record["steps"][1]["action"]["comment"] == "Shorten the opening."
    code, out, _ = desk("letters")
    assert "Returned by Jo Bright (step 2 of 2)" in out


def test_the_whole_route_to_issue_and_the_clearance_sheet(desk, tmp_path):
    desk("route", REF, "--set", "sokafor,jbright", "--send")
    desk("clear", REF, login="sokafor")
    code, out, _ = desk("clear", REF, "--comment", "Signed.", login="jbright")
    assert code == 0 and "Every step has cleared it: it can be issued." in out
    code, out, _ = desk("issue", REF)
    assert code == 0
    sha = out.split("SHA-256 ")[1].split()[0]
    sheet = tmp_path / "sheet.pdf"
    code, out, _ = desk("clearance", REF, "--pdf", str(sheet))
    assert code == 0 and f"Wrote {sheet}: clearance sheet" in out
    assert f"SHA-256 of the PDF issued:  {sha}" in out and "Cleared" in out
    reader = PdfReader(io.BytesIO(sheet.read_bytes()))
    assert len(reader.pages) == 1 and sha in " ".join(reader.pages[0].extract_text().split())
    code, _, err = desk("clearance", REF, "--pdf", str(tmp_path / "no" / "such" / "folder.pdf"))
    assert code == 1 and "no clearance sheet was written" in err


def test_settings_and_new_letters_of_each_kind(desk):
    code, out, _ = desk("setting")
    assert "issue-only-when-cleared = on" in out and "clearance-days = 2" in out
    code, out, _ = desk("setting", "clearance-days", "3")
    assert out == "clearance-days = 3\n"
    code, _, err = desk("setting", "clearance-days", "many")
    assert code == 1 and "not a whole number" in err
    code, _, err = desk("setting", "colour", "blue")
    assert code == 1 and "There is no office setting “colour”" in err
    code, _, err = desk("new-letter", "TEC-2026-04", "--kind", "holding")
    assert code == 1 and "give the new expected date and the reason" in err
    code, out, _ = desk("new-letter", "TEC-2026-04", "--kind", "holding", "--expected", "2027-03-01",
                        "--reason", "Awaiting survey results")  # fmt: skip
    assert code == 0 and "a holding letter about TEC-2026-04" in out
    assert "Clearance route: Sam Okafor (Policy lead), Jo Bright (Signatory)" in out
    code, out, _ = desk("new-letter", "TEC-2026-04", "--kind", "acknowledgement", "--json")
    letter = json.loads(out)
    assert letter["kind"] == "acknowledgement" and letter["responses"] == []
    code, out, _ = desk("route", letter["reference"])
    assert "No clearance route: it can be issued as it is." in out
