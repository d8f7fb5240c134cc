"""How fast reports import: parsing a pasted 300-recommendation text, extracting + parsing a
100-page PDF report (generated here with ReportLab: running header, page numbers, body paragraphs,
bold recommendations, some running over a page break), and a 100-page response document full of
layout cues (each recommendation in a shaded box, the answer after it, ruled tables of positions).

    .venv/bin/python bench/bench_import.py [--runs N]

Prints the median of N runs with min/max against the targets, and how many recommendations of the
generated PDF were found exactly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from correspondence_desk.core.importing import extract, extract_text, propose
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.core.services.demo import BODIES

PUBLISHED = dt.date(2026, 9, 15)
REGISTER = [
    BodyRecord(i, name, short, tuple(aliases), own) for i, (name, short, aliases, own) in enumerate(BODIES, 1)
]
LEADS = [
    "The Capital Transport Authority",
    "The Mayor",
    "London Councils",
    "The Government",
    "The Department for Transport",
]
DEADLINES = ["by 31 December 2027", "within six months", "by the end of March 2027", "by spring 2028", ""]


def recommendation(n: int) -> list[str]:
    """One fictional recommendation, one or two paragraphs, in the house style of the annex."""
    deadline = DEADLINES[n % len(DEADLINES)]
    first = (
        f"{LEADS[n % len(LEADS)]}, in partnership with the River Thames Conservancy Trust, should publish "
        f"delivery plan number {n} for the cross-river network, setting out the costs, the risks and the "
        f"benefits for passengers on each route{' ' + deadline if deadline else ''}."
    )
    if n % 3:
        return [first]
    return [
        first,
        f"As part of this, the plan should say how progress on plan {n} will be reported to the Committee.",
    ]


def report_text(count: int) -> str:
    parts = []
    for n in range(1, count + 1):
        if n % 10 == 1:
            parts.append(f"Chapter {n // 10 + 1}: Network and services")
        paras = recommendation(n)
        parts.append(f"Recommendation {n} - {paras[0]} (Paragraph {n}.2)")
        parts.extend(paras[1:])
    return "\n\n".join(parts)


def write_pdf(path: Path, pages: int) -> list[tuple[str, str]]:
    """A report of about `pages` pages; returns the (label, text) of every recommendation in it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    bold = body.clone("Bold", fontName="Helvetica-Bold")
    filler = (
        "The Committee heard evidence from operators, passenger groups and boroughs about how the network "
        "has changed since the last review, and about what passengers say they need from it in future. "
    ) * 3
    story, expected = [], []
    for n in range(1, round(pages * 4.7) + 1):  # about 4.6 recommendations with their evidence a page
        if n % 10 == 1:
            story.append(Paragraph(f"Chapter {n // 10 + 1}: Network and services", styles["Heading2"]))
        story.append(Paragraph(f"{n}.1 {escape(filler)}", body))
        paras = recommendation(n)
        story.append(Paragraph(escape(f"Recommendation {n} - {paras[0]}"), bold))
        story.extend(Paragraph(escape(p), bold) for p in paras[1:])
        expected.append((str(n), "\n\n".join(paras)))

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Example Assembly | Cross-river transport")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return expected


def write_layout_pdf(path: Path, pages: int) -> list[tuple[str, str, str]]:
    """A response document of about `pages` pages in which layout, not labels, tells recommendation
    from answer: shaded boxes with a bold label, the answer as plain text after the box, a ruled
    summary table every few pages; returns (label, text, response) of every recommendation."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    bold = body.clone("Bold", fontName="Helvetica-Bold")
    story, expected = [], []
    answer = (
        "The Authority accepts this recommendation. The work will start in the spring and we will report "
        "progress to the Committee in our annual update, which is published every July."
    )
    for n in range(1, round(pages * 6.4) + 1):
        text = recommendation(n)[0]
        box = Table(
            [[[Paragraph(f"Recommendation {n}", bold), Paragraph(escape(text), body)]]], colWidths=[440]
        )
        box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#dfe2eb"))]))
        story += [box, Spacer(1, 6), Paragraph(escape(answer), body)]
        expected.append((str(n), text, answer))
        if n % 12 == 0:
            rows = [["Area", "Plans", "Status"]] + [
                [f"Route {k}", str(k * 3), "On track"] for k in range(1, 5)
            ]
            grid = Table(rows, colWidths=[150, 140, 150])
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [Paragraph(f"Progress table {n // 12}", styles["Heading2"]), grid, Spacer(1, 6)]

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Capital Transport Authority | Response to the Committee")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return expected


def timed(func: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (CPU time shows the cost when the machine is busy)."""
    func()  # warm up (imports, regex compilation)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def row(name: str, times: tuple[list[float], list[float]], target: str) -> str:
    wall, cpu = times
    ms = [statistics.median(wall), min(wall), max(wall), statistics.median(cpu)]
    return f"{name:<44} " + " ".join(f"{x * 1000:>9.0f}" for x in ms) + f"  {target}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    text = report_text(300)
    parsed = propose(extract_text(text), bodies=REGISTER, published=PUBLISHED)
    assert len(parsed.recommendations) == 300, len(parsed.recommendations)
    text_times = timed(lambda: propose(extract_text(text), bodies=REGISTER, published=PUBLISHED), args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        expected = write_pdf(pdf, 100)
        doc = extract(pdf)
        proposal = propose(doc, bodies=REGISTER, published=PUBLISHED)
        pdf_times = timed(
            lambda: propose(extract(pdf), bodies=REGISTER, published=PUBLISHED), max(3, args.runs // 2)
        )
        boxed = Path(tmp) / "response.pdf"
        boxed_expected = write_layout_pdf(boxed, 100)
        boxed_doc = extract(boxed)
        boxed_proposal = propose(boxed_doc, bodies=REGISTER, published=PUBLISHED)
        boxed_times = timed(
            lambda: propose(extract(boxed), bodies=REGISTER, published=PUBLISHED), max(3, args.runs // 2)
        )

    got = {r.number: r.text for r in proposal.recommendations}
    exact = sum(got.get(label) == want for label, want in expected)
    print(f"{'benchmark':<44} {'median ms':>9} {'min':>9} {'max':>9} {'CPU ms':>9}  target (wall clock)")
    print(row("parse 300-recommendation text", text_times, "≤ 200 ms"))
    print(row(f"import {doc.page_count}-page PDF (extract + parse)", pdf_times, "≤ 2000 ms"))
    print(row(f"import {boxed_doc.page_count}-page boxed response PDF", boxed_times, "≤ 2000 ms"))
    print(f"\n{doc.page_count}-page PDF: {exact}/{len(expected)} recommendations found exactly, "
          f"{len(proposal.warnings)} warnings")  # fmt: skip
    got_boxed = {r.number: (r.text, r.response) for r in boxed_proposal.recommendations}
    boxed_exact = sum(got_boxed.get(label) == (text, reply) for label, text, reply in boxed_expected)
    print(
        f"{boxed_doc.page_count}-page boxed response PDF: {boxed_exact}/{len(boxed_expected)} "
        f"recommendations and responses found exactly; read as a response: {boxed_proposal.is_response}"
    )


if __name__ == "__main__":
    main()
