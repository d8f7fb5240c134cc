"""A sealed offline copy is sealed again soon after each change, not only when it is closed.

Every commit on the copy (from any thread) restarts a short idle timer; when it runs out the copy is
sealed on a worker (a new sealed file written beside the old and renamed over it, so a kill leaves
one or the other whole). Until then the change is safe in the working file, which a crash leaves
for the next open to recover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp, Task

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services
    from correspondence_desk.ui.shell.main_window import MainWindow

IDLE_MS = 1000  # after the last commit: a burst of saves is sealed once
RETRY_MS = 30_000  # after a failure (a full disk, a removed stick)


class IdleResealer(QObject):
    committed = Signal()

    def __init__(self, window: MainWindow, copy: Any, idle_ms: int | None = None) -> None:
        super().__init__(window)
        self._window, self.copy = window, copy
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS if idle_ms is None else idle_ms)
        self.timer.timeout.connect(self._seal)
        self.committed.connect(self._changed)  # queued when emitted on a worker thread
        self._running = self._again = self._warned = False
        self.sealed = 0  # how many times a change was sealed (the tests read it)

    @classmethod
    def for_services(cls, window: MainWindow, services: Services) -> IdleResealer | None:
        copy = services.sealed_copy
        if copy is None:
            return None
        resealer = cls(window, copy)

        def notify() -> None:  # on the committing thread
            if shiboken6.isValid(resealer):
                resealer.committed.emit()

        services.when_committed(notify)
        if copy.recovered:
            QTimer.singleShot(
                0,
                lambda: dialogs.show_info(
                    window,
                    f"The changes a session that ended without closing left in {copy.sealed.name} were "
                    "recovered and sealed into it; its plain working file from then is gone.",
                    "Changes recovered",
                ),
            )
        return resealer

    def stop(self) -> None:
        self.timer.stop()
        self.copy = None

    def _changed(self) -> None:
        if self.copy is not None:
            self.timer.start()

    def _seal(self) -> None:
        copy = self.copy
        if copy is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True

        def work(_task: Task) -> bool:
            done: bool = copy.reseal()
            return done

        (
            BackgroundOp(self._window, work, doing="sealing the offline copy")
            .success(self._done)
            .failure(self._failed)
            .run_in_background()
        )

    def _done(self, wrote: bool) -> None:
        self._running = False
        self.sealed += bool(wrote)
        self._warned = False
        if self._again:
            self._again = False
            self.timer.start()

    def _failed(self, error: BaseException) -> None:
        self._running = self._again = False
        if self.copy is None:
            return
        if not self._warned:  # said once; tried again quietly until it works
            self._warned = True
            dialogs.show_error(
                self._window,
                f"{error}\n\nYour changes are safe in the open copy; sealing is tried again shortly, "
                "and when the copy is closed.",
                "Sealing the offline copy",
            )
        self.timer.start(RETRY_MS)
