"""Office settings: choices shared by everyone on one database ("issue only when cleared", how long
a clearance step has, each letter kind's clearance route, how often progress updates are due), kept
as JSON rows with their audit event. The one registry of them (services/settings.py reads the
progress-update interval from it as a typed record).

Each setting has a name people type (`setting issue-only-when-cleared off`), a default and a parser;
`read(s, name)` gives a service its value inside that service's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.clearance import parse_logins
from correspondence_desk.core.errors import NotFoundError, ValidationError
from correspondence_desk.core.services.base import ServiceBase, utcnow
from correspondence_desk.core.vocabulary import CLEARANCE_WORKING_DAYS, UPDATE_EVERY_MONTHS, LetterKind

ISSUE_ONLY_WHEN_CLEARED = "issue-only-when-cleared"
CLEARANCE_DAYS = "clearance-days"
UPDATE_EVERY = "update-every-months"


def route_setting(kind: LetterKind) -> str:
    """The setting holding a kind's default route: "route-holding", "route-progress-update"."""
    return "route-" + kind.value.replace("_", "-")


def _flag(text: Any) -> bool:
    if isinstance(text, bool):
        return text
    value = str(text).strip().lower()
    if value in ("on", "yes", "true", "1"):
        return True
    if value in ("off", "no", "false", "0"):
        return False
    raise ValidationError(f"“{text}” is neither on nor off.")


def _days(text: Any) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValidationError(f"“{text}” is not a whole number of working days.") from None
    if not 0 <= value <= 30:
        raise ValidationError("A clearance step has between 0 and 30 working days.")
    return value


def _months(text: Any) -> int:
    if isinstance(text, bool):
        raise ValidationError("The months between progress updates must be a whole number.")
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValidationError("The months between progress updates must be a whole number.") from None
    if not 1 <= value <= 36:
        raise ValidationError("The months between progress updates must be between 1 and 36.")
    return value


def _logins(text: Any) -> list[str]:
    return list(text) if isinstance(text, list | tuple) else parse_logins(str(text))


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[Any], Any]
    description: str

    def show(self, value: Any) -> str:
        if isinstance(value, bool):
            return "on" if value else "off"
        if isinstance(value, list):
            return ",".join(value) if value else "(by role)"
        return str(value)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            ISSUE_ONLY_WHEN_CLEARED,
            True,
            _flag,
            "refuse to issue a letter whose clearance route is not complete (a letter with no route "
            "can always be issued)",
        ),
        Setting(
            UPDATE_EVERY,
            UPDATE_EVERY_MONTHS,
            _months,
            "months after the response, then after each update, when the next progress update is due",
        ),
        Setting(
            CLEARANCE_DAYS,
            CLEARANCE_WORKING_DAYS,
            _days,
            "working days a colleague has to clear a letter once it reaches them",
        ),
        *(
            Setting(
                route_setting(kind),
                [],
                _logins,
                f"the default clearance route of a new {kind.label.lower()}: logins, in order "
                "(empty: the first colleague in each of the kind's usual roles)",
            )
            for kind in LetterKind
        ),
    )
}


def setting(name: str) -> Setting:
    try:
        return SETTINGS[name.strip().lower()]
    except KeyError:
        raise NotFoundError(
            f"There is no office setting “{name}”; the settings are {', '.join(SETTINGS)}."
        ) from None


def read(s: Session, name: str) -> Any:
    """A setting's value inside the caller's transaction (its default when never set)."""
    row = s.get(m.OfficeSetting, name)
    return SETTINGS[name].default if row is None else row.value


class OfficeSettingsService(ServiceBase):
    entity = "office setting"

    def get(self, name: str) -> Any:
        found = setting(name)
        with self._unit() as s:
            return read(s, found.name)

    def all(self) -> dict[str, Any]:
        with self._unit() as s:
            stored = {row.key: row.value for row in s.scalars(select(m.OfficeSetting))}
        return {name: stored.get(name, item.default) for name, item in SETTINGS.items()}

    def records(self, name: str | None = None) -> list[r.OfficeSettingRecord]:
        """Every setting (or the one named) with its value in force, as people read it."""
        names = [setting(name).name] if name else list(SETTINGS)
        values = self.all()
        return [
            r.OfficeSettingRecord(n, values[n], SETTINGS[n].show(values[n]), SETTINGS[n].description)
            for n in names
        ]

    def set(self, name: str, value: Any) -> Any:
        """Change a setting (text as typed, or the value itself); the value now in force."""
        found = setting(name)
        new = found.parse(value)
        with self._unit() as s:
            if found.name.startswith("route-"):
                _check_logins(s, new)
            row = s.get(m.OfficeSetting, found.name)
            old = found.default if row is None else row.value
            if row is None:
                s.add(m.OfficeSetting(key=found.name, value=new, updated_at=utcnow(), updated_by=self._actor))
            elif row.value != new:
                row.value, row.updated_at, row.updated_by = new, utcnow(), self._actor
            if old != new:
                s.flush()
                self._audit(s, "update", None, {found.name: [old, new]}, summary=found.name)
            return new


def _check_logins(s: Session, logins: list[str]) -> None:
    known = {x.lower() for x in s.scalars(select(m.Colleague.login))}
    unknown = [x for x in logins if x.lower() not in known]
    if unknown:
        raise NotFoundError(f"There is no colleague with the login “{unknown[0]}” in the register.")
    if len({x.lower() for x in logins}) != len(logins):
        raise ValidationError("A colleague can be on a route only once.")
