"""Office settings: a few values every colleague shares (how often progress updates are due), kept
as JSON under a key in `office_settings`. Each change is one transaction and an audit event."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import OfficeSettings
from correspondence_desk.core.services.base import ServiceBase, utcnow

# key -> (smallest, largest) for the whole-number settings
BOUNDS: dict[str, tuple[int, int]] = {"update_every_months": (1, 36)}
LABELS = {"update_every_months": "months between progress updates"}


def read_settings(s: Session) -> OfficeSettings:
    """The stored settings over the defaults (a key this version does not know is left alone)."""
    known = {f.name for f in dataclasses.fields(OfficeSettings)}
    stored = {row.key: row.value for row in s.scalars(select(m.OfficeSetting)) if row.key in known}
    return OfficeSettings(**stored)


def _checked(key: str, value: Any) -> Any:
    label = LABELS.get(key, key.replace("_", " "))
    if key in BOUNDS:
        low, high = BOUNDS[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"The {label} must be a whole number.")
        if not low <= value <= high:
            raise ValidationError(f"The {label} must be between {low} and {high}.")
    return value


class SettingsService(ServiceBase):
    entity = "setting"

    def get(self) -> OfficeSettings:
        with self._unit() as s:
            return read_settings(s)

    def set(self, **changes: Any) -> OfficeSettings:
        """Change one or more settings (the OfficeSettings field names); returns them all."""
        known = {f.name for f in dataclasses.fields(OfficeSettings)}
        unknown = set(changes) - known
        if unknown:
            raise ValidationError(f"There is no office setting {', '.join(sorted(unknown))}.")
        checked = {key: _checked(key, value) for key, value in changes.items()}
        with self._unit() as s:
            before = read_settings(s)
            for key, value in checked.items():
                old = getattr(before, key)
                if old == value:
                    continue
                row = s.get(m.OfficeSetting, key)
                if row is None:
                    s.add(m.OfficeSetting(key=key, value=value, updated_at=utcnow(), updated_by=self._actor))
                else:
                    row.value, row.updated_at, row.updated_by = value, utcnow(), self._actor
                s.flush()
                self._audit(
                    s, "update", None, {key: [old, value]}, summary=f"{LABELS.get(key, key)}: {value}"
                )
            return read_settings(s)
