"""./run-app on a set-up checkout runs the command at once: its arguments are never taken for extras.

The scripts run for real against a throw-away virtual environment that reuses this test run's
packages (a .pth file), so nothing is installed, and an attempt to install would fail loudly.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _stamp() -> str:
    # what scripts/bootstrap.sh writes: sha256 of pyproject.toml followed by the checkout's path
    data = (ROOT / "pyproject.toml").read_bytes() + f"{ROOT}\n".encode()
    return hashlib.sha256(data).hexdigest()[:16]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv without pip that sees this run's site-packages, stamped as set up for the app alone."""
    if sys.platform == "win32":
        pytest.skip("the shell scripts are for Linux and macOS")
    path = tmp_path_factory.mktemp("venv")
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(path)], check=True)
    (site,) = path.glob("lib/python*/site-packages")
    here = sysconfig.get_paths()["purelib"]
    (site / "_reuse.pth").write_text(f"import site; site.addsitedir({here!r})\n")
    script = path / "bin" / "correspondence-desk"
    script.write_text(
        f"#!{path}/bin/python\nimport sys\nfrom correspondence_desk.cli import entry_point\n"
        "sys.exit(entry_point())\n"
    )
    script.chmod(0o755)
    (path / ".installed").write_text(_stamp() + "\n")
    return path


def _run_app(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env["VENV"] = str(venv)
    return subprocess.run(
        [str(ROOT / "run-app"), *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize("command", [["demo"], ["reports"], ["letters", "--json"]])
def test_run_app_runs_a_command_without_installing_anything(venv, tmp_path, command):
    db = tmp_path / "desk.sqlite3"
    if command != ["demo"]:
        assert _run_app(venv, "--db", str(db), "demo").returncode == 0
    result = _run_app(venv, "--db", str(db), *command)
    assert result.returncode == 0, result.stderr
    assert "Installing" not in result.stderr
    assert "extra" not in result.stderr
    assert sorted(p.name for p in venv.glob(".installed*")) == [".installed"]
    assert db.exists()


def test_bootstrap_keeps_only_the_extras_pyproject_declares(venv):
    # sourced the way a caller that forgets its arguments would: they must not become extras
    script = f'set -- demo reports; source "{ROOT}/scripts/bootstrap.sh" test,demo; echo "[$EXTRAS]"'
    env = dict(os.environ, VENV=str(venv))
    (venv / ".installed-test").write_text(_stamp() + "\n")  # already "installed": nothing to do
    try:
        out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, check=True)
    finally:
        (venv / ".installed-test").unlink()
    assert out.stdout.strip() == "[test]"
