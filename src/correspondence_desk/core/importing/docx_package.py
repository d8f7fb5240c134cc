"""A .docx is a zip of XML parts, and python-docx loads every part into memory and the whole text
into one tree before we see a word of it. So the package is checked first, from its zip directory
and one pass over the main part's bytes: how many parts, how large each is unpacked (the directory's
sizes bind: zipfile stops and fails its CRC check past them), and how many paragraphs the text
holds. A 505 KB file can unpack into 1.5 million empty paragraphs; it is refused in a second
instead of taking minutes and a gigabyte."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from correspondence_desk.core.errors import ImportFailedError

MAX_PARTS = 10_000
MAX_PART_BYTES = 128 * 1024 * 1024  # one part unpacked (a large photograph is a few MB)
MAX_XML_BYTES = 64 * 1024 * 1024  # the text of a report of a thousand pages is a few MB of XML
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # everything unpacked
MAX_PARAGRAPHS = 100_000  # a long report has a few thousand
MAX_CHARACTERS = 10_000_000  # of text read out (a text file is refused past 10 MB too)

_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>")
_PART_NAME = re.compile(rb'PartName\s*=\s*["\']/?([^"\']+)["\']')
_MAIN_TYPE = re.compile(rb'ContentType\s*=\s*["\'][^"\']*(?:document|template)\.main\+xml["\']', re.I)
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_package(path: Path, filename: str) -> None:
    """Raise ImportFailedError unless the file is a zip whose parts python-docx can load safely."""
    damaged = f"{filename} could not be read as a Word document: it is damaged or incomplete."
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS:
                raise ImportFailedError(
                    f"{filename} has too many parts ({len(parts):,}) to be a Word document."
                )
            total = 0
            for part in parts:
                total += part.file_size
                limit = MAX_XML_BYTES if part.filename.endswith((".xml", ".rels")) else MAX_PART_BYTES
                if part.file_size > limit:
                    raise ImportFailedError(
                        f"{filename} is too large to import: its part {part.filename} unpacks to "
                        f"{_mb(part.file_size)} (at most {_mb(limit)})."
                    )
            if total > MAX_TOTAL_BYTES:
                raise ImportFailedError(
                    f"{filename} is too large to import: it unpacks to {_mb(total)} "
                    f"(at most {_mb(MAX_TOTAL_BYTES)})."
                )
            main = _main_part(package)
            if main is None:
                raise ImportFailedError(f"{filename} is a zip file but not a Word document.")
            paragraphs = _paragraphs(package.read(main))
    except ImportFailedError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, NotImplementedError):
        raise ImportFailedError(damaged) from None
    except RuntimeError as exc:  # an encrypted zip member
        raise ImportFailedError(f"{filename} cannot be read: {exc}.") from None
    except OSError as exc:
        raise ImportFailedError(f"{filename} cannot be read: {exc.strerror or exc}.") from None
    if paragraphs > MAX_PARAGRAPHS:
        raise ImportFailedError(
            f"{filename} has {paragraphs:,} paragraphs, too many to import (at most {MAX_PARAGRAPHS:,}); "
            "open the part with the recommendations instead."
        )


def _paragraphs(xml: bytes) -> int:
    """How many paragraphs the part holds (counted in C when they are written "<w:p", as Word does)."""
    fast = xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:p/>")
    return fast or sum(1 for _ in _PARAGRAPH.finditer(xml))


def _main_part(package: zipfile.ZipFile) -> str | None:
    """The main document part named by [Content_Types].xml (word/document.xml as Word writes it)."""
    names = set(package.namelist())
    try:
        types = package.read("[Content_Types].xml")
    except KeyError:
        return None
    for override in _OVERRIDE.finditer(types):
        name = _PART_NAME.search(override[0])
        if name is not None and _MAIN_TYPE.search(override[0]):
            part = name[1].decode("utf-8", "replace")
            if part in names:
                return part
    return "word/document.xml" if "word/document.xml" in names else None
