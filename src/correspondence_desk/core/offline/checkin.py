"""Bringing an offline copy back: its changes merged into the server in one transaction.

The server's write lock is taken first and held to the end, so nothing changes underneath the
merge; everything — records, the offline audit events appended to the server's chain (each marked
as made offline on this copy), the copy marked as brought back — commits together or not at all.
A kill at any moment leaves the server as it was, and the check-in can simply be run again. A copy
already brought back changes nothing a second time. With unresolved conflicts, or `dry_run`, the
transaction is rolled back after the merge has run in it: the plan then says exactly what would be
applied.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from correspondence_desk.core import model as m
from correspondence_desk.core.audit_chain import GENESIS, chained, utcnow
from correspondence_desk.core.db import Database, current_actor, open_database, storage_errors
from correspondence_desk.core.errors import DeskError, StorageError
from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.merge import Merge
from correspondence_desk.core.offline.records import CheckinPlan
from correspondence_desk.paths import location_for

EVENTS = R.ALL["audit_events"]


class CopyData:
    """Everything a check-in needs from the copy, read once (the copy is closed again at once)."""

    def __init__(self, conn: Connection, path: Path) -> None:
        origin = conn.execute(select(R.ALL["offline_origin"])).first()
        if origin is None:
            raise DeskError(
                f"{path} is not an offline copy; `checkin` brings back a copy made by `checkout`."
            )
        self.origin = dict(origin._mapping)
        self.base: dict[str, dict[R.Key, R.Row]] = {}
        for table_name, key, values in conn.execute(
            select(m.OfflineBase.table_name, m.OfflineBase.row_key, m.OfflineBase.row_values)
        ):
            self.base.setdefault(table_name, {})[R.key_from_text(key)] = values
        # JSON keeps tuples as lists: keys are compared as tuples of the primary key's values
        self.rows = {t.name: {R.key_of(t, r): r for r in R.all_rows(conn, t)} for t in R.TABLES}
        self.events = [
            dict(r._mapping)
            for r in conn.execute(
                select(EVENTS).where(EVENTS.c.id > self.origin["first_event_id"]).order_by(EVENTS.c.id)
            )
        ]


def read_copy(path: Path) -> CopyData:
    db = open_database(location_for(path), create=False, migrate=True)
    try:
        with storage_errors(db.location), db.engine.connect() as conn:
            return CopyData(conn, path)
    finally:
        db.close()


def _server_rows(conn: Connection, base: dict[str, dict[R.Key, R.Row]]) -> dict[str, dict[R.Key, R.Row]]:
    out: dict[str, dict[R.Key, R.Row]] = {}
    for table in R.TABLES:
        keys = base.get(table.name, {})
        if not keys:
            out[table.name] = {}
            continue
        first = next(iter(table.primary_key.columns)).name
        found = R.rows_where(conn, table, first, {k[0] for k in keys})
        out[table.name] = {R.key_of(table, r): r for r in found if R.key_of(table, r) in keys}
    return out


def checkin(
    copy: Path,
    server: Database,
    *,
    dry_run: bool = False,
    resolutions: dict[str, Any] | None = None,
    actor: str = "",
    passphrase: str | None = None,
    progress: Callable[[str], None] | None = None,
    leftover: str = "ask",
    shown_as: Path | None = None,
) -> CheckinPlan:
    """Bring the changes in the offline copy at `copy` back into `server` (see the module docstring)."""
    from correspondence_desk.core.offline import sealing

    say = progress or (lambda _what: None)
    copy = Path(copy).expanduser().absolute()
    if not copy.exists():
        raise StorageError(f"There is no offline copy at {copy}.")
    opened = None
    if sealing.is_sealed(copy):
        if passphrase is None:
            raise DeskError(f"{copy} is sealed: give its passphrase.")
        opened = sealing.open_sealed(copy, passphrase, leftover=leftover)  # UnsealedWorkFound: ask
    work = opened.work_path if opened else copy
    applied = False
    try:
        say("Reading the copy…")
        data = read_copy(work)
        who = current_actor(actor)
        say("Comparing it with the server…")
        plan = _merge_into(
            server, data, shown_as or copy, who, dry_run=dry_run, resolutions=resolutions or {}
        )
        applied = plan.applied or bool(plan.already)
        if applied and not dry_run and data.origin["brought_back_at"] is None:
            _mark_copy(work, who)
        return plan
    finally:
        if opened is not None:
            opened.close(reseal=applied and not dry_run)


def _merge_into(
    server: Database, data: CopyData, copy: Path, who: str, *, dry_run: bool, resolutions: dict[str, Any]
) -> CheckinPlan:
    from correspondence_desk.core.write_lock import take_write_lock

    origin = data.origin
    common = {"copy": str(copy), "server": str(server.location), "taken_by": origin["taken_by"]}
    common["taken_at"] = origin["taken_at"]
    copies = R.ALL["offline_copies"]
    with storage_errors(server.location), server.engine.connect() as conn:
        take_write_lock(conn)
        row = conn.execute(select(copies).where(copies.c.copy_id == origin["copy_id"])).first()
        if row is None:
            raise DeskError(
                f"{copy} was not taken from {server.location} (it is a copy of {origin['server']}); "
                "nothing was changed."
            )
        if row.brought_back_at is not None:
            conn.rollback()
            return CheckinPlan(
                **common,
                dry_run=dry_run,
                already=f"This copy was brought back on {row.brought_back_at:%d %b %Y %H:%M} UTC by "
                f"{row.brought_back_by}; nothing changed.",
            )
        result = Merge(conn, data.base, data.rows, _server_rows(conn, data.base), resolutions).run()
        events = _append_events(conn, data, result.id_map, origin["copy_id"])
        plan = CheckinPlan(
            **common,
            changes=tuple(result.changes),
            conflicts=tuple(result.conflicts),
            unresolved=tuple(result.unresolved),
            server_only=result.server_only,
            events=events,
            dry_run=dry_run,
            resolutions={c.id: resolutions[c.id] for c in result.conflicts if c.id in resolutions},
        )
        if dry_run or plan.unresolved:
            conn.rollback()
            return plan
        summary = {
            "added": plan.count("add"),
            "updated": plan.count("update"),
            "deleted": plan.count("delete"),
            "merged": plan.count("merge"),
            "conflicts": len(plan.conflicts),
            "events": events,
            "resolutions": plan.resolutions,
        }
        now = utcnow()
        conn.execute(
            update(copies)
            .where(copies.c.id == row.id)
            .values(brought_back_at=now, brought_back_by=who, summary=summary)
        )
        _append(
            conn,
            who,
            "offline_copy",
            int(row.id),
            "checkin",
            summary,
            f"Brought back by {who}: {plan.summary()}",
        )
        conn.commit()
    return CheckinPlan(**{**plan.__dict__, "applied": True})


def _head(conn: Connection) -> str:
    found = conn.execute(select(EVENTS.c.chain_hash).order_by(EVENTS.c.id.desc()).limit(1)).scalar()
    return str(found) if found is not None else GENESIS


def _append(
    conn: Connection, who: str, entity: str, entity_id: int | None, action: str, changes: Any, summary: str
) -> None:
    event = chained(_head(conn), who, entity, entity_id, action, changes, summary)
    conn.execute(insert(EVENTS).values(**event.values(), db_user=""))


def _append_events(conn: Connection, data: CopyData, id_map: dict[str, dict[Any, Any]], copy_id: str) -> int:
    """The copy's own history after it was taken, appended to the server's chain, each event marked
    as made offline on this copy (its original hash kept), its record's id as the server knows it."""
    prev = _head(conn)
    values = []
    for ev in data.events:
        table = R.ENTITY_TABLES.get(ev["entity"], "")
        entity_id = id_map.get(table, {}).get(ev["entity_id"], ev["entity_id"])
        changes = dict(ev["changes"] or {})
        changes["offline"] = {"copy": copy_id, "event": ev["id"], "hash": ev["chain_hash"]}
        event = chained(
            prev,
            ev["os_user"],
            ev["entity"],
            entity_id,
            ev["action"],
            changes,
            f"{ev['summary']} [made offline on copy {copy_id[:8]}]".strip(),
            at=ev["at"],
        )
        values.append({**event.values(), "db_user": ""})
        prev = event.chain_hash
    for part in R.chunks(values, 500):
        conn.execute(insert(EVENTS), list(part))
    return len(values)


def _mark_copy(work: Path, who: str) -> None:
    db = open_database(location_for(work), create=False, migrate=False)
    try:
        with storage_errors(db.location), db.engine.begin() as conn:
            conn.execute(
                update(R.ALL["offline_origin"]).values(brought_back_at=utcnow(), brought_back_by=who)
            )
    finally:
        db.close()
