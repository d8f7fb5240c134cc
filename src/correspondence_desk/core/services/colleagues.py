"""The colleagues register: the people who work the desk, and which of them "me" is.

"Me" is the login the app runs as, matched to a colleague's login: the OS user on SQLite, the
database role (`current_user`) on PostgreSQL; an explicit actor (the tests') wins over both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.db import Database
from correspondence_desk.core.errors import NotFoundError, ValidationError
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase, current_os_user, require_text, utcnow
from correspondence_desk.core.services.directory import _ListService


class KnowsMe(ServiceBase):
    """A service that needs to know who is using it (the clearance route, the dashboard)."""

    def __init__(self, db: Database, actor: str | None = None) -> None:
        super().__init__(db, actor)
        self._explicit_actor = actor

    def _login(self, s: Session) -> str:
        if self._explicit_actor:
            return self._explicit_actor
        if s.get_bind().dialect.name == "postgresql":
            return str(s.scalar(text("SELECT current_user")))
        return current_os_user()

    def _me(self, s: Session, login: str | None = None) -> m.Colleague | None:
        login = login or self._login(s)
        return s.scalars(select(m.Colleague).where(func.lower(m.Colleague.login) == login.lower())).first()

    def _unknown_login(self, login: str) -> ValidationError:
        return ValidationError(
            f"Your login “{login}” is not in the colleagues register, so the app cannot tell which step "
            f"of a route is yours: add yourself to the register with the login “{login}”."
        )


class ColleaguesService(_ListService[r.ColleagueRecord], KnowsMe):
    entity = "colleague"
    model = m.Colleague
    fields = ("name", "login", "role", "active")
    to_record = staticmethod(convert.colleague)

    def _clean(self, values: dict[str, Any]) -> dict[str, Any]:
        values = super()._clean(values)
        if "login" in values:
            login = require_text(values["login"], "login")
            if any(c.isspace() for c in login) or len(login) > 100:
                raise ValidationError(f"“{login}” is not a login: one word, at most 100 characters.")
            values["login"] = login
        if "role" in values:
            values["role"] = " ".join((values["role"] or "").split())
        return values

    def create(self, **values: Any) -> r.ColleagueRecord:
        unknown = set(values) - set(self.fields)
        if unknown:
            raise ValidationError(f"Unknown field {', '.join(sorted(unknown))}.")
        values = self._clean(dict(values))
        if "login" not in values:
            raise ValidationError("The login cannot be empty.")
        with self._unit() as s:
            self._refuse_taken(s, values["login"])
            row = m.Colleague(created_at=utcnow(), **values)
            s.add(row)
            s.flush()
            self._audit(s, "create", row.id, values, summary=row.name)
            return convert.colleague(row)

    def add(self, name: str, login: str, role: str = "") -> r.ColleagueRecord:
        return self.create(name=name, login=login, role=role)

    def update(self, obj_id: int, version: int | None = None, **changes: Any) -> r.ColleagueRecord:
        if "login" in changes:
            with self._unit() as s:
                self._refuse_taken(s, self._clean({"login": changes["login"]})["login"], obj_id)
        return super().update(obj_id, version, **changes)

    def delete(self, obj_id: int, version: int | None = None) -> None:
        with self._unit() as s:
            row = self._get(s, m.Colleague, obj_id)
            used = s.scalar(
                select(func.count())
                .select_from(m.ClearanceStep)
                .where(m.ClearanceStep.colleague_id == obj_id)
            ) or s.scalar(
                select(func.count())
                .select_from(m.ClearanceAction)
                .where(m.ClearanceAction.colleague_id == obj_id)
            )
            if used:
                raise ValidationError(
                    f"{row.name} is on letters' clearance routes, which keep who cleared what: "
                    "untick “Active” instead, so they are not put on new routes."
                )
        super().delete(obj_id, version)

    def find_login(self, login: str) -> r.ColleagueRecord:
        with self._unit() as s:
            row = self._me(s, login)
            if row is None:
                raise NotFoundError(f"There is no colleague with the login “{login}” in the register.")
            return convert.colleague(row)

    def login(self) -> str:
        """The login this app runs as (OS user on SQLite, database role on PostgreSQL)."""
        with self._unit() as s:
            return self._login(s)

    def me(self) -> r.ColleagueRecord | None:
        """The colleague this login is, or None when it is not in the register."""
        with self._unit() as s:
            row = self._me(s)
            return convert.colleague(row) if row else None

    def _refuse_taken(self, s: Session, login: str, except_id: int | None = None) -> None:
        other = self._me(s, login)
        if other is not None and other.id != except_id:
            raise ValidationError(f"{other.name} already has the login “{other.login}”.")
