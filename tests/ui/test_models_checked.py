"""Every table model the dashboard, the colleagues tab and the workbook review show passes Qt's own
model checks (qtmodeltester), filled with real records: a model that breaks Qt's rules shows wrong
rows or crashes a view in ways a person cannot see coming."""

from __future__ import annotations

import datetime as dt

from correspondence_desk.core.records import Progress, WorkbookOutcome, WorkbookRow
from correspondence_desk.ui.dashboard.page import DashboardPage
from correspondence_desk.ui.directory.page import DirectoryPage
from correspondence_desk.ui.shell.follow_up_dialogs import ReviewModel


def test_every_dashboard_list_model_passes_qtmodeltester(qtbot, qtmodeltester, services, demo):
    services.colleagues.add("Tess Tester", "tester")
    services.clearance.set_route(demo.letter.id, ["tester"])
    services.clearance.send(demo.letter.id)
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.refresh(dt.date.today() + dt.timedelta(days=400))  # everything is late by then
    assert page.follow_up is not None and page.follow_up.wait(10_000)
    filled = [key for key, model in page.models.items() if model.rowCount()]
    assert len(filled) >= 4, filled  # overdue reports and recommendations, clearance, updates due
    for model in page.models.values():
        qtmodeltester.check(model)


def test_the_colleagues_model_passes_qtmodeltester(qtbot, qtmodeltester, services):
    services.colleagues.add("Sam Okafor", "sokafor", "Head of secretariat")
    page = DirectoryPage(services)
    qtbot.addWidget(page)
    page.refresh()
    model = page.colleagues.model
    assert model.rowCount() >= 1
    qtmodeltester.check(model)


def test_the_workbook_review_model_passes_qtmodeltester(qtmodeltester):
    model = ReviewModel()
    model.set_records(
        [
            WorkbookRow("Highways", 3, 7, "TEC-2026-04/3", WorkbookOutcome.NEW, progress=Progress.GREEN,
                        text="Surveys done.", target_date=dt.date(2027, 3, 1)),
            WorkbookRow("Highways", 0, 8, "TEC-2026-04/4", WorkbookOutcome.PROBLEM,
                        message="The row was deleted."),
        ]
    )  # fmt: skip
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "missing"
