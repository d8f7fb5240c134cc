"""`render` and `issue` from the command line: files written, issued bytes kept, lean start-up."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

from docx import Document
from pypdf import PdfReader

from correspondence_desk.cli import main
from correspondence_desk.core.printing import render_letter_pdf

REF = "CTA/TEC/2026/017"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_render_pdf_and_docx_of_a_draft(capsys, services, demo, db_path, tmp_path):
    pdf, docx = tmp_path / "letter.pdf", tmp_path / "letter.docx"
    code, out, err = run(capsys, "--db", str(db_path), "render", REF, "--pdf", str(pdf), "--docx", str(docx))
    assert code == 0 and err == ""
    assert f"Wrote {pdf}" in out and f"Wrote {docx}" in out
    # printed as the office prints: with the letterhead the database holds (the demo sets one)
    assert pdf.read_bytes() == render_letter_pdf(demo.letter, letterhead=services.letterhead.printing())
    assert "Recommendation 9 - " in pdf_text(pdf.read_bytes())
    assert Document(str(docx)).paragraphs[0].text == "Dr Owain Pritchard OBE"


def test_render_annex_only_table_and_default_file_name(capsys, demo, db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--db", str(db_path), "render", str(demo.letter.id), "--annex-only", "--table")
    assert code == 0 and "CTA-TEC-2026-017-annex.pdf" in out
    text = pdf_text((tmp_path / "CTA-TEC-2026-017-annex.pdf").read_bytes())
    assert text.startswith("Annex") and "Dear Priya" not in text and "Position" in text
    code, out, _ = run(capsys, "--db", str(db_path), "render", REF.lower())
    assert code == 0 and (tmp_path / "CTA-TEC-2026-017.pdf").read_bytes().startswith(b"%PDF-")


def test_issue_stores_bytes_and_sha256_and_render_returns_the_stored_copy(
    capsys, demo, db_path, services, tmp_path, monkeypatch
):
    code, out, _ = run(capsys, "--db", str(db_path), "issue", REF)
    assert code == 0
    stored = services.letters.issued_pdf(REF)
    digest = hashlib.sha256(stored).hexdigest()
    assert f"SHA-256 {digest}" in out and "locked" in out
    letter = services.letters.get(REF)
    assert letter.is_issued and letter.issued_sha256 == digest
    # a reprint is the stored document, not a new rendering
    import correspondence_desk.core.printing as printing

    def fail(*_args, **_kwargs):
        raise AssertionError("an issued letter must not be rendered again")

    monkeypatch.setattr(printing, "render_letter_pdf", fail)
    again = tmp_path / "again.pdf"
    code, out, _ = run(capsys, "--db", str(db_path), "render", REF, "--pdf", str(again))
    assert code == 0 and "issued copy" in out
    assert again.read_bytes() == stored
    # issuing twice is a user mistake: one line, exit 1
    code, _, err = run(capsys, "--db", str(db_path), "issue", REF)
    assert code == 1 and err.count("\n") == 1 and "was issued" in err


def test_render_mistakes_get_one_line(capsys, demo, db_path, tmp_path):
    code, _, err = run(capsys, "--db", str(db_path), "render", "NO/SUCH/LETTER")
    assert code == 1 and err.count("\n") == 1 and "NO/SUCH/LETTER" in err
    code, _, err = run(capsys, "--db", str(db_path), "render", REF, "--pdf", str(tmp_path / "no" / "x.pdf"))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_render_process_imports_only_what_it_uses(demo, db_path, tmp_path):
    """A render process loads no Qt and no migration machinery; a reprint of an issued letter
    does not even load ReportLab."""
    code = (
        "import sys\n"
        "from correspondence_desk.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )

    def modules(*argv: str) -> set[str]:
        args = [sys.executable, "-c", code, "--db", str(db_path), *argv]
        done = subprocess.run(args, capture_output=True, text=True, check=True)
        return set(done.stderr.split())

    loaded = modules("render", REF, "--pdf", str(tmp_path / "a.pdf"))
    assert "reportlab" in loaded
    assert not loaded & {"PySide6", "shiboken6", "alembic", "docx", "pypdf", "pdfplumber", "openpyxl"}
    assert main(["--db", str(db_path), "issue", REF]) == 0
    loaded = modules("render", REF, "--pdf", str(tmp_path / "b.pdf"))
    assert not loaded & {"reportlab", "PySide6", "alembic"}


def test_render_process_leaves_out_urllib_and_reportlabs_costly_url_pattern(demo, db_path, tmp_path):
    """What start-up spends is measured (bench/bench_render.py): no urllib.request or http.client
    (xml.sax.saxutils would bring them for one escape function), and ReportLab's URL pattern left
    uncompiled (quick_start)."""
    code = (
        "import sys\n"
        "from correspondence_desk.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        "print(type(sys.modules['reportlab.platypus.paragraph'].uri_pat).__name__, file=sys.stderr)\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    argv = ["--db", str(db_path), "render", REF, "--pdf", str(tmp_path / "a.pdf")]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    pattern, loaded = done.stderr.splitlines()[-2:]
    assert pattern == "LazyPattern"
    assert not set(loaded.split()) & {"urllib.request", "http.client", "xml.sax.saxutils"}


def test_the_installed_command_pauses_the_garbage_collector_for_short_commands_only(demo, db_path, tmp_path):
    code = (
        "import gc, sys\n"
        "import correspondence_desk.cli.entry as entry\n"
        "leave = entry._leave_now\n"
        "def report(code):\n"
        "    print('collector', 'on' if gc.isenabled() else 'paused', file=sys.stderr)\n"
        "    leave(code)\n"
        "entry._leave_now = report\n"
        "sys.argv[0] = 'correspondence-desk'\n"
        "entry.entry_point()\n"
    )

    def collector(*argv: str) -> str:
        args = [sys.executable, "-c", code, "--db", str(db_path), *argv]
        done = subprocess.run(args, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stderr.split()[-1]

    assert collector("render", REF, "--pdf", str(tmp_path / "a.pdf")) == "paused"
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert collector("letters") == "paused"
    assert collector("check") == "on"  # reads the whole database


def test_pdf_to_standard_output_keeps_messages_on_stderr(capsysbinary, services, demo, db_path):
    assert main(["--db", str(db_path), "render", REF, "--pdf", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == render_letter_pdf(demo.letter, letterhead=services.letterhead.printing())
    assert b"Wrote standard output" in err
    assert main(["--db", str(db_path), "issue", REF, "--pdf", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.startswith(b"%PDF-") and b"SHA-256 " + hashlib.sha256(out).hexdigest().encode() in err


def test_an_imported_letter_has_no_stored_pdf_and_is_rendered(capsys, demo, services, db_path, tmp_path):
    from correspondence_desk.core.records import NewResponse

    rec = demo.report.recommendations[0]
    services.letters.create(
        reference="OLD/1", imported=True, responses=[NewResponse(rec.id, "An answer given long ago.")]
    )
    out_pdf = tmp_path / "old.pdf"
    code, out, _ = run(capsys, "--db", str(db_path), "render", "OLD/1", "--pdf", str(out_pdf))
    assert code == 0 and "issued copy" not in out
    assert "An answer given long ago." in pdf_text(out_pdf.read_bytes())
