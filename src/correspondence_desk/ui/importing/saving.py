"""Saving the import review: check the rows, confirm the addressees the register lacks, then save
off the GUI thread in one transaction (as a new report, or into the report the review adds to).

What is saved is what the rows said when Import was clicked: the dialog takes no edits meanwhile.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from correspondence_desk.core.errors import DeskError, ValidationError
from correspondence_desk.core.importing import review
from correspondence_desk.core.importing.proposal import Proposal
from correspondence_desk.core.records import ImportResult, ReportDetail
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.writes import write_in_background
from correspondence_desk.ui.importing import new_bodies

if TYPE_CHECKING:
    from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog


class ImportSaver:
    def __init__(self, dialog: ImportReviewDialog) -> None:
        self._dialog = dialog
        self.op: BackgroundOp[ImportResult | ReportDetail] | None = None
        self._confirmed_new: set[str] = set()  # new bodies the person chose to add (not asked again)

    @property
    def running(self) -> bool:
        return self.op is not None and not self.op.done

    def save(self) -> None:
        """Check, then save off the GUI thread (one transaction); the dialog closes once it is saved."""
        dialog = self._dialog
        if self.running:
            return
        dialog.item_editor.commit()
        try:
            self.arguments()  # checked first: no question about bodies for rows that cannot be saved
        except DeskError as exc:
            dialog.show_problem(str(exc))
            dialogs.show_error(dialog, str(exc), "Cannot import yet")
            return
        if not self.confirm_new_bodies():
            dialog.show_problem("Nothing was saved: the new addressees were not confirmed.", error=False)
            return
        arguments = self.arguments()
        self._set_saving(True, "Saving…")
        rows = len(arguments["proposal"].recommendations)
        importing = dialog.services.importing
        if dialog.into is not None:
            work = partial(importing.append, dialog.into.id, arguments["proposal"])
        else:
            work = partial(importing.save, **arguments)
        self.op = write_in_background(
            dialog,
            work,
            doing="saving the import",
            progress=f"Saving {count(rows, 'recommendation')}…",
            done=self._saved,
            failed=self._save_failed,
            nothing_written=lambda: self._set_saving(False, "The import was cancelled; nothing was saved."),
        )

    def confirm_new_bodies(self) -> bool:
        """Addressees the register lacks are confirmed before saving, never added silently: each one
        added, taken as a body already there, or left out (one undoable step). False: cancelled."""
        model = self._dialog.model
        names = {
            name: numbers
            for name, numbers in review.new_bodies(model.recommendations()).items()
            if name.lower() not in self._confirmed_new
        }
        if not names:
            return True
        choices = new_bodies.ask_new_bodies(self._dialog, names, self._dialog.proposer.bodies)
        if choices is None:
            return False
        self._confirmed_new |= {c.name.lower() for c in choices if not c.drop and c.same_as is None}
        recs = model.recommendations()
        decided = review.apply_body_choices(recs, choices)
        if decided != recs:
            model.replace_all(decided, "confirmation of the new addressees")
        return True

    def arguments(self) -> dict[str, Any]:
        """What the import service is called with; a ValidationError says what to fix first."""
        dialog = self._dialog
        if dialog.busy():
            raise ValidationError("The file is still being read; wait for it or cancel.")
        if not dialog.model.rowCount():
            raise ValidationError("There are no recommendations to import.")
        found = dialog.review.blocking_problems()
        if found:
            raise ValidationError("Some recommendations need fixing first:\n• " + "\n• ".join(found))
        reading = dialog.reading
        warnings = reading.proposal.warnings if reading else ()
        source = reading.source if reading else None
        proposal = Proposal(dialog.model.recommendations(), warnings)
        if dialog.into is not None:
            return {"proposal": proposal}
        values = dialog.fields.values()
        letter = dialog.letter_panel.value() if values["with_responses"] else None
        return {"proposal": proposal, "source": source, **values, "letter": letter}

    def _set_saving(self, saving: bool, message: str) -> None:
        dialog = self._dialog
        for widget in (dialog.fields, dialog.splitter, dialog.save_button):
            widget.setEnabled(not saving)
        dialog.status.setStyleSheet("")
        dialog.status.setText(message)

    def _saved(self, result: ImportResult | ReportDetail) -> None:
        dialog = self._dialog
        dialog.saved = result.report if isinstance(result, ImportResult) else result
        dialog.undo_stack.setClean()
        dialog.accept()

    def _save_failed(self, exc: BaseException) -> None:
        dialog = self._dialog
        self._set_saving(False, "")
        if not isinstance(exc, DeskError):
            dialogs.show_failure(dialog, exc, "saving the import", log_bug=False)
            return
        dialog.show_problem(str(exc))
        dialogs.show_error(dialog, str(exc), "Cannot import yet")
