"""Composition root of the desktop app: paths → database → services → window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTableWidget, QTableWidgetItem

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.services import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        reports = services.reports.list()
        table = QTableWidget(len(reports), 4, self)
        table.setObjectName("reportsView")
        table.setHorizontalHeaderLabels(["Reference", "Title", "Committee", "Recommendations"])
        for row, report in enumerate(reports):
            values = [report.reference, report.title, report.committee, str(report.recommendation_count)]
            for col, value in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        self.setCentralWidget(table)


def run(db_arg: str | None = None) -> int:
    from correspondence_desk.core.db import open_database
    from correspondence_desk.paths import resolve_database

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    location = resolve_database(db_arg)
    try:
        services = Services(open_database(location, create=True))
    except DeskError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(services)
    window.show()
    try:
        return app.exec()
    finally:
        services.close()
