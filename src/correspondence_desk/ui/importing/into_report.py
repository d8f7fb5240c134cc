"""Adding recommendations to a report already logged: its numbers are taken, new ones follow them."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from correspondence_desk.core.importing.proposal import ProposedRecommendation
from correspondence_desk.core.records import ReportDetail


def next_free_number(report: ReportDetail) -> int:
    numbers = [int(r.label) for r in report.recommendations if r.label.strip().isdigit()]
    return max(numbers, default=0) + 1


def numbers_taken(report: ReportDetail) -> Callable[[Sequence[ProposedRecommendation]], list[str]]:
    """The problems check for adding to `report`: a number it already has cannot be used again."""
    taken = {r.label.strip() for r in report.recommendations}
    start = next_free_number(report)

    def check(recs: Sequence[ProposedRecommendation]) -> list[str]:
        return [
            f"{report.reference} already has a recommendation {rec.number.strip()}: Renumber (Ctrl+R) "
            f"numbers these from {start}, or edit the number."
            for rec in recs
            if rec.number.strip() in taken
        ]

    return check


def adding_to(report: ReportDetail) -> str:
    """What the review says instead of asking for the report's fields (rich text)."""
    said = f"Adding recommendations to <b>{html.escape(report.reference)}</b> — {html.escape(report.title)}."
    if report.recommendations:
        said += (
            f" Its numbers up to {next_free_number(report) - 1} are taken: Renumber (Ctrl+R) numbers "
            "these after them."
        )
    return said
