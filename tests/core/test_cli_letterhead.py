"""`letterhead` on the command line: show, set (keeping what is not given), refuse, clear."""

from __future__ import annotations

import json

from correspondence_desk.cli import main
from correspondence_desk.core.printing.samples import sample_logo


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_show_and_clear(capsys, services, db_path, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(sample_logo())
    code, out, _ = run(capsys, "--db", str(db_path), "letterhead", "--set", "--organisation",
                       "Capital Transport Authority", "--short-name", "CTA", "--logo", str(logo),
                       "--alt", "CTA logo", "--footer", "5 Gatehouse Yard, London SE1 7XY")  # fmt: skip
    assert code == 0 and "Saved the letterhead of Capital Transport Authority" in out
    code, out, _ = run(capsys, "--db", str(db_path), "letterhead", "--set", "--marking", "OFFICIAL")
    assert code == 0
    code, out, _ = run(capsys, "--db", str(db_path), "letterhead", "--json")
    shown = json.loads(out)
    assert shown["footer"] == "5 Gatehouse Yard, London SE1 7XY" and shown["marking"] == "OFFICIAL"
    assert shown["logo"].startswith("image/png") and shown["short_name"] == "CTA"  # kept by the 2nd --set
    code, out, _ = run(capsys, "--db", str(db_path), "letterhead", "--clear")
    assert code == 0 and services.letterhead.get() is None


def test_a_letterhead_that_cannot_be_unique_gets_one_line(capsys, services, db_path):
    code, _out, err = run(capsys, "--db", str(db_path), "letterhead", "--set", "--organisation", "CTA",
                          "--pattern", "{org}/{year}")  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and "{seq}" in err
    assert services.letterhead.get() is None
