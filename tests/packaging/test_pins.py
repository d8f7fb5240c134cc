"""What can be checked of the Windows build from Linux, offline, from the committed files.

packaging/lock.py (run by hand, with PyPI) pins every dependency and records, per Python version and
platform, the wheel each pin installs. These tests check that the three files still agree with each
other and with pyproject.toml, so a dependency bumped without re-running the lock, or one with no
Windows wheel, fails here rather than on the Windows runner; and that the PyInstaller spec, the Inno
Setup script and the app agree on names and version.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from correspondence_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

_spec = importlib.util.spec_from_file_location("desk_pins", PACKAGING / "pins.py")
pins = sys.modules["desk_pins"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pins)

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
RUNTIME = pins.read_lock(pins.RUNTIME_LOCK)
BUILD = pins.read_lock(pins.BUILD_LOCK)
WHEELS = pins.read_wheels()


def _requirements(*extras: str) -> list[Requirement]:
    reqs = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    for extra in extras:
        reqs += [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"][extra]]
    return reqs


@pytest.mark.parametrize("target", pins.TARGETS, ids=lambda t: t.key)
def test_the_locks_satisfy_pyproject_on_every_platform(target):
    for lock, extras in ((RUNTIME, ()), (BUILD, ("build",))):
        chosen = pins.pins_for(target, lock)
        for req in _requirements(*extras):
            if req.marker is not None and not req.marker.evaluate(target.environment()):
                continue
            name = canonicalize_name(req.name)
            assert name in chosen, f"{name} is not pinned for {target.key}"
            assert req.specifier.contains(chosen[name], prereleases=True), (name, chosen[name], str(req))


@pytest.mark.parametrize("target", pins.TARGETS, ids=lambda t: t.key)
def test_the_build_pins_the_same_runtime_versions_as_the_kit(target):
    runtime, build = pins.pins_for(target, RUNTIME), pins.pins_for(target, BUILD)
    assert {n: build.get(n) for n in runtime} == runtime


@pytest.mark.parametrize("target", pins.TARGETS, ids=lambda t: t.key)
def test_every_pin_has_a_wheel_for_the_platform(target):
    """Each pin has a recorded wheel of that very version whose tags this Python accepts."""
    for name, version in pins.pins_for(target, BUILD).items():
        assert (target.key, name) in WHEELS, f"no wheel recorded for {name} on {target.key}"
        recorded, filename, sha256 = WHEELS[(target.key, name)]
        assert recorded == version, f"{name}: pinned {version}, wheel list has {recorded}: run the lock again"
        assert pins.wheel_installs_on(target, filename, name, version), (target.key, filename)
        assert re.fullmatch(r"[0-9a-f]{64}", sha256)
    listed = {name for key, name in WHEELS if key == target.key}
    assert listed == set(pins.pins_for(target, BUILD)), "the wheel list has stale entries"


def test_a_wheel_for_another_platform_or_python_is_refused():
    # the check above is only as good as this: a Linux or a cp313 wheel does not pass for cp311 Windows
    target = pins.Target("3.11", "win_amd64")
    assert pins.wheel_installs_on(target, "lxml-6.1.3-cp311-cp311-win_amd64.whl", "lxml", "6.1.3")
    assert not pins.wheel_installs_on(
        target, "lxml-6.1.3-cp311-cp311-manylinux_2_28_x86_64.whl", "lxml", "6.1.3"
    )
    assert not pins.wheel_installs_on(target, "lxml-6.1.3-cp313-cp313-win_amd64.whl", "lxml", "6.1.3")
    assert pins.wheel_installs_on(target, "shiboken6-6.11.3-cp310-abi3-win_amd64.whl", "shiboken6", "6.11.3")
    assert pins.best_wheel(target, ["x-1-py3-none-any.whl", "x-1-cp311-cp311-win_amd64.whl"]).endswith(
        "win_amd64.whl"
    )


def test_pyside6_is_pinned_per_python_version():
    # DESIGN.md: 6.12.0 aborts on 3.11, where QtPdf lives in Addons; 3.12+ takes 6.12 with the Pdf wheel
    cp311 = pins.pins_for(pins.Target("3.11", "win_amd64"), RUNTIME)
    cp312 = pins.pins_for(pins.Target("3.12", "win_amd64"), RUNTIME)
    assert cp311["pyside6-essentials"].startswith("6.11.") and "pyside6-addons" in cp311
    assert cp312["pyside6-essentials"].startswith("6.12.") and "pyside6-pdf" in cp312


def test_the_windows_workflow_builds_with_a_python_the_wheels_were_checked_for():
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text()
    versions = re.findall(r'"(3\.\d+)"', re.search(r"python: \[([^\]]*)\]", workflow).group(1))
    assert versions
    for version in versions:
        assert pins.Target(version, "win_amd64") in pins.TARGETS, version
    for step in ("packaging/build_app.py", "tests/packaging/test_standalone.py", "correspondence-desk.iss"):
        assert step in workflow
    assert "/VERYSILENT" in workflow and "/ALLUSERS" in workflow and "/CURRENTUSER" in workflow


def _spec_constants() -> dict[str, str]:
    text = (PACKAGING / "correspondence-desk.spec").read_text()
    return dict(re.findall(r'^([A-Z_]+) = "([^"]*)"', text, re.M))


def _iss_defines() -> dict[str, str]:
    text = (PACKAGING / "windows" / "correspondence-desk.iss").read_text()
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))


def test_the_spec_and_the_installer_agree_on_names_and_version():
    spec, iss = _spec_constants(), _iss_defines()
    assert iss["AppName"] == spec["APP_NAME"] == "Correspondence Desk"
    assert iss["AppVersion"] == __version__
    assert iss["DistName"] == spec["DIST_NAME"]
    assert iss["ConsoleExe"] == spec["CONSOLE_NAME"] + ".exe"
    assert iss["WindowedExe"] == spec["WINDOWED_NAME"] + ".exe"
    text = (PACKAGING / "windows" / "correspondence-desk.iss").read_text()
    assert "PrivilegesRequired=lowest" in text  # per user, no admin, by default
    assert re.search(r"PrivilegesRequiredOverridesAllowed=.*commandline", text)  # /ALLUSERS for IT
    assert r"build\dist\{#DistName}" in text
    for referenced in re.findall(r"=\.\.\\\.\.\\([^\s]+)", text):
        if "{" not in referenced and not referenced.startswith("build"):
            assert (ROOT / referenced.replace("\\", "/")).exists(), referenced


def test_the_build_script_and_the_spec_name_the_same_folder():
    _spec = importlib.util.spec_from_file_location("desk_build_app", PACKAGING / "build_app.py")
    build_app = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(build_app)
    assert _spec_constants()["DIST_NAME"] == build_app.DIST_NAME
