"""Pick the reader for a file from its first bytes (and its name), and turn failures into one
plain sentence for the person importing it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.extract_docx import extract_docx
from correspondence_desk.core.importing.extract_pdf import extract_pdf
from correspondence_desk.core.importing.extract_txt import extract_txt

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
MAX_BYTES = 200 * 1024 * 1024


def extract(
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractedDocument:
    """A file's text with its structure. Raises ImportFailedError (or ImportCancelled)."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise ImportFailedError(f"{name} is a folder, not a file.") from None
    except FileNotFoundError:
        raise ImportFailedError(f"{path} does not exist.") from None
    except OSError as exc:
        raise ImportFailedError(f"{name} cannot be opened: {exc.strerror or exc}.") from None
    if size == 0:
        raise ImportFailedError(f"{name} is empty: there is no text in it to read.")
    if size > MAX_BYTES:
        raise ImportFailedError(f"{name} is too large to import ({size // (1024 * 1024)} MB).")
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return extract_pdf(path, name, progress, cancelled)
    if suffix == ".pdf":
        raise ImportFailedError(f"{name} is not a PDF file, although its name ends in .pdf.")
    if head.startswith(b"PK\x03\x04"):
        if suffix in {".docx", ".docm", ".dotx", ""}:
            return extract_docx(path, name)
        raise ImportFailedError(f"{name} is a compressed file, not a report; open a PDF, .docx or text file.")
    if suffix == ".docx":
        raise ImportFailedError(f"{name} is not a Word (.docx) document, although its name ends in .docx.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailedError(f"{name} is an old Word (.doc) file; save it as .docx in Word and open that.")
    if head.startswith(b"{\\rtf"):
        raise ImportFailedError(f"{name} is an RTF file; save it as .docx or text and open that.")
    if suffix not in TEXT_SUFFIXES:
        raise ImportFailedError(
            f"{name} is not a file type that can be imported; open a PDF, .docx or text file."
        )
    doc = extract_txt(path.read_bytes(), name)
    if progress is not None:
        progress(1, 1)
    return doc
