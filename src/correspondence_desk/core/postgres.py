"""The shared office database on PostgreSQL: what is there, who may write, and the roles.

`setup_server(URL)` is the administrator's one step (the CLI's `setup-server URL`): it makes three
group roles named after the database (NOLOGIN; people log in as their own roles, made members):

    <db>_owner   owns the schema and runs upgrades       GRANT <db>_owner TO alice;
    <db>_editor  reads and writes records                 GRANT <db>_editor TO bob;
    <db>_reader  reads only (the app opens read-only)     GRANT <db>_reader TO carol;

creates the database if it is missing (owned by <db>_owner), migrates it as the owner and grants
each role its rights. Nobody but the owner may change the audit log's table, and even the owner's
UPDATE or DELETE on it is refused by its triggers. Running it again is harmless.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from correspondence_desk.core.errors import DeskError, NotADatabaseError, StorageError

OUR_TABLES = frozenset({"alembic_version", "reports"})  # more missing: damage, which check reports


@dataclass(frozen=True)
class Roles:
    owner: str
    editor: str
    reader: str

    @classmethod
    def for_database(cls, database: str) -> Roles:
        return cls(f"{database}_owner", f"{database}_editor", f"{database}_reader")


@dataclass(frozen=True)
class ServerState:
    user: str  # current_user: the role the app acts as
    database: str
    tables: frozenset[str]
    read_only_server: bool  # a standby, or transactions read-only by default
    may_write: bool | None  # INSERT on reports (None: no reports table)
    revision: str | None = None

    @property
    def empty(self) -> bool:
        return not self.tables

    @property
    def ours(self) -> bool:
        return self.tables >= OUR_TABLES or (self.tables == {"alembic_version"} and self.revision is None)


def server_state(conn: Connection) -> ServerState:
    """What the database holds and what this role may do, in two statements."""
    row = conn.execute(
        text(
            "SELECT current_user, current_database(), "
            "ARRAY(SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()), "
            "pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on', "
            "CASE WHEN to_regclass('reports') IS NULL THEN NULL "
            "ELSE has_table_privilege(to_regclass('reports'), 'INSERT') END"
        )
    ).one()
    tables = frozenset(row[2] or ())
    revision = None
    if "alembic_version" in tables:
        try:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # no SELECT on it: not a role of this desk
            conn.rollback()
            raise
        revision = str(found) if found is not None else None
    return ServerState(row[0], row[1], tables, bool(row[3]), row[4], revision)


def act_as_owner(conn: Connection) -> None:
    """Inside a migration's transaction: create objects as the database's owner, when this role
    may act as it, so every table belongs to <db>_owner whoever runs the upgrade."""
    owner, member = conn.execute(
        text(
            "SELECT pg_get_userbyid(d.datdba), pg_has_role(current_user, d.datdba, 'MEMBER') "
            "FROM pg_database d WHERE d.datname = current_database()"
        )
    ).one()
    current = conn.execute(text("SELECT current_user")).scalar()
    if owner != current and member:
        conn.exec_driver_sql(f"SET LOCAL ROLE {_ident(conn, owner)}")


def apply_grants(conn: Connection) -> None:
    """Give the desk's editor and reader roles their rights on every table (after each migration)."""
    database = conn.execute(text("SELECT current_database()")).scalar()
    roles = Roles.for_database(str(database))
    existing = set(
        conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname IN (:e, :r)"),
            {"e": roles.editor, "r": roles.reader},
        ).scalars()
    )
    if not existing:
        return
    schema = _ident(conn, str(conn.execute(text("SELECT current_schema()")).scalar()))
    editor, reader = _ident(conn, roles.editor), _ident(conn, roles.reader)
    statements = []
    if roles.reader in existing:
        statements += [
            f"GRANT USAGE ON SCHEMA {schema} TO {reader}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {reader}",
        ]
    if roles.editor in existing:
        statements += [
            f"GRANT USAGE ON SCHEMA {schema} TO {editor}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {editor}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {editor}",
            # history is append-only, the schema version is the owner's
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM {editor}",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {editor}",
        ]
    for statement in statements:
        conn.exec_driver_sql(statement)


