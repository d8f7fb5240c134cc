"""What taking a copy offline and bringing it back report, as frozen records (no database here).

A check-in plan lists what is (or, in a dry run, would be) applied and every conflict, each with
the values on both sides and the base they came from, and the choices a person can make.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

OFFLINE, SERVER, BOTH = "offline", "server", "both"

# the kinds of conflict, in the words the dialog and the CLI use
KINDS = {
    "same_field": "changed on both sides",
    "deleted_on_server": "changed offline, deleted on the server",
    "deleted_offline": "deleted offline, changed on the server",
    "issued_on_both": "issued on both sides",
    "issued_offline_edited_on_server": "issued offline; edited on the server since it was taken",
    "added_on_both": "added on both sides",
}


@dataclass(frozen=True)
class FieldDiff:
    field: str
    offline: str
    server: str
    base: str


@dataclass(frozen=True)
class Conflict:
    id: str  # "table:key", stable between a dry run and the run that applies it
    kind: str
    what: str  # "report TEC-2026-04", "recommendation 3 of report TEC-2026-04"
    fields: tuple[FieldDiff, ...] = ()
    choices: tuple[str, ...] = (OFFLINE, SERVER)
    note: str = ""
    per_field: bool = False  # a choice may be made for each field

    @property
    def kind_words(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def to_json(self, choice: Any = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "what": self.what,
            "note": self.note,
            "choices": list(self.choices),
            "fields": [
                {"field": f.field, "offline": f.offline, "server": f.server, "base": f.base}
                for f in self.fields
            ],
            "choice": choice,
        }


@dataclass(frozen=True)
class Change:
    action: str  # "add", "update", "delete", "merge" (both sides, different fields), "match", "event"
    what: str
    fields: tuple[str, ...] = ()
    note: str = ""

    def line(self) -> str:
        verb = {
            "add": "add",
            "update": "update",
            "delete": "delete",
            "merge": "merge",
            "match": "match",
        }.get(self.action, self.action)
        detail = f" ({', '.join(self.fields)})" if self.fields else ""
        note = f" — {self.note}" if self.note else ""
        return f"{verb} {self.what}{detail}{note}"


@dataclass(frozen=True)
class CheckinPlan:
    copy: str
    server: str
    taken_by: str
    taken_at: dt.datetime | None
    changes: tuple[Change, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unresolved: tuple[str, ...] = ()  # conflict ids with no choice made
    server_only: int = 0  # records changed only on the server, left as they are
    events: int = 0  # offline audit events appended to the server's chain
    dry_run: bool = False
    applied: bool = False
    already: str = ""  # "brought back on … by …" when it had been
    resolutions: dict[str, Any] = field(default_factory=dict)

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def summary(self) -> str:
        if self.already:
            return self.already
        parts = [
            f"{self.count('add')} added",
            f"{self.count('update')} updated",
            f"{self.count('delete')} deleted",
        ]
        if self.count("merge"):
            parts.append(f"{self.count('merge')} merged (different fields on each side)")
        if self.server_only:
            parts.append(f"{self.server_only} changed only on the server kept")
        parts.append(f"{self.events} offline audit events")
        head = ", ".join(parts)
        if self.unresolved:
            needing = f"{len(self.unresolved)} of {len(self.conflicts)} conflicts need a choice"
            return f"{needing}; nothing applied ({head})."
        if self.applied:
            return f"Brought back: {head}."
        return f"Would bring back: {head}; {len(self.conflicts)} conflicts."

    def to_json(self) -> dict[str, Any]:
        return {
            "copy": self.copy,
            "server": self.server,
            "taken_by": self.taken_by,
            "taken_at": self.taken_at.isoformat(sep=" ") if self.taken_at else None,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "already_brought_back": self.already or None,
            "changes": [
                {"action": c.action, "what": c.what, "fields": list(c.fields), "note": c.note}
                for c in self.changes
            ],
            "server_only": self.server_only,
            "events": self.events,
            "conflicts": [c.to_json(self.resolutions.get(c.id)) for c in self.conflicts],
            "unresolved": list(self.unresolved),
            "summary": self.summary(),
        }


@dataclass(frozen=True)
class CheckoutResult:
    path: str
    server: str
    copy_id: str
    reports: tuple[str, ...]  # references
    counts: dict[str, int]
    protected: bool
    taken_at: dt.datetime

    def lines(self) -> list[str]:
        from correspondence_desk.core.text import count

        rows = ", ".join(f"{n:,} {t.replace('_', ' ')}" for t, n in self.counts.items() if n)
        sealed = "sealed with a passphrase" if self.protected else "not sealed"
        return [
            f"Took {count(len(self.reports), 'report')} offline from {self.server} to {self.path} "
            f"({sealed}).",
            f"It holds {rows}.",
            "Colleagues see a notice on these reports until the copy is brought back (`checkin`).",
        ]


@dataclass(frozen=True)
class OfflineOrigin:
    """An offline copy's origin, for the window's banner."""

    server: str
    taken_by: str
    taken_at: dt.datetime
    copy_id: str
    protected: bool
    brought_back_at: dt.datetime | None = None

    def banner(self) -> str:
        since = f"{self.taken_at:%d %b %Y %H:%M} UTC"
        if self.brought_back_at:
            return (
                f"Offline copy of {self.server}, brought back on {self.brought_back_at:%d %b %Y %H:%M} UTC: "
                "changes made now will not be brought back"
            )
        return f"Offline copy of {self.server} since {since}"


@dataclass(frozen=True)
class OfflineNotice:
    """On the server: a report someone has taken offline."""

    taken_by: str
    taken_at: dt.datetime
    label: str

    def text(self) -> str:
        return (
            f"Taken offline by {self.taken_by} on {self.taken_at:%d %b %Y %H:%M} UTC (a notice, not a lock)"
        )


def parse_resolutions(data: Any) -> dict[str, Any]:
    """Choices from a resolutions file: `{"id": "offline"}`, `{"resolutions": {...}}`, or the dry
    run's JSON with a "choice" filled in for each conflict (per field: "fields": [{"choice": …}])."""
    if isinstance(data, dict) and isinstance(data.get("conflicts"), list):
        found: dict[str, Any] = {}
        for item in data["conflicts"]:
            if not isinstance(item, dict) or "id" not in item:
                continue
            choice = item.get("choice")
            per_field = {
                f["field"]: f["choice"]
                for f in item.get("fields") or []
                if isinstance(f, dict) and f.get("choice") and "field" in f
            }
            if choice is not None:
                found[str(item["id"])] = choice
            elif per_field:
                found[str(item["id"])] = per_field
        return found
    if isinstance(data, dict) and isinstance(data.get("resolutions"), dict):
        data = data["resolutions"]
    if isinstance(data, dict):
        return {str(k): v for k, v in data.items()}
    raise ValueError("a resolutions file is a JSON object: the dry run's output with a choice per conflict")
