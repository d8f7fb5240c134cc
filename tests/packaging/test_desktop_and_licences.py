"""The licence, the third-party notices, the icon and the Linux desktop files, as shipped."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from configparser import ConfigParser
from pathlib import Path

import pytest

from correspondence_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())

_spec = importlib.util.spec_from_file_location("desk_pins", ROOT / "packaging" / "pins.py")
pins = sys.modules["desk_pins"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pins)


def test_licence_is_the_gpl_3_that_pyproject_names():
    text = (ROOT / "LICENSE").read_text()
    assert text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE") and "Version 3, 29 June 2007" in text
    assert PYPROJECT["project"]["license"] == "GPL-3.0-or-later"


def test_notices_name_every_pinned_distribution_and_carry_the_licences_it_needs():
    notices = (ROOT / "THIRD-PARTY-NOTICES.txt").read_text()
    summary = notices.split("=" * 100)[0]
    rows = {}
    for line in summary.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            rows[pins.canonicalize_name(parts[0])] = line
    for target in pins.TARGETS:
        for name, version in pins.pins_for(target, pins.read_lock(pins.RUNTIME_LOCK)).items():
            assert name in rows, f"{name} is missing from THIRD-PARTY-NOTICES.txt"
            assert version in rows[name], f"{name} {version}: regenerate with scripts/make-notices"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices  # Qt / PySide6
    assert "SIL OPEN FONT LICENSE" in notices.upper()  # Liberation Sans
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in notices.upper()
    assert "pyinstaller" in summary.lower()  # its bootloader starts the standalone build


def test_the_wheel_ships_the_licence_and_the_notices(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("correspondence_desk-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for name in ("LICENSE", "THIRD-PARTY-NOTICES.txt"):
            shipped = zf.read(f"correspondence_desk/resources/{name}")
            assert shipped == (ROOT / name).read_bytes()
        assert "correspondence_desk/resources/icons/correspondence-desk.svg" in names


@pytest.mark.gui
def test_about_box_shows_the_version_and_the_licences(qtbot):
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from correspondence_desk.ui.shell.about import AboutDialog

    about = AboutDialog("/tmp/desk.sqlite3")
    qtbot.addWidget(about)
    heading = " ".join(label.text() for label in about.findChildren(QLabel))
    assert f"Version {__version__}" in heading and "GNU General Public License" in heading
    (box,) = about.findChildren(QPlainTextEdit)
    text = box.toPlainText()
    for needed in ("GNU GENERAL PUBLIC LICENSE", "GNU LESSER GENERAL PUBLIC LICENSE", "PySide6", "reportlab"):
        assert needed.lower() in text.lower(), needed


def test_the_icon_comes_in_every_size_and_as_a_windows_icon():
    from PIL import Image
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(ICONS / f"correspondence-desk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    with Image.open(ICONS / "correspondence-desk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    ET.parse(ICONS / "correspondence-desk.svg")  # well-formed


def _desktop_entry() -> dict[str, str]:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(LINUX / "correspondence-desk.desktop")
    return dict(parser["Desktop Entry"])


def test_the_desktop_entry_matches_the_app_and_its_icon():
    entry = _desktop_entry()
    assert entry["Name"] == "Correspondence Desk" and entry["Type"] == "Application"
    assert entry["Exec"].split()[0] in PYPROJECT["project"]["scripts"]
    assert (ICONS / f"{entry['Icon']}.svg").exists()
    # Qt tells Wayland/X11 which .desktop file the window belongs to: the same name
    sources = "\n".join(p.read_text() for p in (ROOT / "src").rglob("*.py"))
    assert 'setDesktopFileName("correspondence-desk")' in sources


def test_the_appstream_metadata_matches_the_desktop_entry_and_the_version():
    root = ET.parse(LINUX / "org.correspondencedesk.CorrespondenceDesk.metainfo.xml").getroot()
    assert root.findtext("id") == "org.correspondencedesk.CorrespondenceDesk"
    assert root.findtext("launchable") == "correspondence-desk.desktop"
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    assert root.find("releases/release").get("version") == __version__


@pytest.mark.parametrize(
    "tool", [["desktop-file-validate"], ["appstreamcli", "validate", "--no-net"]], ids=lambda t: t[0]
)
def test_the_desktop_files_pass_the_freedesktop_validators(tool):
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed (Debian: desktop-file-utils, appstream)")
    target = LINUX / (
        "correspondence-desk.desktop"
        if "desktop" in tool[0]
        else "org.correspondencedesk.CorrespondenceDesk.metainfo.xml"
    )
    result = subprocess.run([*tool, str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^(E|W):|error|warning", result.stdout + result.stderr, re.M), result.stdout
