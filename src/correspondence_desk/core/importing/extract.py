"""Pick the reader for a file from its first bytes (and its name), and turn failures into one
plain sentence for the person importing it.

Only a regular file is read: a FIFO, a device or a folder is refused before anything waits on it
(opening a FIFO for reading blocks until something writes to it), and the file is opened without
blocking and checked again, so a path swapped for a FIFO in between is refused too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import ExtractedDocument
from correspondence_desk.core.importing.extract_docx import extract_docx
from correspondence_desk.core.importing.extract_pdf import extract_pdf
from correspondence_desk.core.importing.extract_txt import extract_txt
from correspondence_desk.core.importing.sanitise import scrub_blocks

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
MAX_BYTES = 200 * 1024 * 1024
MAX_TEXT_BYTES = 10 * 1024 * 1024  # a text file (or a paste) larger than this is no report
_OLE = b"\xd0\xcf\x11\xe0"  # a compound file: an old .doc, or a .docx Word has encrypted
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx is kept in


def _encrypted_office(path: Path) -> bool:
    """Whether a compound file holds an encrypted Office document (its directory names the stream)."""
    try:
        with path.open("rb") as fh:
            if _ENCRYPTED in fh.read(4 * 1024 * 1024):
                return True
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 1024 * 1024))
            return _ENCRYPTED in fh.read()
    except OSError:
        return False


def _not_a_file(name: str, mode: int) -> str:
    if stat.S_ISDIR(mode):
        return f"{name} is a folder, not a file."
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else (
        "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else
        "not a regular file"
    )  # fmt: skip
    return f"{name} is {kind}, not a file that can be imported; save the report as a file and open that."


def shown_name(name: str) -> str:
    """A file name fit for a one-line message and a title: a newline, a control or a direction
    character in it (POSIX allows them) is shown as "?"."""
    return name if name.isprintable() else "".join(ch if ch.isprintable() else "?" for ch in name)


def read_head(path: Path, name: str) -> tuple[int, bytes]:
    """The size and first bytes of a regular file; anything else raises ImportFailedError."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ImportFailedError(_not_a_file(name, mode))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ImportFailedError(_not_a_file(name, info.st_mode))
            return info.st_size, fh.read(8)
    except FileNotFoundError:
        raise ImportFailedError(f"{shown_name(str(path))} does not exist.") from None
    except (IsADirectoryError, NotADirectoryError):
        raise ImportFailedError(f"{name} is a folder, not a file.") from None
    except PermissionError:
        raise ImportFailedError(f"{name} cannot be opened: permission denied.") from None
    except OSError as exc:
        raise ImportFailedError(f"{name} cannot be opened: {exc.strerror or exc}.") from None


def read_file(path: Path) -> bytes:
    """A regular file's bytes (the source kept with the report), refused as `extract` refuses."""
    name = shown_name(path.name)
    size, _head = read_head(path, name)
    if size > MAX_BYTES:
        raise ImportFailedError(f"{name} is too large to import ({size // (1024 * 1024)} MB).")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailedError(f"{name} cannot be read: {exc.strerror or exc}.") from None


def extract(
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExtractedDocument:
    """A file's text with its structure. Raises ImportFailedError (or ImportCancelled)."""
    path = Path(path)
    name = shown_name(path.name)
    size, head = read_head(path, name)
    if size == 0:
        raise ImportFailedError(f"{name} is empty: there is no text in it to read.")
    if size > MAX_BYTES:
        raise ImportFailedError(f"{name} is too large to import ({size // (1024 * 1024)} MB).")
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return _scrubbed(extract_pdf(path, name, progress, cancelled))
    if suffix == ".pdf":
        raise ImportFailedError(f"{name} is not a PDF file, although its name ends in .pdf.")
    if head.startswith(b"PK\x03\x04"):
        if suffix in {".docx", ".docm", ".dotx", ""}:
            return _scrubbed(extract_docx(path, name))
        raise ImportFailedError(f"{name} is a compressed file, not a report; open a PDF, .docx or text file.")
    if head.startswith(_OLE) and _encrypted_office(path):
        raise ImportFailedError(f"{name} is protected by a password; save an unprotected copy first.")
    if suffix == ".docx":
        raise ImportFailedError(f"{name} is not a Word (.docx) document, although its name ends in .docx.")
    if head.startswith(_OLE):
        raise ImportFailedError(f"{name} is an old Word (.doc) file; save it as .docx in Word and open that.")
    if head.startswith(b"{\\rtf"):
        raise ImportFailedError(f"{name} is an RTF file; save it as .docx or text and open that.")
    if suffix not in TEXT_SUFFIXES:
        raise ImportFailedError(
            f"{name} is not a file type that can be imported; open a PDF, .docx or text file."
        )
    if size > MAX_TEXT_BYTES:
        raise ImportFailedError(text_too_large(name))
    doc = extract_txt(read_file(path), name)
    if progress is not None:
        progress(1, 1)
    return doc


def text_too_large(name: str) -> str:
    return f"{name} is too large to be a report's text (over {MAX_TEXT_BYTES // (1024 * 1024)} MB)."


def _scrubbed(doc: ExtractedDocument) -> ExtractedDocument:
    blocks, warnings = scrub_blocks(doc.blocks, doc.filename)
    if not warnings:
        return doc
    return replace(doc, blocks=blocks, warnings=(*doc.warnings, *warnings))
