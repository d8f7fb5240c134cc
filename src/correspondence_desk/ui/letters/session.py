"""The letter being edited: what is stored, what is on screen, whether they differ, and saving the
difference in ONE service call (`LettersService.save`, one transaction).

The session reads and fills the composer's two editors (the Letter tab's form and the responses
panel) and draws nothing itself but message boxes. On a conflict nothing is saved: the session loads
the letter as it is now saved and puts every edit back on top of it, unsaved, and says what both
people changed, so the user can look and save again; nothing typed is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from correspondence_desk.core.errors import ConflictError, DeskError
from correspondence_desk.core.records import LetterDetail
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.letters.edits import LetterEdits, Rebased, edits_of, rebase, with_values
from correspondence_desk.ui.letters.form import LetterForm
from correspondence_desk.ui.letters.responses_panel import ResponsesPanel

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

CONFLICT_TITLE = "Changed by someone else"


class LetterSession(QObject):
    shown = Signal()  # a letter, or a new state of it, is on screen: header, actions and preview follow
    edited = Signal()  # an unsaved edit was made on screen
    written = Signal(int)  # the letter changed in the database (saved, issued…): lists may be stale
    closed = Signal()  # the letter went away (deleted elsewhere): nothing left to show
    busy_changed = Signal(bool)  # work on the letter started or ended (it cannot be edited meanwhile)

    def __init__(
        self, services: Services, form: LetterForm, responses: ResponsesPanel, view: QWidget
    ) -> None:
        super().__init__(view)
        self.services = services
        self.letter: LetterDetail | None = None  # as stored, at the version read
        self.busy = False
        self._form = form
        self._responses = responses
        self._view = view  # where message boxes go
        # set by the clearance controller: asked before saving over a clearance (True: a typo fix,
        # False: clear it again, None: cancel), and told once such a save is done
        self.ask_before_save: Callable[[], bool | None] | None = None
        self.saved_over_clearance: Callable[[], None] | None = None
        form.edited.connect(self.edited)
        responses.model.edited.connect(self.edited)

    # --- loading --------------------------------------------------------------------------------

    def open(self, letter_id: int) -> None:
        """Show a letter as stored (DeskError when it cannot be read)."""
        self._form.set_contacts(self.services.contacts.list())
        self.show(self.services.letters.get(letter_id))

    def show(self, letter: LetterDetail, kept: Rebased | None = None) -> None:
        """Show the stored letter, or `kept`: unsaved edits over it."""
        self.letter = letter
        self._form.load(kept.letter if kept else letter)
        self._form.set_read_only(letter.is_issued)
        lines = [] if letter.is_issued else self.services.composing.standard_lines()
        self._responses.load(letter.responses, lines, letter.is_issued, kept.responses if kept else None)
        self.shown.emit()

    def adopt(self, letter: LetterDetail) -> None:
        """A letter just written elsewhere in the composer (issued, a new version): show it, tell the list."""
        self.show(letter)
        self.written.emit(letter.id)

    def reload(self) -> None:
        """The letter as stored now, forgetting unsaved edits; if it is gone, say so and close it."""
        if self.letter is None:
            return
        try:
            self.open(self.letter.id)
        except DeskError as exc:  # deleted meanwhile, or the database went away
            dialogs.show_error(self._view, str(exc))
            self.letter = None
            self.closed.emit()

    def set_busy(self, busy: bool) -> None:
        """While the letter is being issued nothing on screen can be edited: the issued letter would
        silently drop the edit."""
        self.busy = busy
        read_only = busy or (self.letter is not None and self.letter.is_issued)
        self._form.set_read_only(read_only)
        self._responses.set_read_only(read_only)
        self.busy_changed.emit(busy)

    def refresh_lines(self) -> None:
        if self.letter is not None and not self.letter.is_issued:
            self._responses.lines.set_lines(self.services.composing.standard_lines())

    # --- what is on screen ----------------------------------------------------------------------

    def on_screen(self) -> LetterDetail:
        """The letter exactly as on screen, unsaved edits included (what the preview shows)."""
        assert self.letter is not None
        if self.letter.is_issued:
            return self.letter
        letter = with_values(self.letter, self._form.values(), self._form.contact)
        return dataclasses.replace(letter, responses=self._responses.model.current())

    def edits(self) -> LetterEdits:
        assert self.letter is not None
        return edits_of(self.letter, self._form.values(), self._responses.model.records())

    def is_dirty(self) -> bool:
        if self.letter is None or self.letter.is_issued:
            return False
        return bool(self.edits())

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write every edit in one call; False when nothing could be saved (the reason was shown)."""
        if self.letter is None or self.letter.is_issued:
            return True
        edits = self.edits()
        typo_fix = False
        if edits and self.ask_before_save is not None:
            try:
                answer = self.ask_before_save()
            except DeskError as exc:
                dialogs.show_error(self._view, str(exc))
                return False
            if answer is None:
                return False
            typo_fix = answer
        try:
            # Always pass the version read: even with nothing changed this checks nobody else
            # changed the letter meanwhile.
            saved = self.services.letters.save(
                self.letter.id,
                self.letter.version,
                edits.changes,
                edits.responses,
                edits.order,
                typo_fix=typo_fix,
            )
        except ConflictError as exc:
            self._keep_edits_over_latest(exc, edits)
            return False
        except DeskError as exc:
            dialogs.show_error(self._view, str(exc))
            return False
        self.show(saved)
        self.written.emit(saved.id)
        if edits and self.saved_over_clearance is not None:
            self.saved_over_clearance()
        return True

    def _keep_edits_over_latest(self, conflict: ConflictError, edits: LetterEdits) -> None:
        assert self.letter is not None
        before = self.letter
        try:
            now = self.services.letters.get(before.id)
        except DeskError as exc:  # gone meanwhile: leave everything on screen
            dialogs.show_error(self._view, f"{conflict}\n\n{exc}", CONFLICT_TITLE)
            return
        if now.is_issued:
            dialogs.show_error(
                self._view,
                f"{conflict}\n\nIt has been issued meanwhile, so it cannot be changed: start a new version."
                " Your edits are still on screen until you leave the letter.",
                CONFLICT_TITLE,
            )
            return
        kept = rebase(before, now, edits, self._form.contact)
        self.show(now, kept)
        parts = [
            str(conflict),
            "The letter now shows what they saved, with your edits on top, not yet saved: "
            "check it and save again.",
        ]
        if kept.clashes:
            parts.append(
                f"You both changed {_and(kept.clashes)}: the screen shows yours, and saving replaces theirs."
            )
        if kept.lost:
            parts.append(
                "Removed from the letter meanwhile, so your response could not be kept: "
                + "; ".join(kept.lost)
            )
        dialogs.show_error(self._view, "\n\n".join(parts), CONFLICT_TITLE)

    def maybe_save(self) -> bool:
        """Before leaving the letter: True when it is fine to go (saved or discarded)."""
        if not self.is_dirty():
            return True
        assert self.letter is not None
        answer = dialogs.ask_unsaved(self._view, f"Letter {self.letter.reference}")
        if answer is dialogs.Unsaved.SAVE:
            return self.save()
        if answer is dialogs.Unsaved.DISCARD:
            self.reload()
            return True
        return False

    # --- responses in or out (each saved at once, after any edits) ---------------------------------

    def add_recommendations(self, recommendation_ids: Sequence[int]) -> None:
        assert self.letter is not None
        try:
            self.services.composing.add_recommendations(self.letter.id, recommendation_ids)
        except DeskError as exc:
            dialogs.show_error(self._view, str(exc))
        self._written_now()

    def remove_response(self, response_id: int) -> None:
        try:
            self.services.letters.remove_response(response_id)
        except DeskError as exc:
            dialogs.show_error(self._view, str(exc))
        self._written_now()

    def _written_now(self) -> None:
        assert self.letter is not None
        letter_id = self.letter.id
        self.reload()
        if self.letter is not None:
            self.written.emit(letter_id)


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
