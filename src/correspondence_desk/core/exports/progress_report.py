"""A per-report progress report PDF: every recommendation with its position, its latest progress
update, its target date (with "revised from … because …" for each time it moved) and its latest
response, in the printing module's house style (fonts, margins, 'Page X of Y'), tagged as the
letters are (PDF/UA-1 and PDF/A-2b): H1 for the report, a Table for the summary, a Sect per
recommendation with its label as H2."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.printing.house_style import (
    TEXT_WIDTH,
    build_pdf,
    markup,
    register_italics,
    styles,
    table_style,
)
from correspondence_desk.core.printing.progress import target_text
from correspondence_desk.core.printing.tagging import StructTree, decoration, table
from correspondence_desk.core.records import (
    LetterStatus,
    Position,
    Progress,
    ProgressUpdateRecord,
    RecommendationRecord,
    ReportDetail,
    ResponseRecord,
    paragraphs,
)
from correspondence_desk.core.vocabulary import NOT_OURS

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


def _summary_table(report: ReportDetail, tree: StructTree) -> Table:
    """How many recommendations have each position and each progress, side by side: a data table
    whose header cells name the columns (the count columns' headers are blank on paper)."""
    st = styles()
    positions = Counter(r.position for r in report.recommendations)
    progress = Counter(r.progress for r in report.recommendations)
    left = [(markup(p.label), positions[p]) for p in Position if positions[p]]
    left += [("No position yet", positions[None])] if positions[None] else []
    right = [(_progress_markup(p), progress[p]) for p in Progress if progress[p]]
    right += [("Not recorded", progress[None])] if progress[None] else []
    with tree.group("Table"):
        with tree.group("TR"):
            header = []
            for title in ("Position", "", "Progress", ""):
                alt = "" if title else "Recommendations"
                attributes = {"Scope": "Column"}
                header.append(tree.markup_para(title, st.cell_bold, "TH", alt=alt, attributes=attributes))
        rows = [header]
        for i in range(max(len(left), len(right))):
            row: list[Any] = []
            with tree.group("TR"):
                for side in (left, right):
                    if i < len(side):
                        label, count = side[i]
                        row += [tree.markup_para(label, st.cell, "TD"), tree.para(str(count), st.cell, "TD")]
                    else:  # the shorter side: empty cells
                        tree.add("TD")
                        tree.add("TD")
                        row += [decoration("", st.cell), decoration("", st.cell)]
            rows.append(row)
    widths = [TEXT_WIDTH * 0.36, TEXT_WIDTH * 0.1, TEXT_WIDTH * 0.36, TEXT_WIDTH * 0.1]
    summary = table(rows, colWidths=widths, hAlign="LEFT")
    summary.setStyle(table_style(("LINEBELOW", (0, 0), (-1, 0), 0.5, "#808080")))
    return summary


def _target_markup(rec: RecommendationRecord, history: Sequence[ProgressUpdateRecord]) -> str:
    """ "30 June 2027 (revised from 31 March 2027 because …; earlier from … because …)"."""
    return markup(target_text(rec.target_date, [u for u in reversed(history) if u.target_moved]))


def _latest_update_lines(history: Sequence[ProgressUpdateRecord], tree: StructTree) -> list[Flowable]:
    st = styles()
    given = [u for u in history if u.text or u.progress]
    if not given:
        return [tree.para("No progress update yet.", st.body)]
    latest = given[-1]
    who = f" ({markup(latest.owner)})" if latest.owner else ""
    head = f"<i>Latest update, {markup(long_date(latest.update_date))}{who}</i>"
    if latest.completed_on:
        head += f" <i>· completed on {markup(long_date(latest.completed_on))}</i>"
    lines = [tree.markup_para(head, st.body)]
    lines += [tree.para(p, st.body) for p in paragraphs(latest.text)] or [
        tree.markup_para(f"Progress recorded as {_progress_markup(latest.progress)}, no text given.", st.body)
    ]
    return lines


def _recommendation(
    rec: RecommendationRecord,
    response: ResponseRecord | None,
    history: Sequence[ProgressUpdateRecord],
    tree: StructTree,
) -> list[Flowable]:
    st = styles()
    with tree.group("Sect"):
        head = [tree.para(f"Recommendation {rec.label}", st.subheading, "H2")]
        text = [tree.para(p, st.keep_bold) for p in paragraphs(rec.text)]
        facts = [
            f"<b>Position:</b> {markup(rec.position.label) if rec.position else 'No position yet'}",
            f"<b>Progress:</b> {_progress_markup(rec.progress)}",
        ]
        if rec.deadline:
            facts.append(f"<b>Deadline:</b> {markup(long_date(rec.deadline))}")
        if rec.owner:
            facts.append(f"<b>Owner:</b> {markup(rec.owner)}")
        lines = [tree.markup_para(" &nbsp;·&nbsp; ".join(facts), st.body)]
        target = _target_markup(rec, history)
        if target:
            lines.append(tree.markup_para(f"<b>Target date:</b> {target}", st.body))
        if history or rec.position not in NOT_OURS:  # another body's work has no updates of ours
            lines += _latest_update_lines(history, tree)
        if response is None:
            lines.append(tree.para("No response yet.", st.body))
        else:
            when = f", {long_date(response.letter_date)}" if response.letter_date else ""
            status = (
                "" if response.letter_status is LetterStatus.ISSUED else f" ({response.letter_status.value})"
            )
            latest = f"<i>Latest response: {markup(response.letter_reference)}{status}{markup(when)}</i>"
            lines.append(tree.markup_para(latest, st.body))
            answer = [tree.para(p, st.body) for p in paragraphs(response.text)]
            lines += answer or [tree.para("(no text)", st.body)]
    # the heading and the recommendation stay with the first lines of what follows
    return [KeepTogether([*head, *text, lines[0]]), *lines[1:], Spacer(1, 3 * mm)]


def progress_report_pdf(
    report: ReportDetail,
    today: dt.date | None = None,
    author: str = "",
    updates: Mapping[int, Sequence[ProgressUpdateRecord]] | None = None,
) -> bytes:
    """The whole progress report as PDF bytes; `updates` is each recommendation's history (by id,
    oldest first), as services.updates.for_report gives it."""
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
    tree = StructTree()
    story: list[Flowable] = [
        tree.para(f"Progress report: {report.reference}", st.heading, "H1"),
        tree.para(report.title, st.subheading),
        tree.para(" · ".join(facts), st.small),
        Spacer(1, 4 * mm),
        _summary_table(report, tree),
        Spacer(1, 6 * mm),
    ]
    if not report.recommendations:
        story.append(tree.para("This report has no recommendations.", st.body))
    for rec in report.recommendations:
        story += _recommendation(rec, latest.get(rec.id), (updates or {}).get(rec.id, ()), tree)
    return build_pdf(
        story,
        title=f"Progress report: {report.reference} {report.title}",
        author=author,
        subject=f"Progress on the recommendations of {report.reference}",
        keywords=[report.reference, "progress report"],
        footer_left=f"{report.reference} progress report, {today:%d/%m/%Y}",
        tree=tree,
    )
