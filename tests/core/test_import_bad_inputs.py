"""The bad-input corpus, generated here, through the command line (`import-report … --dry-run` and a
real save) and through the services: a file that cannot be imported gets one clear line and exit 1,
never a traceback, and the database is left byte for byte as it was; a file that can be read with
damage (bad bytes, control or direction characters) is read, and the damage is named in a warning.
A FIFO or a device runs in a child process with a time limit, so a hang fails instead of blocking.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from correspondence_desk.cli import main
from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing import extract, propose

REPORT = [
    "Recommendation 1 - The Mayor should publish a plan for the river piers by 2027.",
    "Recommendation 2 - The Authority should fund the new piers and report on them every year.",
]
TABLES = ("reports", "recommendations", "letters", "responses", "bodies", "audit_events", "attachments")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path | bytes]  # a file to import, or the bytes of standard input
    refused: str = ""  # a part of the one line that refuses it ("": it is read)
    warned: str = ""  # a part of the warning a readable input gives
    child: bool = False  # run in a child process with a time limit (it could block)


def _pdf(path: Path) -> Path:
    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(t, styles["BodyText"]) for t in REPORT])
    return path


def _truncated_pdf(d: Path) -> Path:
    data = _pdf(d / "whole.pdf").read_bytes()
    (out := d / "truncated.pdf").write_bytes(data[: len(data) // 2])
    return out


def _encrypted_pdf(d: Path) -> Path:
    writer = pypdf.PdfWriter(clone_from=_pdf(d / "plain.pdf"))
    writer.encrypt("secret")
    with (out := d / "encrypted.pdf").open("wb") as fh:
        writer.write(fh)
    return out


def _image_only_pdf(d: Path) -> Path:
    from PIL import Image

    image = d / "scan.png"
    Image.new("RGB", (200, 280), (235, 235, 230)).save(image)
    page = canvas.Canvas(str(out := d / "scanned.pdf"), pagesize=A4)
    page.drawImage(str(image), 0, 0, *A4)
    page.showPage()
    page.save()
    return out


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        (out := d / name).write_bytes(data)
        return out

    return make


def _docx(d: Path, name: str = "report.docx") -> Path:
    document = docx.Document()
    for text in REPORT:
        document.add_paragraph(text)
    document.save(str(out := d / name))
    return out


def _truncated_docx(d: Path) -> Path:
    data = _docx(d, "whole.docx").read_bytes()
    (out := d / "truncated.docx").write_bytes(data[: len(data) * 2 // 3])
    return out


def _rewritten_docx(d: Path, name: str, parts: dict[str, bytes]) -> Path:
    """A real .docx with some parts replaced or added."""
    base = _docx(d, "base.docx")
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(out := d / name, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, parts.pop(item.filename, None) or source.read(item.filename))
        for filename, data in parts.items():
            target.writestr(filename, data)
    return out


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _empty_paragraphs_docx(d: Path) -> Path:
    body = b"<w:document " + _W + b"><w:body>" + b"<w:p/>" * 1_500_000 + b"</w:body></w:document>"
    return _rewritten_docx(d, "empty-paragraphs.docx", {"word/document.xml": body})


def _huge_part_docx(d: Path) -> Path:
    return _rewritten_docx(d, "huge-part.docx", {"word/media/image1.png": bytes(130 * 1024 * 1024)})


def _style_loop_docx(d: Path) -> Path:
    """A style based on itself: reading must not go round for ever."""
    path = _docx(d, "loop-source.docx")
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml")
    looped = styles.replace(b'w:styleId="Normal">', b'w:styleId="Normal"><w:basedOn w:val="Normal"/>', 1)
    assert looped != styles
    return _rewritten_docx(d, "style-loop.docx", {"word/styles.xml": looped})


def _encrypted_docx(d: Path) -> Path:
    """What Word writes for a password-protected .docx: a compound file holding "EncryptedPackage"."""
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(504)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(2000)
    )
    return _write("protected.docx", data)(d)


def _fifo(d: Path) -> Path:
    os.mkfifo(out := d / "report.txt")
    return out


def _folder(d: Path) -> Path:
    (out := d / "reports.pdf").mkdir()
    return out


def _paste_5mb(_d: Path) -> bytes:
    body = (
        "The Committee heard evidence from operators, passenger groups and boroughs about how the network "
        "has changed since the last review, and about what passengers say they need from it in future. "
    ) * 12
    parts = []
    n = 0
    while sum(map(len, parts)) < 5 * 1024 * 1024:
        n += 1
        parts += [
            body,
            f"Recommendation {n} - The Authority should publish delivery plan {n} for the network.",
        ]
    return "\n\n".join(parts).encode()


TEXT = "\n\n".join(REPORT)
NOISE = os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00"
BAD_UTF8 = TEXT.encode() + "\n\nThe café".encode() + b"\xff\xff end.\n"
CONTROLS = (TEXT + "\n\nBell\x07 and escape\x1b[2J.").encode()
BIDI = ("\u202e" + "\n\n\u2066".join(REPORT) + "\u2069").encode()

CASES = [
    Case("zero-byte PDF", _write("empty.pdf", b""), refused="is empty"),
    Case("truncated PDF", _truncated_pdf, refused="not a PDF that can be read"),
    Case("encrypted PDF", _encrypted_pdf, refused="protected by a password"),
    Case("image-only PDF", _image_only_pdf, refused="has no text layer"),
    Case("PDF header and noise", _write("noise.pdf", b"%PDF-1.7\n" + os.urandom(3000)), refused="not a PDF"),
    Case("text named .pdf", _write("fake.pdf", b"Recommendation 1 - text"), refused="is not a PDF file"),
    Case("non-zip .docx", _write("fake.docx", REPORT[0].encode()), refused="is not a Word (.docx) document"),
    Case("truncated .docx", _truncated_docx, refused="could not be read as a Word document"),
    Case("zip that is no .docx", _write("archive.docx", b"PK\x03\x04" + bytes(300)), refused="Word document"),
    Case("1.5 M empty paragraphs", _empty_paragraphs_docx, refused="1,500,000 paragraphs, too many"),
    Case("130 MB part", _huge_part_docx, refused="unpacks to 130 MB"),
    Case("encrypted .docx", _encrypted_docx, refused="protected by a password"),
    Case("style based on itself", _style_loop_docx),
    Case("binary noise .txt", _write("noise.txt", NOISE), refused="not a text file"),
    Case("11 MB text file", _write("huge.txt", b"The Mayor should act.\n" * 530_000), refused="too large"),
    Case("invalid UTF-8", _write("bad.txt", BAD_UTF8), warned="not valid UTF-8 in line 5"),
    Case("UTF-16 with BOM", _write("wide.txt", "\n\n".join(REPORT).encode("utf-16"))),
    Case("UTF-16 without BOM", _write("wide-le.txt", "\n\n".join(REPORT).encode("utf-16-le"))),
    Case("control characters", _write("ctrl.txt", CONTROLS), warned="2 control characters"),
    Case("bidi characters", _write("bidi.md", BIDI), warned="3 invisible direction-changing"),
    Case("5 MB paste", _paste_5mb),
    Case("empty standard input", lambda _d: b"", refused="is empty"),
    Case("binary standard input", lambda _d: bytes(range(256)) * 8, refused="not a text file"),
    Case("FIFO", _fifo, refused="named pipe (FIFO)", child=True),
    Case("character device", lambda _d: Path(os.devnull), refused="is a device", child=True),
    Case("directory", _folder, refused="is a folder"),
    Case("missing file", lambda d: d / "nowhere.docx", refused="does not exist"),
    Case("a newline in the name", _write("empty\nname\x1b.pdf", b""), refused="empty?name?.pdf is empty"),
]  # fmt: skip
IDS = [c.name for c in CASES]


def snapshot(db: Path) -> tuple[bytes, dict[str, int]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    conn.close()
    return db.read_bytes(), counts


def run_cli(case: Case, target: Path | bytes, argv: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `import-report`; an exception escaping main() is a traceback."""
    file = "-" if isinstance(target, bytes) else str(target)
    full = [*argv[:-1], file, *argv[-1:]] if argv[-1].startswith("--") else [*argv, file]
    if case.child:
        run = subprocess.run(
            [sys.executable, "-m", "correspondence_desk", *full], capture_output=True, text=True, timeout=60
        )
        return run.returncode, run.stdout, run.stderr
    if isinstance(target, bytes):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(target)))
    code = main(full)
    out, err = capsys.readouterr()
    return code, out, err


