"""The office's letterhead, set once per database so every colleague prints the same letters.

Stored as one row (model.LetterheadRow), read as the printing input `printing.letterhead.Letterhead`
with its short name for references. Saving validates first (an image too large, a reference pattern
that cannot be unique: a clear ValidationError) and writes an audit event; the logo is logged by its
SHA-256, never its bytes.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select

from correspondence_desk.core import model as m
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.printing.letterhead import DEFAULT_PATTERN, Letterhead
from correspondence_desk.core.services.base import ServiceBase
from correspondence_desk.core.vocabulary import Marking

MAX_SHORT_NAME = 20


@dataclass(frozen=True)
class OfficeLetterhead:
    """The stored letterhead: what prints, the short name ({org} in references) and its version."""

    letterhead: Letterhead
    short_name: str = ""
    version: int = 1


def _to_record(row: m.LetterheadRow) -> OfficeLetterhead:
    head = Letterhead(
        organisation=row.organisation,
        logo=row.logo or b"",
        logo_media_type=row.logo_media_type,
        logo_alt=row.logo_alt,
        logo_decorative=row.logo_decorative,
        sender_address=row.sender_address,
        footer=row.footer,
        marking=Marking(row.marking),
        reference_pattern=row.reference_pattern or DEFAULT_PATTERN,
    )
    return OfficeLetterhead(head, row.short_name, row.version_id)


def letterhead_to_json(head: Letterhead) -> dict[str, Any]:
    """A letterhead as JSON (the logo in base64), for an issued letter's snapshot."""
    out: dict[str, Any] = {f.name: getattr(head, f.name) for f in fields(head)}
    out["logo"] = base64.b64encode(head.logo).decode("ascii")
    out["marking"] = head.marking.value
    return out


def letterhead_from_json(data: dict[str, Any]) -> Letterhead:
    values = dict(data)
    values["logo"] = base64.b64decode(values.get("logo", ""))
    values["marking"] = Marking(values.get("marking", ""))
    return Letterhead(**values)


class LetterheadService(ServiceBase):
    entity = "letterhead"

    def get(self) -> OfficeLetterhead | None:
        with self._unit() as s:
            row = s.scalars(select(m.LetterheadRow).order_by(m.LetterheadRow.id)).first()
            return _to_record(row) if row is not None else None

    def printing(self) -> Letterhead | None:
        """What letters print with (None: the office has set none)."""
        stored = self.get()
        return stored.letterhead if stored else None

    def save(self, head: Letterhead, short_name: str = "", version: int | None = None) -> OfficeLetterhead:
        head = head.validated()
        short_name = short_name.strip()
        if len(short_name) > MAX_SHORT_NAME or any(c in short_name for c in "/\\\n"):
            raise ValidationError(
                f"The short name is used in references: at most {MAX_SHORT_NAME} characters, no slashes."
            )
        values: dict[str, Any] = {
            "organisation": head.organisation.strip(),
            "short_name": short_name,
            "logo": head.logo or None,
            "logo_media_type": head.logo_media_type if head.logo else "",
            "logo_alt": head.logo_alt.strip(),
            "logo_decorative": head.logo_decorative,
            "sender_address": head.sender_address.strip(),
            "footer": head.footer.strip(),
            "marking": head.marking,
            "reference_pattern": head.reference_pattern.strip(),
        }
        with self._unit() as s:
            row = s.scalars(select(m.LetterheadRow).order_by(m.LetterheadRow.id)).first()
            action = "update"
            if row is None:
                row = m.LetterheadRow(**values)
                s.add(row)
                action = "create"
                diff = {k: v for k, v in values.items() if k != "logo"}
            else:
                self._check_version(row, version)
                diff = {
                    k: [getattr(row, k), v] for k, v in values.items() if k != "logo" and getattr(row, k) != v
                }
                if (row.logo or None) != values["logo"]:
                    diff["logo"] = [_fingerprint(row.logo), _fingerprint(values["logo"])]
                for key, value in values.items():
                    setattr(row, key, value)
            if head.logo and action == "create":
                diff["logo"] = _fingerprint(head.logo)
            s.flush()
            self._audit(s, action, row.id, diff, summary=values["organisation"])
            return _to_record(row)

    def clear(self) -> None:
        """Print without a letterhead again."""
        with self._unit() as s:
            for row in s.scalars(select(m.LetterheadRow)):
                s.delete(row)
                s.flush()
                self._audit(s, "delete", row.id, summary=row.organisation)


def _fingerprint(data: bytes | None) -> str:
    return f"sha256:{hashlib.sha256(data).hexdigest()[:16]}" if data else ""
