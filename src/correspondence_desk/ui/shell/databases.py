"""File › Open database… and New database…, switching the window to them, and the example offer.

The window never opens a database itself: an `Opener` made by the composition root does, and the
window is handed the new services (`MainWindow.switch_to`, done here): its pages are rebuilt over
them and the old ones closed. Unsaved work is asked about first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from correspondence_desk.core.errors import DeskError
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.shell.resealing import IdleResealer
from correspondence_desk.ui.shell.startup import DB_FILTER, Opener, create_new, open_existing

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services
    from correspondence_desk.ui.shell.main_window import MainWindow

EXAMPLE_OFFER = (
    "This database is empty. Load a fictional example — a committee report with nine "
    "recommendations, some bodies and contacts, and a draft response letter — to try the app? "
    "You can delete it later."
)


class DatabaseSwitcher:
    def __init__(self, window: MainWindow, opener: Opener) -> None:
        self._window = window
        self.opener = opener

    def _start_folder(self) -> str:
        services = self._window.services
        path = services.path if services is not None else None
        return str(path.parent) if path else str(Path.home())

    def open(self) -> None:
        window = self._window
        if not window.pages_can_leave():
            return
        path, _ = QFileDialog.getOpenFileName(window, "Open a database", self._start_folder(), DB_FILTER)
        if path:
            window.switch_to(open_existing(self.opener, path, window))

    def new(self) -> None:
        window = self._window
        if not window.pages_can_leave():
            return
        path, _ = QFileDialog.getSaveFileName(
            window,
            "New database",
            self._start_folder(),
            DB_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            window.switch_to(create_new(self.opener, path, window))
            self.offer_demo()

    def switch_to(self, services: Services | None) -> None:
        """Use another database: the pages are rebuilt over the new services; the old ones are closed."""
        if services is None:
            return
        window = self._window
        old, window.services = window.services, services
        if window.resealer is not None:  # the old copy is sealed a last time as it closes, below
            window.resealer.stop()
        window.resealer = IdleResealer.for_services(window, services)
        current = max(0, window.stack.currentIndex())
        window.navigator.history.clear()
        window.rebuild_pages()
        if old is not None:
            old.close()
        self.install_exports()
        window.navigation.setCurrentRow(-1)
        window.go_to(current)

    def install_exports(self) -> None:
        """File › Export, made once there are services (it loads the exports code)."""
        window = self._window
        if window.exports is not None:
            return
        from correspondence_desk.ui.shell.export_menu import ExportActions

        window.exports = ExportActions(
            window, lambda: window.services, current_report=lambda: window.reports_page.current_id()
        )
        window.file_menu.insertMenu(window.export_slot, window.exports.menu(window.file_menu))

    def offer_demo(self) -> None:
        """On an empty database, offer the fictional example once (so there is something to look at)."""
        window = self._window
        services = window.services
        if services is None or window.settings.demo_offered(services.location):
            return
        try:
            empty = not services.bodies.list() and not services.reports.list()
        except DeskError:
            return
        if not empty:
            return
        window.settings.set_demo_offered(services.location)
        if dialogs.confirm_action(window, EXAMPLE_OFFER, "Load the example?", "Load the example"):
            try:
                services.load_demo()
            except DeskError as error:
                dialogs.show_desk_error(window, error, "Loading the example")
            window.refresh_all()
