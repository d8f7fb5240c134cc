"""Layer rules (DESIGN.md): core never imports Qt; the UI and the command line never import SQLAlchemy."""

from __future__ import annotations

import ast
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


def test_ui_and_cli_never_import_sqlalchemy():
    sources = [*(PACKAGE / "ui").rglob("*.py"), PACKAGE / "cli.py", PACKAGE / "__main__.py"]
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in sources
        if any(n.split(".")[0] in ("sqlalchemy", "alembic") for n in _imports(p))
    ]
    assert offenders == []
