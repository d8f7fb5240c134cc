"""The Reports page's commands: its menu (Report), the list's and the grid's right-click menus, and
which of them apply to what is shown and selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from correspondence_desk.ui.common.widgets import action

if TYPE_CHECKING:
    from correspondence_desk.ui.reports.page import ReportsPage


class ReportCommands:
    def __init__(self, page: ReportsPage) -> None:
        self._page = page
        editor = page.editor
        self.open_action = action(page, "&Open report", page.open_selected, name="actionOpenReport")
        self.draft_action = action(
            page, "Draft &response…", page.draft_response, name="actionDraftResponse",
            tip="Start a response letter to this report",
        )  # fmt: skip
        self.delete_action = action(page, "&Delete report…", page.delete_selected, name="actionDeleteReport")
        self.add_rec_action = action(page, "&Add recommendation…", editor.add_recommendation)
        self.import_action = action(
            page, "&Import more recommendations…", page.import_into, name="actionImportInto",
            tip="Add recommendations to this report from a file or copied text",
        )  # fmt: skip
        # in the grid's right-click menu; their keys are the grid's own (shown after the tab)
        self.edit_cell_action = action(page, "&Edit the cell\tF2", self._edit_cell, name="actionEditCell")
        self.delete_rec_action = action(page, "De&lete recommendation…\tDel", editor.delete_recommendation)
        self.up_action = action(page, "Move &up\tCtrl+Up", lambda: editor.move(-1))
        self.down_action = action(page, "Move do&wn\tCtrl+Down", lambda: editor.move(1))
        self.attach_action = action(page, "Attach &source file…", editor.attach_source)
        self.open_source_action = action(page, "Open so&urce file", editor.open_source)
        self.history_action = action(
            page, "&History of the report…", page.show_report_history, name="actionReportHistory"
        )
        self.rec_history_action = action(
            page, "History of the re&commendation…", editor.show_recommendation_history,
            name="actionRecommendationHistory",
        )  # fmt: skip
        self.record_update_action = action(
            page, "Record an &update…", editor.record_update, "Ctrl+U", name="actionRecordUpdate",
            tip="Add a dated progress update to the selected recommendation",
        )  # fmt: skip
        # the form's own buttons (Ctrl+S is the Save details button's key), in the menu too
        form = editor.form
        self.save_action = action(
            page, "&Save details\tCtrl+S", form.save_button.click, name="actionSaveReportDetails"
        )
        self.revert_action = action(page, "Re&vert details", form.revert_button.click)
        self.menu: list[QAction] = [
            self.save_action,
            self.revert_action,
            self.open_action,
            self.draft_action,
            self.delete_action,
            self.add_rec_action,
            self.import_action,
            self.record_update_action,
            self.attach_action,
            self.open_source_action,
            self.history_action,
            self.rec_history_action,
        ]

    def list_commands(self) -> list[QAction | None]:
        self.update()
        return [self.open_action, self.draft_action, self.history_action, None, self.delete_action]

    def grid_commands(self) -> list[QAction | None]:
        self.update()
        return [
            self.edit_cell_action,
            self.record_update_action,
            self.rec_history_action,
            None,
            self.add_rec_action,
            self.import_action,
            self.delete_rec_action,
            None,
            self.up_action,
            self.down_action,
            None,
            self.draft_action,
        ]

    def update(self) -> None:
        page = self._page
        editor = page.editor
        editing, selected = page.editing(), page.current_id() is not None
        rec = editing and editor.selected() is not None
        self.open_action.setEnabled(not editing and selected)
        for act in (self.delete_action, self.draft_action, self.history_action):
            act.setEnabled(editing or selected)
        for act in (self.add_rec_action, self.import_action, self.attach_action):
            act.setEnabled(editing)
        self.save_action.setEnabled(editing and editor.form.save_button.isEnabled())
        self.revert_action.setEnabled(editing and editor.form.revert_button.isEnabled())
        for act in (self.edit_cell_action, self.delete_rec_action, self.rec_history_action):
            act.setEnabled(rec)
        self.record_update_action.setEnabled(rec and not page.services.read_only)
        self.up_action.setEnabled(rec and editor.grid.up_button.isEnabled())
        self.down_action.setEnabled(rec and editor.grid.down_button.isEnabled())
        self.open_source_action.setEnabled(
            editing and editor.detail is not None and editor.detail.source is not None
        )

    def _edit_cell(self) -> None:
        index = self._page.editor.view.currentIndex()
        if index.isValid():
            self._page.editor.view.edit(index)
