"""The background runner: outcomes come back on the GUI thread, progress and Cancel work, bugs are logged."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.ui.common import background
from correspondence_desk.ui.common.background import BackgroundOp, Cancelled, Task


def test_success_runs_off_the_gui_thread_and_returns_on_it(qtbot):
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(task: Task) -> int:
        seen["worker_is_gui"] = QThread.currentThread() == gui
        return 42

    def on_success(value: int) -> None:
        seen["value"] = value
        seen["callback_is_gui"] = QThread.currentThread() == gui

    op = BackgroundOp(None, work).success(on_success)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert seen == {"worker_is_gui": False, "value": 42, "callback_is_gui": True}
    assert op.result == 42 and op.done and not op.was_cancelled


def test_desk_error_is_shown_in_plain_words_by_default(qtbot, messages):
    def work(task: Task) -> None:
        raise ImportFailedError("The file is encrypted; open it and save an unlocked copy.")

    op = BackgroundOp(None, work)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert [(m.kind, m.text) for m in messages] == [
        ("warning", "The file is encrypted; open it and save an unlocked copy.")
    ]
    assert isinstance(op.error, ImportFailedError)


def test_a_bug_is_logged_with_traceback_and_reported(qtbot, messages, caplog):
    def work(task: Task) -> None:
        raise ZeroDivisionError("boom")

    op = BackgroundOp(None, work, doing="reading the file")
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert messages.kinds == ["critical"]
    assert "while reading the file" in messages[0].text
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_failure_callback_replaces_the_default_message(qtbot, messages):
    errors: list[BaseException] = []
    op = BackgroundOp(None, lambda task: 1 / 0).failure(errors.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert messages == [] and isinstance(errors[0], ZeroDivisionError)


def test_progress_arrives_in_order_on_the_gui_thread(qtbot):
    steps: list[tuple[int, int]] = []

    def work(task: Task) -> str:
        for i in range(1, 6):
            task.progress(i, 5)
        return "done"

    op = BackgroundOp(None, work)
    op.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run_in_background()
    assert steps == [(i, 5) for i in range(1, 6)]


def test_cancel_from_the_progress_dialog_stops_cooperative_work(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    calls: list[str] = []

    def work(task: Task) -> str:
        started.set()
        for i in range(10_000):
            task.check()
            task.progress(i, 10_000)
            threading.Event().wait(0.001)
        return "should not arrive"

    op = (
        BackgroundOp(parent, work)
        .with_progress("Reading a long file…")
        .success(lambda v: calls.append("success"))
        .cancelled(lambda: calls.append("cancelled"))
    )
    op.run_in_background()
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None and dialog.minimumDuration() == background.PROGRESS_DELAY_MS
    assert started.wait(5)
    with qtbot.waitSignal(op.finished, timeout=5000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert calls == ["cancelled"] and op.was_cancelled and op.result is None


def test_cancelled_outcome_even_if_the_work_ignores_the_flag(qtbot):
    calls: list[str] = []

    def work(task: Task) -> str:
        task.cancel_event.wait(5)
        return "finished anyway"

    op = BackgroundOp(None, work).success(calls.append).cancelled(lambda: calls.append("cancelled"))
    op.run_in_background()
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.cancel()
    assert calls == ["cancelled"]


def test_callbacks_are_skipped_when_the_parent_is_gone(qtbot):
    parent = QWidget()
    gate = threading.Event()
    calls: list[object] = []
    op = BackgroundOp(parent, lambda task: gate.wait(5)).success(calls.append)
    op.run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not background.shiboken6.isValid(parent))
    with qtbot.waitSignal(op.finished, timeout=5000):
        gate.set()
    assert calls == [] and op.result is True


def test_run_now_is_synchronous_with_the_same_callbacks():
    calls: list[object] = []
    op = BackgroundOp(None, lambda task: (task.progress(1, 1), "x")[1]).success(calls.append)
    op.run_now()
    assert calls == ["x"] and op.done


def test_check_raises_cancelled_when_flag_set():
    task = Task(lambda done, total: None)
    task.check()
    task.cancel_event.set()
    with pytest.raises(Cancelled):
        task.check()
