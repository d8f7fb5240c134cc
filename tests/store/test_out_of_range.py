"""Numbers out of range anywhere a person can type one: one clear line, never an OverflowError."""

from __future__ import annotations

import pytest

from correspondence_desk.cli import main
from correspondence_desk.core.errors import DeskError, ValidationError

HUGE = "99999999999999999999"  # beyond 64 bits


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "--within", "99999999"],
        ["search", "bus", "--limit", HUGE],
        ["search", "bus", "--limit", "0"],
        ["show-report", HUGE],
        ["show-report", "3000000000"],  # beyond PostgreSQL's INTEGER
        ["render", HUGE, "--pdf", "-"],
        ["issue", HUGE],
        ["progress-report", HUGE],
    ],
)
def test_the_command_line_answers_with_one_clear_line(capsys, location, demo, argv):
    try:
        code = main(["--db", location.url, *argv])
    except SystemExit as refused:  # argparse's own refusal of a number out of its range: usage
        code = refused.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out == "", err
    if code == 2:  # a malformed command line: the usage line, then one line saying what is wrong
        assert err.count("\n") == 2 and ": error: " in err.splitlines()[-1], err
    else:  # a value the command refuses: one line
        assert code == 1 and err.count("\n") == 1, err


def test_the_services_refuse_with_a_validation_error(services, demo):
    with pytest.raises(ValidationError, match="between 0 and"):
        services.dashboard.due(within=99999999)
    with pytest.raises(ValidationError, match="between 1 and"):
        services.search.search("bus", limit=10**20)
    for report in (10**20, 3_000_000_000, -1):
        with pytest.raises(DeskError):
            services.reports.get(report)
        with pytest.raises(DeskError):
            services.reports.get(str(report))
    with pytest.raises(DeskError):
        services.letters.get(str(10**20))
    with pytest.raises(ValidationError, match="out of range"):
        services.standard_lines.create(title="Big", text="x", sort_order=10**12)
