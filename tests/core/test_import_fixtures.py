"""Every fixture report (one per house style) parses to exactly the expected recommendations, read
as text, as a Word document and as a PDF generated from it (with running headers and page numbers).

The fixtures (tests/core/import_fixtures/*.txt|md with a .json of what must come out) are fictional.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from correspondence_desk.core.dates import parse_date
from correspondence_desk.core.importing import extract, propose
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.core.services.demo import BODIES

FIXTURES = Path(__file__).parent / "import_fixtures"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))
REGISTER = [
    BodyRecord(i, name, short, tuple(aliases), own) for i, (name, short, aliases, own) in enumerate(BODIES, 1)
]


def _source(case: str) -> Path:
    return next(p for p in FIXTURES.glob(f"{case}.*") if p.suffix != ".json")


def _paragraphs(text: str):
    """(kind, text, bold, heading level) from the fixture's light Markdown; a form feed is a page break."""
    for n, page in enumerate(text.split("\f")):
        if n:
            yield "page", "", False, 0
        for para in re.split(r"\n\s*\n", page):
            para = para.strip()
            if not para:
                continue
            level = 0
            if m := re.match(r"^(#+)\s+", para):
                level, para = len(m[1]), para[m.end() :]
            bold = para.startswith("**") and para.endswith("**")
            yield "para", para.replace("**", ""), bold, level


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for kind, para, bold, level in _paragraphs(text):
        if kind == "page":
            document.add_page_break()
            continue
        p = document.add_heading(level=level) if level else document.add_paragraph()
        lines = para.split("\n")
        for i, line in enumerate(lines):
            run = p.add_run(line)
            run.bold = bold or None
            if i < len(lines) - 1:
                run.add_break()  # a hard line break inside the paragraph, as pasted text often has
    document.save(str(path))


def write_pdf(text: str, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    bold = body.clone("Bold", fontName="Helvetica-Bold")
    story = []
    for kind, para, is_bold, level in _paragraphs(text):
        if kind == "page":
            story.append(PageBreak())
            continue
        style = styles[f"Heading{min(level, 3)}"] if level else (bold if is_bold else body)
        story.append(Paragraph("<br/>".join(escape(x) for x in para.split("\n")), style))

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Example Assembly | Transport and Environment Committee")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )


def _document(case: str, fmt: str, tmp_path: Path) -> Path:
    source = _source(case)
    if fmt == "txt":
        return source
    out = tmp_path / f"{case}.{fmt}"
    (write_docx if fmt == "docx" else write_pdf)(source.read_text(encoding="utf-8"), out)
    return out


def _check(case: str, path: Path) -> tuple[int, int, list[str]]:
    expected = json.loads((FIXTURES / f"{case}.json").read_text(encoding="utf-8"))
    proposal = propose(
        extract(path),
        bodies=REGISTER,
        published=parse_date(expected.get("published")),
        with_responses=expected.get("with_responses", False),
    )
    got = {rec.number: rec for rec in proposal.recommendations}
    problems = [
        f"unexpected item {n}" for n in got if n not in {e["number"] for e in expected["recommendations"]}
    ]
    exact = 0
    for want in expected["recommendations"]:
        rec = got.get(want["number"])
        if rec is None:
            problems.append(f"{want['number']}: not found")
            continue
        exact += rec.text == want["text"]
        actual = {
            "text": rec.text,
            "paragraph_ref": rec.paragraph_ref,
            "addressees": [a.name for a in rec.addressees],
            "deadline": rec.deadline.isoformat() if rec.deadline else None,
            "deadline_phrase": rec.deadline_phrase,
            "response": rec.response,
            "position": rec.position.value if rec.position else None,
        }
        problems += [
            f"{want['number']} {key}: {actual[key]!r} != {value!r}"
            for key, value in want.items()
            if key != "number" and actual[key] != value
        ]
    return exact, len(expected["recommendations"]), problems


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("case", CASES)
def test_fixture_parses_exactly(case: str, fmt: str, tmp_path: Path) -> None:
    exact, total, problems = _check(case, _document(case, fmt, tmp_path))
    assert problems == []
    assert exact == total


def test_accuracy_over_all_fixtures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Items found exactly / expected, over every style and format (reported in the README)."""
    found = expected = 0
    for fmt in ("txt", "docx", "pdf"):
        for case in CASES:
            exact, total, _ = _check(case, _document(case, fmt, tmp_path))
            found, expected = found + exact, expected + total
    with capsys.disabled():
        print(f"\nimport accuracy: {found}/{expected} recommendations found exactly")
    assert expected >= 80
    assert found == expected
