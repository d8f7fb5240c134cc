"""Exports read back with the csv module, openpyxl and icalendar."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from icalendar import Calendar

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.exports.files import ExportCancelled
from correspondence_desk.core.exports.ics import export_calendar
from correspondence_desk.core.exports.tracker import COLUMNS, export_tracker
from correspondence_desk.core.records import Progress, ReportStatus

HEADINGS = [c[0] for c in COLUMNS]


@pytest.fixture
def tracked(services, demo):
    """The demo report, with its letter issued and one recommendation given progress."""
    rec = demo.report.recommendations[0]
    services.reports.update_recommendation(rec.id, progress=Progress.AMBER, owner="Network Strategy")
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    return demo


def test_the_csv_has_one_row_per_recommendation(services, tracked, tmp_path):
    path = tmp_path / "tracker.csv"
    assert export_tracker(services.db, path) == 9
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == HEADINGS
    first = rows[0]
    assert first["Report"] == "TEC-2026-04"
    assert first["Rec."] == "1"
    assert first["Directed at"] == "CTA; London Councils (partner)"
    assert first["Deadline"] == "2027-03-31"
    assert first["Position"] == "Accepted"
    assert first["Progress"] == "Amber"
    assert first["Answered in"].startswith("CTA/TEC/2026/017 (issued ")
    assert first["Latest update"] == "" and first["Update date"] == dt.date.today().isoformat()
    assert rows[2]["Latest update"] == rows[2]["Update date"] == ""  # no progress given yet
    assert rows[1]["Position"] == "Noted — directed at another body"  # accents and dashes survive


def test_the_xlsx_is_formatted_for_reading(services, tracked, tmp_path):
    path = tmp_path / "tracker.xlsx"
    seen = []
    assert export_tracker(services.db, path, progress=lambda done, total: seen.append((done, total))) == 9
    assert seen[-1] == (9, 9)
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == HEADINGS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert (
        ws.auto_filter.ref == "A1:O10"
    )  # ten columns, the latest update and its date, the response due, expected
    assert ws.column_dimensions["D"].width == 70
    assert ws["D2"].alignment.wrap_text
    deadline = ws["G2"]
    assert deadline.is_date and deadline.value.date() == dt.date(2027, 3, 31)
    assert deadline.number_format.lower() == "dd/mm/yyyy"
    assert ws["A2"].value == "TEC-2026-04" and ws["H2"].value == "Accepted"
    assert ws.max_row == 10


def test_the_tracker_gives_each_recommendation_its_latest_update_and_its_date(services, tracked, tmp_path):
    first, second = tracked.report.recommendations[:2]
    services.updates.record(first.id, progress=Progress.RED, text="Survey delayed")
    services.updates.record(first.id, progress=Progress.GREEN, text="Map published & live")
    services.updates.record(second.id, progress=Progress.AMBER, text="Waiting on the boroughs")
    path = tmp_path / "tracker.xlsx"
    export_tracker(services.db, path)
    ws = openpyxl.load_workbook(path).active
    assert [ws["K2"].value, ws["K3"].value] == ["Map published & live", "Waiting on the boroughs"]
    assert ws["L2"].is_date and ws["L2"].value.date() == dt.date.today()
    assert ws["I2"].value == "Green"  # the progress column is the latest update's
    assert ws["K4"].value is None and ws["L4"].value is None


@pytest.mark.parametrize("name", ["tracker.xlsx", "tracker.csv"])
def test_a_cancelled_export_leaves_no_file(services, tracked, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    answers = iter([False, True])  # cancelled once writing has begun
    with pytest.raises(ExportCancelled):
        export_tracker(services.db, out / name, cancelled=lambda: next(answers))
    assert list(out.iterdir()) == []


def test_an_unknown_extension_is_refused(services, tmp_path):
    with pytest.raises(DeskError, match=r"\.csv or \.xlsx"):
        export_tracker(services.db, tmp_path / "tracker.pdf")


def test_the_calendar_has_all_day_events_with_stable_uids(services, tracked, tmp_path):
    # the issued letter answered every recommendation: the report's response is no longer due
    export_calendar(services.db, tmp_path / "answered.ics", since=dt.date(2026, 1, 1))
    answered = Calendar.from_ical((tmp_path / "answered.ics").read_bytes()).walk("VEVENT")
    assert not any(str(e["summary"]).startswith("Response due") for e in answered)
    services.reports.update(
        tracked.report.id,
        status=ReportStatus.OPEN,  # a further response was asked for
        response_due=dt.date(2027, 1, 15),
        reason="Extension agreed",
    )
    path = tmp_path / "due.ics"
    count = export_calendar(services.db, path, since=dt.date(2026, 1, 1))
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == count
    by_summary = {str(e["summary"]): e for e in events}
    due = by_summary["Response due: TEC-2026-04"]
    assert due.decoded("dtstart") == dt.date(2027, 1, 15)  # a date: an all-day event
    assert due.decoded("dtend") == dt.date(2027, 1, 16)
    # recommendation 1 (accepted, amber) has a deadline; 8 (not accepted) is not ours to meet
    assert "Deadline: TEC-2026-04 recommendation 1" in by_summary
    assert "Deadline: TEC-2026-04 recommendation 8" not in by_summary
    export_calendar(services.db, tmp_path / "again.ics", since=dt.date(2026, 1, 1))
    again = Calendar.from_ical((tmp_path / "again.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in again) == sorted(str(e["uid"]) for e in events)


def test_the_calendar_leaves_out_old_dates(services, tracked, tmp_path):
    count = export_calendar(services.db, tmp_path / "due.ics", since=dt.date(2030, 1, 1))
    assert count == 0


def test_xlsx_keeps_markup_characters_and_drops_control_characters(services, tmp_path):
    from correspondence_desk.core.records import NewRecommendation

    services.reports.create(
        reference="ODD-1",
        title="Fares <review> & 'fairness'",
        recommendations=[NewRecommendation("1", "Cap fares < £2 & > £1\x07 for under-18s.")],
    )
    path = tmp_path / "odd.xlsx"
    export_tracker(services.db, path)
    ws = openpyxl.load_workbook(path).active
    assert ws["B2"].value == "Fares <review> & 'fairness'"
    assert ws["D2"].value == "Cap fares < £2 & > £1 for under-18s."
