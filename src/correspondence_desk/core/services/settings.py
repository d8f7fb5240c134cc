"""The office settings progress updates need, as a typed record (records.OfficeSettings), read from
and written to the one registry of office settings (services/office.py), so `setting
update-every-months 3` on the command line and `services.settings.set(update_every_months=3)` are
the same setting."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.orm import Session

from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import OfficeSettings
from correspondence_desk.core.services import office
from correspondence_desk.core.services.base import ServiceBase

# OfficeSettings field -> the registry's name for it
KEYS = {"update_every_months": office.UPDATE_EVERY}


def read_settings(s: Session) -> OfficeSettings:
    """The settings in force, inside the caller's transaction."""
    return OfficeSettings(**{field: office.read(s, key) for field, key in KEYS.items()})


class SettingsService(ServiceBase):
    entity = "office setting"

    def get(self) -> OfficeSettings:
        with self._unit() as s:
            return read_settings(s)

    def set(self, **changes: Any) -> OfficeSettings:
        """Change one or more settings (the OfficeSettings field names); returns them all."""
        known = {f.name for f in dataclasses.fields(OfficeSettings)}
        unknown = set(changes) - known
        if unknown:
            raise ValidationError(f"There is no office setting {', '.join(sorted(unknown))}.")
        registry = office.OfficeSettingsService(self._db, self._actor)
        for field, value in changes.items():
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError("The months between progress updates must be a whole number.")
            registry.set(KEYS[field], value)
        return self.get()
