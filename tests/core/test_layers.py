"""Layer rules (DESIGN.md) seen from a running interpreter; import-linter checks the import graph itself
(the contracts in pyproject.toml, run by ./run-tests)."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import correspondence_desk

PACKAGE = Path(correspondence_desk.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_qt_when_loaded():
    modules = [
        m.name
        for m in pkgutil.walk_packages([str(PACKAGE / "core")], "correspondence_desk.core.")
        if ".migrations" not in m.name
    ]
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_core_sources_have_no_qt_import():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "core").rglob("*.py")
        if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in _imports(p))
    ]
    assert offenders == []


def test_the_ui_loads_without_the_database_layer():
    """Every UI module but the composition root imports without SQLAlchemy, the schema or Alembic:
    the UI is handed services and records, and never holds the database layer itself."""
    modules = [
        m.name
        for m in pkgutil.walk_packages([str(PACKAGE / "ui")], "correspondence_desk.ui.")
        if m.name != "correspondence_desk.ui.app"
    ]
    assert len(modules) > 25
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')\n"
        "             or m in ('correspondence_desk.core.model', 'correspondence_desk.core.db'))\n"
        "print(','.join(bad))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == ""


def test_no_page_stand_ins_hide_a_broken_install():
    """A page that cannot be imported fails loudly: nothing in the UI swallows an ImportError."""
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "ui").rglob("*.py")
        if "except ImportError" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
