"""Choose the recommendations a letter answers, from one report or several, with the quick picks
("all of this report", "only those directed at us", "those not yet answered")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.drafting import answered_ids
from correspondence_desk.core.records import Pick, ReportDetail
from correspondence_desk.core.text import one_line

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

REC_ID = Qt.ItemDataRole.UserRole + 1


class RecommendationPicker(QDialog):
    def __init__(
        self,
        services: Services,
        report_ids: Sequence[int],
        *,
        letter_id: int | None = None,
        already: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recommendations to answer")
        self.setAccessibleName("Recommendations to answer")
        self.resize(860, 560)
        self.services = services
        self.letter_id = letter_id
        self.already = set(already)
        self.report_ids: list[int] = []

        intro = QLabel("Tick the recommendations this letter answers. Those already in the letter stay.")
        intro.setWordWrap(True)
        picks = QHBoxLayout()
        picks.addWidget(QLabel("Quick pick:"))
        for pick in Pick:
            button = QPushButton(pick.label, self)
            button.setAccessibleName(f"Quick pick: {pick.label}")
            button.setObjectName(f"pick_{pick.value}")
            button.clicked.connect(lambda _checked=False, p=pick: self.apply_pick(p))
            picks.addWidget(button)
        picks.addStretch(1)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("recommendationPicker")
        self.tree.setAccessibleName("Recommendations by report")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Recommendation", "Directed at", "Answered"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)

        self.more = QComboBox(self)
        self.more.setAccessibleName("Add recommendations from another report")
        self.more.addItem("Add another report…", None)
        for summary in services.reports.list():
            self.more.addItem(f"{summary.reference} — {one_line(summary.title, 70)}", summary.id)
        self.more.activated.connect(self._add_chosen_report)
        more_row = QHBoxLayout()
        more_row.addWidget(QLabel("Also answer:"))
        more_row.addWidget(self.more, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Answer these")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(picks)
        layout.addWidget(self.tree, 1)
        layout.addLayout(more_row)
        layout.addWidget(buttons)
        for rid in report_ids:
            self.add_report(rid)

    def add_report(self, report_id: int) -> None:
        if report_id in self.report_ids:
            return
        report = self.services.reports.get(report_id)
        self.report_ids.append(report_id)
        self._fill(report)

    def _add_chosen_report(self, index: int) -> None:
        report_id = self.more.itemData(index)
        if report_id is not None:
            self.add_report(report_id)
        self.more.setCurrentIndex(0)

    def _fill(self, report: ReportDetail) -> None:
        top = QTreeWidgetItem(self.tree, [f"{report.reference} — {report.title}"])
        top.setFlags(top.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
        done = answered_ids([report], except_letter=self.letter_id)
        for rec in report.recommendations:
            answered = [
                r.letter_reference
                for r in report.responses
                if r.recommendation.id == rec.id and r.letter_id != self.letter_id
            ]
            item = QTreeWidgetItem(
                top,
                [
                    f"{rec.label}. {one_line(rec.text, 120)}",
                    rec.addressee_names,
                    ("✔ " if rec.id in done else "") + ", ".join(answered),
                ],
            )
            item.setData(0, REC_ID, rec.id)
            item.setToolTip(0, rec.text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            if rec.id in self.already:
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setDisabled(True)  # removing a response is done in the letter, not here
                item.setToolTip(0, "Already answered in this letter")
            else:
                item.setCheckState(0, Qt.CheckState.Unchecked)
        top.setExpanded(True)
        for col in (1, 2):
            self.tree.resizeColumnToContents(col)

    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                yield top.child(j)

    def apply_pick(self, pick: Pick) -> None:
        wanted = {
            rec.id
            for rec in self.services.composing.pick(self.report_ids, pick, except_letter=self.letter_id)
        }
        for item in self._items():
            if item.isDisabled():
                continue
            state = Qt.CheckState.Checked if item.data(0, REC_ID) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(0, state)

    def chosen(self) -> list[int]:
        """The recommendations ticked (new to the letter), in report order."""
        return [
            item.data(0, REC_ID)
            for item in self._items()
            if item.checkState(0) == Qt.CheckState.Checked and not item.isDisabled()
        ]
