"""Writing export files safely: beside the target, renamed into place only when complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from correspondence_desk.core.errors import DeskError


class ExportCancelled(DeskError):
    """The user stopped the export; nothing was written."""


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, moved over it only when the block finishes."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise DeskError(f"Cannot write to {path.parent}: {exc.strerror or exc}.") from exc
    os.close(fd)
    tmp = Path(tmp_name)  # mkstemp makes it owner-only (0600): an export of the desk stays private
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise DeskError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)
