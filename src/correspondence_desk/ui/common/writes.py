"""One write (one transaction) off the GUI thread, with progress, whose Cancel may come too late.

Cancel can stop a write only before it begins: once begun, the transaction commits or not as a
whole. So a Cancel that arrives while it commits must not hide what was written: `done` still gets
it (BackgroundOp itself reports any cancelled work as cancelled, dropping its result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from correspondence_desk.ui.common.background import BackgroundOp, Task

T = TypeVar("T")


def write_in_background(
    parent: QWidget,
    write: Callable[[], T],
    *,
    doing: str,
    progress: str,
    done: Callable[[T], object],
    failed: Callable[[BaseException], object],
    nothing_written: Callable[[], object] = lambda: None,
) -> BackgroundOp[T]:
    """Run `write()` on a worker thread; `done(result)`, `failed(error)` or `nothing_written()` after."""
    written: list[T] = []

    def work(task: Task) -> T:
        task.check()  # cancelled before the write began: nothing is written
        written.append(write())
        return written[-1]

    def cancelled() -> None:
        if written:
            done(written[-1])
        else:
            nothing_written()

    return (
        BackgroundOp(parent, work, doing=doing)
        .with_progress(progress)
        .success(done)
        .failure(failed)
        .cancelled(cancelled)
        .run_in_background()
    )
