"""The composer's clearance controller: the route, sending the letter round, clearing it (Ctrl+Enter)
or returning it with a comment, the clearance sheet, and the question an edit after a clearance
asks before it is saved (a typo fix, or clear it again?).

Clearing renders the letter to record the SHA-256 of what the clearer saw: an ordinary letter
renders in tens of milliseconds, on the GUI thread; a big one (output.is_big) off it, with progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from correspondence_desk.core.errors import ConflictError, DeskError
from correspondence_desk.core.exports.files import replacing
from correspondence_desk.core.printing import render_letter_pdf
from correspondence_desk.core.records import ClearanceRecord, LetterStatus, StepState
from correspondence_desk.core.text import safe_filename
from correspondence_desk.ui.common import background, dialogs
from correspondence_desk.ui.common.background import BackgroundOp, Task
from correspondence_desk.ui.letters import clearance_dialogs
from correspondence_desk.ui.letters.clearance_panel import ClearancePanel
from correspondence_desk.ui.letters.output import is_big
from correspondence_desk.ui.letters.session import CONFLICT_TITLE, LetterSession

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class LetterClearance(QObject):
    def __init__(
        self, services: Services, session: LetterSession, panel: ClearancePanel, view: QWidget
    ) -> None:
        super().__init__(view)
        self.services = services
        self.session = session
        self.panel = panel
        self.record: ClearanceRecord | None = None
        self._before: ClearanceRecord | None = None  # the route as it was when a save over it was asked
        self._view = view
        self.action_route = self._action("actionClearanceRoute", "Clearance &route…", self.edit_route)
        self.action_send = self._action("actionSendForClearance", "Send for clea&rance", self.send)
        self.action_clear = self._action(
            "actionClearLetter", "&Clear letter", self.clear, ["Ctrl+Return", "Ctrl+Enter"]
        )
        self.action_return = self._action("actionReturnLetter", "Re&turn for amendment…", self.return_letter)
        self.action_sheet = self._action("actionClearanceSheet", "Clearance s&heet…", self.save_sheet)
        self.action_clear.setToolTip("Clear the letter at your step of its route (Ctrl+Enter)")
        self.action_return.setToolTip("Send the letter back to its drafter with what needs amending")
        panel.add_buttons(
            [
                [self.action_clear, self.action_return],
                [self.action_route, self.action_send, self.action_sheet],
            ]
        )
        session.shown.connect(self.refresh)
        session.busy_changed.connect(lambda _busy: self._update_actions())
        session.ask_before_save = self.ask_before_save
        session.saved_over_clearance = self.tell_after_save
        self._update_actions()

    def _action(self, name: str, text: str, slot, shortcuts: list[str] | None = None) -> QAction:
        action = QAction(text, self._view)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # only while the composer shows
        action.triggered.connect(lambda _checked=False: slot())
        self._view.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.action_route, self.action_send, self.action_clear, self.action_return, self.action_sheet]

    # --- what is shown --------------------------------------------------------------------------

    def refresh(self) -> None:
        letter = self.session.letter
        if letter is None:
            self.record = None
        else:
            try:
                self.record = self.services.clearance.get(letter.id)
            except DeskError as exc:
                dialogs.show_error(self._view, str(exc))
                self.record = None
        if self.record is not None:
            self.panel.show_record(self.record)
        self._update_actions()

    def state_text(self) -> str:
        return self.record.state.text if self.record is not None else ""

    def _update_actions(self) -> None:
        record, letter = self.record, self.session.letter
        open_ = letter is not None and record is not None and not self.session.busy
        issued = open_ and letter.is_issued
        self.action_route.setEnabled(open_ and not issued)
        self.action_send.setEnabled(
            open_ and not issued and letter.status == LetterStatus.DRAFT and bool(record.steps)
        )
        mine = open_ and not issued and record.my_turn
        self.action_clear.setEnabled(mine)
        self.action_return.setEnabled(mine)
        self.action_sheet.setEnabled(open_)
        self.panel.comment.setEnabled(mine)

    # --- the route ------------------------------------------------------------------------------

    def edit_route(self) -> None:
        letter = self.session.letter
        if letter is None or letter.is_issued or not self.session.maybe_save():
            return
        colleagues = self.services.colleagues.list()
        if not colleagues:
            dialogs.show_info(
                self._view,
                "Add the colleagues who clear letters first: Contacts & bodies › Colleagues.",
            )
            return
        current = [s.colleague.id for s in self.record.steps] if self.record else []
        chosen = clearance_dialogs.ask_route(self._view, colleagues, current)
        if chosen is None or chosen == current:
            return
        self._write(lambda: self.services.clearance.set_route(letter.id, chosen, self.session.letter.version))

    def send(self) -> None:
        if self.session.letter is None or not self._saved_first():
            return
        letter = self.session.letter
        self._write(lambda: self.services.clearance.send(letter.id, letter.version))

    # --- clearing and returning -------------------------------------------------------------------

    def clear(self) -> None:
        if not self.action_clear.isEnabled() or not self._saved_first():
            return
        comment = self.panel.comment.text().strip()
        self._act("clearing the letter", lambda letter, render: self.services.clearance.clear(
            letter.id, render, comment, letter.version))  # fmt: skip

    def return_letter(self) -> None:
        if not self.action_return.isEnabled() or not self._saved_first():
            return
        assert self.session.letter is not None
        comment = clearance_dialogs.ask_return_comment(self._view, self.session.letter.reference)
        if comment is None:
            return
        if not comment:
            dialogs.show_error(self._view, "Say what needs amending: a letter is returned with a comment.")
            return
        self._act("returning the letter", lambda letter, render: self.services.clearance.return_for_amendment(
            letter.id, comment, render, letter.version))  # fmt: skip

    def _act(self, doing: str, call) -> None:
        letter = self.session.letter
        assert letter is not None

        def work(task: Task) -> ClearanceRecord:
            def render(detail):
                pdf = render_letter_pdf(detail)
                task.check()
                return pdf

            return call(letter, render)

        op = BackgroundOp(self._view, work, doing=doing).success(self._acted).failure(self._failed)
        if is_big(letter):
            self.session.set_busy(True)
            op.finished.connect(lambda: self.session.set_busy(False))
            op.with_progress(f"{doing.capitalize()}…").run_in_background()
        else:
            op.run_now()  # an ordinary letter renders in tens of milliseconds

    def _acted(self, record: ClearanceRecord) -> None:
        self.panel.comment.clear()
        self.session.adopt(self.services.letters.get(record.letter_id))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            dialogs.show_error(
                self._view, f"{exc}\n\nThe letter has been reloaded as it is now.", CONFLICT_TITLE
            )
            self.session.reload()
        elif isinstance(exc, DeskError):
            dialogs.show_error(self._view, str(exc))
            self.refresh()
        else:
            background.show_error(self._view, exc, "clearing the letter")

    def _write(self, call) -> None:
        """A quick clearance change (route, send): done, then the letter shown as it now is."""
        try:
            record = call()
        except DeskError as exc:
            self._failed(exc)
            return
        self.session.adopt(self.services.letters.get(record.letter_id))

    def _saved_first(self) -> bool:
        """What a colleague clears or sends is what is saved: unsaved edits are saved first."""
        return not self.session.is_dirty() or self.session.save()

    # --- editing after a clearance -----------------------------------------------------------------

    def ask_before_save(self) -> bool | None:
        """Before a save: False (clear again), True (a typo fix) or None (cancel). Asked only when
        someone has already cleared the letter."""
        letter = self.session.letter
        if letter is None:
            return False
        record = self.services.clearance.get(letter.id)
        cleared = [s.colleague.name for s in record.steps if s.state == StepState.CLEARED]
        if not cleared:
            return False
        self._before = record
        return clearance_dialogs.ask_typo_fix(self._view, letter.reference, cleared)

    def tell_after_save(self) -> None:
        """Say so when the save sent the letter round again."""
        letter = self.session.letter
        before, self._before = self._before, None
        if letter is None or before is None:
            return
        now = self.services.clearance.get(letter.id)
        if now.state.cleared < before.state.cleared:
            first = next(s for s in now.steps if s.state != StepState.CLEARED)
            dialogs.show_info(
                self._view,
                f"Letter {letter.reference} changed after it was cleared, so it is cleared again from "
                f"step {first.number} ({first.colleague.name}). The Clearance tab shows what changed.",
            )

    # --- the clearance sheet --------------------------------------------------------------------

    def save_sheet(self) -> None:
        letter = self.session.letter
        if letter is None:
            return
        default = str(Path.home() / f"{safe_filename(letter.reference)}-clearance.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self._view, "Save clearance sheet", default, "PDF documents (*.pdf)"
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        services, letter_id = self.services, letter.id

        def work(_task: Task) -> None:
            data = services.clearance.sheet_pdf(letter_id)
            with replacing(target) as tmp:
                tmp.write_bytes(data)

        BackgroundOp(self._view, work, doing=f"saving {target.name}").failure(
            lambda exc: dialogs.show_failure(self._view, exc, f"saving {target.name}")
        ).run_now()
