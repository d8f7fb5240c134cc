"""Numbers out of any sane range on the command line (`due --within`, `search --limit`) are refused
as usage mistakes (exit 2, one line naming the limit), never an OverflowError from deep inside."""

from __future__ import annotations

import pytest

from correspondence_desk.cli import main
from correspondence_desk.cli.parser import MAX_LIMIT, MAX_WITHIN_DAYS


def _demo(capsys, tmp_path) -> str:
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "--within", "99999999"],
        ["due", "--within", "999999999999999999999999"],
        ["search", "air", "--limit", "99999999999999999999"],
        ["search", "air", "--limit", "9223372036854775808"],
    ],
)
def test_huge_numbers_are_usage_errors(capsys, tmp_path, argv):
    db = _demo(capsys, tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "Traceback" not in err and "Overflow" not in err
    assert "or fewer" in err.splitlines()[-1]


def test_the_largest_allowed_numbers_work(capsys, tmp_path):
    db = _demo(capsys, tmp_path)
    assert main(["--db", db, "due", "--within", str(MAX_WITHIN_DAYS)]) == 0
    assert "Responses due within" in capsys.readouterr().out
    assert main(["--db", db, "search", "air", "--limit", str(MAX_LIMIT)]) == 0
    assert capsys.readouterr().out
