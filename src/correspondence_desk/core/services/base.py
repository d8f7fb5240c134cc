"""What every service shares: a short unit of work, error translation and the audit event.

Each public service call is one transaction (`with self._unit() as s:`) that also writes its audit
event, and returns frozen records, never ORM rows. Inside `Database.transaction()` the calls join
one transaction instead (the demo, an import that saves a report and its letter).

A unit that decides from what it reads (a free reference, whether a committee is new) calls
`self._lock(s)` first: one writer at a time on both engines (write_lock.py), so two colleagues
saving at once never pick the same reference or add the same committee twice. The audit event is
hash-chained to the one before it (audit_chain.py) under the same lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import getpass
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from correspondence_desk.core import audit_chain
from correspondence_desk.core import model as m
from correspondence_desk.core.db import Database, storage_errors
from correspondence_desk.core.errors import ConflictError, NotFoundError, ReadOnlyError, ValidationError
from correspondence_desk.core.guards import NOUNS, lock_session
from correspondence_desk.core.model import AuditEvent, Base

MAX_ID = 2**31 - 1  # ids are INTEGER on PostgreSQL

T = TypeVar("T", bound=Base)


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"


def utcnow() -> dt.datetime:
    return audit_chain.utcnow()


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class ServiceBase:
    entity = "record"  # used in messages and audit events

    def __init__(self, db: Database, actor: str | None = None) -> None:
        self._db = db
        self._actor = actor or current_os_user()

    @contextlib.contextmanager
    def _unit(self) -> Iterator[Session]:
        """One transaction (or the enclosing `Database.transaction()`); database trouble becomes a
        StorageError, a lost race a ConflictError, a value the database cannot hold a ValidationError."""
        joined = self._db.joined_session()
        with self._translated():
            if joined is not None:
                yield joined
                return
            with self._db.session_factory.begin() as session:
                yield session

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        with storage_errors(self._db.location):
            try:
                yield
            except StaleDataError as exc:
                raise ConflictError(
                    f"This {self.entity} was changed by someone else while you were editing it. "
                    "Reload it and make your change again."
                ) from exc
            except IntegrityError as exc:
                raise ValidationError(_integrity_message(exc, self.entity)) from exc
            except OverflowError as exc:  # a number beyond what SQLite holds (64 bits)
                raise ValidationError(f"A number given for this {self.entity} is out of range.") from exc
            except DataError as exc:  # PostgreSQL: a value out of its column's range
                raise ValidationError(
                    f"A value given for this {self.entity} is out of range: {_first(exc)}"
                ) from exc

    def _lock(self, s: Session) -> None:
        """Serialise this unit with every other writer from here on (see the module docstring)."""
        if self._db.read_only:
            raise ReadOnlyError(f"{self._db.read_only_reason}; changes cannot be saved.")
        lock_session(s)

    def _audit(
        self,
        session: Session,
        action: str,
        entity_id: int | None,
        changes: Mapping[str, Any] | None = None,
        summary: str = "",
        entity: str | None = None,
    ) -> None:
        self._lock(session)
        prev = session.info.get("audit_head")
        if prev is None:
            prev = (
                session.scalar(select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1))
                or audit_chain.GENESIS
            )
        event = audit_chain.chained(
            prev,
            self._actor,
            entity or self.entity,
            entity_id,
            action,
            {k: _jsonable(v) for k, v in (changes or {}).items()},
            summary,
        )
        session.add(AuditEvent(**event.values(), db_user=""))
        session.info["audit_head"] = event.chain_hash

    def _get(self, session: Session, cls: type[T], obj_id: int, what: str | None = None) -> T:
        obj = session.get(cls, obj_id) if 0 < obj_id <= MAX_ID else None
        if obj is None:
            raise NotFoundError(f"There is no {what or self.entity} with id {obj_id}.")
        return obj

    def _check_version(self, obj: Any, version: int | None, what: str | None = None) -> None:
        if version is not None and obj.version_id != version:
            raise ConflictError(
                f"This {what or self.entity} was changed by someone else since you opened it. "
                "Reload it and make your change again."
            )


def apply_changes(obj: Any, changes: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, list[Any]]:
    """Set the allowed attributes that differ; return {field: [old, new]} for the audit log."""
    allowed = set(allowed)
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))}.")
    diff: dict[str, list[Any]] = {}
    for name, new in changes.items():
        old = getattr(obj, name)
        if old != new:
            setattr(obj, name, new)
            diff[name] = [_jsonable(old), _jsonable(new)]
    return diff


def letter_first_report() -> ScalarSelect[int]:
    """Correlated subquery: the report of a letter's first response (where opening a letter's hit leads)."""
    return (
        select(m.Recommendation.report_id)
        .join(m.Response, m.Response.recommendation_id == m.Recommendation.id)
        .where(m.Response.letter_id == m.Letter.id)
        .order_by(m.Response.sort_order)
        .limit(1)
        .scalar_subquery()
    )


def touch(row: Any) -> None:
    """Only child rows changed: mark the parent dirty so its optimistic-lock version moves on."""
    from sqlalchemy.orm.attributes import flag_modified

    flag_modified(row, "id")


def require_text(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"The {what} cannot be empty.")
    return value


def next_free_reference(s: Session, model: Any, prefix: str) -> str:
    """The next "PREFIX-YEAR-NNN" not in use, chosen inside the saving transaction (after _lock)."""
    year = dt.date.today().year
    count = s.scalar(select(func.count()).select_from(model)) or 0
    while True:
        count += 1
        ref = f"{prefix}-{year}-{count:03d}"
        if s.scalar(select(model.id).where(func.lower(model.reference) == ref.lower())) is None:
            return ref


def _first(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


# unique constraints people meet, said in their words ({} is the value, when the server gives it)
UNIQUE = {
    "reports.reference": "Another report already has the reference{}.",
    "letters.reference": "Another letter already has the reference{}.",
    "bodies.name": "Another body is already called{}.",
    "committees.name": "Another committee is already called{}.",
    "standard_lines.title": "Another standard line already has the title{}.",
    "attachments.sha256": "This file is already stored.",
    "recommendations.report_id, recommendations.label": "This report already has a recommendation{}.",
    "responses.letter_id, responses.recommendation_id": "This letter already answers that recommendation.",
}
_PG_KEY = re.compile(r"Key \((?P<cols>[^)]*)\)=\((?P<vals>.*)\) already exists")
_PG_CONSTRAINT = re.compile(r'constraint "(?P<name>[^"]+)"')
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<cols>.+)$")


def _unique_columns(text: str) -> tuple[str, str]:
    """("table.col, table.col2", value) from an SQLite or PostgreSQL unique-violation message."""
    found = _SQLITE_UNIQUE.search(text)
    if found:
        return found["cols"].strip(), ""
    name = _PG_CONSTRAINT.search(text)
    key = _PG_KEY.search(text)
    table = ""
    if name:
        for tbl in Base.metadata.tables.values():
            if any(c.name == name["name"] for c in tbl.constraints) or any(
                i.name == name["name"] for i in tbl.indexes
            ):
                table = tbl.name
    if table and key:
        cols = ", ".join(f"{table}.{c.strip()}" for c in key["cols"].split(","))
        value = key["vals"].split(", ")[-1]
        return cols, value
    return "", ""


def _integrity_message(exc: IntegrityError, entity: str) -> str:
    text = str(exc.orig)
    lowered = text.lower()
    if "unique" in lowered or "duplicate" in lowered:
        cols, value = _unique_columns(text)
        template = UNIQUE.get(cols)
        if template:
            return template.format(f" “{value}”" if value else "")
        field = cols.rsplit(".", 1)[-1].replace("_", " ") if cols else "value"
        return f"Another {entity} already has this {field}{f' (“{value}”)' if value else ''}."
    if "foreign key" in lowered:
        table = re.search(r'on table "(\w+)"\s*$', text.splitlines()[0]) if text else None
        user = NOUNS.get(table.group(1), "record") if table else ""
        if user:
            return f"This {entity} is still used by a {user}, so it cannot be removed or changed."
        return f"This {entity} is still referred to elsewhere, or refers to something that no longer exists."
    if "not null" in lowered:
        return f"A required field of the {entity} is empty."
    return f"The {entity} could not be saved: {_first(exc)}"
