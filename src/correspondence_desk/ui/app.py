"""Composition root of the desktop app: paths → database → services → window.

Nothing here is global: the services are built once (or again when the user opens another
database) and handed down to the window and its pages. This is the one UI module that reaches the
database layer (`DatabaseOpener`); every other UI module is handed services and never imports
SQLAlchemy, the schema or the database code (the import-linter contracts in pyproject.toml).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from correspondence_desk import APP_NAME, __version__
from correspondence_desk.core.errors import DeskError, PassphraseNeeded, UnsealedWorkFound
from correspondence_desk.paths import APP_DIR_NAME, location_for, resolve_database
from correspondence_desk.resources import resource
from correspondence_desk.ui.common import dialogs

if TYPE_CHECKING:
    from correspondence_desk.core.offline.records import CheckinPlan, CheckoutResult
    from correspondence_desk.core.services import Services
    from correspondence_desk.paths import DatabaseLocation
    from correspondence_desk.ui.shell.main_window import MainWindow

log = logging.getLogger("correspondence_desk")
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)) / "correspondence-desk.log"


def setup_logging() -> logging.Handler | None:
    """Log to a file in the user's log folder (None if it cannot be written: the app still runs)."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def make_excepthook(parent: Callable[[], QWidget | None], log_file: Path | None) -> ExceptHook:
    """A hook that logs an unexpected error and explains it in a dialog instead of dying silently."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        try:
            dialogs.show_bug(parent(), exc_type, exc, tb, str(log_file or ""))
        except Exception:  # the dialog itself failed: at least keep the report on stderr
            sys.__excepthook__(exc_type, exc, tb)

    return hook


class DatabaseOpener:
    """Opens, creates and restores databases for the window (the `Opener` of ui/shell/startup.py),
    and takes copies offline and brings them back (the window's File menu, ui/shell/offline.py)."""

    def __init__(self) -> None:
        self._passphrases: dict[Path, str] = {}
        self._leftovers: dict[Path, str] = {}

    def remember_passphrase(self, path: Path, passphrase: str) -> None:
        """For the next `open` of the sealed copy at `path` (asked on the GUI thread)."""
        self._passphrases[path] = passphrase

    def remember_leftover(self, path: Path, choice: str) -> None:
        """For the next `open` of the sealed copy at `path`: "recover" or "discard" what a crash left."""
        self._leftovers[path] = choice

    def open(self, location: DatabaseLocation, *, create: bool) -> Services:
        from correspondence_desk.core.db import open_database
        from correspondence_desk.core.offline import sealing
        from correspondence_desk.core.services import Services

        path = location.path
        if path is not None and sealing.is_sealed(path):
            passphrase = self._passphrases.get(path)
            if passphrase is None:
                raise PassphraseNeeded(path)
            try:  # WrongPassphraseError: the file is untouched; UnsealedWorkFound: ask, then again
                opened = sealing.open_sealed(
                    path, passphrase, leftover=self._leftovers.pop(path, sealing.ASK)
                )
            except UnsealedWorkFound:
                raise  # the passphrase is kept for the open after the person's answer
            except BaseException:
                self._passphrases.pop(path, None)
                raise
            self._passphrases.pop(path, None)
            try:
                services = Services(open_database(location_for(opened.work_path), create=False))
            except BaseException:
                opened.close(reseal=opened.recovered)
                raise
            services.shown_location = f"{path} (sealed)"
            services.sealed_copy = opened
            services.when_closed(lambda: _close_sealed(opened))
            return services
        return Services(open_database(location, create=create))

    def marked_letters(self, services: Services, reports: list[str]) -> int:
        from correspondence_desk.core.offline.checkout import marked_letters

        return marked_letters(services.db, reports)

    def take_offline(
        self,
        services: Services,
        out: Path,
        reports: list[str],
        passphrase: str | None,
        progress: Callable[[str], None] | None = None,
    ) -> CheckoutResult:
        from correspondence_desk.core.offline.checkout import checkout

        return checkout(services.db, out, reports=reports, passphrase=passphrase, progress=progress)

    def bring_back(
        self,
        services: Services,
        copy: Path,
        *,
        dry_run: bool,
        resolutions: dict[str, Any],
        passphrase: str | None,
        progress: Callable[[str], None] | None = None,
    ) -> CheckinPlan:
        from correspondence_desk.core.offline.checkin import checkin

        return checkin(
            copy,
            services.db,
            dry_run=dry_run,
            resolutions=resolutions,
            passphrase=passphrase,
            progress=progress,
        )

    def bring_back_here(
        self,
        copy: Services,
        server_url: str,
        *,
        dry_run: bool,
        resolutions: dict[str, Any],
        progress: Callable[[str], None] | None = None,
    ) -> CheckinPlan:
        """From a window on the copy itself: open the server it came from (ServerPasswordNeeded: ask
        and try again), bring this copy back, and seal the copy again (it is now marked brought back)."""
        from correspondence_desk.core.db import open_database
        from correspondence_desk.core.offline.checkin import checkin

        work = copy.path
        if work is None:
            raise DeskError("This window is not on an offline copy file.")
        sealed = copy.sealed_copy
        server = open_database(location_for(server_url), create=False)
        try:
            plan = checkin(
                work, server, dry_run=dry_run, resolutions=resolutions, progress=progress,
                shown_as=sealed.sealed if sealed is not None else None,
            )  # fmt: skip
        finally:
            server.close()
        if sealed is not None and plan.applied:
            sealed.reseal()
        return plan

    def restore(self, location: DatabaseLocation, backup: Path) -> None:
        from correspondence_desk.core.db import restore_database

        restore_database(location, backup)


def _close_sealed(opened: Any) -> None:
    """Seal the copy a last time; if that fails the working file stays for the next open to recover."""
    try:
        opened.close()
    except DeskError as error:
        log.warning("Sealing %s on close failed: %s", opened.sealed, error)
        dialogs.show_error(
            None,
            f"{error}\n\nYour changes are kept in its working file: open the copy again to recover them.",
            "Sealing the offline copy",
        )


def _load_database_layer(_task: object) -> None:
    """On a worker thread: import SQLAlchemy, the model and the services (about a second), so the
    window, already on screen, keeps answering while they load. Nothing here touches Qt widgets."""
    import correspondence_desk.core.db
    import correspondence_desk.core.services
    import correspondence_desk.core.services.demo  # noqa: F401


def _load_then_open(app: QApplication, window: MainWindow, db_arg: str | None) -> None:
    from correspondence_desk.ui.common.background import BackgroundOp

    (
        BackgroundOp(window, _load_database_layer, doing="Starting Correspondence Desk")
        .success(lambda _none: _open_database(app, window, db_arg))
        .failure(lambda error: _failed_to_load(app, window, error))
        .run_in_background()
    )


def _failed_to_load(app: QApplication, window: MainWindow, error: BaseException) -> None:
    # A broken installation (a missing library): explain, then stop.
    dialogs.show_bug(window, type(error), error, error.__traceback__)
    window.close()
    app.exit(1)


def _open_database(app: QApplication, window: MainWindow, db_arg: str | None) -> None:
    from correspondence_desk.ui.shell.startup import open_in_background

    def opened(services: Services) -> None:
        window.attach(services)
        window.offer_demo()

    def quit_() -> None:  # the user chose to quit rather than open another database
        window.close()
        app.exit(1)

    open_in_background(window.databases.opener, resolve_database(db_arg), window, opened, quit_)


def run(db_arg: str | None = None) -> int:
    """Open the app on the database named by --db, the environment, or the per-user default."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_DIR_NAME)
    app.setDesktopFileName("correspondence-desk")
    app.setWindowIcon(QIcon(str(resource("icons", "correspondence-desk.svg"))))
    handler = setup_logging()
    log_file = Path(handler.baseFilename) if isinstance(handler, logging.FileHandler) else None
    window_ref: list[QWidget] = []
    previous_hook = sys.excepthook
    sys.excepthook = make_excepthook(lambda: window_ref[0] if window_ref else None, log_file)
    try:
        # The window appears first (Qt alone loads fast); the database layer loads and the database
        # opens just after, so a big database or a slow disk never leaves the user with nothing.
        from correspondence_desk.ui.shell.main_window import MainWindow

        window = MainWindow(None, opener=DatabaseOpener())
        window_ref.append(window)
        window.show()
        QTimer.singleShot(0, lambda: _load_then_open(app, window, db_arg))
        code = app.exec()
        if window.services is not None:
            window.services.close()
        return code
    finally:
        sys.excepthook = previous_hook
        if handler is not None:
            log.removeHandler(handler)
            handler.close()
