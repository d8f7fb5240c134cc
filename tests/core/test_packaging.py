"""The built wheel carries what the app needs at run time: migrations, fonts and their licence."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from correspondence_desk.resources import resource

ROOT = Path(__file__).resolve().parents[2]


def test_resources_are_found_from_the_source_tree():
    assert resource("fonts", "LiberationSans-Regular.ttf").stat().st_size > 100_000
    assert "SIL OPEN FONT LICENSE" in resource("fonts", "OFL.txt").read_text()


def test_wheel_contains_migrations_resources_and_entry_point(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("correspondence_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in [
        "correspondence_desk/core/migrations/env.py",
        "correspondence_desk/core/migrations/script.py.mako",
        "correspondence_desk/core/migrations/versions/0001_initial_schema.py",
        "correspondence_desk/resources/fonts/LiberationSans-Regular.ttf",
        "correspondence_desk/resources/fonts/LiberationSans-Bold.ttf",
        "correspondence_desk/resources/fonts/OFL.txt",
        "correspondence_desk/resources/icc/sRGB.icc",  # the output intent of every PDF
        "correspondence_desk/resources/icc/README.md",  # its origin and licence
    ]:
        assert needed in names, needed
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "correspondence-desk = correspondence_desk.cli:entry_point" in text
