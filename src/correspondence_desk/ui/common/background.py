"""Run long work off the GUI thread and bring the outcome back to it (after Anki's QueryOp).

Usage:

    from correspondence_desk.ui.common.background import BackgroundOp

    def work(task):                          # runs on a worker thread: NO widgets, NO GUI state here
        return extract(path, progress=task.progress, cancelled=task.is_cancelled)

    op = (
        BackgroundOp(parent_widget, work)
        .with_progress(f"Reading {path.name}…")     # optional QProgressDialog with a Cancel button
        .success(lambda doc: show(doc))             # GUI thread, with the return value
        .failure(lambda exc: ...)                   # GUI thread; default: plain-words message box
        .cancelled(lambda: ...)                     # GUI thread, when the user cancelled
        .run_in_background()
    )

Rules:
- `work(task)` gets a `Task`: call `task.progress(done, total)` as it goes (thread-safe, rate-limited by
  Qt's queued signals) and check `task.is_cancelled()` between steps (or call `task.check()`, which
  raises `Cancelled`). Cancellation is cooperative: a `threading.Event` set by Cancel or `op.cancel()`.
- Callbacks and the `progressed`/`finished` signals always run on the GUI thread. If the parent widget
  has been deleted meanwhile, callbacks are skipped (they would touch a dead widget).
- Once cancel was requested, the outcome is "cancelled" whatever the work returned or raised.
- `DeskError`s are problems a user can act on and are shown as plain messages; any other exception is a
  bug: it is logged with its traceback and shown as "an unexpected error".
- Tests: `op.run_now()` runs the work synchronously on the calling thread (same callbacks), or
  `qtbot.waitSignal(op.finished)` around `run_in_background()`; `wait_for_background_work()` in teardown
  (and on application quit, wired automatically) so no worker thread outlives the app or a test.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError
from correspondence_desk.ui.common import dialogs

__all__ = [
    "BackgroundOp",
    "Cancelled",
    "Task",
    "cancel_background_work",
    "wait_for_background_work",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

PROGRESS_DELAY_MS = 500  # quick jobs never flash a progress dialog


class Cancelled(Exception):
    """Raised by `Task.check()` inside the work when the user asked to stop."""


class Task:
    """What the work function sees: progress reporting and the cancel flag. Safe from any thread."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self.cancel_event = threading.Event()
        self._report = report

    def progress(self, done: int, total: int) -> None:
        self._report(int(done), int(total))

    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        if self.cancel_event.is_set():
            raise Cancelled


# Every operation still running, so Python keeps them (and their Qt signals) alive until they finish.
_running: set[BackgroundOp[Any]] = set()
_pool: QThreadPool | None = None


def _thread_pool() -> QThreadPool:
    """Our own pool (not the global one) so waiting for it waits only for our work."""
    global _pool
    if _pool is None or not shiboken6.isValid(_pool):
        app = QCoreApplication.instance()
        _pool = QThreadPool(app)
        _pool.setMaxThreadCount(2)  # a PDF at a time is plenty; pdf libraries are not all thread-safe
        if app is not None:
            app.aboutToQuit.connect(_on_quit)
    return _pool


def _on_quit() -> None:
    cancel_background_work()
    wait_for_background_work()


def cancel_background_work() -> None:
    """Ask every running operation to stop (their outcome becomes "cancelled")."""
    for op in list(_running):
        op.cancel()


def wait_for_background_work(timeout_ms: int = 30_000) -> bool:
    """Block until no worker thread is running, then deliver their outcomes. True if all finished."""
    if _pool is None or not shiboken6.isValid(_pool):
        return True
    done = _pool.waitForDone(timeout_ms)
    # Outcomes travel by queued signal: let them arrive so callbacks run and `_running` empties.
    app = QCoreApplication.instance()
    if app is not None:
        app.processEvents()
    return done


class _Runner(QRunnable):
    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__()
        self._op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        self._op._execute()


