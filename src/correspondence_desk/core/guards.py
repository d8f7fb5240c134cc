"""Checks every flush makes before the database sees it, whichever service (or engine) is saving.

- A read-only database (media, file, folder or role) refuses any change with a ReadOnlyError.
- Text longer than its column, a NUL character, or a whole number outside the column's range gets a
  ValidationError naming the record and the field: SQLite would store the first silently and
  PostgreSQL refuse it with a traceback; neither accepts a NUL the same way.
- On PostgreSQL the transaction takes the write lock (write_lock.py) before its first change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from correspondence_desk.core.errors import ReadOnlyError, ValidationError
from correspondence_desk.core.write_lock import take_write_lock

INT32 = 2**31 - 1  # PostgreSQL INTEGER; SQLite's are wider, the same limit keeps the engines alike
LOCKED = "desk_write_locked"

NOUNS = {
    "reports": "report",
    "recommendations": "recommendation",
    "letters": "letter",
    "responses": "response",
    "bodies": "body",
    "contacts": "contact",
    "committees": "committee",
    "attachments": "attachment",
    "standard_lines": "standard line",
    "audit_events": "audit event",
    "recommendation_addressees": "addressee",
}
# how a record is named in a message: (attribute, template)
NAMES = {
    "reports": ("reference", "report {}"),
    "letters": ("reference", "letter {}"),
    "recommendations": ("label", "recommendation {}"),
    "bodies": ("name", "the body “{}”"),
    "committees": ("name", "the committee “{}”"),
    "contacts": ("name", "the contact “{}”"),
    "standard_lines": ("title", "the standard line “{}”"),
    "attachments": ("filename", "the file “{}”"),
}


def lock_session(session: Session) -> None:
    """Take the write lock for the session's transaction, once."""
    if session.info.get(LOCKED):
        return
    session.info[LOCKED] = True
    take_write_lock(session.connection())


def install_guards(factory: sessionmaker[Session], db: Any) -> None:
    postgresql = db.engine.dialect.name == "postgresql"

    @event.listens_for(factory, "before_flush")
    def _before_flush(session: Session, _context: object, _instances: object) -> None:
        if not (session.new or session.dirty or session.deleted):
            return
        if db.read_only:
            raise ReadOnlyError(f"{db.read_only_reason}; changes cannot be saved.")
        for obj in list(session.new) + list(session.dirty):
            check_values(obj)
        if postgresql:
            lock_session(session)

    @event.listens_for(factory, "after_transaction_end")
    def _after(session: Session, transaction: Any) -> None:
        if transaction.parent is None:
            session.info.pop(LOCKED, None)
            session.info.pop("audit_head", None)


def _record_name(table: str, values: dict[str, Any], field: str) -> str:
    noun = NOUNS.get(table, "record")
    attr, template = NAMES.get(table, ("", ""))
    value = values.get(attr)
    if attr and attr != field and isinstance(value, str) and value.strip() and len(value) <= 80:
        return template.format(value.strip())
    return f"this {noun}"


def check_values(obj: Any) -> None:
    state = inspect(obj)
    table = state.mapper.local_table.name
    new = state.key is None
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key not in state.dict:
            continue
        if not new and not state.attrs[key].history.has_changes():
            continue
        value = state.dict[key]
        column = attr.columns[0]
        label = key.replace("_", " ")
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError(
                    f"The {label} of {_record_name(table, state.dict, key)} contains a NUL character (\\0), "
                    "which cannot be stored; remove it and save again."
                )
            length = getattr(column.type, "length", None)
            if length and len(value) > length:
                raise ValidationError(
                    f"The {label} of {_record_name(table, state.dict, key)} is too long: {len(value):,} "
                    f"characters, at most {length:,}. Shorten it and save again."
                )
        elif isinstance(value, int) and not isinstance(value, bool) and isinstance(column.type, Integer):
            if not -INT32 - 1 <= value <= INT32:
                raise ValidationError(
                    f"The {label} of {_record_name(table, state.dict, key)} is out of range ({value})."
                )
        elif isinstance(value, list | dict) and _has_nul(value):
            raise ValidationError(
                f"The {label} of {_record_name(table, state.dict, key)} contains a NUL character (\\0), "
                "which cannot be stored; remove it and save again."
            )


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False
