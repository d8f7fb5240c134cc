"""The merge's first steps: records deleted on one side since the copy was taken.

Deletions are decided by group (a record with everything it owns, ON DELETE CASCADE), so a report
deleted on the server with an offline edit under it is one conflict, named by the report.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, and_, delete
from sqlalchemy.exc import IntegrityError

from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.merge_state import MergeState, Tables
from correspondence_desk.core.offline.records import OFFLINE, SERVER, Change, Conflict, FieldDiff

Group = tuple[str, R.Key]


def deleted_on_server(st: MergeState) -> None:
    """Groups the server deleted: unchanged offline, the deletion stands; edited offline, a conflict
    (offline: add it again, with what it holds, as new records)."""

    def gone(table: str, key: R.Key) -> bool:
        in_b, in_o, in_s = st.state(table, key)
        return in_b and in_o and not in_s

    groups = _groups(st, st.off, st.off_raw, gone)
    # new offline records under a group belong to it
    for table in R.TABLES:
        for key, row in st.off_raw.get(table.name, {}).items():
            if key in st.base.get(table.name, {}):
                continue
            head = _anchor(st, table.name, row, gone)
            if head is not None and head in groups:
                groups[head].append((table.name, key))
    for head, members in groups.items():
        edited = [(t, k) for t, k in members if k not in st.base.get(t, {}) or st.changed(st.off, t, k)]
        if not edited:
            continue  # unchanged offline: the server's deletion stands
        name, key = head
        row = st.off[name][key]
        fields = tuple(
            FieldDiff(f, R.shown(row.get(f)), "(deleted)", R.shown(st.base[name][key].get(f)))
            for f in st.changed(st.off, name, key)
        )
        choice = st.choice(
            Conflict(
                f"{name}:{R.key_text(key)}",
                "deleted_on_server",
                st.name(name, st.off_raw[name][key]),
                fields,
                (OFFLINE, SERVER),
                f"deleted on the server since it was taken; {len(edited)} records under it changed "
                "offline. Offline: add it again, with what it holds, as new records.",
            )
        )
        target = st.cloned if choice == OFFLINE else st.dropped
        for t, k in members:
            target.setdefault(t, set()).add(k)


def _groups(st: MergeState, among: Tables, rows: Tables, gone: Any) -> dict[Group, list[Group]]:
    """The records of `among` that are `gone`, by the head of their group (climbing in `rows`)."""
    groups: dict[Group, list[Group]] = {}
    for table in R.TABLES:
        for key in among.get(table.name, {}):
            if gone(table.name, key):
                groups.setdefault(st.top(table.name, key, rows, gone), []).append((table.name, key))
    return groups


def _anchor(st: MergeState, table: str, row: R.Row, gone: Any) -> Group | None:
    """For a new offline record: the deleted-on-server group it hangs under, if any."""
    for parent, pkey in st.parents(table, row):
        if gone(parent, pkey):
            return st.top(parent, pkey, st.off_raw, gone)
        prow = st.off_raw.get(parent, {}).get(pkey)
        if prow is not None and pkey not in st.base.get(parent, {}):
            found = _anchor(st, parent, prow, gone)
            if found is not None:
                return found
    return None


def deleted_offline(st: MergeState) -> None:
    """Groups deleted offline: deleted on the server too, unless the server changed or added
    something under them since (then a conflict)."""

    def gone(table: str, key: R.Key) -> bool:
        in_b, in_o, in_s = st.state(table, key)
        return in_b and in_s and not in_o

    groups = _groups(st, st.base, st.srv_raw, gone)
    for head, members in groups.items():
        name, key = head
        changed = [(t, k) for t, k in members if st.changed(st.srv, t, k)]
        added = _added_on_server_under(st, members)
        what = st.name(name, st.srv_raw[name][key])
        if changed or added:
            fields = tuple(
                FieldDiff(
                    f,
                    "(deleted)",
                    R.shown(st.srv[name][key].get(f)),
                    R.shown(st.base[name][key].get(f)),
                )
                for f in st.changed(st.srv, name, key)
            )
            choice = st.choice(
                Conflict(
                    f"{name}:{R.key_text(key)}",
                    "deleted_offline",
                    what,
                    fields,
                    (OFFLINE, SERVER),
                    f"deleted offline; on the server {len(changed)} records under it changed and "
                    f"{added} were added since. Offline: delete it on the server too.",
                )
            )
            if choice != OFFLINE:
                continue
        _delete(st, R.BY_NAME[name], key, what, len(members) - 1)


def _added_on_server_under(st: MergeState, members: list[Group]) -> int:
    """Records added on the server since the copy was taken, under the ones deleted offline."""
    ids: dict[str, set[Any]] = {}
    for t, k in members:
        if R.has_id(R.BY_NAME[t]):
            ids.setdefault(t, set()).add(k[0])
    count = 0
    for child in R.TABLES:
        for col, parent in R.owners(child):
            if parent not in ids:
                continue
            for row in R.rows_where(st.conn, child, col, ids[parent]):
                if R.key_of(child, row) not in st.base.get(child.name, {}):
                    count += 1
    return count


def _delete(st: MergeState, table: Table, key: R.Key, what: str, under: int) -> None:
    clause = and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))
    try:
        with st.conn.begin_nested():
            st.conn.execute(delete(table).where(clause))
    except IntegrityError:
        st.out.changes.append(Change("keep", what, (), "deleted offline, but still used on the server"))
        return
    note = f"with {under} records under it" if under else ""
    st.out.changes.append(Change("delete", what, (), note))
