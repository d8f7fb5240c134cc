"""The offline kit installs and runs with the network cut off, for every Python version it is made for.

Making the kit downloads the pinned wheels once per Python version (build/offline-kit, reused while
packaging/requirements/runtime.txt is unchanged); the app's own wheel is rebuilt from the checkout
each time. The install itself runs in a new network namespace (`unshare -n`, as root) with a bare
environment and no pip configuration, so only the kit's folder can be used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),  # the first run in a checkout downloads ~530 MB of wheels
    pytest.mark.skipif(
        sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"),
        reason="cutting the network off needs Linux namespaces (root)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
LETTER = "CTA/TEC/2026/017"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"desk_{name}", ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


offline_kit = _load("offline_kit")


def _available() -> list[str]:
    found = []
    for version in offline_kit.pins.PYTHONS:
        try:
            offline_kit.interpreter(version)
        except SystemExit:
            continue
        found.append(version)
    return found


VERSIONS = _available()


@pytest.fixture(scope="module")
def kit() -> Path:
    if not VERSIONS:
        pytest.skip("no Python 3.11+ interpreters to make the kit for")
    return offline_kit.make_kit(VERSIONS, ROOT / "build" / "offline-kit")


def _offline(cmd: list[str], home: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PIP_CONFIG_FILE": os.devnull}
    return subprocess.run(
        ["unshare", "-n", *cmd], capture_output=True, text=True, env=env, cwd=home, timeout=600, **kwargs
    )


def test_every_file_of_the_kit_is_listed_with_its_checksum(kit):
    listed = {}
    for line in (kit / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    for version in VERSIONS:
        folder = f"cp{version.replace('.', '')}-linux"
        wheels = [n for n in listed if n.startswith(folder + "/")]
        assert any("correspondence_desk-" in n for n in wheels) and len(wheels) > 20
    for name, digest in listed.items():
        assert hashlib.sha256((kit / name).read_bytes()).hexdigest() == digest, name


def test_no_network_is_reachable_where_the_kit_is_installed(tmp_path):
    probe = "import socket; socket.create_connection(('pypi.org', 443), timeout=5)"
    result = _offline([sys.executable, "-c", probe], tmp_path)
    assert result.returncode != 0  # the install below really has nothing but the folder


@pytest.mark.parametrize("version", VERSIONS)
def test_the_kit_installs_offline_and_the_app_runs(kit, tmp_path, version):
    python = offline_kit.interpreter(version)
    home = tmp_path / "home"
    home.mkdir()
    dest = tmp_path / "venv"
    result = _offline(["env", f"PYTHON={python}", "sh", str(kit / "install.sh"), str(dest)], home)
    assert result.returncode == 0, result.stderr
    app = str(dest / "bin" / "correspondence-desk")
    assert _offline([app, "--help"], home).returncode == 0
    db = str(home / "desk.sqlite3")
    demo = _offline([app, "--db", db, "demo"], home)
    assert demo.returncode == 0 and "Added the example report" in demo.stdout, demo.stderr
    render = _offline([app, "--db", db, "render", LETTER, "--pdf", "letter.pdf"], home)
    assert render.returncode == 0, render.stderr
    assert (home / "letter.pdf").read_bytes().startswith(b"%PDF")
    qt = _offline([str(dest / "bin" / "python"), "-c", "from PySide6.QtPdfWidgets import QPdfView"], home)
    assert qt.returncode == 0, qt.stderr
    shutil.rmtree(dest)  # up to 830 MB each
