"""Unbounded work on import (issue 14, item 7): a Word document is checked before it is loaded and
read in one pass (its styles looked up once each), and anything that is not a regular file is
refused before it can block. The speed itself is measured in bench/bench_import_docx.py."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing import docx_package as package
from correspondence_desk.core.importing import extract


def _report(path: Path, paragraphs: int = 200) -> Path:
    document = docx.Document()
    document.add_heading("Recommendations", 1)
    for n in range(1, paragraphs + 1):
        style = "List Number" if n % 2 else None
        document.add_paragraph(f"The Authority should publish plan {n}.", style=style)
    document.save(str(path))
    return path


def test_a_paragraph_style_is_resolved_once_per_style_not_per_paragraph(tmp_path: Path, monkeypatch) -> None:
    path = _report(tmp_path / "report.docx", 400)
    calls = 0
    original = Paragraph.style

    def counted(self: Paragraph):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return original.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(Paragraph, "style", property(counted, original.fset))  # type: ignore[attr-defined]
    doc = extract(path)
    assert len(doc.blocks) == 401
    assert calls <= 3  # Heading 1, List Number and the default style: once each
    assert (
        doc.blocks[1].text == "1. The Authority should publish plan 1."
        and doc.blocks[1].style == "List Number"
    )
    assert doc.blocks[2].style == "Normal" and doc.blocks[0].style == "Heading 1"


def _with_document_xml(tmp_path: Path, name: str, body: bytes, prefix: bytes = b"w") -> Path:
    base = _report(tmp_path / "base.docx", 2)
    ns = b"xmlns:" + prefix + b'="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (
        b"<"
        + prefix
        + b":document "
        + ns
        + b"><"
        + prefix
        + b":body>"
        + body
        + b"</"
        + prefix
        + b":body></"
        + prefix
        + b":document>"
    )
    out = tmp_path / name
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(
                item.filename, xml if item.filename == "word/document.xml" else source.read(item.filename)
            )
    return out


def test_too_many_paragraphs_are_refused_before_loading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_PARAGRAPHS", 50)
    path = _with_document_xml(tmp_path, "many.docx", b"<w:p/>" * 51)
    loaded = []
    monkeypatch.setattr(docx, "Document", lambda *a: loaded.append(a))
    with pytest.raises(ImportFailedError, match="51 paragraphs, too many to import"):
        extract(path)
    assert loaded == []  # refused from the zip alone


def test_paragraphs_are_counted_whatever_the_namespace_prefix(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_PARAGRAPHS", 50)
    path = _with_document_xml(tmp_path, "prefixed.docx", b"<wp:p/>" * 60, prefix=b"wp")
    with pytest.raises(ImportFailedError, match="60 paragraphs"):
        extract(path)


def test_parts_too_large_or_too_many_are_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_XML_BYTES", 10_000)
    path = _with_document_xml(
        tmp_path, "big.docx", b"<w:p><w:r><w:t>" + b"x" * 20_000 + b"</w:t></w:r></w:p>"
    )
    with pytest.raises(ImportFailedError, match=r"word/document\.xml unpacks to"):
        extract(path)
    monkeypatch.setattr(package, "MAX_XML_BYTES", 64 * 1024 * 1024)
    monkeypatch.setattr(package, "MAX_PARTS", 5)
    with pytest.raises(ImportFailedError, match="too many parts"):
        extract(path)


def test_too_much_text_is_refused(tmp_path: Path, monkeypatch) -> None:
    from correspondence_desk.core.importing import extract_docx

    monkeypatch.setattr(extract_docx, "MAX_CHARACTERS", 1_000)
    with pytest.raises(ImportFailedError, match="more than 1,000 characters"):
        extract(_report(tmp_path / "long.docx", 100))


def _in_thread(func, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    """func() in a thread that must finish within `timeout` s (a blocked open would hang the test)."""
    result: list[BaseException | object] = []
    worker = threading.Thread(target=lambda: result.append(_call(func)), daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "extract() blocked"
    return result[0]


def _call(func):  # type: ignore[no-untyped-def]
    try:
        return func()
    except BaseException as exc:  # handed back to the test
        return exc


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_fifo_or_a_link_to_one_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    link = tmp_path / "link.pdf"
    link.symlink_to(fifo)
    for path in (fifo, link):
        outcome = _in_thread(lambda p=path: extract(p))
        assert isinstance(outcome, ImportFailedError) and "named pipe (FIFO)" in str(outcome)


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    outcome = _in_thread(lambda: extract(Path(os.devnull)))
    assert isinstance(outcome, ImportFailedError) and "is a device" in str(outcome)
    with pytest.raises(ImportFailedError, match="is a folder"):
        extract(tmp_path)
