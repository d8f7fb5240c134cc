"""The Reports page: the list of reports (filtered, sorted) and, when one is opened, its editor.

Leaving a report with details typed but not saved (back to the list, another report, another page,
quitting) asks Save / Discard / Cancel first. Right-click on the list or the grid offers the page's
commands for the row under the mouse.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.history import HistoryDialog
from correspondence_desk.ui.common.menus import add_context_menu
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.reports.editor import ReportEditor
from correspondence_desk.ui.reports.forms import NewReportDialog
from correspondence_desk.ui.reports.letters_panel import answering_letters
from correspondence_desk.ui.reports.page_actions import ReportCommands
from correspondence_desk.ui.reports.report_list import ReportList, ReportsModel

if TYPE_CHECKING:
    from correspondence_desk.core.records import ReportDetail
    from correspondence_desk.core.services import Services

__all__ = ["ReportsModel", "ReportsPage"]


class ReportsPage(Page):
    """Signals (the Page's): `openLetter`, `draftResponse`, `navigated`, `statusChanged`, `dataChanged`."""

    menu_title = "&Report"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("reportsPage")
        self._stale = True
        self.list = ReportList(self)
        # the parts tests and the window reach
        self.model, self.proxy, self.view = self.list.model, self.list.proxy, self.list.view
        self.filter, self.count_label, self.empty = self.list.filter, self.list.count_label, self.list.empty
        self.list_stack = self.list.list_stack
        self.list.activated.connect(self.open_report)
        self.list.countChanged.connect(lambda _text: self._update_status())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.commands.update())

        self.editor = ReportEditor(services, self)
        self.editor.closeRequested.connect(self.show_list)
        self.editor.changed.connect(self._changed)
        self.editor.openLetter.connect(self.openLetter)
        self.editor.draftRequested.connect(self.draftResponse)
        self.editor.importRequested.connect(self.import_into)
        self.editor.shown.connect(lambda _detail: self._update_status())
        self.editor.view.selectionModel().selectionChanged.connect(lambda *_: self.commands.update())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.undo_stack = self.editor.undo_stack
        self.commands = ReportCommands(self)
        add_context_menu(self.view, self.commands.list_commands)
        add_context_menu(self.editor.view, self.commands.grid_commands)

    def menu_actions(self) -> list[QAction]:
        return self.commands.menu

    def menu_about_to_show(self) -> None:
        self.commands.update()  # e.g. Save details, enabled once something is typed

    def layout_states(self) -> list[tuple[str, object]]:
        """Widgets whose saveState()/restoreState() the main window keeps between runs."""
        return [
            ("reportsHeader", self.view.horizontalHeader()),
            ("reportEditorSplitter", self.editor.splitter),
            ("reportTimelineSplitter", self.editor.lower),
        ]

    def editing(self) -> bool:
        return self.stack.currentWidget() is self.editor

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (keeping the selection); reload the open report too."""
        self.list.set_records(self.services.reports.list())
        self._stale = False
        if self.editing():
            self.editor.reload()
        self.commands.update()
        self._update_status()

    def _changed(self) -> None:
        self._stale = True
        self.dataChanged.emit()

    def _update_status(self) -> None:
        detail = self.editor.detail
        if self.editing() and detail is not None:
            letters = len(answering_letters(detail))
            text = (
                f"Report {detail.reference}: {count(len(detail.recommendations), 'recommendation')} · "
                f"{count(letters, 'letter')} answering it"
            )
        elif self.proxy.is_filtered():
            text = self.list.count_text()  # "25 of 2,000 reports"
        else:
            recs = sum(r.recommendation_count for r in self.model.records())
            text = f"{self.list.count_text()} · {count(recs, 'recommendation')}"
        self.show_status(text)

    def focus_main(self) -> None:
        if self.editing():
            self.editor.view.setFocus()
        elif not self.list.list_stack.showing_message() or self.model.rowCount():
            self.view.setFocus()
        else:  # nothing to list yet: the filter is the one thing to type into
            self.filter.setFocus()

    def focus_filter(self) -> None:
        if self.editing() and not self.show_list():
            return
        self.filter.setFocus()
        self.filter.selectAll()

    def can_leave(self) -> bool:
        return self.editor.can_leave()

    def current_report_id(self) -> int | None:
        return self.editor.detail.id if self.editing() and self.editor.detail else None

    # --- navigation ---------------------------------------------------------------------------

    def current_id(self) -> int | None:
        return self.list.current_id()

    def select(self, report_id: int) -> bool:
        return self.list.select(report_id)

    def apply_filter(self) -> None:
        self.list.apply_filter()

    def location(self) -> Hashable:
        if self.editing() and self.editor.detail is not None:
            return ("report", self.editor.detail.id)
        return ("list", self.current_id())

    def go_back_to(self, location: Hashable) -> bool:
        if isinstance(location, tuple) and location[:1] == ("report",):
            try:
                self.services.reports.resolve(location[1])
            except DeskError:  # deleted since: back to the list instead
                return self.show_list()
            return self.open_report(location[1])
        if not self.show_list():
            return False
        if isinstance(location, tuple) and len(location) == 2 and location[1] is not None:
            self.select(location[1])
        return True

    def open_selected(self) -> None:
        report_id = self.current_id()
        if report_id is not None:
            self.open_report(report_id)

    def open_report(self, report_id: int, recommendation_id: int | None = None) -> bool:
        """Show a report in the editor, with one of its recommendations selected if given; False when
        the user chose to stay with unsaved details of another report."""
        came_from = self.location()
        same = self.editing() and self.editor.detail is not None and self.editor.detail.id == report_id
        try:
            if same:
                self.editor.reload()  # the details typed stay
            else:
                if not self.editor.can_leave():
                    return False
                self.editor.load(report_id)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Opening the report")
            return False
        if recommendation_id is not None:
            self.editor.select_id(recommendation_id)
        self.stack.setCurrentWidget(self.editor)
        self.editor.view.setFocus()
        self.commands.update()
        self._update_status()
        if came_from != self.location():
            self.navigated.emit(came_from)
        return True

    def show_list(self) -> bool:
        """Back to the list (asking about details typed but not saved); False if the user stayed."""
        if not self.editing():
            return True
        if not self.editor.can_leave():
            return False
        came_from = self.location()
        shown = self.editor.detail.id if self.editor.detail else None
        self.stack.setCurrentWidget(self.list)
        if self._stale:
            self.refresh()
        if shown is not None:
            self.select(shown)
        self.view.setFocus()
        self.commands.update()
        self._update_status()
        self.navigated.emit(came_from)
        return True

    # --- commands -----------------------------------------------------------------------------

    def new_report(self) -> None:
        created = NewReportDialog.ask(self.services, self)
        if created is not None:
            self.refresh()
            self.open_report(created.id)

    def _shown_or_selected(self) -> int | None:
        if self.editing() and self.editor.detail is not None:
            return self.editor.detail.id
        return self.current_id()

    def draft_response(self) -> None:
        report_id = self._shown_or_selected()
        if report_id is not None:
            self.draftResponse.emit(report_id)

    def show_report_history(self) -> None:
        report_id = self._shown_or_selected()
        if report_id is None:
            return
        row = self.model.row_of(report_id)
        reference = self.model.record(row).reference if row >= 0 else str(report_id)
        HistoryDialog.show_for(self, self.services, "report", report_id, f"report {reference}")

    def import_into(self) -> ReportDetail | None:
        """Add recommendations to the report shown, from a file or copied text, after review."""
        from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog

        detail = self.editor.detail if self.editing() else None
        if detail is None:
            return None
        saved = ImportReviewDialog.run(self, self.services, into=detail)
        if saved is None:
            return None
        before = {r.id for r in detail.recommendations}
        self.editor.reload()
        added = [r for r in saved.recommendations if r.id not in before]
        if added:
            self.editor.select_id(added[0].id)
        self._changed()
        self._update_status()
        return saved

    def delete_selected(self) -> None:
        report_id = self._shown_or_selected()
        if report_id is None:
            return
        row = self.model.row_of(report_id)
        label = self.model.record(row).reference if row >= 0 else "this report"
        if not dialogs.confirm_action(
            self,
            f"Delete report {label} with all its recommendations and their draft responses? "
            "This cannot be undone.",
            "Delete report",
            "Delete report",
        ):
            return
        try:
            version = self.model.record(row).version if row >= 0 else None
            self.services.reports.delete(report_id, version=version)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Deleting the report")
            return
        self.editor.form.revert()  # the report is gone: nothing typed in it is left to ask about
        self.stack.setCurrentWidget(self.list)
        self.refresh()
        self.dataChanged.emit()
