"""Taking reports offline: a new SQLite desk holding them and what they use, and a notice on the server.

The server is read in one snapshot (REPEATABLE READ on PostgreSQL, a read transaction on SQLite), so
the copy is consistent without holding the write lock while it is built. The copy keeps the server's
ids, each record's values as taken (`offline_base`, the merge base at check-in) and its origin. Only
after the copy is complete is the notice written on the server (`offline_copies`, one audit event); if
that fails, the copy is removed. A sealed copy is built in a private temporary folder and only its
encrypted form is written where the user asked.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from correspondence_desk.core import model as m
from correspondence_desk.core.audit_chain import utcnow
from correspondence_desk.core.db import Database, current_actor, open_database, storage_errors
from correspondence_desk.core.errors import DeskError, NotFoundError, StorageError
from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.records import CheckoutResult
from correspondence_desk.core.vocabulary import Marking, ReportStatus
from correspondence_desk.paths import location_for

# per table: which rows travel (a column and the set of ids it must be in); the rest travel whole
SELECTED = {
    "reports": ("id", "reports"),
    "recommendations": ("report_id", "reports"),
    "recommendation_addressees": ("recommendation_id", "recommendations"),
    "progress_updates": ("recommendation_id", "recommendations"),
    "letters": ("id", "letters"),
    "responses": ("letter_id", "letters"),
    "clearance_steps": ("letter_id", "letters"),
    "clearance_actions": ("letter_id", "letters"),
    "expected_responses": ("report_id", "reports"),
    "attachments": ("id", "attachments"),
}


def _snapshot(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")  # a read transaction: one snapshot for every SELECT below


def resolve_reports(conn: Connection, wanted: Sequence[str]) -> list[int]:
    """Report ids from references or ids; none given: every open report."""
    if not wanted:
        found = conn.execute(
            select(m.Report.id).where(m.Report.status == ReportStatus.OPEN).order_by(m.Report.id)
        )
        return [int(i) for (i,) in found]
    texts = [ref.strip() for ref in wanted]
    by_ref: dict[str, int] = {}
    by_id: set[int] = set()
    numbers = [int(t) for t in texts if t.isdigit()]
    for part in R.chunks(sorted({t.lower() for t in texts})):
        named = conn.execute(
            select(m.Report.id, m.Report.reference).where(func.lower(m.Report.reference).in_(part))
        )
        by_ref.update({str(ref).lower(): int(rid) for rid, ref in named})
    for part in R.chunks(numbers):
        by_id |= {int(i) for (i,) in conn.execute(select(m.Report.id).where(m.Report.id.in_(part)))}
    ids: list[int] = []
    for text in texts:
        rid = by_ref.get(text.lower())
        if rid is None and text.isdigit() and int(text) in by_id:
            rid = int(text)
        if rid is None:
            raise NotFoundError(f"There is no report {text!r} on the server.")
        ids.append(rid)
    return ids


def _ids(conn: Connection, column: Any, where: Any, values: set[int]) -> set[int]:
    out: set[int] = set()
    for part in R.chunks(sorted(values)):
        out |= {int(v) for (v,) in conn.execute(select(column).where(where.in_(part))) if v is not None}
    return out


def closure(conn: Connection, report_ids: set[int]) -> tuple[set[int], set[int], set[int]]:
    """The reports, recommendations and letters a copy needs so every reference inside it holds:
    the letters about the reports or answering them, the earlier versions of those letters, and the
    other reports those letters answer."""
    reports, letters = set(report_ids), set[int]()
    while True:
        recs = _ids(conn, m.Recommendation.id, m.Recommendation.report_id, reports)
        found = set(letters)
        found |= _ids(conn, m.Letter.id, m.Letter.report_id, reports)
        found |= _ids(conn, m.Response.letter_id, m.Response.recommendation_id, recs)
        found |= _ids(conn, m.ExpectedResponse.letter_id, m.ExpectedResponse.report_id, reports)
        while True:
            earlier = _ids(conn, m.Letter.previous_version_id, m.Letter.id, found) - found
            if not earlier:
                break
            found |= earlier
        more = set(reports)
        more |= _ids(conn, m.Letter.report_id, m.Letter.id, found)
        answered = _ids(conn, m.Response.recommendation_id, m.Response.letter_id, found)
        more |= _ids(conn, m.Recommendation.report_id, m.Recommendation.id, answered - recs)
        if more == reports and found == letters:
            return reports, recs, letters
        reports, letters = more, found


def read_rows(conn: Connection, report_ids: set[int]) -> dict[str, list[R.Row]]:
    reports, recs, letters = closure(conn, report_ids)
    ids: dict[str, set[int]] = {"reports": reports, "recommendations": recs, "letters": letters}
    ids["attachments"] = _ids(conn, m.Report.source_attachment_id, m.Report.id, reports)
    out: dict[str, list[R.Row]] = {}
    for table in R.TABLES:
        rule = SELECTED.get(table.name)
        if rule is None:
            out[table.name] = R.all_rows(conn, table)
        else:
            column, of = rule
            out[table.name] = R.rows_where(conn, table, column, ids[of]) if ids[of] else []
    return out


def marked_letters(server: Database, wanted: Sequence[str] = ()) -> int:
    """How many letters the copy would hold that carry a protective marking (then protect it)."""
    with storage_errors(server.location), server.engine.connect() as conn:
        _, _, letters = closure(conn, set(resolve_reports(conn, wanted)))
        marked = _ids(conn, m.Letter.id, m.Letter.id, letters)
        if not marked:
            return 0
        count = 0
        for part in R.chunks(sorted(marked)):
            count += int(
                conn.execute(
                    select(func.count())
                    .select_from(m.Letter)
                    .where(m.Letter.id.in_(part), m.Letter.marking != Marking.NONE)
                ).scalar()
                or 0
            )
        return count


def checkout(
    server: Database,
    out: Path,
    *,
    reports: Sequence[str] = (),
    actor: str = "",
    passphrase: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> CheckoutResult:
    """Take `reports` (references or ids; none: every open report) offline into a new file `out`."""
    from correspondence_desk.core.audit_log import append_event, head_hash
    from correspondence_desk.core.offline import sealing

    say = progress or (lambda _what: None)
    out = Path(out).expanduser().absolute()
    if out.exists():
        raise StorageError(f"{out} already exists; choose another name (nothing was overwritten).")
    if not out.parent.is_dir():
        raise StorageError(f"There is no folder {out.parent}.")
    if passphrase is not None:
        sealing.check_passphrase(passphrase)
    who = current_actor(actor)
    copy_id = str(uuid.uuid4())
    taken_at = utcnow()
    server_name = str(server.location)

    say("Reading the reports from the server…")
    with storage_errors(server.location), server.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        _snapshot(conn)
        report_ids = resolve_reports(conn, reports)
        if not report_ids:
            raise DeskError("There are no open reports to take offline; name some with --report.")
        rows = read_rows(conn, set(report_ids))
        server_head = head_hash(conn)
        conn.rollback()

    folder = sealing.private_dir() if passphrase is not None else out.parent
    work = folder / (f".{out.name}.{copy_id[:8]}.partial" if passphrase is None else out.name)
    try:
        say("Writing the copy…")
        _write_copy(work, rows, who, copy_id, taken_at, server_name, server_head, passphrase is not None)
        if passphrase is not None:
            say("Sealing it with the passphrase…")
            sealing.seal_file(work, out, passphrase)
        else:
            os.replace(work, out)
        say("Leaving a notice on the server…")
        refs = tuple(r["reference"] for r in rows["reports"] if r["id"] in set(report_ids))
        try:
            with storage_errors(server.location), server.engine.begin() as conn:
                from correspondence_desk.core.write_lock import take_write_lock

                take_write_lock(conn)
                new_id = conn.execute(
                    insert(R.ALL["offline_copies"]).returning(R.ALL["offline_copies"].c.id),
                    {
                        "copy_id": copy_id,
                        "taken_by": who,
                        "taken_at": taken_at,
                        "label": out.name[:300],
                        "protected": passphrase is not None,
                        "brought_back_by": "",
                        "summary": {},
                    },
                ).scalar_one()
                conn.execute(
                    insert(R.ALL["offline_copy_reports"]),
                    [{"copy_id": new_id, "report_id": rid} for rid in sorted(set(report_ids))],
                )
                append_event(
                    conn,
                    who,
                    "offline_copy",
                    int(new_id),
                    "checkout",
                    {
                        "copy": copy_id,
                        "reports": list(refs),
                        "file": out.name,
                        "protected": passphrase is not None,
                    },
                    summary=f"Taken offline by {who}: {len(refs)} reports",
                )
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    finally:
        if passphrase is not None:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            work.unlink(missing_ok=True)
    counts = {name: len(found) for name, found in rows.items()}
    return CheckoutResult(str(out), server_name, copy_id, refs, counts, passphrase is not None, taken_at)


def _write_copy(
    path: Path,
    rows: dict[str, list[R.Row]],
    who: str,
    copy_id: str,
    taken_at: Any,
    server_name: str,
    server_head: str,
    protected: bool,
) -> None:
    from correspondence_desk.core.audit_log import append_event

    db = open_database(location_for(path), create=True, migrate=True, actor=who)
    try:
        with storage_errors(db.location), db.engine.connect() as conn:
            # the rows are the server's, whole and consistent: load them without checking each
            # reference on the way in (a letter may name a later one), then check all at the end
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            base: list[dict[str, Any]] = []
            for table in R.TABLES:
                found = rows[table.name]
                if not found:
                    continue
                conn.execute(insert(table), found)
                base += [
                    {
                        "table_name": table.name,
                        "row_key": R.key_text(R.key_of(table, row)),
                        "row_values": R.plain_row(table, row),
                    }
                    for row in found
                ]
            for part in R.chunks(base, 2000):
                conn.execute(insert(R.ALL["offline_base"]), list(part))
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StorageError(
                    f"The copy's records do not hold together ({broken[:3]}); nothing was taken."
                )
            refs = [r["reference"] for r in rows["reports"]]
            append_event(
                conn,
                who,
                "offline_copy",
                None,
                "checkout",
                {"copy": copy_id, "server": server_name, "server_head": server_head, "reports": refs},
                summary=f"Offline copy of {server_name}, taken by {who}",
            )
            first = conn.execute(select(func.max(m.AuditEvent.id))).scalar() or 0
            conn.execute(
                insert(R.ALL["offline_origin"]),
                {
                    "copy_id": copy_id,
                    "server": server_name,
                    "taken_by": who,
                    "taken_at": taken_at,
                    "server_head": server_head,
                    "first_event_id": int(first),
                    "protected": protected,
                    "brought_back_by": "",
                },
            )
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    finally:
        db.close()
