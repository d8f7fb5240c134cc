"""The merge's writes on the server: offline values applied, new records added, ids remapped.

A new record gets a server id (and, for reports and letters, a free reference); references to it
from records updated before it was added are deferred and written last. A new record the server
already holds (same unique values) is matched instead of added twice, or is a conflict when its
values differ.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, and_, func, insert, select, update
from sqlalchemy.engine import Connection

from correspondence_desk.core.errors import StorageError
from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.merge_state import MergeState
from correspondence_desk.core.offline.records import OFFLINE, SERVER, Change, Conflict, FieldDiff


def pk_clause(table: Table, key: R.Key) -> Any:
    return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))


def apply_fields(st: MergeState, table: Table, key: R.Key, fields: Iterable[str]) -> None:
    """The offline values of `fields` written over the server's record."""
    targets = R.fk_targets(table)
    values: dict[str, Any] = {}
    for f in fields:
        value = st.off_raw[table.name][key][f]
        if f in targets and value is not None and st.is_new(targets[f][0], value):
            st.deferred.append((table, key, f, value))  # the new record is added later
            continue
        values[f] = remap_value(st, table, f, value)
    if values:
        _update_row(st, table, key, values, bump=True)


def write_deferred(st: MergeState) -> None:
    """The references to new records that `apply_fields` had to leave until they were added."""
    for table, key, column, value in st.deferred:
        _update_row(st, table, key, {column: remap_value(st, table, column, value)}, bump=False)


def _update_row(st: MergeState, table: Table, key: R.Key, values: dict[str, Any], *, bump: bool) -> None:
    if "issued_pdf" in values or "issued_sha256" in values:
        _check_pdf(st.off_raw[table.name][key])
    if bump and "version_id" in table.c:
        values["version_id"] = table.c.version_id + 1
    st.conn.execute(update(table).where(pk_clause(table, key)).values(**values))


def remap_value(st: MergeState, table: Table, column: str, value: Any) -> Any:
    """An offline id in `column` as the server knows it (a new record's server id)."""
    target = R.fk_targets(table).get(column)
    if target is None or value is None:
        return value
    parent, how = target
    mapped = st.id_map.get(parent, {}).get(value)
    if mapped is not None:
        return mapped
    in_b, _in_o, in_s = st.state(parent, (value,))
    if in_b and not in_s and how == "SET NULL":
        return None  # it is gone from the server, and the server would have cleared it too
    return value


def insert_new(st: MergeState, table: Table) -> None:
    """The table's records new offline (or to add again as new), parents' ids already remapped."""
    name = table.name
    cloned = st.cloned.get(name, set())
    dropped = st.dropped.get(name, set())
    for key in sorted(st.off_raw.get(name, {}), key=R.order):
        if key in dropped or (key in st.base.get(name, {}) and key not in cloned):
            continue
        row = dict(st.off_raw[name][key])
        if any(
            how == "CASCADE" and row.get(col) is not None and _lost(st, parent, row[col])
            for col, (parent, how) in R.fk_targets(table).items()
        ):
            continue  # its owner stays deleted on the server
        for col in R.fk_targets(table):
            row[col] = remap_value(st, table, col, row[col])
        _insert(st, table, key, row)


def _lost(st: MergeState, parent: str, value: Any) -> bool:
    if value in st.id_map.get(parent, {}):
        return False
    in_b, _in_o, in_s = st.state(parent, (value,))
    return (value,) in st.dropped.get(parent, set()) or (in_b and not in_s)