class BackgroundOp(QObject, Generic[T]):
    """One piece of long work; configure with the fluent methods, then `run_in_background()`.

    Signals (all on the GUI thread):
        progressed(done, total): the work reported progress.
        finished(): after the success/failure/cancelled callback ran.
    """

    progressed = Signal(int, int)
    finished = Signal()
    _progress_from_worker = Signal(int, int)
    _outcome_from_worker = Signal(object)

    def __init__(self, parent: QWidget | None, work: Callable[[Task], T], *, doing: str = "") -> None:
        # No Qt parent: the op must outlive a parent deleted mid-work (it then just drops its outcome).
        super().__init__(None)
        self._parent = parent
        self._work = work
        self._doing = doing
        self.task = Task(self._progress_from_worker.emit)
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._on_cancelled: Callable[[], Any] | None = None
        self._progress_label: str | None = None
        self._dialog: QProgressDialog | None = None
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        # Both connections are queued: emitted on the worker thread, received where this object lives.
        self._progress_from_worker.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._outcome_from_worker.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)

    # --- configuring ----------------------------------------------------------------------------

    def success(self, callback: Callable[[T], Any]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], Any]) -> BackgroundOp[T]:
        self._on_cancelled = callback
        return self

    def with_progress(self, label: str) -> BackgroundOp[T]:
        """Show a window-modal progress dialog (after PROGRESS_DELAY_MS) whose Cancel stops the work."""
        self._progress_label = label
        return self

    # --- running --------------------------------------------------------------------------------

    def run_in_background(self) -> BackgroundOp[T]:
        _running.add(self)
        self._open_progress_dialog()
        _thread_pool().start(_Runner(self))
        return self

    def run_now(self) -> BackgroundOp[T]:
        """Run synchronously on the calling (GUI) thread: same callbacks, for tests and tiny jobs."""
        _running.add(self)
        self._deliver(self._outcome())
        return self

    def cancel(self) -> None:
        self.task.cancel_event.set()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block (processing events) until the outcome was delivered. True if it was."""
        import time

        deadline = time.monotonic() + timeout_ms / 1000
        app = QCoreApplication.instance()
        while not self.done and time.monotonic() < deadline:
            if app is not None:
                app.processEvents()
            time.sleep(0.005)
        return self.done

    # --- worker side ----------------------------------------------------------------------------

    def _outcome(self) -> tuple[str, Any]:
        try:
            value = self._work(self.task)
        except BaseException as exc:  # every failure must reach the GUI thread
            if self.task.is_cancelled() or isinstance(exc, Cancelled):
                return ("cancelled", None)
            if not isinstance(exc, Exception):
                raise
            return ("failed", exc)
        if self.task.is_cancelled():
            return ("cancelled", None)
        return ("ok", value)

    def _execute(self) -> None:
        try:
            outcome = self._outcome()
        except BaseException as exc:  # even SystemExit on a worker: report it
            outcome = ("failed", exc)
        self._outcome_from_worker.emit(outcome)

    # --- GUI side -------------------------------------------------------------------------------

    def _open_progress_dialog(self) -> None:
        if self._progress_label is None:
            return
        dialog = QProgressDialog(self._progress_label, "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle(APP_NAME)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setAccessibleName("Progress")
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.done:
            return
        if self._dialog is not None and not self.task.is_cancelled():
            if self._dialog.maximum() != total:
                self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total > 0 else 0)
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_outcome(self, outcome: tuple[str, Any]) -> None:
        self._deliver(outcome)

    def _deliver(self, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        self.done = True
        _running.discard(self)
        if self._dialog is not None:
            self._dialog.blockSignals(True)
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        try:
            if kind == "failed":
                self.error = value
                if not isinstance(value, DeskError):
                    log.error("Background work failed (a bug)", exc_info=value)
            elif kind == "cancelled":
                self.was_cancelled = True
            else:
                self.result = value
            if self._parent is not None and not shiboken6.isValid(self._parent):
                return  # the window that asked is gone; nobody to tell
            if kind == "failed":
                if self._on_failure is not None:
                    self._on_failure(value)
                else:
                    dialogs.show_failure(self._parent, value, self._doing, log_bug=False)
            elif kind == "cancelled":
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif self._on_success is not None:
                self._on_success(value)
        finally:
            self.finished.emit()
