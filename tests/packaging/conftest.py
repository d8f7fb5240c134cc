"""The standalone build is made (or found up to date) once the tests are collected, before the first
one starts: on a busy 2-core machine it can take longer than one test is given (pytest-timeout), and
the per-test faulthandler dump would print a traceback for a build that is only slow."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    if not any(item.path.name == "test_standalone.py" for item in session.items):
        return
    build_app = sys.modules.get("desk_build_app")  # loaded by test_standalone.py when it was collected
    if build_app is None:
        spec = importlib.util.spec_from_file_location("desk_build_app", ROOT / "packaging" / "build_app.py")
        build_app = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(build_app)
    build_app.build(sys.executable)
