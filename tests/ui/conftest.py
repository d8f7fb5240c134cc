"""Fixtures every UI test shares: no real message box, no worker thread left behind, the window."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QMessageBox

from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.common import background, dialogs
from correspondence_desk.ui.common.settings import AppSettings
from correspondence_desk.ui.shell.main_window import MainWindow


class Shown(NamedTuple):
    kind: str  # "warning", "information", "critical" or "question"
    title: str
    text: str

    def __str__(self) -> str:
        return f"{self.title}: {self.text}"


class MessageBoxes(list[Shown]):
    """Every message box the app tried to show, in order; questions get `answer`."""

    answer = QMessageBox.StandardButton.Yes

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self]

    @property
    def kinds(self) -> list[str]:
        return [m.kind for m in self]


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """QMessageBox's static functions recorded and answered: a test never opens a real modal box."""
    shown = MessageBoxes()

    def record(kind: str):
        def box(_parent, title, text, *_args, **_kwargs):
            shown.append(Shown(kind, title, text))
            return shown.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return box

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))

    def exec_box(box: QMessageBox) -> int:  # the boxes built with buttons of their own
        icon = box.icon()
        kind = {QMessageBox.Icon.Critical: "critical", QMessageBox.Icon.Question: "question"}.get(
            icon, "warning"
        )
        shown.append(Shown(kind, box.windowTitle(), f"{box.text()} {box.informativeText()}".strip()))
        if kind == "question":  # answered as the static questions are (Yes, the action, unless told)
            return shown.answer
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(dialogs, "exec_box", exec_box)
    return shown


@pytest.fixture(autouse=True)
def _no_real_modal_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog's own event loop would wait for a person forever (offscreen, nobody clicks): the test
    fails at once instead. Tests replace the `ask_…` function or the dialog's `exec`."""

    def refuse(dialog: QDialog) -> int:
        raise AssertionError(f"a real modal dialog opened: {type(dialog).__name__}")

    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture(autouse=True)
def _no_worker_left_behind():
    """Each test ends with its background work finished, so no thread outlives its widgets."""
    yield
    for _ in range(5):  # delivering outcomes runs events: a timer due then may start more work
        background.cancel_background_work()
        assert background.wait_for_background_work(20_000)
        if not background._running:
            break
    assert not background._running
    # What the test's widgets deleteLater()'d goes now, as the app's own event loop would do it at
    # once: left to pile up, a later real event loop (the start-up tests) deletes them all together.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def settings(tmp_path) -> AppSettings:
    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, services, settings) -> Iterator[MainWindow]:
    """The main window over the test's database, shown (offscreen)."""
    win = MainWindow(services, settings, opener=DatabaseOpener())
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.services is not services:  # the test switched database: close what the window opened
        win.services.close()
