"""What every service shares: a short unit of work, error translation and the audit event.

Each public service call is one transaction (`with self._unit() as s:`) that also writes its audit
event, and returns frozen records, never ORM rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import getpass
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from sqlalchemy import ScalarSelect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from correspondence_desk.core import model as m
from correspondence_desk.core.db import Database, storage_errors
from correspondence_desk.core.errors import ConflictError, NotFoundError, ValidationError
from correspondence_desk.core.model import AuditEvent, Base

T = TypeVar("T", bound=Base)


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


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
        """One transaction; database trouble becomes a StorageError, a lost race a ConflictError."""
        with storage_errors(self._db.location):
            try:
                with self._db.session_factory.begin() as session:
                    yield session
            except StaleDataError as exc:
                raise ConflictError(
                    f"This {self.entity} was changed by someone else while you were editing it. "
                    "Reload it and make your change again."
                ) from exc
            except IntegrityError as exc:
                raise ValidationError(_integrity_message(exc, self.entity)) from exc

    def _audit(
        self,
        session: Session,
        action: str,
        entity_id: int | None,
        changes: Mapping[str, Any] | None = None,
        summary: str = "",
        entity: str | None = None,
    ) -> None:
        session.add(
            AuditEvent(
                at=utcnow(),
                os_user=self._actor,
                entity=entity or self.entity,
                entity_id=entity_id,
                action=action,
                changes={k: _jsonable(v) for k, v in (changes or {}).items()},
                summary=summary,
            )
        )

    def _get(self, session: Session, cls: type[T], obj_id: int, what: str | None = None) -> T:
        obj = session.get(cls, obj_id)
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


def _integrity_message(exc: IntegrityError, entity: str) -> str:
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate" in text:
        field = text.rsplit(".", 1)[-1].strip() if "." in text else "value"
        return f"Another {entity} already has this {field.replace('_', ' ')}."
    if "foreign key" in text:
        return f"This {entity} is still referred to elsewhere, or refers to something that no longer exists."
    if "not null" in text:
        return f"A required field of the {entity} is empty."
    return f"The {entity} could not be saved: {exc.orig}"