def _ident(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


# --- setting up a server -------------------------------------------------------------------------


@dataclass
class SetupReport:
    database: str
    roles: Roles
    created_roles: list[str] = field(default_factory=list)
    created_database: bool = False
    schema_before: str | None = None
    schema_after: str = ""

    def lines(self) -> list[str]:
        """What was done, and what the administrator does next, for the CLI to print."""
        out = []
        if self.created_roles:
            out.append(f"Created the roles {', '.join(self.created_roles)}.")
        if self.created_database:
            out.append(f"Created the database {self.database}, owned by {self.roles.owner}.")
        if self.schema_before is None:
            out.append(f"Created the schema (version {self.schema_after}).")
        elif self.schema_before != self.schema_after:
            out.append(f"Upgraded the schema from {self.schema_before} to {self.schema_after}.")
        else:
            out.append(f"The schema is up to date (version {self.schema_after}).")
        out.append(f"Granted {self.roles.editor} read and write, {self.roles.reader} read only.")
        out.append(
            "Add people as login roles in one of the groups, for example: "
            f"CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE {self.roles.editor};"
        )
        return out


def setup_server(url: str, *, actor: str = "") -> SetupReport:
    """Make the desk's roles and database at `url` (its admin's URL), migrate and grant. Idempotent."""
    from correspondence_desk.core.db import open_database
    from correspondence_desk.paths import location_for

    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql") or not parsed.database:
        raise DeskError("setup-server needs a PostgreSQL URL naming the desk's database.")
    database = parsed.database
    roles = Roles.for_database(database)
    report = SetupReport(database, roles)
    maintenance = parsed.set(database="postgres")
    admin = create_engine(maintenance, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with _server_errors(), admin.connect() as conn:
            superuser, createrole, createdb = conn.execute(
                text("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")
            ).one()
            if not (superuser or createrole):
                raise StorageError(
                    "setup-server must run as the server's administrator (a superuser, or a role with "
                    "CREATEROLE and CREATEDB); this role cannot create roles."
                )
            for role in (roles.owner, roles.editor, roles.reader):
                if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar():
                    conn.exec_driver_sql(f"CREATE ROLE {_ident(conn, role)} NOLOGIN")
                    report.created_roles.append(role)
            if not superuser:  # to act as the owner during the upgrade below
                conn.exec_driver_sql(f"GRANT {_ident(conn, roles.owner)} TO CURRENT_USER")
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}
            ).scalar()
            if not exists:
                if not (superuser or createdb):
                    raise StorageError(f"There is no database {database}, and this role cannot create one.")
                conn.exec_driver_sql(
                    f"CREATE DATABASE {_ident(conn, database)} OWNER {_ident(conn, roles.owner)} "
                    "ENCODING 'UTF8' TEMPLATE template0"
                )
                report.created_database = True
        desk = create_engine(parsed, poolclass=NullPool)
        try:
            with _server_errors(), desk.connect() as conn:
                state = server_state(conn)
                conn.rollback()
                if not state.empty and not state.ours:
                    raise NotADatabaseError(
                        f"The database {database} holds another application's tables; nothing was changed."
                    )
                report.schema_before = state.revision
                if state.empty and not report.created_database:
                    conn.exec_driver_sql(
                        f"ALTER DATABASE {_ident(conn, database)} OWNER TO {_ident(conn, roles.owner)}"
                    )
                name = _ident(conn, database)
                conn.exec_driver_sql(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
                for role in (roles.owner, roles.editor, roles.reader):
                    conn.exec_driver_sql(
                        f"GRANT CONNECT, TEMPORARY ON DATABASE {name} TO {_ident(conn, role)}"
                    )
                conn.commit()
        finally:
            desk.dispose()
        db = open_database(location_for(url), create=True, migrate=True, actor=actor)
        try:
            with db.engine.begin() as conn:
                apply_grants(conn)
                report.schema_after = server_state(conn).revision or ""
        finally:
            db.close()
    finally:
        admin.dispose()
    return report


@contextlib.contextmanager
def _server_errors() -> Iterator[None]:
    """Driver errors while setting up become one clear StorageError."""
    try:
        yield
    except DBAPIError as exc:
        message = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise StorageError(f"The server refused: {message}") from exc