def _check_refused(case: Case, code: int, out: str, err: str) -> None:
    assert "Traceback" not in err
    assert code == 1, err
    assert err.count("\n") == 1 and case.refused in err, err
    assert err.startswith("correspondence-desk: error: ")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | bytes]:
    made: dict[str, Path | bytes] = {}
    for n, case in enumerate(CASES):
        folder = tmp_path_factory.mktemp(f"input{n}")
        made[case.name] = case.make(folder)
    return made


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_dry_run(case: Case, corpus, db_path: Path, monkeypatch, capsys) -> None:
    before = snapshot(db_path)
    argv = ["--db", str(db_path), "import-report", "--dry-run"]
    code, out, err = run_cli(case, corpus[case.name], argv, monkeypatch, capsys)
    if case.refused:
        _check_refused(case, code, out, err)
        assert out == ""
    else:
        assert code == 0 and "Traceback" not in err, err
        assert out.startswith("Report: ") and "\nNo. " in out  # what it read, then the proposal's table
        assert case.warned in out
    assert snapshot(db_path) == before


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_real_save(case: Case, corpus, db_path: Path, monkeypatch, capsys) -> None:
    before = snapshot(db_path)
    code, out, err = run_cli(
        case, corpus[case.name], ["--db", str(db_path), "import-report"], monkeypatch, capsys
    )
    if case.refused:
        _check_refused(case, code, out, err)
        assert snapshot(db_path) == before  # a refused file is never written
        return
    assert code == 0 and "Traceback" not in err, err
    assert out.startswith("Saved report ")
    assert case.warned in err
    _, after = snapshot(db_path)
    assert after["reports"] == before[1]["reports"] + 1
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM recommendations")]
    conn.close()
    assert texts and all(ch.isprintable() or ch == "\n" for t in texts for ch in t)


