"""Issue 17, item 4 on the dashboard: progress updates due and the owners behind on them, worked out
on a worker after the page's other lists; each row opens its recommendation (an owner's: their
longest-overdue one)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import NewRecommendation, NewResponse
from correspondence_desk.ui.dashboard import follow_up
from correspondence_desk.ui.shell.pages import DASHBOARD

ISSUED = dt.date(2026, 3, 31)
TODAY = dt.date(2026, 12, 1)  # six months after 31 March is 30 September: two months late


@pytest.fixture
def answered(services):
    """Four recommendations answered in a letter issued on 31 March 2026; the last was updated since."""
    report = services.reports.create(
        title="Footbridges",
        reference="FB-1",
        recommendations=[
            NewRecommendation(label=str(i), text=f"Repair footbridge {i}.", owner=owner)
            for i, owner in enumerate(["Highways", "Parks", "Highways", "Parks"], start=1)
        ],
    )
    recs = report.recommendations
    letter = services.letters.create(
        reference="L-1", letter_date=ISSUED, responses=[NewResponse(r.id, "We accept.") for r in recs]
    )
    services.letters.issue(letter.id, render=lambda _d: b"%PDF-1.4 test")
    from correspondence_desk.core.records import Progress

    services.updates.record(
        recs[3].id, progress=Progress.GREEN, update_date=dt.date(2026, 6, 10), today=dt.date(2026, 6, 10)
    )  # due on 10 December: due soon
    return recs


@pytest.fixture
def dashboard(window, qtbot):
    page = window.page(DASHBOARD)
    window.go_to(DASHBOARD)
    # the window reads the page on a worker: let that finish, so only the test's own asks remain
    qtbot.waitUntil(lambda: page.follow_up is not None and page.follow_up.done, timeout=10_000)
    return page


def loaded(page, today=TODAY):
    page.refresh(today)
    assert page.follow_up is not None and page.follow_up.wait(10_000)
    return page


def rows(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_updates_due_are_worked_out_on_a_worker_and_listed(dashboard, services, answered, monkeypatch):
    threads: list[threading.Thread] = []
    due = services.updates.due
    monkeypatch.setattr(
        services.updates, "due", lambda *a, **k: threads.append(threading.current_thread()) or due(*a, **k)
    )
    loaded(dashboard)
    assert threads and threads[0] is not threading.main_thread()
    assert dashboard.tiles["updates_due"].accessibleName() == "Progress updates due: 4"
    assert rows(dashboard.models["updates_due"]) == [
        ["30 Sep 2026", "62 days late", "FB-1/1", "Highways: Repair footbridge 1."],
        ["30 Sep 2026", "62 days late", "FB-1/2", "Parks: Repair footbridge 2."],
        ["30 Sep 2026", "62 days late", "FB-1/3", "Highways: Repair footbridge 3."],
        ["10 Dec 2026", "in 9 days", "FB-1/4", "Parks: Repair footbridge 4."],
    ]
    assert dashboard.tiles["owners_overdue"].accessibleName() == "Owners overdue: 2"
    assert rows(dashboard.models["owners_overdue"]) == [
        ["30 Sep 2026", "62 days late", "2 updates", "Highways"],
        ["30 Sep 2026", "62 days late", "1 update", "Parks"],
    ]


def test_the_office_setting_changes_what_is_due(dashboard, services, answered):
    services.settings.set(update_every_months=12)
    loaded(dashboard)
    assert dashboard.tiles["updates_due"].accessibleName() == "Progress updates due: 0"
    assert dashboard.notes["updates_due"].text().startswith("No progress update is overdue")
    assert dashboard.notes["owners_overdue"].text() == "No owner has an overdue progress update."


def test_an_update_row_opens_its_recommendation(qtbot, dashboard, answered):
    loaded(dashboard)
    model = dashboard.models["updates_due"]
    with qtbot.waitSignal(dashboard.openRecommendation, timeout=1000) as opened:
        dashboard.opener.open_index(model.index(1, 0))
    assert opened.args == [answered[1].report_id, answered[1].id]


def test_an_owner_opens_their_longest_overdue_recommendation_loading_it_when_not_shown(
    qtbot, dashboard, answered, monkeypatch
):
    monkeypatch.setattr(follow_up, "ITEMS_SHOWN", 1)
    loaded(dashboard)
    assert dashboard.notes["updates_due"].text() == "Showing the first 2 of 4."  # 1 overdue, 1 soon
    owners = dashboard.models["owners_overdue"]
    parks = next(r for r in range(owners.rowCount()) if owners.index(r, 3).data() == "Parks")
    with qtbot.waitSignal(dashboard.openRecommendation, timeout=10_000) as opened:
        dashboard.opener.open_index(owners.index(parks, 0))  # Parks' overdue one is not among those shown
    assert opened.args == [answered[1].report_id, answered[1].id]
    assert dashboard.models["updates_due"].rowCount() == 4  # every update due is loaded now


def test_show_all_loads_every_update_due(dashboard, answered, monkeypatch):
    monkeypatch.setattr(follow_up, "ITEMS_SHOWN", 1)
    loaded(dashboard)
    assert dashboard.show_all_buttons["updates_due"].text() == "Show all 4"
    op = dashboard.show_all("updates_due")
    assert op is not None and op.wait(10_000)
    assert dashboard.models["updates_due"].rowCount() == 4
    assert dashboard.notes["updates_due"].text() == "All 4 shown."


def test_an_answer_to_an_older_refresh_is_not_shown(dashboard, answered):
    early = dashboard.load_follow_up(dt.date(2026, 4, 1))  # nothing was due yet
    late = dashboard.load_follow_up(TODAY)
    assert early.wait(10_000) and late.wait(10_000)
    assert dashboard.updates_due is not None and dashboard.updates_due.today == TODAY
    assert dashboard.models["updates_due"].rowCount() == 4


def test_a_failure_says_so_under_the_lists(dashboard, services, answered, monkeypatch, messages):
    def broken(*_a, **_k):
        raise DeskError("The database is busy.")

    monkeypatch.setattr(services.updates, "due", broken)
    loaded(dashboard)
    note = dashboard.notes["updates_due"].text()
    assert note == "Could not work out the progress updates due: The database is busy."
    assert dashboard.tiles["overdue_reports"].accessibleName().startswith("Overdue responses")
