"""PDF pages set in two columns of running text are read down the first column, then the second, and
not as a borderless table; a layout table without rules (rows that start together) still is one."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from correspondence_desk.core.importing import extract, propose

_FILLER = (
    "The committee took evidence from councils, operators and passengers over six months and visited "
    "three depots, where staff described the pressures on the service in some detail."
)


def _two_columns(path: Path, paragraphs: list[str]) -> Path:
    width, height = A4
    frames = [
        Frame(50, 50, (width - 120) / 2, height - 100),
        Frame(width / 2 + 10, 50, (width - 120) / 2, height - 100),
    ]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate("two", frames=frames)])
    style = getSampleStyleSheet()["BodyText"]
    story = []
    for text in paragraphs:
        story += [Paragraph(text, style), Spacer(1, 4)]
    doc.build(story)
    return path


@pytest.mark.parametrize("before", [10, 11, 12])  # with 11, recommendation 2 runs over the column break
def test_a_recommendation_running_from_one_column_to_the_next_is_read_whole(
    tmp_path: Path, before: int
) -> None:
    paragraphs = (
        [_FILLER] * before
        + [
            "Recommendation 1. The operator should publish the punctuality of every route each month.",
            "Recommendation 2. The council should review the bus lanes on the ring road and report on "
            + "the changes it makes, " * 10
            + "by the end of 2027.",
            "Recommendation 3. The operator should train every driver in helping disabled passengers.",
        ]
        + [_FILLER] * 8
    )
    pdf = _two_columns(tmp_path / "columns.pdf", paragraphs)
    recs = propose(extract(pdf)).recommendations
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[1].text.startswith("The council should review the bus lanes")
    assert recs[1].text.endswith("by the end of 2027.")
    assert "disabled" in recs[2].text and "ring road" not in recs[2].text


def test_a_borderless_table_beside_running_text_is_still_read_row_by_row(tmp_path: Path) -> None:
    from reportlab.platypus import SimpleDocTemplate, Table

    style = getSampleStyleSheet()["BodyText"]
    rows = [
        [
            Paragraph(
                f"Recommendation {n}. The operator should publish the figures for route {n} "
                "every month on its website.",
                style,
            ),
            Paragraph(
                f"Accepted. The figures for route {n} will be published from May, and the "
                "first report will cover the winter timetable as well.",
                style,
            ),
        ]
        for n in range(1, 6)
    ]
    pdf = tmp_path / "table.pdf"
    SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1).build([Table(rows, colWidths=[240, 240])])
    recs = propose(extract(pdf)).recommendations
    assert [r.number for r in recs] == ["1", "2", "3", "4", "5"]
    assert recs[3].text == "The operator should publish the figures for route 4 every month on its website."
