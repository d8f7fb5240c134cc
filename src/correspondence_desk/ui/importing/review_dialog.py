"""Import review: the parser's proposal next to the source text, corrected by the person, then saved.

The main window calls `ImportReviewDialog.run(parent, services, path=..., text=...)`. Nothing is written
until the person clicks "Import N recommendations"; reading a file runs off the GUI thread with a
progress dialog and Cancel (`ui.background`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError, ValidationError
from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.proposal import Proposal
from correspondence_desk.core.records import ReportDetail
from correspondence_desk.ui.common.background import BackgroundOp, show_error
from correspondence_desk.ui.importing.addressees import AddresseePicker
from correspondence_desk.ui.importing.report_form import ReportFields
from correspondence_desk.ui.importing.review_model import ProposalModel, locate, problems
from correspondence_desk.ui.importing.widgets import (
    ItemTextEdit,
    MultiLineDelegate,
    PositionDelegate,
    ProposalGrid,
    SourceView,
    stack,
)

FILE_FILTER = (
    "Reports (*.pdf *.docx *.txt *.md);;PDF (*.pdf);;Word (*.docx);;Text (*.txt *.md);;All files (*)"
)
PASTE_HINT = (
    "Paste the report's recommendations here (or the whole report), then click Find recommendations "
    "(Ctrl+Enter). To read a PDF, Word or text file instead, click Open file (Ctrl+O)."
)
PASTE_INSTEAD = (
    "You can still import it: copy the recommendations from the document, paste them into the source "
    "pane on the left and click Find recommendations."
)


class ImportReviewDialog(QDialog):
    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.saved: ReportDetail | None = None
        self.extraction: BackgroundOp[Any] | None = None
        self._doc: ExtractedDocument | None = None
        self._source_file: tuple[str, bytes] | None = None
        self._parser_warnings: tuple[str, ...] = ()
        self._title_default = ""
        self.setObjectName("importReviewDialog")
        self.setWindowTitle(f"Import recommendations — {APP_NAME}")
        self.setSizeGripEnabled(True)
        self.resize(1280, 800)

        self.model = ProposalModel(services.bodies.list(), self)
        self.undo_stack = self.model.undo_stack
        self._build()
        self._make_actions()
        self.model.problem.connect(self._show_problem)
        self.model.focus_requested.connect(self.select_row)
        self.model.modelReset.connect(self._refresh)
        self.model.dataChanged.connect(self._refresh)
        self.undo_stack.indexChanged.connect(self._refresh)
        self._set_paste_mode(True)
        self._with_responses_toggled(False)
        self._refresh()

    # --- the entry point ------------------------------------------------------------------------

    @classmethod
    def run(
        cls, parent: QWidget | None, services: Any, path: Path | None = None, text: str | None = None
    ) -> ReportDetail | None:
        """Review and save an import; the saved report, or None if the person cancelled."""
        dialog = cls(services, parent)
        dialog.start(path, text)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved if accepted else None
        dialog.deleteLater()
        return saved

    def start(self, path: Path | None = None, text: str | None = None) -> None:
        if path is not None:
            self.load_file(Path(path))
        elif text is not None:
            self.load_text(text)
        else:
            QTimer.singleShot(0, self.open_file)  # once the dialog is up; cancelling leaves it for pasting

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.fields = ReportFields([c.name for c in self.services.committees.list()])
        self.fields.problem.connect(self._show_problem)
        self.fields.published_changed.connect(self._published_changed)
        self.fields.responses_toggled.connect(self._with_responses_toggled)
        self.title_edit = self.fields.title_edit
        self.reference_edit = self.fields.reference_edit
        self.committee_combo = self.fields.committee_combo
        self.published_edit = self.fields.published_edit
        self.received_edit = self.fields.received_edit
        self.responses_check = self.fields.responses_check

        # Left: the source.
        self.source_label = QLabel("Source")
        self.source_view = SourceView()
        self.source_view.setPlaceholderText(PASTE_HINT)
        self.source_label.setBuddy(self.source_view)
        self.open_button = QPushButton("&Open file…")
        self.open_button.setAccessibleName("Open file")
        self.open_button.clicked.connect(self.open_file)
        self.find_button = QPushButton("&Find recommendations")
        self.find_button.setAccessibleName("Find recommendations")
        self.find_button.clicked.connect(self.find_in_pasted_text)
        source_buttons = QWidget()
        buttons_row = QHBoxLayout(source_buttons)
        buttons_row.setContentsMargins(0, 0, 0, 0)
        buttons_row.addWidget(self.open_button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.find_button)
        left = stack(self.source_label, self.source_view, source_buttons, stretch=self.source_view)

        # Right: the proposal grid, the selected item's full text, the warnings.
        self.toolbar = QToolBar("Recommendations")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.grid = ProposalGrid(
            {
                ProposalModel.NUMBER: (0.0, 44),
                ProposalModel.ADDRESSEES: (0.16, 110),
                ProposalModel.DEADLINE: (0.0, 104),
                ProposalModel.PHRASE: (0.12, 112),
                ProposalModel.PARAGRAPH: (0.0, 52),
                ProposalModel.POSITION: (0.0, 130),
            },
            stretch=ProposalModel.TEXT,
            responses=(ProposalModel.RESPONSE, ProposalModel.POSITION),
        )
        self.grid.setObjectName("importGrid")
        self.grid.setAccessibleName("Proposed recommendations")
        self.grid.setModel(self.model)
        text_delegate = MultiLineDelegate(self.grid)
        for column in (ProposalModel.TEXT, ProposalModel.RESPONSE):
            self.grid.setItemDelegateForColumn(column, text_delegate)
        self.grid.setItemDelegateForColumn(ProposalModel.POSITION, PositionDelegate(self.grid))
        self.grid.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self.banner = QLabel(wordWrap=True)
        self.banner.setAccessibleName("Problem")
        self.banner.setStyleSheet("QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }")
        self.banner.hide()

        self.item_label = QLabel("Selected recommendation (put the cursor where to split: Ctrl+Shift+Enter)")
        self.item_editor = ItemTextEdit()
        self.item_editor.setAccessibleName("Selected recommendation text")
        self.item_label.setBuddy(self.item_editor)
        self.item_editor.focus_left.connect(self._commit_item_text)
        item_box = stack(self.item_label, self.item_editor, stretch=self.item_editor)

        self.warnings_label = QLabel("&Warnings")
        self.warnings_list = QListWidget()
        self.warnings_list.setAccessibleName("Warnings")
        self.warnings_list.setWordWrap(True)
        self.warnings_label.setBuddy(self.warnings_list)
        warn_box = stack(self.warnings_label, self.warnings_list, stretch=self.warnings_list)
        grid_box = stack(self.toolbar, self.banner, self.grid, stretch=self.grid)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setChildrenCollapsible(False)
        for widget in (grid_box, item_box, warn_box):
            self.right_splitter.addWidget(widget)
        self.right_splitter.setSizes([560, 170, 100])

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setSizes([400, 880])

        self.status = QLabel(wordWrap=True)
        self.status.setAccessibleName("Status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("importSaveButton")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        cancel.setAccessibleName("Cancel the import")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def _make_actions(self) -> None:
        def action(text: str, shortcut: Any, slot: Any, tip: str, name: str) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            keys = ", ".join(
                QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts
            )
            act.setToolTip(f"{tip} ({keys})")
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.split_action = action(
            "&Split", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], self.split_current,
            "Split the recommendation at the cursor in its text", "actionSplit",
        )  # fmt: skip
        self.merge_action = action(
            "&Merge with next", "Ctrl+M", self.merge_current, "Join it with the next one", "actionMerge"
        )
        self.renumber_action = action(
            "Re&number", "Ctrl+R", self.renumber, "Number every recommendation 1, 2, 3…", "actionRenumber"
        )
        self.add_action = action(
            "&Add", "Ctrl+N", self.add_after_current, "Add an empty recommendation", "actionAdd"
        )
        self.delete_action = action(
            "&Delete", ["Ctrl+Delete", "Ctrl+Backspace"], self.delete_selected,
            "Delete the selected recommendations", "actionDelete",
        )  # fmt: skip
        self.addressees_action = action(
            "Add&ressees…", "Ctrl+Shift+A", self.pick_addressees,
            "Choose the bodies it is directed at", "actionAddressees",
        )  # fmt: skip
        grid_delete = QAction("Delete", self.grid)
        grid_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        grid_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Delete in text still deletes text
        grid_delete.triggered.connect(self.delete_selected)
        self.grid.addAction(grid_delete)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        for act, keys, name in (
            (self.undo_action, QKeySequence.StandardKey.Undo, "actionUndo"),
            (self.redo_action, QKeySequence.StandardKey.Redo, "actionRedo"),
        ):
            act.setObjectName(name)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        open_action = action(
            "Open file", "Ctrl+O", self.open_file, "Open a PDF, Word or text file", "actionOpen"
        )
        find_action = action(
            "Find", ["Ctrl+Return", "Ctrl+Enter"], self.find_in_pasted_text,
            "Find recommendations in the pasted text", "actionFind",
        )  # fmt: skip
        save_action = action("Save", QKeySequence.StandardKey.Save, self.save, "Import", "actionSave")
        del open_action, find_action, save_action  # reachable by keyboard; shown as buttons
        for act in (
            self.split_action,
            self.merge_action,
            self.renumber_action,
            self.add_action,
            self.delete_action,
            self.addressees_action,
        ):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        for button_action in self.toolbar.actions():
            widget = self.toolbar.widgetForAction(button_action)
            if widget is not None:
                widget.setAccessibleName(button_action.text().replace("&", "").rstrip("…"))

    # --- loading --------------------------------------------------------------------------------

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a report", str(Path.home()), FILE_FILTER)
        if name:
            self.load_file(Path(name))
        else:
            self.source_view.setFocus()

    def load_file(self, path: Path) -> None:
        """Read the file off the GUI thread (progress and Cancel), then propose its recommendations."""
        from correspondence_desk.core import importing

        # Everything the worker needs is read here, on the GUI thread; it touches no widget.
        bodies, published = list(self.model.bodies), self.fields.published_or_none()
        with_responses = self.responses_check.isChecked()

        def work(task: Any) -> tuple[ExtractedDocument, bytes, Proposal]:
            doc = importing.extract(path, progress=task.progress, cancelled=task.is_cancelled)
            task.check()
            proposal = importing.propose(
                doc, bodies=bodies, published=published, with_responses=with_responses
            )
            return doc, path.read_bytes(), proposal

        self._set_busy(True, f"Reading {path.name}…")
        self.extraction = (
            BackgroundOp(self, work, doing=f"reading {path.name}")
            .with_progress(f"Reading {path.name}…")
            .success(lambda result: self._extracted(result[0], (path.name, result[1]), result[2]))
            .failure(self._extraction_failed)
            .cancelled(lambda: self._set_busy(False, f"Reading {path.name} was cancelled."))
            .run_in_background()
        )

    def load_text(self, text: str) -> None:
        self.source_view.setPlainText(text)
        self.find_in_pasted_text()

    def find_in_pasted_text(self) -> None:
        from correspondence_desk.core import importing

        text = self.source_view.toPlainText()
        if not text.strip():
            self._show_problem("Paste the report's text on the left first.")
            self.source_view.setFocus()
            return
        try:
            doc = importing.extract_text(text)
        except DeskError as exc:
            self._show_problem(str(exc))
            return
        self._set_paste_mode(True)
        self._use_document(doc, source=None, show_text=False)

    def _extracted(self, doc: ExtractedDocument, source: tuple[str, bytes], proposal: Proposal) -> None:
        self._set_busy(False, "")
        self._set_paste_mode(False)
        self._use_document(doc, source=source, show_text=True, proposal=proposal)

    def _extraction_failed(self, exc: BaseException) -> None:
        self._set_busy(False, "")
        if not isinstance(exc, DeskError):
            show_error(self, exc, "reading the file", log_bug=False)
            return
        QMessageBox.warning(self, f"Cannot read the file — {APP_NAME}", f"{exc}\n\n{PASTE_INSTEAD}")
        self._set_paste_mode(True)
        self.source_view.setFocus()

    def _use_document(
        self,
        doc: ExtractedDocument,
        source: tuple[str, bytes] | None,
        show_text: bool,
        proposal: Proposal | None = None,
    ) -> None:
        self._doc = doc
        self._source_file = source
        if show_text:
            self.source_view.setPlainText(doc.text)
        self.source_label.setText(f"Source — {doc.filename}" if doc.filename else "Source")
        from correspondence_desk.core.importing import suggest_title

        title = suggest_title(doc)
        if title == Path(doc.filename).stem or title == doc.filename:
            title = "" if source is None else title  # "pasted text" is no title; a file's name is a start
        if not self.title_edit.text().strip() or self.title_edit.text() == self._title_default:
            self.title_edit.setText(title)
        self._title_default = title
        self._propose(first=self.model.rowCount() == 0 and self.undo_stack.count() == 0, proposal=proposal)

    def _propose(self, first: bool = False, proposal: Proposal | None = None) -> None:
        """Show the parser's proposal for the current document (computed here unless given)."""
        from correspondence_desk.core import importing

        if self._doc is None:
            return
        if proposal is None:
            proposal = importing.propose(
                self._doc,
                bodies=self.model.bodies,
                published=self.fields.published_or_none(),
                with_responses=self.responses_check.isChecked(),
            )
        self._parser_warnings = tuple(proposal.warnings)
        if first:
            self.model.load(proposal.recommendations)
        else:
            self.model.replace_all(proposal.recommendations, "Read again")
        if self.model.rowCount():
            self.banner.hide()
            self.select_row(0)
        else:
            name = self._doc.filename or "the text"
            self.banner.setText(
                f"No recommendations were found in {name}. If the report lists them under another heading, "
                "copy that part, paste it on the left and click Find recommendations (Ctrl+Enter); "
                "or add them one by one (Ctrl+N)."
            )
            self.banner.show()
            self._set_paste_mode(True)
        self._refresh()

    def _with_responses_toggled(self, checked: bool) -> None:
        self.grid.set_response_columns(checked)
        if checked:  # four columns of text now: give the grid more of the width
            total = sum(self.splitter.sizes())
            if total and self.splitter.sizes()[0] > total * 0.3:
                self.splitter.setSizes([int(total * 0.28), total - int(total * 0.28)])
        if self._doc is not None:
            self._propose()

    def _published_changed(self) -> None:
        # Relative deadlines ("within six months") count from publication: re-read while nothing is edited.
        if self._doc is not None and self.undo_stack.count() == 0:
            self._propose(first=True)

    # --- editing --------------------------------------------------------------------------------

    def current_row(self) -> int:
        return self.grid.currentIndex().row() if self.grid.currentIndex().isValid() else -1

    def split_current(self) -> None:
        row = self.current_row()
        if row < 0:
            self._show_problem("Select the recommendation to split first.")
            return
        raw = self.item_editor.toPlainText()
        cursor = self.item_editor.textCursor()
        at = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        at -= len(raw) - len(raw.lstrip())  # the stored text is stripped
        self._commit_item_text()
        text = self.model.record(row).rec.text
        if at <= 0 or at >= len(text):  # no cursor inside: split off the last paragraph, if any
            at = text.rfind("\n\n")
        if self.model.split(row, at):
            self.item_editor.setFocus()

    def merge_current(self) -> None:
        self._commit_item_text()
        self.model.merge_with_next(self.current_row())

    def renumber(self) -> None:
        self._commit_item_text()
        if not self.model.renumber(self.current_row() if self.current_row() >= 0 else None):
            self._show_problem("They are already numbered 1 to N.", error=False)

    def add_after_current(self) -> None:
        self._commit_item_text()
        row = self.model.insert_after(self.current_row() if self.model.rowCount() else -1)
        self.banner.hide()
        self.select_row(row)
        self.item_editor.setFocus()

    def delete_selected(self) -> None:
        self._commit_item_text()
        rows = sorted({index.row() for index in self.grid.selectionModel().selectedRows()})
        if not rows and self.current_row() >= 0:
            rows = [self.current_row()]
        self.model.delete(rows)

    def pick_addressees(self) -> None:
        row = self.current_row()
        if row < 0:
            self._show_problem("Select a recommendation first.")
            return
        chosen = AddresseePicker.ask(self, self.model.bodies, self.model.record(row).rec.addressees)
        if chosen is not None:
            self.model.edit(row, "Change addressees", addressees=chosen)

    def _commit_item_text(self) -> None:
        row = self.current_row()
        if row < 0 or row >= self.model.rowCount():
            return
        text = self.item_editor.toPlainText().strip()
        if text != self.model.record(row).rec.text:
            self.model.edit(row, "Edit text", text=text)

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and previous.row() < self.model.rowCount():
            # The editor still shows the previous row's text: keep what was typed there.
            text = self.item_editor.toPlainText().strip()
            if self.item_editor.property("row_id") == self.model.record(previous.row()).id and (
                text != self.model.record(previous.row()).rec.text
            ):
                self.model.edit(previous.row(), "Edit text", text=text)
        self._load_item_editor()

    def _load_item_editor(self) -> None:
        row = self.current_row()
        if row < 0 or row >= self.model.rowCount():
            self.item_editor.setPlainText("")
            self.item_editor.setProperty("row_id", None)
            self.item_editor.setEnabled(False)
            self.source_view.highlight(None)
            return
        item = self.model.record(row)
        self.item_editor.setEnabled(True)
        if self.item_editor.toPlainText() != item.rec.text:
            self.item_editor.setPlainText(item.rec.text)
        self.item_editor.setProperty("row_id", item.id)
        self.item_label.setText(
            f"Recommendation {item.rec.number}: put the cursor where a new one begins, then Split "
            "(Ctrl+Shift+Enter)"
        )
        self.source_view.highlight(locate(self.source_view.toPlainText(), item.rec.text))

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, ProposalModel.TEXT)
        self.grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.grid.scrollTo(index)
        self._load_item_editor()

    # --- state shown ----------------------------------------------------------------------------

    def _refresh(self, *_: Any) -> None:
        count = self.model.rowCount()
        self.save_button.setText(f"Import {count} recommendation{'s' if count != 1 else ''}")
        self.save_button.setAccessibleName(self.save_button.text())
        has_row = self.current_row() >= 0
        for act in (self.split_action, self.delete_action, self.addressees_action):
            act.setEnabled(has_row)
        self.merge_action.setEnabled(0 <= self.current_row() < count - 1)
        self.renumber_action.setEnabled(count > 0)
        blocking = problems(self.model.records())
        self.warnings_list.clear()
        self.warnings_list.addItems([f"Fix before saving: {p}" for p in blocking])
        self.warnings_list.addItems(list(self._parser_warnings))
        total = len(blocking) + len(self._parser_warnings)
        self.warnings_label.setText(f"&Warnings ({total})" if total else "&Warnings (none)")
        self.save_button.setEnabled(count > 0 and not self._busy())
        if self.current_row() >= 0 and self.item_editor.property("row_id") is not None:
            self._load_item_editor()

    def _show_problem(self, message: str, error: bool = True) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #a4262c;" if error else "")

    def _set_paste_mode(self, paste: bool) -> None:
        self.source_view.setReadOnly(not paste)
        self.find_button.setVisible(paste)

    def _set_busy(self, busy: bool, message: str) -> None:
        self._is_busy = busy
        self.status.setStyleSheet("")
        self.status.setText(message)
        self.save_button.setEnabled(not busy and self.model.rowCount() > 0)
        self.open_button.setEnabled(not busy)

    def _busy(self) -> bool:
        return getattr(self, "_is_busy", False)

    # --- saving / leaving -----------------------------------------------------------------------

    def save(self) -> None:
        self._commit_item_text()
        try:
            self.saved = self._save()
        except DeskError as exc:
            self._show_problem(str(exc))
            QMessageBox.warning(self, f"Cannot import yet — {APP_NAME}", str(exc))
            return
        self.undo_stack.setClean()
        self.accept()

    def _save(self) -> ReportDetail:
        if self._busy():
            raise ValidationError("The file is still being read; wait for it or cancel.")
        if not self.model.rowCount():
            raise ValidationError("There are no recommendations to import.")
        found = problems(self.model.records())
        if found:
            raise ValidationError("Some recommendations need fixing first:\n• " + "\n• ".join(found))
        result = self.services.importing.save(
            Proposal(self.model.recommendations(), self._parser_warnings),
            source=self._source_file,
            **self.fields.values(),
        )
        return result.report

    def has_unsaved_edits(self) -> bool:
        return self.model.rowCount() > 0 and not self.undo_stack.isClean()

    def reject(self) -> None:
        if self.extraction is not None and not self.extraction.done:
            self.extraction.cancel()
        if self.has_unsaved_edits() and not self._confirm_discard():
            return
        self.undo_stack.setClean()  # asked once; closeEvent must not ask again
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unsaved_edits() and not self._confirm_discard():
            event.ignore()
            return
        self.undo_stack.setClean()
        super().closeEvent(event)

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            f"Discard the import? — {APP_NAME}",
            "You have corrected this proposal. Close without importing and lose the corrections?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
