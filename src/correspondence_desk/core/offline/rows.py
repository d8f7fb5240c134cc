"""Which tables travel in an offline copy, and how their rows are keyed, compared and named.

Rows are read with SQLAlchemy Core (one shape for every table). For comparing, each value is made
plain — an enum its value, a date its ISO text, file bytes their SHA-256 — so a copy's base can be
kept as JSON and the three sides compared with `==`.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.engine import Connection

from correspondence_desk.core.guards import NOUNS
from correspondence_desk.core.model import Base

# never copied: the audit log travels as events (checkin.py), the rest is the copies' own bookkeeping
LOCAL_TABLES = frozenset(
    {"audit_events", "offline_copies", "offline_copy_reports", "offline_origin", "offline_base"}
)
TABLES: tuple[Table, ...] = tuple(t for t in Base.metadata.sorted_tables if t.name not in LOCAL_TABLES)
BY_NAME = {t.name: t for t in TABLES}
ALL: dict[str, Table] = {t.name: t for t in Base.metadata.sorted_tables}
IGNORED = frozenset({"version_id"})  # moved on by every save; compared through the values themselves
# a new record offline whose unique value the server already has is the same thing (a body named
# alike, the same file) — except references, which are renumbered when taken
RENUMBERED = {"reports": "reference", "letters": "reference"}
CHUNK = 500
ISSUE_FIELDS = ("status", "issued_at", "issued_pdf", "issued_sha256", "issued_snapshot")

Key = tuple[Any, ...]
Row = dict[str, Any]


def key_of(table: Table, row: Row) -> Key:
    return tuple(row[c.name] for c in table.primary_key.columns)


def key_text(key: Key) -> str:
    return json.dumps(list(key), separators=(",", ":"))


def key_from_text(text: str) -> Key:
    return tuple(json.loads(text))


def has_id(table: Table) -> bool:
    cols = list(table.primary_key.columns)
    return len(cols) == 1 and cols[0].name == "id"


def compared(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in IGNORED and not (c.primary_key and has_id(table))]


def plain(value: Any) -> Any:
    """A value as JSON keeps it, comparable across engines."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def plain_row(table: Table, row: Row) -> Row:
    return {name: plain(row[name]) for name in row if name in table.c}


def shown(value: Any) -> str:
    """A plain value as a person reads it in the conflicts dialog."""
    if value is None:
        return "(none)"
    if isinstance(value, str) and value.startswith("sha256:") and len(value) == 71:
        return f"file, SHA-256 {value[7:19]}…"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)[:400]
    return str(value)


def fk_targets(table: Table) -> dict[str, tuple[str, str]]:
    """column → (referred table, ondelete) for each foreign key."""
    return {fk.parent.name: (fk.column.table.name, (fk.ondelete or "").upper()) for fk in table.foreign_keys}


def owners(table: Table) -> list[tuple[str, str]]:
    """(column, parent table) of the foreign keys that own the row (ON DELETE CASCADE)."""
    return [(col, parent) for col, (parent, how) in fk_targets(table).items() if how == "CASCADE"]


def unique_sets(table: Table) -> list[tuple[str, ...]]:
    from sqlalchemy import UniqueConstraint

    return [
        tuple(c.name for c in con.columns) for con in table.constraints if isinstance(con, UniqueConstraint)
    ]


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def rows_where(conn: Connection, table: Table, column: str, values: Iterable[Any]) -> list[Row]:
    """The rows whose `column` is one of `values`, a few hundred at a time."""
    wanted = sorted(set(values), key=str)
    out: list[Row] = []
    col: Column[Any] = table.c[column]
    order = list(table.primary_key.columns)
    for part in chunks(wanted):
        out += [dict(r._mapping) for r in conn.execute(select(table).where(col.in_(part)).order_by(*order))]
    return out


def all_rows(conn: Connection, table: Table) -> list[Row]:
    order = list(table.primary_key.columns)
    return [dict(r._mapping) for r in conn.execute(select(table).order_by(*order))]


class Namer:
    """Names records the way the desk does ("report TEC-2026-04", "recommendation 3 of report …"),
    looking parents up in the rows at hand."""

    def __init__(self, *sources: dict[str, dict[Key, Row]]) -> None:
        self.sources = sources
        self.renamed: dict[tuple[str, Any], str] = {}  # a new record's reference on the server

    def _find(self, table: str, row_id: Any) -> Row | None:
        for source in self.sources:
            row = source.get(table, {}).get((row_id,))
            if row is not None:
                renamed = self.renamed.get((table, row_id))
                return {**row, "reference": renamed} if renamed else row
        return None

    def name(self, table: str, row: Row) -> str:
        noun = NOUNS.get(table, table.replace("_", " ").rstrip("s"))
        if table in ("reports", "letters"):
            return f"{noun} {self.renamed.get((table, row.get('id')), row.get('reference'))}"
        if table == "recommendations":
            report = self._find("reports", row.get("report_id"))
            of = f" of report {report['reference']}" if report else ""
            return f"recommendation {row.get('label')}{of}"
        if table == "responses":
            rec = self._find("recommendations", row.get("recommendation_id"))
            letter = self._find("letters", row.get("letter_id"))
            what = f"recommendation {rec['label']}" if rec else "a recommendation"
            return f"the response to {what} in letter {letter['reference'] if letter else '?'}"
        if table in ("clearance_steps", "clearance_actions", "progress_updates", "expected_responses"):
            parent_table, col = (
                ("letters", "letter_id") if "letter_id" in row and table != "expected_responses" else ("", "")
            )
            if table == "progress_updates":
                rec = self._find("recommendations", row.get("recommendation_id"))
                return (
                    f"a progress update on {self.name('recommendations', rec) if rec else 'a recommendation'}"
                )
            if table == "expected_responses":
                report = self._find("reports", row.get("report_id"))
                return f"an expected date for report {report['reference'] if report else '?'}"
            letter = self._find(parent_table, row.get(col))
            step = "a clearance step" if table == "clearance_steps" else "a clearance action"
            return f"{step} of letter {letter['reference'] if letter else '?'}"
        for attr in ("name", "title", "key", "organisation", "filename"):
            if row.get(attr):
                return f"{noun} “{row[attr]}”"
        return f"{noun} #{row.get('id')}"


NOUNS_OF = dict(NOUNS)


def order(key: Key) -> tuple[tuple[int, Any], ...]:
    """Keys in id order (10 after 9), whatever their types."""
    return tuple((0, v) if isinstance(v, int) else (1, str(v)) for v in key)


# audit events name their record by noun ("report"); the table it lives in
ENTITY_TABLES = {
    **{noun: table for table, noun in NOUNS.items()},
    "progress update": "progress_updates",
    "colleague": "colleagues",
    "letterhead": "letterheads",
    "office setting": "office_settings",
}
