"""The app opens no network connection, ever: only AF_UNIX sockets (the test's own PostgreSQL is
reached through one). Every socket the commands create is watched twice: by strace, which sees the
C libraries' sockets too (libpq), when it is installed, and by a Python audit hook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

WATCH = textwrap.dedent(
    """
    import json, socket, sys
    families, commands = open(sys.argv[1], "a"), json.loads(sys.argv[2])
    def hook(event, args):
        if event == "socket.__new__":
            families.write(f"{socket.AddressFamily(args[1]).name}\\n"); families.flush()
    sys.addaudithook(hook)
    if commands == "probe":
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
        sys.exit(0)
    from correspondence_desk.cli import main
    for argv in commands:
        if main(argv) != 0:
            sys.exit(f"failed: {argv}")
    """
)


def _watched(tmp_path: Path, commands: object) -> tuple[set[str], set[str] | None]:
    """Run under the watch; the socket families seen by the audit hook and by strace (None: no strace)."""
    families, trace = tmp_path / "families", tmp_path / "strace"
    command = [sys.executable, "-c", WATCH, str(families), json.dumps(commands)]
    strace = shutil.which("strace")
    if strace:
        command = [strace, "-f", "-qq", "-e", "trace=socket", "-o", str(trace), *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    seen = set(families.read_text().split()) if families.exists() else set()
    traced = set(re.findall(r"socket\((AF_\w+|PF_\w+)", trace.read_text())) if strace else None
    return seen, traced


def test_commands_open_no_socket_but_unix_ones(location, tmp_path):
    paste = tmp_path / "report.txt"
    paste.write_text("Recommendation 1\nThe Mayor should publish a plan for the river piers.\n")
    commands = [
        ["demo"],
        ["reports", "--json"],
        ["search", "river bus"],
        ["import-report", str(paste), "--title", "River piers"],
        ["render", "CTA/TEC/2026/017", "--pdf", str(tmp_path / "letter.pdf")],
        ["issue", "CTA/TEC/2026/017"],
        ["due", "--within", "30"],
        ["export-tracker", str(tmp_path / "tracker.csv")],
        ["check"],
    ]
    seen, traced = _watched(tmp_path, [["--db", location.url, *c] for c in commands])
    assert seen <= {"AF_UNIX"}, seen
    if traced is not None:
        assert traced <= {"AF_UNIX", "PF_UNIX", "AF_LOCAL", "PF_LOCAL"}, traced
        if not location.is_sqlite:
            assert traced, "the PostgreSQL commands reached the server through a socket"


def test_the_watch_sees_a_network_socket(tmp_path):
    seen, traced = _watched(tmp_path, "probe")
    assert seen == {"AF_INET"}
    assert traced is None or traced & {"AF_INET", "PF_INET"}
