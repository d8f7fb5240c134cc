"""Shared fixtures. Every test runs against temporary files, never the user's real data folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from correspondence_desk.core.db import open_database
from correspondence_desk.core.services import Services
from correspondence_desk.paths import ENV_VAR, DatabaseLocation, location_for

TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if (TESTS / "ui") in Path(item.fspath).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs and QSettings resolve under a throw-away home; no inherited database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly migrated database, copied for each test (migrating every time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(location_for(path))
    db.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, _migrated_template: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(_migrated_template, path)
    return path


@pytest.fixture
def location(db_path: Path) -> DatabaseLocation:
    return location_for(db_path)


@pytest.fixture
def services(location: DatabaseLocation) -> Iterator[Services]:
    svc = Services(open_database(location), actor="tester")
    yield svc
    svc.close()


@pytest.fixture
def demo(services: Services):
    from correspondence_desk.core.services.demo import load_demo

    return load_demo(services)
