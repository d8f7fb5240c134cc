"""Moving an office onto the shared database: copy a whole local desk into an empty one.

`copy_to(local, URL)` (the CLI's `copy-to URL`) reads the SQLite desk read-only, creates the schema
in the target if it has none, and copies every table — records, attachments, issued PDFs and the
audit log with its hash chain — in one transaction of the target. Before committing it checks the
copy: the same number of rows in every table, every issued PDF's SHA-256 equal to the one recorded
at issue (computed again from the copied bytes), and the audit chain whole. Anything wrong, and
nothing is kept. The copy itself is recorded as one more event in the chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.engine import Connection

from correspondence_desk.core.db import current_actor, open_database, storage_errors
from correspondence_desk.core.errors import DeskError, StorageError
from correspondence_desk.paths import DatabaseLocation, location_for

CHUNK = 500  # rows per INSERT batch (the tables with file bytes: fewer)
BLOB_CHUNK = 50


@dataclass
class CopyReport:
    source: str
    target: str
    counts: dict[str, int] = field(default_factory=dict)
    issued_pdfs: int = 0  # verified by SHA-256
    audit_head: str = ""

    def lines(self) -> list[str]:
        rows = ", ".join(f"{n:,} {t}" for t, n in self.counts.items() if n)
        return [
            f"Copied {self.source} to {self.target}: {rows or 'no records'}.",
            f"Verified: the same number of rows in every table, {self.issued_pdfs:,} issued PDFs by "
            "SHA-256, and the audit log's hash chain.",
        ]


def copy_to(
    source: DatabaseLocation,
    target_url: str,
    *,
    actor: str = "",
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy the desk at `source` into the empty database at `target_url`; verify; one transaction."""
    from correspondence_desk.core.audit_log import append_event, head_hash
    from correspondence_desk.core.model import Base
    from correspondence_desk.core.write_lock import take_write_lock

    target = location_for(target_url)
    if target.url == source.url:
        raise DeskError("The desk cannot be copied onto itself.")
    src = open_database(source, create=False, migrate=False, read_only=True)
    try:
        dst = open_database(target, create=True, migrate=True, actor=actor)
        try:
            if dst.read_only:
                raise StorageError(f"Cannot copy into {target}: {dst.read_only_reason}.")
            report = CopyReport(str(source), str(target))
            tables = Base.metadata.sorted_tables
            with storage_errors(target), dst.engine.connect() as out, src.engine.connect() as inp:
                take_write_lock(out)
                held = {t.name: n for t, n in _counts(out, tables).items() if n}
                if held:
                    listed = ", ".join(f"{n:,} {t}" for t, n in held.items())
                    raise DeskError(
                        f"{target} already holds records ({listed}); copy-to only fills an empty database."
                    )
                for table in tables:
                    copied = _copy_table(inp, out, table)
                    report.counts[table.name] = copied
                    if progress:
                        progress(table.name, copied)
                if out.dialect.name == "postgresql":
                    _reset_sequences(out, tables)
                _verify(inp, out, tables, report)
                append_event(
                    out,
                    current_actor(actor),
                    "database",
                    None,
                    "copy",
                    {"from": str(source), "rows": report.counts, "issued_pdfs": report.issued_pdfs},
                    summary=f"Copied from the local desk {source}",
                )
                report.audit_head = head_hash(out)
                out.commit()
            return report
        finally:
            dst.close()
    finally:
        src.close()


def _counts(conn: Connection, tables: Sequence[Table]) -> dict[Table, int]:
    row = conn.execute(select(*(select(func.count()).select_from(t).scalar_subquery() for t in tables))).one()
    return dict(zip(tables, (int(n) for n in row), strict=True))


def _copy_table(inp: Connection, out: Connection, table: Table) -> int:
    size = BLOB_CHUNK if table.name in ("attachments", "letters") else CHUNK
    order = list(table.primary_key.columns)
    result = inp.execution_options(stream_results=True).execute(select(table).order_by(*order))
    copied = 0
    while True:
        rows = [dict(r._mapping) for r in result.fetchmany(size)]
        if not rows:
            return copied
        out.execute(insert(table), rows)
        copied += len(rows)


def _reset_sequences(out: Connection, tables: Sequence[Table]) -> None:
    for table in tables:
        if "id" in table.c and table.c.id.primary_key:
            out.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table.name}), 1), "
                    f"(SELECT max(id) FROM {table.name}) IS NOT NULL)"
                )
            )


def _verify(inp: Connection, out: Connection, tables: Sequence[Table], report: CopyReport) -> None:
    """Before the commit: counts, issued PDFs by SHA-256, the chain. Raise if anything differs."""
    from correspondence_desk.core.audit_chain import verify_chain
    from correspondence_desk.core.audit_log import CHAIN_COLUMNS, EVENTS
    from correspondence_desk.core.model import Letter

    before, after = _counts(inp, tables), _counts(out, tables)
    for table in tables:
        if before[table] != after[table]:
            raise StorageError(
                f"The copy of {table.name} has {after[table]:,} rows, not {before[table]:,}; "
                "nothing was kept."
            )
    issued = select(Letter.id, Letter.reference, Letter.issued_sha256, Letter.issued_pdf).where(
        Letter.issued_pdf.is_not(None)
    )
    expected = {}
    for letter_id, reference, recorded, data in inp.execute(issued):
        if hashlib.sha256(data or b"").hexdigest() != recorded:
            raise StorageError(
                f"Letter {reference}'s issued PDF does not match its SHA-256 in the local desk itself; "
                "run `check` on it first. Nothing was copied."
            )
        expected[letter_id] = recorded
    for letter_id, reference, _recorded, data in out.execute(issued):
        if hashlib.sha256(data or b"").hexdigest() != expected.get(letter_id):
            raise StorageError(f"Letter {reference}'s issued PDF changed in the copy; nothing was kept.")
        report.issued_pdfs += 1
    chain = verify_chain(tuple(r) for r in out.execute(select(*CHAIN_COLUMNS).order_by(EVENTS.c.id)))
    if not chain.ok:
        raise StorageError(f"The copied audit log does not verify ({chain.problem}); nothing was kept.")
