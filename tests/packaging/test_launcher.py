"""The standalone build's launcher, run unfrozen over a folder laid out as a bundle is."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("desk_launcher", ROOT / "packaging" / "launcher.py")
launcher = sys.modules["desk_launcher"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(launcher)


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundle-like folder: a package whose module would blow up if the check imported it."""
    package = tmp_path / "deskpkg"
    (package / "pages").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "pages" / "__init__.py").write_text("")
    (package / "pages" / "letters.py").write_text("raise RuntimeError('imported by the check')\n")
    names = ["deskpkg", "deskpkg.pages", "deskpkg.pages.letters"]
    (tmp_path / launcher.MANIFEST).write_text("\n".join(names) + "\n")
    monkeypatch.setattr(launcher, "bundle_dir", lambda: tmp_path)
    return tmp_path


def test_modules_are_looked_up_without_being_imported(bundle):
    assert launcher.missing_modules(launcher.expected_modules()) == []
    assert "deskpkg.pages.letters" not in sys.modules


def test_a_module_missing_from_the_bundle_is_named(bundle):
    (bundle / "deskpkg" / "pages" / "letters.py").unlink()
    names = [*launcher.expected_modules(), "deskpkg.search"]
    assert launcher.missing_modules(names) == ["deskpkg.pages.letters", "deskpkg.search"]


def test_the_console_program_stops_with_one_clear_line(bundle, monkeypatch, capsys):
    (bundle / "deskpkg" / "pages" / "letters.py").unlink()
    monkeypatch.setattr(sys, "argv", ["correspondence-desk", "--help"])
    assert launcher.main() == launcher.EXIT_BROKEN
    err = capsys.readouterr().err
    assert "incomplete" in err and "deskpkg.pages.letters" in err and "Reinstall" in err


@pytest.mark.gui
def test_the_windowed_program_has_no_console_and_says_it_in_a_message_box(bundle, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "stdout", None)  # as a Windows GUI program starts
    monkeypatch.setattr(sys, "stderr", None)
    (bundle / launcher.MANIFEST).unlink()
    code = launcher.main()
    assert code == launcher.EXIT_BROKEN
    assert shown and "incomplete" in shown[0]
    sys.stdout.write("no console: written nowhere, and no error")  # the stand-in launcher installed
    sys.stdout.flush()
