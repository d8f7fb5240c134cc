"""Fixtures of the offline-copy tests: open a copy (or any file) as a desk of its own."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from correspondence_desk.core.db import open_database
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for


@contextmanager
def _desk(path: Path, actor: str = "laptop-user"):
    services = Services(open_database(location_for(path)), actor=actor)
    try:
        yield services
    finally:
        services.close()


@pytest.fixture
def desk():
    """`with desk(path, actor) as services:` — the SQLite desk at `path`, closed afterwards."""
    return _desk