def _insert(st: MergeState, table: Table, key: R.Key, row: R.Row) -> None:
    name = table.name
    what = st.name(name, st.off_raw[name][key])
    note = ""
    if name == "letters":
        _check_pdf(row)
    if name in R.RENUMBERED:
        col = R.RENUMBERED[name]
        wanted = row[col]
        kept_on_server = key in st.cloned.get(name, set()) and key in st.srv.get(name, {})
        row[col] = free_reference(st.conn, table, f"{wanted}-offline" if kept_on_server else wanted)
        if row[col] != wanted:
            note = f"now {row[col]} (offline it was {wanted})"
            what = f"{R.NOUNS_OF.get(name, name)} {row[col]}"
            st.namer.renamed[(name, key[0])] = row[col]
    existing = _same_record(st, table, row)
    if existing is not None:
        _added_on_both(st, table, key, row, existing, what)
        return
    if R.has_id(table):
        values = {c: v for c, v in row.items() if c != "id"}
        new_id = st.conn.execute(insert(table).returning(table.c.id), values).scalar_one()
        st.id_map.setdefault(name, {})[key[0]] = new_id
    else:
        st.conn.execute(insert(table), row)
    st.out.changes.append(Change("add", what, (), note))


def _same_record(st: MergeState, table: Table, row: R.Row) -> R.Row | None:
    """The server's record that already holds this one's unique values (or primary key)."""
    sets = [
        c
        for c in R.unique_sets(table)
        if not (table.name in R.RENUMBERED and c == (R.RENUMBERED[table.name],))
    ]
    if not R.has_id(table):
        sets.insert(0, tuple(c.name for c in table.primary_key.columns))
    for columns in sets:
        if any(row.get(c) is None for c in columns):
            continue
        clause = and_(*(table.c[c] == row[c] for c in columns))
        found = st.conn.execute(select(table).where(clause).limit(1)).first()
        if found is not None:
            return dict(found._mapping)
    return None


def _added_on_both(st: MergeState, table: Table, key: R.Key, row: R.Row, existing: R.Row, what: str) -> None:
    name = table.name
    if R.has_id(table):
        st.id_map.setdefault(name, {})[key[0]] = existing["id"]
    fields = [
        f
        for f in R.compared(table)
        if f not in ("created_at", "at", "recorded_at", "updated_at", "updated_by")
        and R.plain(row.get(f)) != R.plain(existing.get(f))
    ]
    if name == "attachments" or not fields:
        st.out.changes.append(Change("match", what, (), "the server already has it"))
        return
    diffs = tuple(
        FieldDiff(f, R.shown(R.plain(row[f])), R.shown(R.plain(existing[f])), "(new)") for f in fields
    )
    choice = st.choice(
        Conflict(
            f"{name}:{R.key_text(key)}",
            "added_on_both",
            what,
            diffs,
            (OFFLINE, SERVER),
            "added offline and on the server. Offline: the server's takes the offline values.",
        )
    )
    if choice == OFFLINE:
        server_key = R.key_of(table, existing)
        values = {f: row[f] for f in fields}
        if "version_id" in table.c:
            values["version_id"] = table.c.version_id + 1
        st.conn.execute(update(table).where(pk_clause(table, server_key)).values(**values))
        st.out.changes.append(Change("update", what, tuple(fields), "conflict resolved"))


def _check_pdf(row: R.Row) -> None:
    data = row.get("issued_pdf")
    if data is not None and hashlib.sha256(bytes(data)).hexdigest() != row.get("issued_sha256"):
        raise StorageError(
            f"Letter {row.get('reference')}'s issued PDF in the copy does not match its SHA-256; "
            "nothing was brought back. Run `check` on the copy."
        )


def free_reference(conn: Connection, table: Table, wanted: str) -> str:
    """`wanted` if no record on the server has it, else the next number after it that is free."""
    col = table.c.reference
    if conn.execute(select(col).where(func.lower(col) == wanted.lower()).limit(1)).first() is None:
        return wanted
    found = re.match(r"^(.*?)(\d+)$", wanted)
    prefix, digits = (found[1], found[2]) if found else (f"{wanted}-", "1")
    like = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    taken = {
        str(r).lower() for (r,) in conn.execute(select(col).where(func.lower(col).like(like, escape="\\")))
    }
    n = int(digits) + (1 if found else 0)
    while True:
        candidate = f"{prefix}{n:0{len(digits)}d}"
        if candidate.lower() not in taken:
            return candidate
        n += 1
