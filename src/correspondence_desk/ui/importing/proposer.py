"""Reading a file or pasted text and proposing its recommendations, always off the GUI thread.

A 300-page PDF takes seconds to read and a 5 MB paste a while to parse, so every proposal (a file,
a paste, a re-run when the publication date or "with responses" changes) runs through
`BackgroundOp` with a progress dialog and Cancel. One proposal runs at a time: a new request cancels
the one before and its outcome is dropped. The outcome arrives on the GUI thread as a signal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from correspondence_desk.core import importing
from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.proposal import Proposal
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.ui.common.background import BackgroundOp, Task

Kind = Literal["file", "paste", "responses", "published"]  # why the proposal was asked for


@dataclass(frozen=True)
class Reading:
    kind: Kind
    doc: ExtractedDocument
    proposal: Proposal
    source: tuple[str, bytes] | None  # (file name, bytes) to keep with the report; None for a paste


@dataclass(frozen=True)
class ParseWith:
    """What the parser needs besides the text, read from the form on the GUI thread."""

    published: dt.date | None = None
    # None: the parser sees for itself whether the document answers recommendations (the default);
    # True/False: the person ticked or unticked "With responses"
    with_responses: bool | None = None


class Proposer(QObject):
    """Signals: `proposed(Reading)`, `failed(kind, exception)`, `cancelled(message)` ("Reading x.pdf
    was cancelled."), `busyChanged(busy, message)`: what the status line says while it works."""

    proposed = Signal(object)
    failed = Signal(str, object)
    cancelled = Signal(str)
    busyChanged = Signal(bool, str)

    def __init__(self, parent: QWidget, bodies: Sequence[BodyRecord]) -> None:
        super().__init__(parent)
        self._widget = parent
        self.bodies = tuple(bodies)
        self.op: BackgroundOp[Reading] | None = None

    @property
    def busy(self) -> bool:
        return self.op is not None and not self.op.done

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()

    # --- requests -----------------------------------------------------------------------------

    def read_file(self, path: Path, parse: ParseWith) -> BackgroundOp[Reading]:
        """Extract the file (with page progress), propose, and keep its bytes to store with the report."""
        bodies = self.bodies

        def work(task: Task) -> Reading:
            doc = importing.extract(path, progress=task.progress, cancelled=task.is_cancelled)
            task.check()
            proposal = _propose(doc, bodies, parse)
            return Reading("file", doc, proposal, (path.name, path.read_bytes()))

        return self._start("file", work, f"Reading {path.name}…", f"reading {path.name}")

    def read_text(self, text: str, parse: ParseWith) -> BackgroundOp[Reading]:
        """Propose the recommendations in pasted text."""
        bodies = self.bodies

        def work(task: Task) -> Reading:
            doc = importing.extract_text(text)
            task.check()
            return Reading("paste", doc, _propose(doc, bodies, parse), None)

        return self._start("paste", work, "Finding recommendations…", "finding recommendations")

    def read_again(
        self, kind: Kind, doc: ExtractedDocument, source: tuple[str, bytes] | None, parse: ParseWith
    ) -> BackgroundOp[Reading]:
        """The same document proposed again (the publication date or "with responses" changed)."""
        bodies = self.bodies

        def work(_task: Task) -> Reading:
            return Reading(kind, doc, _propose(doc, bodies, parse), source)

        return self._start(kind, work, "Reading the recommendations again…", "reading the text again")

    # --- running ------------------------------------------------------------------------------

    def _start(
        self, kind: Kind, work: Callable[[Task], Reading], label: str, doing: str
    ) -> BackgroundOp[Reading]:
        self.cancel()  # whatever ran before is out of date now
        op: BackgroundOp[Reading] = BackgroundOp(self._widget, work, doing=doing).with_progress(label)
        op.success(lambda reading: self._finish(op, self.proposed.emit, reading))
        op.failure(lambda exc: self._finish(op, lambda e: self.failed.emit(kind, e), exc))
        op.cancelled(lambda: self._finish(op, self.cancelled.emit, f"{doing.capitalize()} was cancelled."))
        self.op = op
        self.busyChanged.emit(True, label)
        return op.run_in_background()

    def _finish(self, op: BackgroundOp[Reading], emit: Callable[[object], object], value: object) -> None:
        if op is not self.op:
            return  # superseded by a later request: its outcome no longer matters
        self.busyChanged.emit(False, "")
        emit(value)


def _propose(doc: ExtractedDocument, bodies: Sequence[BodyRecord], parse: ParseWith) -> Proposal:
    return importing.propose(
        doc, bodies=bodies, published=parse.published, with_responses=parse.with_responses
    )
