"""The rules report and recommendation edits share: which fields they have, which dates must be
dates (and in order), which date changes need a reason, and the addressee rows of a recommendation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from correspondence_desk.core import model as m
from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import Addressee
from correspondence_desk.core.vocabulary import DATES_NEEDING_REASON

REPORT_FIELDS = (
    "reference",
    "title",
    "committee_id",
    "published",
    "received",
    "response_due",
    "response_clock",
    "status",
    "notes",
)
RECOMMENDATION_FIELDS = (
    "label",
    "text",
    "paragraph_ref",
    "deadline",
    "deadline_phrase",
    "owner",
    "position",
    "progress",
    "response_due",
    "target_date",
)


def addressee_rows(items: Iterable[Addressee | int]) -> list[m.RecommendationAddressee]:
    rows: list[m.RecommendationAddressee] = []
    seen: set[int] = set()
    for i, item in enumerate(items):
        a = Addressee(item) if isinstance(item, int) else item
        if a.body_id not in seen:
            seen.add(a.body_id)
            rows.append(m.RecommendationAddressee(body_id=a.body_id, role=a.role, sort_order=i))
    return rows


def date_change_reason(row: Any, changes: dict[str, Any], reason: str) -> str:
    reason = (reason or "").strip()
    for name in DATES_NEEDING_REASON:
        old = getattr(row, name, None)
        if name in changes and old is not None and changes[name] != old and not reason:
            raise ValidationError(
                f"Give a reason for changing the {name.replace('_', ' ')} (it was {long_date(old)})."
            )
    return reason


def check_dates(values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in {"published", "received", "response_due", "deadline", "target_date"} and not (
            value is None or isinstance(value, dt.date)
        ):
            raise ValidationError(f"The {name.replace('_', ' ')} must be a date.")
    published, received = values.get("published"), values.get("received")
    if published and received and received < published:
        raise ValidationError("The report cannot be received before it was published.")
