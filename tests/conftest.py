"""Shared fixtures. Every test runs against temporary files, never the user's real data folder.

The database fixtures (`location`, `services`) run each test on both engines: SQLite, and the
throw-away PostgreSQL server ./run-tests starts (scripts/test-postgres), named by the environment
variable CORRESPONDENCE_DESK_TEST_PG (an admin URL). Each PostgreSQL test gets a database of its own,
copied from one migrated template per session. With no server, the run says so and uses SQLite
only; under CI (CI=1) a missing server is an error, never a skip. A test that asks for `db_path`
(the SQLite file itself), or is under tests/ui, or is marked `sqlite_only`, runs on SQLite only.
"""

from __future__ import annotations

import itertools
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
PG_ENV = "CORRESPONDENCE_DESK_TEST_PG"
PG_ADMIN_URL = os.environ.get(PG_ENV, "")
if PG_ADMIN_URL == "none":  # a developer's deliberate SQLite-only run
    PG_ADMIN_URL = ""
IN_CI = os.environ.get("CI", "") not in ("", "0", "false")
ENGINES = ("sqlite", "postgresql") if PG_ADMIN_URL else ("sqlite",)


def pytest_configure(config: pytest.Config) -> None:
    if IN_CI and not PG_ADMIN_URL:
        raise pytest.UsageError(f"CI runs every database test on PostgreSQL too: {PG_ENV} is not set.")


def pytest_report_header(config: pytest.Config) -> str:
    if PG_ADMIN_URL:
        return f"database engines: SQLite and PostgreSQL ({PG_ADMIN_URL.split('@', 1)[-1]})"
    return "database engines: SQLite only (no PostgreSQL server binaries; CI runs both)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if (TESTS / "ui") in Path(item.fspath).parents:
            item.add_marker(pytest.mark.gui)


def _sqlite_only(metafunc: pytest.Metafunc) -> bool:
    return (
        "db_path" in metafunc.fixturenames
        or metafunc.definition.get_closest_marker("sqlite_only") is not None
        or (TESTS / "ui") in Path(str(metafunc.definition.fspath)).parents
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        engines = ("sqlite",) if _sqlite_only(metafunc) else ENGINES
        metafunc.parametrize("engine", engines)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs and QSettings resolve under a throw-away home; no inherited database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    runtime = home / "run"  # sealed copies' working files: one place per test, found by the next open
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv(ENV_VAR, raising=False)


# --- SQLite ------------------------------------------------------------------------------------


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
    path.chmod(0o600)
    return path


# --- PostgreSQL --------------------------------------------------------------------------------


class PgServer:
    """The test server, reached as its admin role: makes and drops the tests' databases."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine

        self.admin_url = admin_url
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self._names = (f"cd_{os.getpid()}_{n}" for n in itertools.count())
        self.template = ""

    def url(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of `template`, else empty); returns its name."""
        name = next(self._names)
        with self.admin.connect() as conn:
            like = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            conn.exec_driver_sql(f"CREATE DATABASE {name}{like}")
        return name

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(sql)


def _null_pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if not PG_ADMIN_URL:
        pytest.skip("no PostgreSQL server for this run (./run-tests starts one when it can)")
    server = PgServer(PG_ADMIN_URL)
    template = server.create()
    db = open_database(location_for(server.url(template)))
    db.close()
    server.template = template
    yield server
    server.drop(template)
    server.admin.dispose()


@pytest.fixture
def pg_database(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new, migrated PostgreSQL database of this test's own."""
    name = pg_server.create(pg_server.template)
    yield pg_server.url(name)
    pg_server.drop(name)


@pytest.fixture
def empty_pg_database(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new PostgreSQL database with nothing in it (no schema)."""
    name = pg_server.create()
    yield pg_server.url(name)
    pg_server.drop(name)


# --- either engine -----------------------------------------------------------------------------


@pytest.fixture
def location(engine: str, request: pytest.FixtureRequest) -> DatabaseLocation:
    if engine == "postgresql":
        return location_for(request.getfixturevalue("pg_database"))
    return location_for(request.getfixturevalue("db_path"))


@pytest.fixture
def new_database(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database that does not exist yet: a file name on SQLite, an empty database on PostgreSQL."""
    if engine == "postgresql":
        return request.getfixturevalue("empty_pg_database")
    return str(tmp_path / "office.sqlite3")


@pytest.fixture
def services(location: DatabaseLocation) -> Iterator[Services]:
    svc = Services(open_database(location), actor="tester")
    yield svc
    svc.close()


@pytest.fixture
def demo(services: Services):
    from correspondence_desk.core.services.demo import load_demo

    return load_demo(services)


# --- round trips -------------------------------------------------------------------------------


class Statements:
    """Counts the SQL statements an engine sends (each is a round trip to a server)."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.sql: list[str] = []

    def _seen(self, _conn, _cursor, statement, _params, _context, executemany) -> None:
        self.sql.append(statement)

    def __enter__(self) -> Statements:
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._seen)

    @property
    def count(self) -> int:
        return len(self.sql)

    def __str__(self) -> str:
        return "\n".join(f"{i + 1:3}  {' '.join(s.split())[:160]}" for i, s in enumerate(self.sql))


@pytest.fixture
def statements():
    """`with statements(services.db.engine) as sent: ...` then `sent.count`, `str(sent)`."""
    return Statements
