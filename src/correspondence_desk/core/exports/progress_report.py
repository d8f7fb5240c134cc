"""A per-report progress report PDF: every recommendation with its position, progress and latest
response, in the printing module's house style (fonts, margins, 'Page X of Y')."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.printing.house_style import (
    TEXT_WIDTH,
    Para,
    build_pdf,
    markup,
    para,
    register_italics,
    styles,
    table_style,
)
from correspondence_desk.core.records import (
    LetterStatus,
    Position,
    Progress,
    RecommendationRecord,
    ReportDetail,
    ResponseRecord,
    paragraphs,
)

RAG_COLOURS = {  # a small square before the progress word; the word is always printed too
    Progress.RED: "#C0392B",
    Progress.AMBER: "#D68910",
    Progress.GREEN: "#1E8449",
    Progress.COMPLETE: "#2E4053",
}


def latest_responses(report: ReportDetail) -> dict[int, ResponseRecord]:
    """For each recommendation its latest issued response, else its latest draft one."""
    latest: dict[int, ResponseRecord] = {}
    for response in report.responses:  # oldest letter first, undated drafts last
        rec_id = response.recommendation.id
        current = latest.get(rec_id)
        issued = response.letter_status is LetterStatus.ISSUED
        if current is None or issued or current.letter_status is not LetterStatus.ISSUED:
            latest[rec_id] = response
    return latest


def _progress_markup(progress: Progress | None) -> str:
    if progress is None:
        return "Not recorded"
    return f'<font color="{RAG_COLOURS[progress]}">■</font> {markup(progress.label)}'


def _summary_table(report: ReportDetail) -> Table:
    """How many recommendations have each position and each progress, side by side."""
    st = styles()
    positions = Counter(r.position for r in report.recommendations)
    progress = Counter(r.progress for r in report.recommendations)
    left = [(markup(p.label), positions[p]) for p in Position if positions[p]]
    left += [("No position yet", positions[None])] if positions[None] else []
    right = [(_progress_markup(p), progress[p]) for p in Progress if progress[p]]
    right += [("Not recorded", progress[None])] if progress[None] else []
    rows = [[Para("Position", st.cell_bold), "", Para("Progress", st.cell_bold), ""]]
    for i in range(max(len(left), len(right))):
        row: list = []
        for side in (left, right):
            label, count = side[i] if i < len(side) else ("", "")
            row += [Para(label, st.cell), Para(str(count), st.cell)]
        rows.append(row)
    widths = [TEXT_WIDTH * 0.36, TEXT_WIDTH * 0.1, TEXT_WIDTH * 0.36, TEXT_WIDTH * 0.1]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, 0), 0.5, "#808080")))
    return table


def _recommendation(rec: RecommendationRecord, response: ResponseRecord | None) -> list[Flowable]:
    st = styles()
    head = [para(f"Recommendation {rec.label}", st.subheading)]
    text = [para(p, st.keep_bold) for p in paragraphs(rec.text)]
    facts = [
        f"<b>Position:</b> {markup(rec.position.label) if rec.position else 'No position yet'}",
        f"<b>Progress:</b> {_progress_markup(rec.progress)}",
    ]
    if rec.deadline:
        facts.append(f"<b>Deadline:</b> {markup(long_date(rec.deadline))}")
    if rec.owner:
        facts.append(f"<b>Owner:</b> {markup(rec.owner)}")
    lines = [Para(" &nbsp;·&nbsp; ".join(facts), st.body)]
    if response is None:
        lines.append(para("No response yet.", st.body))
    else:
        when = f", {long_date(response.letter_date)}" if response.letter_date else ""
        status = "" if response.letter_status is LetterStatus.ISSUED else f" ({response.letter_status.value})"
        lines.append(
            Para(
                f"<i>Latest response: {markup(response.letter_reference)}{status}{markup(when)}</i>", st.body
            )
        )
        lines += [para(p, st.body) for p in paragraphs(response.text)] or [para("(no text)", st.body)]
    # the heading and the recommendation stay with the first lines of what follows
    return [KeepTogether([*head, *text, lines[0]]), *lines[1:], Spacer(1, 3 * mm)]


def progress_report_pdf(report: ReportDetail, today: dt.date | None = None, author: str = "") -> bytes:
    """The whole progress report as PDF bytes."""
    register_italics()  # "Latest response: …" lines are in italics
    st = styles()
    today = today or dt.date.today()
    latest = latest_responses(report)
    facts = [f"Committee: {report.committee}"] if report.committee else []
    if report.published:
        facts.append(f"Published: {long_date(report.published)}")
    if report.response_due:
        facts.append(f"Response due: {long_date(report.response_due)}")
    facts.append(f"Progress as at {long_date(today)}")
    story: list[Flowable] = [
        para(f"Progress report: {report.reference}", st.heading),
        para(report.title, st.subheading),
        para(" · ".join(facts), st.small),
        Spacer(1, 4 * mm),
        _summary_table(report),
        Spacer(1, 6 * mm),
    ]
    if not report.recommendations:
        story.append(para("This report has no recommendations.", st.body))
    for rec in report.recommendations:
        story += _recommendation(rec, latest.get(rec.id))
    return build_pdf(
        story,
        title=f"Progress report: {report.reference} {report.title}",
        author=author,
        subject=f"Progress on the recommendations of {report.reference}",
        keywords=[report.reference, "progress report"],
        footer_left=f"{report.reference} progress report, {today:%d/%m/%Y}",
    )
