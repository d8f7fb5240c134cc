"""What the three-way merge knows and decides as it goes, shared by the steps in merge_*.py.

The three sides (as taken, offline, on the server), the person's resolutions, the outcome being
built, and the sets the steps hand each other: records to add again as new, offline records that stay
out, references left for last and records already decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.records import OFFLINE, SERVER, Change, Conflict

Tables = dict[str, dict[R.Key, R.Row]]


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    server_only: int = 0
    id_map: dict[str, dict[Any, Any]] = field(default_factory=dict)


class MergeState:
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

    def name(self, table: str, row: R.Row) -> str:
        return self.namer.name(table, row)

    def choice(self, conflict: Conflict) -> Any:
        """The person's choice for `conflict` (recorded as found), or None while it is unresolved."""
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

    def state(self, table: str, key: R.Key) -> tuple[bool, bool, bool]:
        """Whether the record is in the base, offline, on the server."""
        return (
            key in self.base.get(table, {}),
            key in self.off.get(table, {}),
            key in self.srv.get(table, {}),
        )

    def changed(self, side: Tables, table: str, key: R.Key) -> list[str]:
        base, now = self.base[table][key], side[table][key]
        return [f for f in R.compared(R.BY_NAME[table]) if now.get(f) != base.get(f)]

    def parents(self, table: str, row: R.Row) -> list[tuple[str, R.Key]]:
        return [
            (parent, (row[col],)) for col, parent in R.owners(R.BY_NAME[table]) if row.get(col) is not None
        ]

    def top(self, table: str, key: R.Key, rows: Tables, gone: Any) -> tuple[str, R.Key]:
        """Climb owners while they are gone too (deleted on one side): the group's head."""
        here = (table, key)
        while True:
            row = rows[here[0]][here[1]]
            up = [p for p in self.parents(here[0], row) if gone(*p)]
            if not up:
                return here
            here = up[0]

    def is_new(self, table: str, value: Any) -> bool:
        """Whether the record with id `value` is added by this check-in (its server id is not known yet)."""
        key = (value,)
        return key in self.off.get(table, {}) and (
            key not in self.base.get(table, {}) or key in self.cloned.get(table, set())
        )
