"""The per-report progress report PDF, read back as text."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.exports.progress_report import latest_responses, progress_report_pdf
from correspondence_desk.core.records import NewResponse, Progress


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_each_recommendation_is_listed_with_position_progress_and_latest_response(services, demo):
    first, second = demo.report.recommendations[:2]
    services.reports.update_recommendation(first.id, progress=Progress.AMBER)
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    # a later draft answering recommendation 1 again: the issued answer is still "the latest response"
    services.letters.create(
        reference="CTA/TEC/2027/002", responses=[NewResponse(first.id, "Draft update & more.")]
    )
    report = services.reports.get(demo.report.id)

    text = _text(progress_report_pdf(report, today=dt.date(2026, 12, 1)))

    assert "Progress report: TEC-2026-04" in text
    assert "Progress as at 1 December 2026" in text
    for rec in report.recommendations:
        assert f"Recommendation {rec.label}" in text
    assert "Position: Accepted" in text and "Progress: ■ Amber" in text
    assert "Latest response: CTA/TEC/2026/017" in text
    assert "Draft update" not in text
    assert "Noted — directed at another body" in text  # recommendation 2's position after issue
    assert latest_responses(report)[second.id].letter_reference == "CTA/TEC/2026/017"


def test_a_report_without_answers_says_so(services):
    report = services.reports.create(title="Lighting <on> towpaths & piers")
    text = _text(progress_report_pdf(report))
    assert "Lighting <on> towpaths & piers" in text  # user text printed as typed
    assert "This report has no recommendations." in text


def test_the_report_gives_each_recommendation_its_latest_update_and_why_its_target_moved(services, demo):
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    first, second, third = demo.report.recommendations[:3]
    services.updates.record(
        first.id, progress=Progress.AMBER, text="Survey begun.", target_date=dt.date(2027, 3, 31)
    )
    services.updates.record(
        first.id, progress=Progress.AMBER, target_date=dt.date(2027, 6, 30), reason="data late"
    )
    services.updates.record(
        first.id,
        progress=Progress.GREEN,
        text="Map drafted.",
        target_date=dt.date(2027, 9, 30),
        reason="a new survey",
    )
    services.updates.record(third.id, progress=Progress.COMPLETE, text="All buses retrofitted.")
    report = services.reports.get(demo.report.id)

    text = " ".join(_text(services.exports.progress_report(report.id)).split())

    assert (
        "Target date: 30 September 2027 (revised from 30 June 2027 because a new survey; "
        "earlier from 31 March 2027 because data late)"
    ) in text
    today = long_date(dt.date.today())
    assert f"Latest update, {today} (Network Strategy) Map drafted." in text
    assert "Survey begun." not in text  # only the latest update
    assert f"Latest update, {today} (Network Strategy) · completed on {today} All buses retrofitted." in text
    assert text.count("No progress update yet.") == 2  # 5 and 7 (ours); 2, 4, 6, 9 are other bodies'
    assert second.label == "2"
