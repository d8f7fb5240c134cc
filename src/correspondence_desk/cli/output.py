"""How a command speaks: plain tables, JSON of the records, files written ('-' is standard output),
and the usage error a command can raise after parsing."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from correspondence_desk.core.errors import DeskError

STDOUT = "-"


class UsageError(Exception):
    """A command line that parses but makes no sense: the command's usage and exit 2."""


def print_json(value: Any) -> None:
    """Records (frozen dataclasses), lists and dicts of them, as indented JSON on standard output."""
    from correspondence_desk.core.records import to_jsonable

    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """Left-aligned columns under a ruled header; a cell longer than `max_width` ends in '…'."""

    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def date_text(value: Any) -> str:
    """A date as YYYY-MM-DD, or nothing."""
    return value.isoformat() if value else ""


def updates_since_line(letter: Any) -> str:
    """What a progress update letter reports, as `new-letter` and `render` say it."""
    if letter.updates_since is None:
        return "Reports each recommendation's latest progress update (no since date set)."
    return f"Reports each recommendation's latest progress update since {date_text(letter.updates_since)}."


def output_path(dest: str) -> Path:
    return Path(dest).expanduser()


def messages_stream(*dests: str | None) -> TextIO:
    """Where to say what was done: standard error when a file goes to standard output (keep it clean)."""
    return sys.stderr if STDOUT in dests else sys.stdout


def check_destination(dest: str, consequence: str) -> None:
    """Refuse, before anything is done, a file that could not be written afterwards; `consequence`
    says what was therefore not done ("the letter was not issued")."""
    if dest == STDOUT:
        return
    path = output_path(dest)
    folder = path.absolute().parent
    if path.is_dir():
        problem = "it is a folder"
    elif not folder.is_dir():
        problem = f"there is no folder {folder}"
    elif not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        problem = "permission denied"
    else:
        return
    raise DeskError(f"Cannot write {path}: {problem}; {consequence}.")


def write_output(dest: str, data: bytes) -> str:
    """Write bytes to a file ('-' is standard output); say where they went."""
    if dest == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return "standard output"
    from correspondence_desk.core.exports.files import replacing

    path = output_path(dest)
    with replacing(path) as tmp:  # owner-only, and never half a file under the name
        tmp.write_bytes(data)
    return str(path)


def default_output(reference: str, suffix: str) -> str:
    """A file name in the current folder made from a reference: 'CTA/TEC/1' → 'CTA-TEC-1.pdf'."""
    from correspondence_desk.core.text import safe_filename

    return f"{safe_filename(reference)}{suffix}"
