"""Editing a report's recommendations: adding (also for the report and import services, inside
their transaction), changing, deleting and reordering them, and finding one from what was typed.
`ReportsService` is made of this and the report edits in reports.py."""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import ConflictError, LockedError, ValidationError
from correspondence_desk.core.records import NewRecommendation
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import ServiceBase, apply_changes, require_text, touch
from correspondence_desk.core.services.report_reading import report_detail, resolve_recommendation
from correspondence_desk.core.services.report_rules import (
    RECOMMENDATION_FIELDS,
    addressee_rows,
    check_dates,
    date_change_reason,
)


class RecommendationEdits(ServiceBase):
    def _add_recommendations(
        self, s: Session, report_id: int, items: Sequence[NewRecommendation], *, new_report: bool = False
    ) -> builtins.list[int]:
        start: int | None = -1
        labels: set[str] = set()
        if not new_report:  # a report just added has none yet: two round trips saved
            start = s.scalar(
                select(func.coalesce(func.max(m.Recommendation.sort_order), -1)).where(
                    m.Recommendation.report_id == report_id
                )
            )
            labels = set(
                s.scalars(select(m.Recommendation.label).where(m.Recommendation.report_id == report_id))
            )
        added: builtins.list[m.Recommendation] = []
        for offset, item in enumerate(items, start=1):
            label = require_text(item.label, "recommendation label")
            if label in labels:
                raise ValidationError(f"Recommendation {label} appears twice in this report.")
            labels.add(label)
            values = {f: getattr(item, f) for f in RECOMMENDATION_FIELDS}
            values["label"] = label
            values["text"] = require_text(item.text, f"text of recommendation {label}")
            check_dates(values)
            rec = m.Recommendation(report_id=report_id, sort_order=(start or 0) + offset, **values)
            rec.addressees = addressee_rows(item.addressees)
            s.add(rec)
            added.append(rec)
        s.flush()  # one batch for all of them, not a round trip per recommendation
        for rec in added:
            self._start_history(s, rec)  # a progress or target given at once opens its history
        return [rec.id for rec in added]

    @contextlib.contextmanager
    def _recommendation_unit(
        self, recommendation_id: int, version: int | None
    ) -> Iterator[tuple[Session, m.Recommendation]]:
        """A unit of work on one recommendation whose conflicts name it ("Recommendation 3 was
        changed…"), whether its version is stale or a colleague's write lands between read and write
        (which the plain unit would report as a change to "this report")."""
        with self._unit() as s:
            rec = self._get(s, m.Recommendation, recommendation_id, "recommendation")
            changed = (
                f"Recommendation {rec.label} was changed by someone else since you opened it. "
                "Reload it and make your change again."
            )
            if version is not None and rec.version_id != version:
                raise ConflictError(changed)
            try:
                yield s, rec
            except StaleDataError as exc:
                raise ConflictError(changed) from exc

    def add_recommendation(self, report_id: int, item: NewRecommendation) -> r.RecommendationRecord:
        with self._unit() as s:
            self._get(s, m.Report, report_id)
            (rec_id,) = self._add_recommendations(s, report_id, [item])
            self._audit(
                s,
                "create",
                rec_id,
                {"report_id": report_id, "label": item.label},
                summary=f"Recommendation {item.label}",
                entity="recommendation",
            )
            return convert.recommendation(self._get(s, m.Recommendation, rec_id, "recommendation"))

    def get_recommendation(self, recommendation_id: int) -> r.RecommendationRecord:
        with self._unit() as s:
            return convert.recommendation(self._get(s, m.Recommendation, recommendation_id, "recommendation"))

    def update_recommendation(
        self, recommendation_id: int, version: int | None = None, *, reason: str = "", **changes: Any
    ) -> r.RecommendationRecord:
        addressees = changes.pop("addressees", None)
        if "text" in changes:
            changes["text"] = require_text(changes["text"], "recommendation text")
        if "label" in changes:
            changes["label"] = require_text(changes["label"], "recommendation label")
        check_dates(changes)
        with self._recommendation_unit(recommendation_id, version) as (s, rec):
            if "label" in changes and changes["label"] != rec.label:
                clash = s.scalar(
                    select(m.Recommendation.id).where(
                        m.Recommendation.report_id == rec.report_id,
                        m.Recommendation.label == changes["label"],
                    )
                )
                if clash:
                    raise ValidationError(f"This report already has a recommendation {changes['label']}.")
            reason = date_change_reason(rec, changes, reason)
            diff: dict[str, Any] = apply_changes(rec, changes, RECOMMENDATION_FIELDS)
            if diff and reason:
                diff["reason"] = reason
            if addressees is not None:
                old = [(a.body_id, a.role.value) for a in rec.addressees]
                new_rows = addressee_rows(addressees)
                new = [(a.body_id, a.role.value) for a in new_rows]
                if old != new:
                    rec.addressees.clear()
                    s.flush()
                    rec.addressees.extend(new_rows)
                    touch(rec)
                    diff["addressees"] = [old, new]
            if diff:
                s.flush()
                self._keep_history(s, rec, diff, reason)
                self._audit(
                    s, "update", rec.id, diff, summary=f"Recommendation {rec.label}", entity="recommendation"
                )
            if "addressees" in diff:  # the new rows' bodies are not loaded yet
                s.refresh(rec)
            return convert.recommendation(rec)

    def delete_recommendation(self, recommendation_id: int, version: int | None = None) -> None:
        with self._recommendation_unit(recommendation_id, version) as (s, rec):
            issued = s.scalar(
                select(func.count())
                .select_from(m.Response)
                .join(m.Letter, m.Letter.id == m.Response.letter_id)
                .where(m.Response.recommendation_id == rec.id, m.Letter.status == v.LetterStatus.ISSUED)
            )
            if issued:
                raise LockedError(
                    f"Recommendation {rec.label} is answered in an issued letter and cannot be deleted."
                )
            label = rec.label
            s.delete(rec)
            s.flush()
            self._audit(
                s, "delete", recommendation_id, summary=f"Recommendation {label}", entity="recommendation"
            )

    def reorder_recommendations(self, report_id: int, ordered_ids: Sequence[int]) -> r.ReportDetail:
        with self._unit() as s:
            recs = {
                x.id: x
                for x in s.scalars(select(m.Recommendation).where(m.Recommendation.report_id == report_id))
            }
            if set(ordered_ids) != set(recs) or len(ordered_ids) != len(recs):
                raise ValidationError("The new order must list every recommendation of the report once.")
            before = [x.id for x in sorted(recs.values(), key=lambda x: x.sort_order)]
            for i, rec_id in enumerate(ordered_ids):
                recs[rec_id].sort_order = i
            s.flush()
            self._audit(s, "reorder", report_id, {"order": [before, list(ordered_ids)]}, entity="report")
            return report_detail(s, report_id)

    # --- progress history (issue 17): an edit of progress or target date is also an update --------

    def _keep_history(self, s: Session, rec: m.Recommendation, diff: dict[str, Any], reason: str) -> None:
        from correspondence_desk.core.services.progress_history import note_edit

        note_edit(s, rec, diff, reason, self._actor)

    def _start_history(self, s: Session, rec: m.Recommendation) -> None:
        from correspondence_desk.core.services.progress_history import first_update

        first_update(s, rec, self._actor)

    # --- finding a recommendation (issue 17) ----------------------------------------------------

    def resolve_recommendation(self, recommendation: int | str) -> int:
        """A recommendation id from an id or `REPORT/LABEL` ("TEC-2026-04/3"), as typed on a command line."""
        with self._unit() as s:
            return resolve_recommendation(s, recommendation)

    def _resolve_recommendation(self, s: Session, recommendation: int | str) -> int:
        return resolve_recommendation(s, recommendation)