@pytest.mark.parametrize(
    "case", [c for c in CASES if not c.child], ids=[c.name for c in CASES if not c.child]
)
def test_services(case: Case, corpus, services, db_path: Path) -> None:
    target = corpus[case.name]
    if isinstance(target, bytes):
        from correspondence_desk.core.importing.extract_txt import extract_txt

        def read() -> object:
            return extract_txt(target, "standard input")
    else:

        def read() -> object:
            return extract(target)

    before = snapshot(db_path)
    if case.refused:
        with pytest.raises(ImportFailedError) as refused:
            read()
        assert case.refused in str(refused.value) and "\n" not in str(refused.value)
        assert snapshot(db_path) == before
        return
    doc = read()
    proposal = propose(doc)  # type: ignore[arg-type]
    assert proposal.recommendations
    assert not case.warned or any(case.warned in w for w in proposal.warnings)
    saved = services.importing.save(proposal, title=case.name)
    assert all(ch.isprintable() for r in saved.report.recommendations for ch in r.text.replace("\n", ""))


def test_a_dry_run_creates_no_database(corpus, tmp_path: Path, monkeypatch, capsys) -> None:
    db = tmp_path / "never.sqlite3"
    for case in CASES:
        if case.child:
            continue
        run_cli(case, corpus[case.name], ["--db", str(db), "import-report", "--dry-run"], monkeypatch, capsys)
        assert not db.exists(), case.name
