"""Text extraction: structure kept (bold, headings, list numbers, tables, pages), and every file that
cannot be read gets one plain sentence instead of a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from correspondence_desk.core.errors import DeskError, ImportFailedError
from correspondence_desk.core.importing import ImportCancelled, extract, extract_text, propose


def test_markdown_bold_headings_and_pages() -> None:
    doc = extract_text(
        "# Cleaner rivers\n\n**Recommendation 1 - The Trust should act.**\n\nWe agree.\fPage two text."
    )
    assert [(b.text, b.bold, b.style) for b in doc.blocks[:3]] == [
        ("Cleaner rivers", False, "Heading 1"),
        ("Recommendation 1 - The Trust should act.", True, ""),
        ("We agree.", False, ""),
    ]
    assert doc.blocks[-1].page == 2 and doc.page_count == 2
    assert doc.text.startswith("Cleaner rivers\n\nRecommendation 1")


def test_bold_spanning_hard_wrapped_lines_is_one_bold_block() -> None:
    doc = extract_text("**Recommendation 2 - The Mayor should\nfund the scheme.**\nWe note this.")
    assert (
        doc.blocks[0].bold and doc.blocks[0].text == "Recommendation 2 - The Mayor should\nfund the scheme."
    )
    assert not doc.blocks[1].bold


def test_text_file_in_windows_encoding_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Recommendation 1 - The Authority should publish fares in £.\r\n".encode("cp1252"))
    assert extract(path).blocks[0].text == "Recommendation 1 - The Authority should publish fares in £."


def _docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Conclusions and recommendations", 1)
    document.add_paragraph("The Authority should publish its bus priority plan.", style="List Number")
    document.add_paragraph("The Mayor should fund the plan, and:", style="List Number")
    document.add_paragraph("(a) report on it every year.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "3"
    table.cell(0, 1).text = "London Councils should agree a common approach to kerbside charging."
    p = document.add_paragraph()
    p.add_run("The Government should ").bold = True
    p.add_run("legislate.").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Partly ").bold = True
    mixed.add_run("bold.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    return path


def test_docx_numbers_lists_itself_and_reads_tables_in_order(tmp_path: Path) -> None:
    doc = extract(_docx(tmp_path))
    texts = [b.text for b in doc.blocks]
    assert texts[:5] == [
        "Conclusions and recommendations",
        "1. The Authority should publish its bus priority plan.",
        "2. The Mayor should fund the plan, and:",
        "(a) report on it every year.",
        "3 - London Councils should agree a common approach to kerbside charging.",
    ]
    assert doc.blocks[0].style == "Heading 1" and doc.blocks[1].style == "List Number"
    assert [b.bold for b in doc.blocks[-2:]] == [True, False]
    proposal = propose(doc)
    assert [r.number for r in proposal.recommendations] == ["1", "2", "3"]
    assert (
        proposal.recommendations[1].text
        == "The Mayor should fund the plan, and:\n\n(a) report on it every year."
    )


def test_docx_list_that_starts_at_five_is_numbered_from_five(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def element(tag: str, **attrs: str):
        node = OxmlElement(tag)
        for name, value in attrs.items():
            node.set(qn(f"w:{name}"), value)
        return node

    document = docx.Document()
    for text in ["The Mayor should act.", "The Authority should act."]:
        document.add_paragraph(text, style="List Number")
    # a second list over the same definition, set to "start at 5" as Word writes it
    numbering = document.part.numbering_part.element
    style_num = str(document.styles["List Number"].element.pPr.numPr.numId.val)
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == style_num)
    second = element("w:num", numId="99")
    second.append(element("w:abstractNumId", val=num.find(qn("w:abstractNumId")).get(qn("w:val"))))
    override = element("w:lvlOverride", ilvl="0")
    override.append(element("w:startOverride", val="5"))
    second.append(override)
    numbering.append(second)
    for text in ["London Councils should act.", "The Government should act."]:
        num_pr = element("w:numPr")
        num_pr.append(element("w:ilvl", val="0"))
        num_pr.append(element("w:numId", val="99"))
        document.add_paragraph(text, style="List Number")._p.get_or_add_pPr().append(num_pr)
    path = tmp_path / "lists.docx"
    document.save(str(path))
    assert [b.text[:3] for b in extract(path).blocks] == ["1. ", "2. ", "5. ", "6. "]


def test_docx_tracked_insertions_are_read_and_deletions_left_out(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def tracked(kind: str, text: str):
        change = OxmlElement(f"w:{kind}")
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "Editor")
        run, t = OxmlElement("w:r"), OxmlElement("w:delText" if kind == "del" else "w:t")
        t.text = text
        run.append(t)
        change.append(run)
        return change

    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("Recommendation 1 - The Mayor should ")
    p._p.append(tracked("ins", "quickly "))
    p._p.append(tracked("del", "never "))
    p.add_run("act.")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    assert [b.text for b in extract(path).blocks] == ["Recommendation 1 - The Mayor should quickly act."]


def _pdf(path: Path, pages: int = 3) -> Path:
    styles = getSampleStyleSheet()
    bold = styles["BodyText"].clone("B", fontName="Helvetica-Bold")
    story = []
    for n in range(1, pages + 1):
        story.append(Paragraph(f"Recommendation {n} - The Authority should do thing number {n}.", bold))
        story.append(Paragraph("Some discussion of the evidence that is not part of it.", styles["BodyText"]))
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_pdf_bold_from_font_names_pages_and_progress(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    doc = extract(_pdf(tmp_path / "r.pdf"), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert doc.page_count == 3
    first, second = doc.blocks[:2]
    assert (first.text, first.bold, first.page) == (
        "Recommendation 1 - The Authority should do thing number 1.",
        True,
        1,
    )
    assert not second.bold
    assert [r.text for r in propose(doc).recommendations] == [
        f"The Authority should do thing number {n}." for n in (1, 2, 3)
    ]


def test_pdf_extraction_can_be_cancelled_between_pages(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "r.pdf")
    seen: list[int] = []
    with pytest.raises(ImportCancelled) as err:
        extract(path, progress=lambda done, _total: seen.append(done), cancelled=lambda: len(seen) >= 1)
    assert seen == [1]
    assert isinstance(err.value, DeskError)


def _blank_pdf(encrypt: bool = False) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    if encrypt:
        writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n \n", "is empty"),
        ("image.txt", bytes(range(256)) * 8, "is not a text file"),
        ("locked.pdf", _blank_pdf(encrypt=True), "protected by a password"),
        ("scan.pdf", _blank_pdf(), "no text layer"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "not a PDF that can be read"),
        ("fake.pdf", b"Recommendation 1 - text", "is not a PDF file"),
        ("fake.docx", b"Recommendation 1 - text", "is not a Word (.docx) document"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 200, "could not be read as a Word document"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word (.doc) file"),
        ("sheet.xlsx", b"PK\x03\x04" + b"\x00" * 100, "compressed file"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a file type that can be imported"),
    ],
)
def test_unreadable_files_get_one_plain_sentence(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFailedError) as err:
        extract(path)
    text = str(err.value)
    assert message in text and name in text
    assert "\n" not in text and "Traceback" not in text


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailedError, match="does not exist"):
        extract(tmp_path / "nowhere.pdf")
    with pytest.raises(ImportFailedError, match="is a folder"):
        extract(tmp_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.binary(max_size=600).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=600).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx", ""]),
)
def test_any_bytes_either_read_or_refused_plainly(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = extract(path)
    except ImportFailedError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert doc.blocks and all(b.text.strip() for b in doc.blocks)
