"""`check`: is this database whole, ours, and untampered? Read-only, on both engines.

It runs SQLite's integrity and foreign-key checks (on a file), compares the schema with the model,
looks for the triggers that keep the audit log append-only, counts the rows of every table, walks
the audit log's hash chain (audit_chain.py) and checks every issued letter's PDF against its SHA-256
and against the issue event in the chain. It never creates, upgrades or writes anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from correspondence_desk.core import sqlite_file
from correspondence_desk.core.audit_chain import verify_chain
from correspondence_desk.core.db import HEAD_REVISION, KNOWN_REVISIONS, make_engine, storage_errors
from correspondence_desk.core.errors import DatabaseMissingError
from correspondence_desk.paths import DatabaseLocation

SQLITE_TRIGGERS = ("audit_events_no_update", "audit_events_no_delete", "audit_events_no_replace")
POSTGRESQL_TRIGGERS = ("audit_events_no_change", "audit_events_no_truncate", "audit_events_stamp")
SEARCHED_TABLES = ("reports", "recommendations", "responses", "letters")
SHOWN = 5  # problems of one kind listed before "and N more"


@dataclass
class CheckResult:
    location: str
    revision: str | None
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    audit_events: int = 0
    audit_head: str = ""  # the newest event's hash: note it to pin the history up to now
    issued_pdfs: int = 0  # issued PDFs checked against their SHA-256
    notes: list[str] = field(default_factory=list)  # worth saying, not a fault (an older schema)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """A summary for people (the CLI prints it under its OK line)."""
        out = [f"Schema {self.revision or 'none'}.", *self.notes]
        if self.counts:
            out.append("Rows: " + ", ".join(f"{name} {n:,}" for name, n in self.counts.items()) + ".")
        if self.audit_events:
            out.append(f"Audit log: {self.audit_events:,} events, chain head {self.audit_head[:16]}….")
        out.append(f"Issued PDFs checked against their SHA-256: {self.issued_pdfs:,}.")
        return out


def check_database(location: DatabaseLocation) -> CheckResult:
    result = CheckResult(str(location), None)
    if location.path is not None:
        path = location.path
        if not path.exists():
            raise DatabaseMissingError(f"There is no database at {path}.")
        if path.is_file() and path.stat().st_size == 0:
            result.problems.append("an empty file, not a database (nothing was written to it)")
            return result
        result.problems += sqlite_file.integrity_problems(path)
        if result.problems:
            return result
        state = sqlite_file.look_at(path)
        result.revision = state.revision
        if state.empty:
            result.problems.append("an empty database file: no Correspondence Desk tables in it yet")
            return result
        if not state.ours:
            result.problems.append("not a Correspondence Desk database (another application's)")
            return result
    engine = make_engine(location, read_only=True)
    try:
        with storage_errors(location), engine.connect() as conn:
            _check_contents(conn, result, location.is_sqlite)
    finally:
        engine.dispose()
    return result


def _check_contents(conn: Connection, result: CheckResult, sqlite: bool) -> None:
    if not sqlite:
        from correspondence_desk.core.postgres import server_state

        state = server_state(conn)
        result.revision = state.revision
        if state.empty:
            result.problems.append("an empty database: no Correspondence Desk tables (nothing was created)")
            return
        if not state.ours:
            result.problems.append("not a Correspondence Desk database (another application's tables)")
            return
    revision = result.revision
    if revision is not None and revision not in KNOWN_REVISIONS:
        result.problems.append(f"written by a newer version of the app (schema {revision})")
        return
    result.counts = _counts(conn)
    if revision != HEAD_REVISION:
        result.notes.append(
            f"Schema {revision} is older than this version's {HEAD_REVISION}: the first command that "
            "changes it (or the app) upgrades it, after a backup. Only its integrity was checked."
        )
        return
    result.problems += _schema_problems(conn)
    result.problems += _trigger_problems(conn, sqlite)
    if "audit_events" not in result.counts:
        return
    from correspondence_desk.core.audit_log import CHAIN_COLUMNS, EVENTS

    chain = verify_chain(tuple(row) for row in conn.execute(select(*CHAIN_COLUMNS).order_by(EVENTS.c.id)))
    result.audit_events, result.audit_head = chain.events, chain.head
    if not chain.ok:
        result.problems.append(chain.problem)
    result.problems += _issued_problems(conn, result, sqlite)


def _counts(conn: Connection) -> dict[str, int]:
    from correspondence_desk.core.model import Base

    present = set(_table_names(conn))
    names = [t.name for t in Base.metadata.sorted_tables if t.name in present]
    if not names:
        return {}
    row = conn.execute(text("SELECT " + ", ".join(f"(SELECT count(*) FROM {n})" for n in names))).one()
    return dict(zip(names, (int(x) for x in row), strict=True))


def _table_names(conn: Connection) -> list[str]:
    if conn.dialect.name == "sqlite":
        return [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
    return [
        r[0]
        for r in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
    ]


def _schema_problems(conn: Connection) -> list[str]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from correspondence_desk.core.migrate import include_name
    from correspondence_desk.core.model import Base

    ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
    return _limited(
        "schema differs from this version's model",
        [_describe(d) for d in compare_metadata(ctx, Base.metadata)],
    )


def _describe(diff: Any) -> str:
    if isinstance(diff, list):  # column modifications come as a list of tuples
        return "; ".join(_describe(d) for d in diff)
    kind = diff[0]
    words = {
        "add_table": "table {} is missing",
        "remove_table": "unexpected table {}",
        "add_index": "index {} is missing",
        "remove_index": "unexpected index {}",
        "add_constraint": "constraint {} is missing",
        "remove_constraint": "unexpected constraint {}",
    }
    if kind in words:
        return words[kind].format(getattr(diff[1], "name", diff[1]))
    if kind in ("add_column", "remove_column"):
        what = "is missing" if kind == "add_column" else "is unexpected"
        return f"column {diff[2]}.{diff[3].name} {what}"
    if kind.startswith("modify_"):
        return f"column {diff[2]}.{diff[3]} differs ({kind[7:]}: {diff[-2]} → {diff[-1]})"
    return " ".join(str(x) for x in diff)


def _trigger_problems(conn: Connection, sqlite: bool) -> list[str]:
    problems = []
    if sqlite:
        present = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
        virtual = (
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        )
        fts = [r[0] for r in conn.execute(text(virtual))]
        wanted = list(SQLITE_TRIGGERS) + [f"{t}_{s}" for t in fts for s in ("ai", "ad", "au")]
        problems += [f"the trigger {name} is missing" for name in wanted if name not in present]
    else:
        rows = conn.execute(
            text(
                "SELECT tgname, tgenabled FROM pg_trigger "
                "WHERE tgrelid = to_regclass('audit_events') AND NOT tgisinternal"
            )
        ).all()
        state: dict[str, str] = {str(name): str(enabled) for name, enabled in rows}
        for name in POSTGRESQL_TRIGGERS:
            if name not in state:
                problems.append(f"the trigger {name} is missing")
            elif state[name] == "D":
                problems.append(f"the trigger {name} is disabled")
        columns = set(
            conn.execute(
                text(
                    "SELECT table_name FROM information_schema.columns "
                    "WHERE column_name = 'search_vector' AND table_schema = current_schema()"
                )
            ).scalars()
        )
        problems += [f"the search column of {t} is missing" for t in SEARCHED_TABLES if t not in columns]
    if problems:
        problems = [p + " (the audit log or search is no longer protected as it should be)" for p in problems]
    return problems


def _issued_problems(conn: Connection, result: CheckResult, sqlite: bool) -> list[str]:
    from correspondence_desk.core.audit_log import EVENTS

    events: dict[int, str] = {}
    issues = (
        select(EVENTS.c.entity_id, EVENTS.c.changes)
        .where(EVENTS.c.entity == "letter", EVENTS.c.action == "issue")
        .order_by(EVENTS.c.id)
    )
    for entity_id, changes in conn.execute(issues):
        if entity_id is not None and isinstance(changes, dict):
            events[entity_id] = str(changes.get("sha256", ""))
    digest = "NULL" if sqlite else "encode(sha256(issued_pdf), 'hex')"
    pdf = "issued_pdf" if sqlite else "NULL"
    rows = conn.execute(
        text(
            f"SELECT id, reference, issued_sha256, imported, {pdf}, {digest}, "
            "issued_pdf IS NULL, coalesce(length(issued_pdf), 0) "
            "FROM letters WHERE status = 'issued' ORDER BY id"
        )
    )
    broken, unrecorded = [], []
    for letter_id, reference, stored, imported, data, server_digest, no_pdf, size in rows:
        if imported and no_pdf:
            continue  # past correspondence: on record, with no PDF of ours
        result.issued_pdfs += 1
        actual = server_digest
        if actual is None:
            actual = hashlib.sha256(data).hexdigest() if data is not None else ""
        if no_pdf or not size:
            broken.append(f"letter {reference} is issued but its PDF is missing")
        elif actual != stored:
            broken.append(f"letter {reference}: the stored PDF does not match its SHA-256 (it was changed)")
        elif not imported and events.get(letter_id) != stored:
            unrecorded.append(
                f"letter {reference}: its issue (SHA-256 {stored[:12]}…) is not in the audit log"
            )
    return _limited("issued letters", broken) + _limited("issued letters", unrecorded)


def _limited(kind: str, problems: Iterable[str]) -> list[str]:
    items = list(problems)
    if len(items) <= SHOWN:
        return items
    return [*items[:SHOWN], f"… and {len(items) - SHOWN:,} more problems of the same kind ({kind})"]
