"""What the composer makes of a letter: the preview's PDF, Save PDF, Export Word, Print, Print annex
only, Issue and New version. Each uses the letter as on screen (the stored bytes once issued), so
what you see is what prints.

Threading rules here (see ui/common/background.py for the runner):
- The GUI thread takes a snapshot (a frozen LetterDetail of what is on screen), asks the questions
  (file, printer, "issue it?") and shows the outcome. It may render an ordinary letter for the
  preview, Save PDF and Export Word (tens of milliseconds; bench/bench_composer.py).
- Everything else runs off it through BackgroundOp, with a progress dialog and Cancel: renders of
  big letters (over BIG_LETTER_CHARS), EVERY print (rasterising takes about half a second a page,
  whatever the letter's length) and issuing (read, render, store). Work functions get only the
  snapshot, a QPrinter or the services, never a widget.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from correspondence_desk.core.errors import ConflictError, DeskError
from correspondence_desk.core.exports.files import replacing
from correspondence_desk.core.issue_summary import issue_summary
from correspondence_desk.core.records import LetterDetail, LetterStatus
from correspondence_desk.core.text import safe_filename
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp, Task
from correspondence_desk.ui.common.pdf_preview import RenderJob
from correspondence_desk.ui.common.printing import ask_printer, print_pdf
from correspondence_desk.ui.letters.session import CONFLICT_TITLE, LetterSession

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

# A render costs roughly 25 ms plus 5 ms per 1,000 characters (the demo letter, 4,400 characters,
# ~30-45 ms with its preview; bench/bench_composer.py): beyond this it could be felt while typing,
# so it runs off the GUI thread.
BIG_LETTER_CHARS = 12_000


def is_big(letter: LetterDetail) -> bool:
    size = len(letter.body) + sum(len(r.text) + len(r.recommendation.text) for r in letter.responses)
    return size > BIG_LETTER_CHARS


def render_key(letter: LetterDetail, annex_only: bool = False) -> Hashable:
    """Equal for letters that print the same: versions, status and order numbers left out."""
    if letter.is_issued:
        return ("issued", letter.id, letter.issued_sha256, annex_only)
    responses = tuple(
        dataclasses.replace(
            r,
            version=0,
            sort_order=i,
            letter_reference="",
            letter_status=LetterStatus.DRAFT,
            letter_date=None,
        )
        for i, r in enumerate(letter.responses)
    )
    return (dataclasses.replace(letter, version=0, responses=responses), annex_only)


def open_in_desktop(path: Path) -> bool:
    """The desktop's program for the file (the mail client for an .eml): replaced in tests."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class LetterOutput(QObject):
    emailed = Signal(int)  # an issued letter was put in an e-mail draft (the banner says so)

    def __init__(self, services: Services, session: LetterSession, view: QWidget) -> None:
        super().__init__(view)
        self.services = services
        self.session = session
        self._view = view  # the parent of dialogs

    # --- the PDF of the letter on screen -------------------------------------------------------

    def render_job(self, *, annex_only: bool = False) -> RenderJob:
        """A render of the letter as on screen; once issued, the stored bytes (an annex is rendered)."""
        if self.session.letter is None:
            return RenderJob(lambda: b"", key=())
        letter = self.session.on_screen()
        key = render_key(letter, annex_only)
        prints = self.services.prints  # the letterhead; an issued letter as issued (its stored bytes)
        return RenderJob(lambda: prints.pdf(letter, annex_only=annex_only), is_big(letter), key)

    # --- printing ------------------------------------------------------------------------------

    def print_letter(self) -> None:
        if self.session.letter is not None:
            self._print(self.render_job(), self.session.letter.reference)

    def print_annex(self) -> None:
        if self.session.letter is not None:
            self._print(self.render_job(annex_only=True), f"{self.session.letter.reference} annex")

    def _print(self, job: RenderJob, title: str) -> None:
        printer = ask_printer(self._view, title)
        if printer is None:
            return

        def work(task: Task) -> int:
            return print_pdf(job.work(), printer, progress=task.progress, cancelled=task.is_cancelled)

        (
            BackgroundOp(self._view, work, doing="printing the letter")
            .with_progress(f"Printing {title}…")
            .failure(lambda exc: self._failed(exc, "The letter could not be printed", "printing the letter"))
            .run_in_background()
        )

    # --- saving as files -----------------------------------------------------------------------

    def export_pdf(self) -> None:
        if self.session.letter is not None:
            self._save_as(self.render_job(), "pdf", "PDF documents (*.pdf)")

    def export_docx(self) -> None:
        if self.session.letter is None:
            return
        letter = self.session.on_screen()
        prints = self.services.prints
        job = RenderJob(lambda: prints.docx(letter), is_big(letter))
        self._save_as(job, "docx", "Word documents (*.docx)")

    def _save_as(self, job: RenderJob, suffix: str, filter_: str) -> None:
        assert self.session.letter is not None
        default = str(Path.home() / f"{safe_filename(self.session.letter.reference)}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self._view, f"Save {suffix.upper()}", default, filter_)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{suffix}":
            target = target.with_name(target.name + f".{suffix}")

        def work(_task: Task) -> None:
            data = job.work()
            with replacing(target) as tmp:  # a half-written file never takes the name
                tmp.write_bytes(data)

        op = BackgroundOp(self._view, work, doing=f"saving {target.name}").failure(
            lambda exc: self._failed(exc, f"Could not write {target}", f"saving {target.name}")
        )
        if job.big:
            op.with_progress(f"Saving {target.name}…").run_in_background()
        else:
            op.run_now()  # an ordinary letter renders in tens of milliseconds

    # --- issuing and new versions --------------------------------------------------------------

    def issue(self) -> None:
        session = self.session
        if session.letter is None or session.letter.is_issued:
            return
        if session.is_dirty() and not session.save():
            return
        letter = session.letter
        try:  # refused before the question when the route is not complete (who has not cleared it)
            self.services.clearance.check_issuable(letter.id)
        except DeskError as exc:
            dialogs.show_error(self._view, str(exc), "Not cleared yet")
            return
        summary = issue_summary(letter, dt.date.today())
        if not dialogs.confirm_action(
            self._view,
            f"Issue letter {letter.reference}?",
            "Issue letter",
            "Issue letter",
            f"{summary.text()}\n\nOnce issued the letter is locked: no more edits, and every reprint gives "
            "exactly the same PDF. To change it afterwards you start a new version.",
        ):
            return
        services, letter_id, version = self.services, letter.id, letter.version

        def work(task: Task) -> LetterDetail:
            # read, render with no transaction open, then store if nothing changed meanwhile;
            # Cancel while rendering stops before anything is stored (task.check)
            return services.prints.issue(letter_id, version, check=task.check)

        session.set_busy(True)
        op = (
            BackgroundOp(self._view, work, doing="issuing the letter")
            .with_progress(f"Issuing {letter.reference}…")
            .success(session.adopt)
            .failure(self._issue_failed)
            .cancelled(self._issue_cancelled)
        )
        op.finished.connect(self._issue_finished)  # a method: disconnected if the composer goes first
        op.run_in_background()

    def _issue_finished(self) -> None:
        self.session.set_busy(False)

    def _issue_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            dialogs.show_error(
                self._view, f"{exc}\n\nThe letter has been reloaded as it is now saved.", CONFLICT_TITLE
            )
            self.session.reload()
            return
        self._failed(exc, "", "issuing the letter")

    def _issue_cancelled(self) -> None:
        """Cancel may come as the letter is stored: show it as it really is."""
        self.session.reload()
        if self.session.letter is not None and self.session.letter.is_issued:
            self.session.written.emit(self.session.letter.id)

    def new_version(self) -> None:
        if self.session.letter is None:
            return
        try:
            copy = self.services.letters.new_version(self.session.letter.id)
        except DeskError as exc:
            dialogs.show_error(self._view, str(exc))
            return
        self.session.adopt(copy)

    # --- e-mail -------------------------------------------------------------------------------

    def email_pdf(self) -> bool:
        """Open the user's mail client on a draft with the issued PDF attached (a `mailto:` link
        cannot attach a file, so an .eml draft in a private folder); noted on the letter once the
        desktop took it. False when nothing was opened (the reason shown)."""
        letter = self.session.letter
        if letter is None or not letter.is_issued:
            return False
        try:
            draft = self.services.emailing.draft(letter)
        except DeskError as exc:
            dialogs.show_desk_error(self._view, exc, "E-mailing the letter")
            return False
        try:
            folder = Path(tempfile.mkdtemp(prefix="correspondence-desk-mail-"))  # owner-only
            path = folder / f"{safe_filename(letter.reference)}.eml"
            path.write_bytes(draft.message)
        except OSError as exc:
            dialogs.show_error(self._view, f"Could not write the e-mail draft: {_reason(exc)}")
            return False
        if not open_in_desktop(path):
            dialogs.show_error(
                self._view,
                f"No mail program is set up to open e-mail drafts. The draft, with the PDF attached, is"
                f" saved as {path}: open it from your mail program, or attach the PDF yourself.",
                "E-mailing the letter",
            )
            return False
        try:
            self.services.emailing.record_sent(letter.id, draft)
        except DeskError as exc:  # the draft is open: say it could not be noted, and why
            dialogs.show_desk_error(self._view, exc, "Noting the e-mail on the letter")
            return True
        self.emailed.emit(letter.id)
        return True

    def _failed(self, exc: BaseException, what: str, doing: str) -> None:
        """A problem a person can act on in plain words; anything else is a bug, reported as one."""
        if isinstance(exc, DeskError):
            dialogs.show_error(self._view, str(exc))
        elif isinstance(exc, OSError | ValueError) and what:
            dialogs.show_error(self._view, f"{what}: {_reason(exc)}")
        else:
            dialogs.show_failure(self._view, exc, doing)


def _reason(exc: Any) -> str:
    return str(getattr(exc, "strerror", None) or exc)
