"""Entry point of the standalone build: both programs (console `correspondence-desk`, windowed
`CorrespondenceDesk`) start here, then run the same command line as the installed package.

Before anything else it checks that every module of the app made it into the bundle, against the
list of the package's source files written at build time (packaging/correspondence-desk.spec): a
module PyInstaller failed to collect would otherwise surface only when a user reaches the page that
needs it. The check looks the modules up without importing them (~150 look-ups, a few milliseconds).

Two options of the standalone build only, for IT and the build's own smoke test:
  --self-test            import every module of the app (and so every library it needs); exit 0 if all load
  --self-test-gui DB     open the window on DB offscreen, show every page and the first letter's preview
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

MANIFEST = "correspondence_desk-modules.txt"
EXIT_BROKEN = 3


def bundle_dir() -> Path:
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))


def expected_modules(folder: Path | None = None) -> list[str]:
    path = (folder or bundle_dir()) / MANIFEST
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def missing_modules(names: list[str], root: Path | None = None) -> list[str]:
    """The names that cannot be found, each looked up in its package's folder without importing it."""
    root = root or bundle_dir()
    missing = []
    for name in names:
        *package, _leaf = name.split(".")
        where = [str(root.joinpath(*package))] if package else [str(root)]
        if importlib.machinery.PathFinder.find_spec(name, where) is None:
            missing.append(name)
    return missing


def _tell(message: str) -> None:
    """On stderr, or in a message box for the windowed program (it has no console)."""
    if sys.stderr is not None and not isinstance(sys.stderr, _Null):
        print(message, file=sys.stderr)
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "Correspondence Desk", message)
        del app
    except Exception:  # no Qt either: nothing more can be shown
        pass


class _Null:
    """Stands in for the missing stdout/stderr of a windowed program, so a flush never fails."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def self_test() -> int:
    import importlib

    # __main__ runs the command line when imported: it is only looked up (at every start)
    names = [name for name in expected_modules() if not name.endswith(".__main__")]
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # report every failure, not just the first
            failed.append(f"{name}: {type(error).__name__}: {error}")
    for line in failed:
        print(f"FAILED {line}")
    print(f"{len(names) - len(failed)} of {len(names)} modules load")
    return 1 if failed else 0


def main() -> int:
    if sys.stdout is None:
        sys.stdout = _Null()
    if sys.stderr is None:
        sys.stderr = _Null()
    try:
        names = expected_modules()
    except OSError:
        _tell(f"This copy of Correspondence Desk is incomplete ({MANIFEST} is missing): reinstall it.")
        return EXIT_BROKEN
    missing = missing_modules(names)
    if missing:
        shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
        _tell(
            f"This copy of Correspondence Desk is incomplete: {len(missing)} of its modules are "
            f"missing ({shown}). Reinstall it, or report the build as broken."
        )
        return EXIT_BROKEN
    args = sys.argv[1:]
    if args[:1] == ["--self-test"]:
        return self_test()
    if args[:1] == ["--self-test-gui"] and len(args) == 2:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import desk_selftest

        return desk_selftest.gui_probe(args[1])
    from correspondence_desk.cli import entry_point

    return entry_point()


if __name__ == "__main__":
    sys.exit(main())
