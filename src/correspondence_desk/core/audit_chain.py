"""The audit log's hash chain: tamper-evident history on both engines.

Each event stores `prev_hash` (the hash of the event before it, "" for the first) and `chain_hash`,
the SHA-256 of its own contents together with `prev_hash`. Changing, removing or reordering an
event breaks the link at that event, and `check` reports the first broken one. An issued letter's
"issue" event carries the issued PDF's SHA-256, so the stored bytes are tied into the chain too.

The append-only triggers stop ordinary edits; the chain is what shows an edit made by someone who
got past them (a dropped trigger, a file edited by hand). Whoever can rewrite the whole log can
rebuild the chain after their change, which is why `check` prints the head hash: written down
elsewhere, it pins the history up to that point.

FORMAT is part of every stored hash: it never changes once shipped (a new format gets a new name).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

FORMAT = "cd-audit-1"
GENESIS = ""  # the prev_hash of the first event


def utcnow() -> dt.datetime:
    """Event time: UTC, whole seconds, no tzinfo (the same value on both engines)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def canonical_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes exactly as the JSON column gives them back (tuples become lists, keys strings)."""
    loaded: dict[str, Any] = json.loads(json.dumps(dict(changes), default=str, ensure_ascii=False))
    return loaded


def event_hash(
    prev_hash: str,
    at: dt.datetime,
    os_user: str,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: Mapping[str, Any],
    summary: str,
) -> str:
    payload = [FORMAT, prev_hash, at.isoformat(sep=" "), os_user, entity, entity_id, action, changes, summary]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewEvent:
    """An event ready to insert: its chain fields filled in."""

    at: dt.datetime
    os_user: str
    entity: str
    entity_id: int | None
    action: str
    changes: dict[str, Any]
    summary: str
    prev_hash: str
    chain_hash: str

    def values(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "os_user": self.os_user,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "action": self.action,
            "changes": self.changes,
            "summary": self.summary,
            "prev_hash": self.prev_hash,
            "chain_hash": self.chain_hash,
        }


def chained(
    prev_hash: str,
    os_user: str,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: Mapping[str, Any] | None = None,
    summary: str = "",
    at: dt.datetime | None = None,
) -> NewEvent:
    at = at or utcnow()
    clean = canonical_changes(changes or {})
    digest = event_hash(prev_hash, at, os_user, entity, entity_id, action, clean, summary)
    return NewEvent(at, os_user, entity, entity_id, action, clean, summary, prev_hash, digest)


# --- verifying -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    events: int
    head: str  # the newest event's hash: write it down to pin the history
    problem: str = ""  # the first broken link, "" when the chain holds

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_chain(rows: Iterable[tuple[Any, ...]]) -> ChainReport:
    """Walk the events oldest first: rows of (id, at, os_user, entity, entity_id, action, changes,
    summary, prev_hash, chain_hash). Stops at the first broken link."""
    prev = GENESIS
    count = 0
    for row in rows:
        event_id, at, os_user, entity, entity_id, action, changes, summary, prev_hash, digest = row
        count += 1
        what = f"event #{event_id} ({at:%Y-%m-%d %H:%M}, {action} {entity} {entity_id or ''}".strip() + ")"
        if prev_hash != prev:
            return ChainReport(
                count,
                prev,
                f"the audit log is broken at {what}: it does not follow the event before it "
                "(an event was removed, inserted or changed there)",
            )
        if event_hash(prev_hash, at, os_user, entity, entity_id, action, changes or {}, summary) != digest:
            return ChainReport(
                count, prev, f"the audit log is broken at {what}: its contents do not match its hash"
            )
        prev = digest
    return ChainReport(count, prev)
