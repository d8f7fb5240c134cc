"""The three-way merge of a check-in: each record offline, on the server, and as taken (the base).

Applied on the server's connection inside the check-in's one transaction, in this order: deletions
made offline, updates to existing records, new records (parents first, each given a server id and,
for reports and letters, a free reference), then the references to new records that updates had to
leave for last. What could not be decided without a person becomes a Conflict; the caller rolls the
whole transaction back while any is unresolved, so a run that finds conflicts is also the dry run
that lists them.

Records are grouped by ownership (ON DELETE CASCADE): a report deleted on the server takes its
recommendations with it, so an offline edit under it is one conflict, named by the report; keeping
the offline side re-adds the report with everything under it as new records.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from correspondence_desk.core.errors import StorageError
from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.records import BOTH, OFFLINE, SERVER, Change, Conflict, FieldDiff
from correspondence_desk.core.vocabulary import LetterStatus

Tables = dict[str, dict[R.Key, R.Row]]
ISSUED = LetterStatus.ISSUED.value


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    server_only: int = 0
    id_map: dict[str, dict[Any, Any]] = field(default_factory=dict)


class Merge:
    def __init__(
        self,
        conn: Connection,
        base: Tables,
        offline: Tables,
        server: Tables,
        resolutions: dict[str, Any],
    ) -> None:
        self.conn = conn
        self.base = base
        self.off_raw = offline
        self.srv_raw = server
        self.off = {
            t: {k: R.plain_row(R.BY_NAME[t], r) for k, r in rows.items()} for t, rows in offline.items()
        }
        self.srv = {
            t: {k: R.plain_row(R.BY_NAME[t], r) for k, r in rows.items()} for t, rows in server.items()
        }
        self.resolutions = resolutions
        self.out = Outcome()
        self.namer = R.Namer(offline, server)
        self.id_map = self.out.id_map
        self.cloned: dict[str, set[R.Key]] = {}  # existing records to add again as new
        self.dropped: dict[str, set[R.Key]] = {}  # offline records that stay out (server chosen)
        self.deferred: list[tuple[Table, R.Key, str, Any]] = []
        self.handled: dict[str, set[R.Key]] = {}  # decided already (a letter issued offline)

    # --- helpers ------------------------------------------------------------------------------

    def _name(self, table: str, row: R.Row) -> str:
        return self.namer.name(table, row)

    def _choice(self, conflict: Conflict) -> Any:
        self.out.conflicts.append(conflict)
        choice = self.resolutions.get(conflict.id)
        valid = isinstance(choice, str) and choice in conflict.choices
        if conflict.per_field and isinstance(choice, dict):
            names = {f.field for f in conflict.fields}
            valid = set(choice) == names and all(c in (OFFLINE, SERVER) for c in choice.values())
        if not valid:
            self.out.unresolved.append(conflict.id)
            return None
        return choice

    def _state(self, table: str, key: R.Key) -> tuple[bool, bool, bool]:
        return (
            key in self.base.get(table, {}),
            key in self.off.get(table, {}),
            key in self.srv.get(table, {}),
        )

    def _changed(self, side: Tables, table: str, key: R.Key) -> list[str]:
        base, now = self.base[table][key], side[table][key]
        return [f for f in R.compared(R.BY_NAME[table]) if now.get(f) != base.get(f)]

    def _parents(self, table: str, row: R.Row) -> list[tuple[str, R.Key]]:
        return [
            (parent, (row[col],)) for col, parent in R.owners(R.BY_NAME[table]) if row.get(col) is not None
        ]

    def _top(self, table: str, key: R.Key, rows: Tables, gone: Any) -> tuple[str, R.Key]:
        """Climb owners while they are gone too (deleted on one side): the group's head."""
        here = (table, key)
        while True:
            row = rows[here[0]][here[1]]
            up = [p for p in self._parents(here[0], row) if gone(*p)]
            if not up:
                return here
            here = up[0]

    # --- classification ----------------------------------------------------------------------

    def run(self) -> Outcome:
        self._deleted_on_server()
        self._deleted_offline()
        self._issued_offline()
        for table in R.TABLES:
            decided = self.cloned.get(table.name, set()) | self.handled.get(table.name, set())
            for key in sorted(self.off.get(table.name, {}), key=R.order):
                in_b, _in_o, in_s = self._state(table.name, key)
                if in_b and in_s and key not in decided:
                    self._both_sides(table, key)
        for table in R.TABLES:
            self._inserts(table)
        for table, key, column, value in self.deferred:
            self._update_row(table, key, {column: self._remap_value(table, column, value)}, bump=False)
        return self.out

    def _deleted_on_server(self) -> None:
        def gone(table: str, key: R.Key) -> bool:
            in_b, in_o, in_s = self._state(table, key)
            return in_b and in_o and not in_s

        groups: dict[tuple[str, R.Key], list[tuple[str, R.Key]]] = {}
        for table in R.TABLES:
            for key in self.off.get(table.name, {}):
                if gone(table.name, key):
                    groups.setdefault(self._top(table.name, key, self.off_raw, gone), []).append(
                        (table.name, key)
                    )
        # new offline records under a group belong to it
        for table in R.TABLES:
            for key, row in self.off_raw.get(table.name, {}).items():
                if key in self.base.get(table.name, {}):
                    continue
                head = self._anchor(table.name, row, gone)
                if head is not None and head in groups:
                    groups[head].append((table.name, key))
        for head, members in groups.items():
            edited = [
                (t, k) for t, k in members if k not in self.base.get(t, {}) or self._changed(self.off, t, k)
            ]
            if not edited:
                continue  # unchanged offline: the server's deletion stands
            name, key = head
            row = self.off[name][key]
            fields = tuple(
                FieldDiff(f, R.shown(row.get(f)), "(deleted)", R.shown(self.base[name][key].get(f)))
                for f in self._changed(self.off, name, key)
            )
            choice = self._choice(
                Conflict(
                    f"{name}:{R.key_text(key)}",
                    "deleted_on_server",
                    self._name(name, self.off_raw[name][key]),
                    fields,
                    (OFFLINE, SERVER),
                    f"deleted on the server since it was taken; {len(edited)} records under it changed "
                    "offline. Offline: add it again, with what it holds, as new records.",
                )
            )
            target = self.cloned if choice == OFFLINE else self.dropped
            for t, k in members:
                target.setdefault(t, set()).add(k)

    def _anchor(self, table: str, row: R.Row, gone: Any) -> tuple[str, R.Key] | None:
        """For a new offline record: the deleted-on-server group it hangs under, if any."""
        for parent, pkey in self._parents(table, row):
            if gone(parent, pkey):
                return self._top(parent, pkey, self.off_raw, gone)
            prow = self.off_raw.get(parent, {}).get(pkey)
            if prow is not None and pkey not in self.base.get(parent, {}):
                found = self._anchor(parent, prow, gone)
                if found is not None:
                    return found
        return None

    def _deleted_offline(self) -> None:
        def gone(table: str, key: R.Key) -> bool:
            in_b, in_o, in_s = self._state(table, key)
            return in_b and in_s and not in_o

        groups: dict[tuple[str, R.Key], list[tuple[str, R.Key]]] = {}
        for table in R.TABLES:
            for key in self.base.get(table.name, {}):
                if gone(table.name, key):
                    groups.setdefault(self._top(table.name, key, self.srv_raw, gone), []).append(
                        (table.name, key)
                    )
        for head, members in groups.items():
            name, key = head
            changed = [(t, k) for t, k in members if self._changed(self.srv, t, k)]
            added = self._added_on_server_under(members)
            what = self._name(name, self.srv_raw[name][key])
            if changed or added:
                fields = tuple(
                    FieldDiff(
                        f,
                        "(deleted)",
                        R.shown(self.srv[name][key].get(f)),
                        R.shown(self.base[name][key].get(f)),
                    )
                    for f in self._changed(self.srv, name, key)
                )
                choice = self._choice(
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
            self._delete(R.BY_NAME[name], key, what, len(members) - 1)

    def _added_on_server_under(self, members: list[tuple[str, R.Key]]) -> int:
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
                for row in R.rows_where(self.conn, child, col, ids[parent]):
                    if R.key_of(child, row) not in self.base.get(child.name, {}):
                        count += 1
        return count

    def _delete(self, table: Table, key: R.Key, what: str, under: int) -> None:
        clause = and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))
        try:
            with self.conn.begin_nested():
                self.conn.execute(delete(table).where(clause))
        except IntegrityError:
            self.out.changes.append(Change("keep", what, (), "deleted offline, but still used on the server"))
            return
        note = f"with {under} records under it" if under else ""
        self.out.changes.append(Change("delete", what, (), note))

    def _both_sides(self, table: Table, key: R.Key) -> None:
        name = table.name
        off_changed = self._changed(self.off, name, key)
        if not off_changed:
            if self._changed(self.srv, name, key):
                self.out.server_only += 1
            return
        srv_changed = set(self._changed(self.srv, name, key))
        what = self._name(name, self.off_raw[name][key])
        if not srv_changed:
            self._apply_fields(table, key, off_changed)
            self.out.changes.append(Change("update", what, tuple(off_changed)))
            return
        off, srv, base = self.off[name][key], self.srv[name][key], self.base[name][key]
        clash = [f for f in off_changed if f in srv_changed and off[f] != srv[f]]
        alone = [f for f in off_changed if f not in srv_changed]
        issued_both = off.get("status") == ISSUED == srv.get("status") != base.get("status")
        if name == "letters" and issued_both and off.get("issued_sha256") != srv.get("issued_sha256"):
            self._issued_on_both(table, key, what)
            return
        if not clash:
            self._apply_fields(table, key, alone)
            self.out.changes.append(
                Change("merge", what, tuple(alone), f"the server changed {', '.join(sorted(srv_changed))}")
            )
            return
        diffs = tuple(FieldDiff(f, R.shown(off[f]), R.shown(srv[f]), R.shown(base.get(f))) for f in clash)
        note = f"also changed offline, no clash: {', '.join(alone)} (applied)" if alone else ""
        choice = self._choice(
            Conflict(f"{name}:{R.key_text(key)}", "same_field", what, diffs, (OFFLINE, SERVER), note, True)
        )
        chosen = [*alone]
        if choice == OFFLINE:
            chosen += clash
        elif isinstance(choice, dict):
            chosen += [f for f in clash if choice.get(f) == OFFLINE]
        if chosen:
            self._apply_fields(table, key, chosen)
            self.out.changes.append(
                Change("update", what, tuple(chosen), "conflict resolved" if choice else "")
            )

    # --- a letter issued offline whose draft the server edited meanwhile ------------------------

    def _issued_offline(self) -> None:
        """An issued letter's text is fixed (its PDF and SHA-256 say what went out), so the server's
        edits to its draft since the copy was taken cannot be merged into it field by field."""
        letters = R.BY_NAME["letters"]
        for key in sorted(self.off.get("letters", {}), key=R.order):
            in_b, _in_o, in_s = self._state("letters", key)
            if not (in_b and in_s) or key in self.cloned.get("letters", set()):
                continue
            off, srv, base = self.off["letters"][key], self.srv["letters"][key], self.base["letters"][key]
            if not (off.get("status") == ISSUED != base.get("status") and srv.get("status") != ISSUED):
                continue
            diffs = [
                FieldDiff(f, R.shown(off.get(f)), R.shown(srv.get(f)), R.shown(base.get(f)))
                for f in self._changed(self.srv, "letters", key)
            ]
            responses = self._responses_of(key)
            for rkey in responses:
                name = self._name("responses", self.srv_raw["responses"][rkey])
                diffs += [
                    FieldDiff(
                        f"{name}: {f}",
                        R.shown(self.off["responses"][rkey].get(f)),
                        R.shown(self.srv["responses"][rkey].get(f)),
                        R.shown(self.base["responses"][rkey].get(f)),
                    )
                    for f in self._changed(self.srv, "responses", rkey)
                ]
            if not diffs:
                continue  # not edited on the server: the offline issue applies as any change
            self._issued_offline_conflict(letters, key, tuple(diffs), responses)

    def _responses_of(self, letter: R.Key) -> list[R.Key]:
        """The letter's responses in all three (a response deleted on one side is its own conflict)."""
        return [
            k
            for k, row in self.base.get("responses", {}).items()
            if row.get("letter_id") == letter[0] and k in self.off["responses"] and k in self.srv["responses"]
        ]

    def _issued_offline_conflict(
        self, letters: Table, key: R.Key, diffs: tuple[FieldDiff, ...], responses: list[R.Key]
    ) -> None:
        what = self._name("letters", self.off_raw["letters"][key])
        choice = self._choice(
            Conflict(
                f"letters:{R.key_text(key)}",
                "issued_offline_edited_on_server",
                what,
                diffs,
                (OFFLINE, BOTH),
                "issued offline; its draft was edited on the server since it was taken, and an issued "
                "letter's text is fixed. Offline: the letter as issued offline (the server's edits to "
                "the draft are replaced; the audit log keeps them). Both: the offline issue is kept as "
                "a letter of its own, with its PDF and SHA-256, and the server's draft stays a draft.",
            )
        )
        self.handled.setdefault("letters", set()).add(key)
        self.handled.setdefault("responses", set()).update(responses)
        if choice == BOTH:
            self._clone_letter(key)
        elif choice == OFFLINE:
            for table, k in [(letters, key), *((R.BY_NAME["responses"], r) for r in responses)]:
                fields = [
                    f
                    for f in R.compared(table)
                    if self.off[table.name][k].get(f) != self.srv[table.name][k].get(f)
                ]
                if fields:
                    self._apply_fields(table, k, fields)
                    self.out.changes.append(
                        Change(
                            "update",
                            self._name(table.name, self.off_raw[table.name][k]),
                            tuple(fields),
                            "conflict resolved: as issued offline",
                        )
                    )

    def _clone_letter(self, key: R.Key) -> None:
        """The offline letter, with what it holds, added again as a new letter (REF-offline)."""
        self.cloned.setdefault("letters", set()).add(key)
        for child in R.TABLES:
            for col, parent in R.owners(child):
                if parent == "letters":
                    for ckey, crow in self.off_raw.get(child.name, {}).items():
                        if crow.get(col) == key[0]:
                            self.cloned.setdefault(child.name, set()).add(ckey)

    def _issued_on_both(self, table: Table, key: R.Key, what: str) -> None:
        off, srv = self.off["letters"][key], self.srv["letters"][key]
        diffs = tuple(
            FieldDiff(f, R.shown(off.get(f)), R.shown(srv.get(f)), R.shown(self.base["letters"][key].get(f)))
            for f in ("issued_at", "issued_sha256")
        )
        choice = self._choice(
            Conflict(
                f"letters:{R.key_text(key)}",
                "issued_on_both",
                what,
                diffs,
                (SERVER, BOTH),
                "issued offline and on the server, different PDFs. Server: keep the server's issue only "
                "(the offline one is not brought back). Both: the offline issue is kept as a letter of "
                "its own, with its PDF and SHA-256.",
            )
        )
        if choice == BOTH:
            self._clone_letter(key)

    # --- writing ------------------------------------------------------------------------------

    def _pk_clause(self, table: Table, key: R.Key) -> Any:
        return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))

    def _is_new(self, table: str, value: Any) -> bool:
        key = (value,)
        return key in self.off.get(table, {}) and (
            key not in self.base.get(table, {}) or key in self.cloned.get(table, set())
        )

    def _apply_fields(self, table: Table, key: R.Key, fields: Iterable[str]) -> None:
        targets = R.fk_targets(table)
        values: dict[str, Any] = {}
        for f in fields:
            value = self.off_raw[table.name][key][f]
            if f in targets and value is not None and self._is_new(targets[f][0], value):
                self.deferred.append((table, key, f, value))  # the new record is added below
                continue
            values[f] = self._remap_value(table, f, value)
        if values:
            self._update_row(table, key, values, bump=True)

    def _update_row(self, table: Table, key: R.Key, values: dict[str, Any], *, bump: bool) -> None:
        if "issued_pdf" in values or "issued_sha256" in values:
            _check_pdf(self.off_raw[table.name][key])
        if bump and "version_id" in table.c:
            values["version_id"] = table.c.version_id + 1
        self.conn.execute(update(table).where(self._pk_clause(table, key)).values(**values))

    def _remap_value(self, table: Table, column: str, value: Any) -> Any:
        target = R.fk_targets(table).get(column)
        if target is None or value is None:
            return value
        parent, how = target
        mapped = self.id_map.get(parent, {}).get(value)
        if mapped is not None:
            return mapped
        in_b, _in_o, in_s = self._state(parent, (value,))
        if in_b and not in_s and how == "SET NULL":
            return None  # it is gone from the server, and the server would have cleared it too
        return value

    def _inserts(self, table: Table) -> None:
        name = table.name
        cloned = self.cloned.get(name, set())
        dropped = self.dropped.get(name, set())
        for key in sorted(self.off_raw.get(name, {}), key=R.order):
            if key in dropped or (key in self.base.get(name, {}) and key not in cloned):
                continue
            row = dict(self.off_raw[name][key])
            if any(
                how == "CASCADE" and row.get(col) is not None and self._lost(parent, row[col])
                for col, (parent, how) in R.fk_targets(table).items()
            ):
                continue  # its owner stays deleted on the server
            for col in R.fk_targets(table):
                row[col] = self._remap_value(table, col, row[col])
            self._insert(table, key, row)

    def _lost(self, parent: str, value: Any) -> bool:
        if value in self.id_map.get(parent, {}):
            return False
        in_b, _in_o, in_s = self._state(parent, (value,))
        return (value,) in self.dropped.get(parent, set()) or (in_b and not in_s)

    def _insert(self, table: Table, key: R.Key, row: R.Row) -> None:
        name = table.name
        what = self._name(name, self.off_raw[name][key])
        note = ""
        if name == "letters":
            _check_pdf(row)
        if name in R.RENUMBERED:
            col = R.RENUMBERED[name]
            wanted = row[col]
            kept_on_server = key in self.cloned.get(name, set()) and key in self.srv.get(name, {})
            row[col] = free_reference(self.conn, table, f"{wanted}-offline" if kept_on_server else wanted)
            if row[col] != wanted:
                note = f"now {row[col]} (offline it was {wanted})"
                what = f"{R.NOUNS_OF.get(name, name)} {row[col]}"
                self.namer.renamed[(name, key[0])] = row[col]
        existing = self._same_record(table, row)
        if existing is not None:
            self._added_on_both(table, key, row, existing, what)
            return
        if R.has_id(table):
            values = {c: v for c, v in row.items() if c != "id"}
            new_id = self.conn.execute(insert(table).returning(table.c.id), values).scalar_one()
            self.id_map.setdefault(name, {})[key[0]] = new_id
        else:
            self.conn.execute(insert(table), row)
        self.out.changes.append(Change("add", what, (), note))

    def _same_record(self, table: Table, row: R.Row) -> R.Row | None:
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
            found = self.conn.execute(select(table).where(clause).limit(1)).first()
            if found is not None:
                return dict(found._mapping)
        return None

    def _added_on_both(self, table: Table, key: R.Key, row: R.Row, existing: R.Row, what: str) -> None:
        name = table.name
        if R.has_id(table):
            self.id_map.setdefault(name, {})[key[0]] = existing["id"]
        fields = [
            f
            for f in R.compared(table)
            if f not in ("created_at", "at", "recorded_at", "updated_at", "updated_by")
            and R.plain(row.get(f)) != R.plain(existing.get(f))
        ]
        if name == "attachments" or not fields:
            self.out.changes.append(Change("match", what, (), "the server already has it"))
            return
        diffs = tuple(
            FieldDiff(f, R.shown(R.plain(row[f])), R.shown(R.plain(existing[f])), "(new)") for f in fields
        )
        choice = self._choice(
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
            self.conn.execute(update(table).where(self._pk_clause(table, server_key)).values(**values))
            self.out.changes.append(Change("update", what, tuple(fields), "conflict resolved"))


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
