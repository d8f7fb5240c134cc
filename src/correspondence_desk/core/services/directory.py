"""Bodies, contacts, committees and standard lines: the office's reference lists.

They share one shape (list, get, create, update with optimistic lock, delete), so one small base
class serves all four; each adds only its fields, ordering and checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import func, select

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase, apply_changes, require_text

R = TypeVar("R")


class _ListService(ServiceBase, Generic[R]):
    model: ClassVar[type[Any]]
    fields: ClassVar[tuple[str, ...]]
    order_by: ClassVar[str] = "name"
    name_field: ClassVar[str] = "name"
    _unique_name: ClassVar[bool] = True  # the name column is UNIQUE (contacts' is not)
    # a convert.* function, row → record R (a staticmethod: mypy sees the plain function type)
    to_record: ClassVar[Callable[..., Any]]

    def _record(self, row: Any) -> R:
        record: R = type(self).to_record(row)
        return record

    def _clean(self, values: dict[str, Any]) -> dict[str, Any]:
        if self.name_field in values:
            values[self.name_field] = require_text(values[self.name_field], self.name_field.replace("_", " "))
        return values

    def list(self) -> list[R]:
        with self._unit() as s:
            rows = s.scalars(select(self.model).order_by(func.lower(getattr(self.model, self.order_by))))
            return [self._record(row) for row in rows]

    def get(self, obj_id: int) -> R:
        with self._unit() as s:
            return self._record(self._get(s, self.model, obj_id))

    def find(self, name: str) -> R | None:
        """The record with this name (case-insensitive), if any."""
        with self._unit() as s:
            col = getattr(self.model, self.name_field)
            row = s.scalars(select(self.model).where(func.lower(col) == name.strip().lower())).first()
            return self._record(row) if row else None

    def create(self, **values: Any) -> R:
        unknown = set(values) - set(self.fields)
        if unknown:
            raise ValidationError(f"Unknown field {', '.join(sorted(unknown))}.")
        values = self._clean(dict(values))
        with self._unit() as s:
            self._lock(s)
            self._refuse_duplicate(s, values)
            row = self.model(**values)
            s.add(row)
            s.flush()
            self._audit(s, "create", row.id, values, summary=str(values.get(self.name_field, "")))
            return self._record(row)

    def _refuse_duplicate(self, s: Any, values: dict[str, Any], obj_id: int | None = None) -> None:
        """A unique name already taken: say so, naming it (the write lock is held)."""
        name = values.get(self.name_field)
        if not isinstance(name, str) or not self._unique_name:
            return
        col = getattr(self.model, self.name_field)
        query = select(self.model.id).where(col == name)  # as the UNIQUE constraint compares
        if obj_id is not None:
            query = query.where(self.model.id != obj_id)
        if s.scalar(query) is not None:
            raise ValidationError(f"There is already a {self.entity} called “{name}”.")

    def update(self, obj_id: int, version: int | None = None, **changes: Any) -> R:
        changes = self._clean(dict(changes))
        with self._unit() as s:
            row = self._get(s, self.model, obj_id)
            self._check_version(row, version)
            if self.name_field in changes:
                self._lock(s)
                self._refuse_duplicate(s, changes, obj_id)
            diff = apply_changes(row, changes, self.fields)
            if diff:
                s.flush()
                self._audit(s, "update", row.id, diff, summary=str(getattr(row, self.name_field)))
            return self._record(row)

    def delete(self, obj_id: int, version: int | None = None) -> None:
        with self._unit() as s:
            row = self._get(s, self.model, obj_id)
            self._check_version(row, version)
            name = str(getattr(row, self.name_field))
            s.delete(row)
            s.flush()
            self._audit(s, "delete", obj_id, summary=name)


class BodiesService(_ListService[r.BodyRecord]):
    entity = "body"
    model = m.Body
    fields = ("name", "short_name", "aliases", "is_own")
    to_record = staticmethod(convert.body)

    def _clean(self, values: dict[str, Any]) -> dict[str, Any]:
        values = super()._clean(values)
        if "aliases" in values:
            values["aliases"] = _clean_aliases(values["aliases"])
        return values


def _clean_aliases(aliases: Iterable[str] | str) -> list[str]:
    if isinstance(aliases, str):
        aliases = aliases.replace(";", "\n").splitlines()
    seen: dict[str, str] = {}
    for alias in aliases:
        alias = " ".join(alias.split())
        if alias and alias.lower() not in seen:
            seen[alias.lower()] = alias
    return list(seen.values())


class ContactsService(_ListService[r.ContactRecord]):
    entity = "contact"
    model = m.Contact
    _unique_name = False
    fields = (
        "name",
        "post_nominals",
        "job_title",
        "organisation",
        "body_id",
        "address",
        "email",
        "salutation",
    )
    to_record = staticmethod(convert.contact)

    def _clean(self, values: dict[str, Any]) -> dict[str, Any]:
        values = super()._clean(values)
        email = values.get("email")
        if email and ("@" not in email or " " in email.strip()):
            raise ValidationError(f"“{email}” is not an email address.")
        return values

    def find_person(self, name: str, organisation: str = "") -> r.ContactRecord | None:
        with self._unit() as s:
            query = select(m.Contact).where(func.lower(m.Contact.name) == name.strip().lower())
            if organisation:
                query = query.where(func.lower(m.Contact.organisation) == organisation.strip().lower())
            row = s.scalars(query).first()
            return convert.contact(row) if row else None


class CommitteesService(_ListService[r.CommitteeRecord]):
    entity = "committee"
    model = m.Committee
    fields = ("name", "kind")
    to_record = staticmethod(convert.committee)

    def ensure(self, name: str, kind: str = "") -> r.CommitteeRecord:
        """The committee with this name, created if new (one transaction, under the write lock)."""
        name = require_text(name, "name")
        with self._unit() as s:
            self._lock(s)
            row = s.scalars(select(m.Committee).where(func.lower(m.Committee.name) == name.lower())).first()
            if row is None:
                row = m.Committee(name=name, kind=kind)
                s.add(row)
                s.flush()
                self._audit(s, "create", row.id, {"name": name, "kind": kind}, summary=name)
            return convert.committee(row)


class StandardLinesService(_ListService[r.StandardLineRecord]):
    entity = "standard line"
    model = m.StandardLine
    fields = ("title", "text", "position", "sort_order")
    order_by = "title"
    name_field = "title"
    to_record = staticmethod(convert.standard_line)

    def list(self) -> list[r.StandardLineRecord]:
        with self._unit() as s:
            rows = s.scalars(select(m.StandardLine).order_by(m.StandardLine.sort_order, m.StandardLine.title))
            return [convert.standard_line(row) for row in rows]
