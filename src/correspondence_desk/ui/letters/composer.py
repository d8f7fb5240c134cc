"""The letter composer: edit a letter and its responses beside a live preview of the exact PDF;
print, save as PDF, export to Word, and issue it.

This module is the view: widgets, actions and what they show. Two controllers do the work:
`LetterSession` (session.py: the letter being edited, its unsaved edits, Save as one service call,
conflicts) and `LetterOutput` (output.py: preview renders, PDF, Word, printing, issuing, new
versions, and which of them run off the GUI thread). Edits stay in the widgets until Save (Ctrl+S);
the preview and every print or export use what is on screen, so what you see is what prints. An
issued letter is read-only and always prints its stored bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import EmailSent, LetterDetail
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.pdf_preview import PdfPreview
from correspondence_desk.ui.letters.clearance import LetterClearance
from correspondence_desk.ui.letters.clearance_panel import ClearancePanel
from correspondence_desk.ui.letters.form import LetterForm
from correspondence_desk.ui.letters.issued_bar import IssuedBar
from correspondence_desk.ui.letters.output import LetterOutput
from correspondence_desk.ui.letters.recommendation_picker import RecommendationPicker
from correspondence_desk.ui.letters.responses_panel import ResponsesPanel
from correspondence_desk.ui.letters.session import LetterSession
from correspondence_desk.ui.letters.standard_lines import StandardLinesDialog

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class LetterComposer(QWidget):
    back_requested = Signal()
    letter_changed = Signal(int)  # saved, issued or a new version made: the list should refresh

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services

        self.form = LetterForm(self)
        self.responses = ResponsesPanel(services, self)
        self.session = LetterSession(services, self.form, self.responses, self)
        self.output = LetterOutput(services, self.session, self)
        self.preview = PdfPreview(self.output.render_job, self)
        self.clearance_panel = ClearancePanel(self)
        self.clearance = LetterClearance(services, self.session, self.clearance_panel, self)

        self.actions_by_name: dict[str, QAction] = {}
        self.action_save = self._action(
            "actionSaveLetter", "&Save letter", self.save, QKeySequence.StandardKey.Save
        )
        self.action_add = self._action(
            "actionAddRecommendations", "&Add recommendations…", self.add_recommendations
        )
        self.action_print = self._action(
            "actionPrint", "&Print…", self.output.print_letter, QKeySequence.StandardKey.Print
        )
        self.action_print_annex = self._action(
            "actionPrintAnnex", "Print anne&x only…", self.output.print_annex
        )
        self.action_pdf = self._action(
            "actionExportPdf", "Save P&DF…", self.output.export_pdf, "Ctrl+Shift+S"
        )
        self.action_docx = self._action("actionExportDocx", "Export &Word…", self.output.export_docx)
        self.action_issue = self._action("actionIssueLetter", "&Issue letter…", self.output.issue)
        self.action_new_version = self._action("actionNewVersion", "New &version", self.output.new_version)
        self.action_new_version.setStatusTip("Start an editable copy of this issued letter")
        self.action_email = self._action("actionEmailPdf", "&E-mail the issued PDF…", self.output.email_pdf)
        self.action_email.setStatusTip(
            "Open your mail program with the issued PDF attached, to the recipient"
        )
        self.action_lines = self._action("actionStandardLines", "S&tandard lines…", self.edit_standard_lines)

        self.back = QToolButton(self)
        self.back.setText("← Letters")  # as the report's "← Reports"
        self.back.setAccessibleName("Back to all letters")
        self.back.setToolTip("Back to the list of letters (Alt+Left goes back to where you came from)")
        self.back.setAutoRaise(True)
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel(self)
        self.title.setAccessibleName("Letter")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel(self)
        self.state.setAccessibleName("Letter status")
        # the status and route can be long ("In clearance · Step 2 of 4: …"): on a small screen the
        # label gives way (its tool tip has it all) rather than push the buttons off the window
        self.state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state.setMinimumWidth(80)
        header = QHBoxLayout()
        header.addWidget(self.back)
        header.addWidget(self.title)
        header.addWidget(self.state, 1)
        for action in (
            self.action_save,
            self.action_print,
            self.action_pdf,
            self.clearance.action_clear,
            self.action_issue,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            header.addWidget(button)

        self.banner = IssuedBar(self.action_new_version, self.action_email, self)

        form_scroll = QScrollArea(self)
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(self.form)
        form_scroll.setAccessibleName("Letter details")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Letter parts")
        self.tabs.tabBar().setAccessibleName("Letter parts")
        self.tabs.addTab(form_scroll, "Le&tter")
        self.tabs.addTab(self.responses, "Re&sponses")
        self.tabs.addTab(self.clearance_panel, "Clearance")  # every letter of it is an Alt key already taken

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("composerSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.session.shown.connect(self._shown)
        self.session.edited.connect(self._edited)
        self.session.written.connect(self.letter_changed)
        self.session.closed.connect(self._closed)
        self.output.emailed.connect(lambda _id: self._emailed())
        self.session.busy_changed.connect(lambda _busy: self._update_actions())
        self.responses.add_requested.connect(self.add_recommendations)
        self.responses.remove_requested.connect(self.remove_response)
        # the preview follows the recommendation being answered
        self.responses.response_selected.connect(
            lambda resp: self.preview.show_text(resp.recommendation.text[:60])
        )
        self.tabs.currentChanged.connect(lambda _i: self._follow_selection())
        self._update_actions()

    def _action(self, name: str, text: str, slot: Callable[[], object], shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # active anywhere in the window, but only while the composer is shown (Qt ignores the
            # shortcuts of hidden widgets), so other pages can use the same keys
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def actions_for_menu(self) -> list[QAction]:
        groups = [
            [self.action_save, self.action_add],
            [self.action_print, self.action_print_annex, self.action_pdf, self.action_docx],
            self.clearance.actions(),
            [self.action_issue, self.action_new_version, self.action_email],
            [self.action_lines],
        ]
        actions: list[QAction] = []
        for group in groups:
            if actions:
                separator = QAction(self)
                separator.setSeparator(True)
                actions.append(separator)
            actions.extend(group)
        return actions

    # --- the letter shown (the session holds it) ------------------------------------------------

    @property
    def letter(self) -> LetterDetail | None:
        return self.session.letter

    def open_letter(self, letter_id: int) -> None:
        self.session.open(letter_id)

    def reload(self) -> None:
        self.session.reload()

    def current_letter(self) -> LetterDetail:
        return self.session.on_screen()

    def is_dirty(self) -> bool:
        return self.session.is_dirty()

    def save(self) -> bool:
        return self.session.save()

    def maybe_save(self) -> bool:
        return self.session.maybe_save()

    def _shown(self) -> None:
        letter = self.session.letter
        assert letter is not None
        self.title.setText(letter.reference)
        if letter.is_issued:
            self.banner.show_letter(letter, self._emails(letter))
        else:
            self.banner.hide()
        self._update_actions()
        self.preview.refresh_now()

    def _emails(self, letter: LetterDetail) -> list[EmailSent]:
        try:
            return self.services.emailing.sent(letter.id)
        except DeskError:  # the notice is a courtesy: never stop the letter showing for it
            return []

    def _emailed(self) -> None:
        letter = self.session.letter
        if letter is not None and letter.is_issued:
            self.banner.show_letter(letter, self._emails(letter))

    def _closed(self) -> None:
        self.preview.clear()
        self._update_actions()
        self.back_requested.emit()

    def _follow_selection(self) -> None:
        row = self.responses.current_row()
        if self.tabs.currentWidget() is self.responses and row >= 0:
            self.preview.show_text(self.responses.model.record(row).recommendation.text[:60])

    def _edited(self) -> None:
        self._update_actions()
        self.preview.schedule()

    def _update_actions(self) -> None:
        letter = self.session.letter
        has = letter is not None and not self.session.busy
        issued = has and letter.is_issued
        dirty = self.is_dirty()
        self.action_save.setEnabled(has and not issued and dirty)
        self.action_add.setEnabled(has and not issued)
        for action in (self.action_print, self.action_print_annex, self.action_pdf, self.action_docx):
            action.setEnabled(has)
        self.action_issue.setEnabled(has and not issued)
        self.action_new_version.setEnabled(has and issued)
        self.action_email.setEnabled(has and issued and not letter.imported)
        if letter is not None:
            route = self.clearance.state_text()
            status = letter.status.label + (f" · {route}" if route and not letter.is_issued else "")
            self.state.setText(f"{status}{' — unsaved changes' if dirty else ''}")
            self.state.setToolTip(self.state.text())

    # --- responses in or out ----------------------------------------------------------------------

    def add_recommendations(self) -> None:
        letter = self.session.letter
        if letter is None or letter.is_issued or not self.maybe_save():
            return
        letter = self.session.letter
        report_ids = list(dict.fromkeys(r.recommendation.report_id for r in letter.responses))
        if not report_ids:
            reports = self.services.reports.list()
            report_ids = [reports[0].id] if reports else []
        picker = RecommendationPicker(
            self.services,
            report_ids,
            letter_id=letter.id,
            already=[r.recommendation.id for r in letter.responses],
            parent=self,
        )
        if picker.exec() != QDialog.DialogCode.Accepted or not picker.chosen():
            return
        self.session.add_recommendations(picker.chosen())
        self.tabs.setCurrentWidget(self.responses)

    def remove_response(self, response_id: int) -> None:
        if self.session.letter is None or not self.maybe_save():
            return
        resp = next((r for r in self.session.letter.responses if r.id == response_id), None)
        if resp is None:
            return
        if not dialogs.confirm_action(
            self,
            f"Remove recommendation {resp.recommendation.label} and its response from this letter?",
            "Remove response",
            "Remove",
        ):
            return
        self.session.remove_response(response_id)

    def edit_standard_lines(self) -> None:
        StandardLinesDialog(self.services, self).exec()
        self.session.refresh_lines()
