"""Reports and their recommendations."""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session, contains_eager, lazyload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.clocks import ClockChoice, due_from
from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ConflictError, LockedError, NotFoundError, ValidationError
from correspondence_desk.core.records import Addressee, NewRecommendation
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.attachments import store_attachment
from correspondence_desk.core.services.base import (
    MAX_ID,
    ServiceBase,
    apply_changes,
    next_free_reference,
    require_text,
    touch,
    utcnow,
)
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


def _addressees(items: Iterable[Addressee | int]) -> list[m.RecommendationAddressee]:
    rows: list[m.RecommendationAddressee] = []
    seen: set[int] = set()
    for i, item in enumerate(items):
        a = Addressee(item) if isinstance(item, int) else item
        if a.body_id not in seen:
            seen.add(a.body_id)
            rows.append(m.RecommendationAddressee(body_id=a.body_id, role=a.role, sort_order=i))
    return rows


def _date_change_reason(row: Any, changes: dict[str, Any], reason: str) -> str:
    reason = (reason or "").strip()
    for name in DATES_NEEDING_REASON:
        old = getattr(row, name, None)
        if name in changes and old is not None and changes[name] != old and not reason:
            raise ValidationError(
                f"Give a reason for changing the {name.replace('_', ' ')} (it was {long_date(old)})."
            )
    return reason


def _check_dates(values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in {"published", "received", "response_due", "deadline", "target_date"} and not (
            value is None or isinstance(value, dt.date)
        ):
            raise ValidationError(f"The {name.replace('_', ' ')} must be a date.")
    published, received = values.get("published"), values.get("received")
    if published and received and received < published:
        raise ValidationError("The report cannot be received before it was published.")


class ReportsService(ServiceBase):
    entity = "report"

    # --- finding --------------------------------------------------------------------------------

    def resolve(self, report: int | str) -> int:
        """A report id from an id or a reference (as typed on the command line)."""
        with self._unit() as s:
            return self._resolve(s, report)

    def _resolve(self, s: Session, report: int | str) -> int:
        if isinstance(report, int):
            if not 0 < report <= MAX_ID or s.get(m.Report, report) is None:
                raise NotFoundError(f"There is no report with id {report}.")
            return report
        text = report.strip()
        found = s.scalar(select(m.Report.id).where(func.lower(m.Report.reference) == text.lower()))
        if found is None and text.isdigit() and 0 < int(text) <= MAX_ID:
            found = s.scalar(select(m.Report.id).where(m.Report.id == int(text)))
        if found is None:
            raise NotFoundError(f"There is no report with reference or id “{text}”.")
        return found

    def list(self, text: str = "") -> list[r.ReportSummary]:
        rec_counts = (
            select(m.Recommendation.report_id, func.count().label("n"))
            .group_by(m.Recommendation.report_id)
            .subquery()
        )
        answered = (
            select(
                m.Recommendation.report_id,
                func.count(distinct(m.Response.recommendation_id)).label("n"),
            )
            .join(m.Response, m.Response.recommendation_id == m.Recommendation.id)
            .join(m.Letter, m.Letter.id == m.Response.letter_id)
            .where(m.Letter.status == v.LetterStatus.ISSUED)
            .group_by(m.Recommendation.report_id)
            .subquery()
        )
        query = (
            select(
                m.Report.id,
                m.Report.reference,
                m.Report.title,
                m.Committee.name,
                m.Report.published,
                m.Report.received,
                m.Report.response_due,
                m.Report.status,
                func.coalesce(rec_counts.c.n, 0),
                func.coalesce(answered.c.n, 0),
                m.Report.version_id,
            )
            .outerjoin(m.Committee, m.Committee.id == m.Report.committee_id)
            .outerjoin(rec_counts, rec_counts.c.report_id == m.Report.id)
            .outerjoin(answered, answered.c.report_id == m.Report.id)
            # no date received: last, on both engines (PostgreSQL puts NULLs first when descending)
            .order_by(m.Report.received.desc().nulls_last(), m.Report.id.desc())
        )
        if text.strip():
            like = f"%{text.strip().lower()}%"
            query = query.where(
                or_(func.lower(m.Report.reference).like(like), func.lower(m.Report.title).like(like))
            )
        with self._unit() as s:
            return [
                r.ReportSummary(
                    id=row[0],
                    reference=row[1],
                    title=row[2],
                    committee=row[3] or "",
                    published=row[4],
                    received=row[5],
                    response_due=row[6],
                    status=row[7],
                    recommendation_count=row[8],
                    answered_count=row[9],
                    version=row[10],
                )
                for row in s.execute(query)
            ]

    def get(self, report: int | str) -> r.ReportDetail:
        with self._unit() as s:
            report_id = report if isinstance(report, int) else self._resolve(s, report)
            return self._detail(s, report_id)

    def _detail(self, s: Session, report_id: int) -> r.ReportDetail:
        """The report with everything shown with it, in four statements whatever its size: the
        report (its committee and source file joined), its recommendations, their addressees, and
        every response to them with its letter."""
        found = (
            s.execute(
                select(m.Report, m.Attachment)
                .outerjoin(m.Attachment, m.Attachment.id == m.Report.source_attachment_id)
                .where(m.Report.id == report_id)
                .options(
                    selectinload(m.Report.recommendations)
                    .selectinload(m.Recommendation.addressees)
                    .joinedload(m.RecommendationAddressee.body)
                )
            ).one_or_none()
            if 0 < report_id <= MAX_ID
            else None
        )
        if found is None:
            raise NotFoundError(f"There is no report with id {report_id}.")
        row, source = found
        responses = s.scalars(
            select(m.Response)
            .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
            .join(m.Letter, m.Letter.id == m.Response.letter_id)
            .where(m.Recommendation.report_id == report_id)
            # each answered recommendation is this report's, loaded above: no query for it again
            .options(lazyload(m.Response.recommendation), contains_eager(m.Response.letter))
            .order_by(
                m.Letter.letter_date.is_(None), m.Letter.letter_date, m.Letter.id, m.Response.sort_order
            )
        ).all()
        return r.ReportDetail(
            id=row.id,
            reference=row.reference,
            title=row.title,
            committee_id=row.committee_id,
            committee=row.committee.name if row.committee else "",
            published=row.published,
            received=row.received,
            response_due=row.response_due,
            response_clock=row.response_clock,
            status=row.status,
            source=convert.attachment(source) if source else None,
            notes=row.notes,
            recommendations=tuple(convert.recommendation(x) for x in row.recommendations),
            responses=tuple(convert.response(x) for x in responses),
            version=row.version_id,
        )

    # --- reports --------------------------------------------------------------------------------

    def next_reference(self, prefix: str = "R") -> str:
        """The reference a new report would get now (a suggestion: `create` chooses its own, inside
        the saving transaction, so two colleagues saving at once never get the same one)."""
        with self._unit() as s:
            return next_free_reference(s, m.Report, prefix)

    def create(
        self,
        *,
        title: str,
        reference: str = "",
        committee: str = "",
        recommendations: Sequence[NewRecommendation] = (),
        source: tuple[str, bytes] | None = None,
        **values: Any,
    ) -> r.ReportDetail:
        """Log a report (with its recommendations and source file) in one transaction."""
        unknown = set(values) - set(REPORT_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown report field {', '.join(sorted(unknown))}.")
        values["title"] = require_text(title, "report title")
        values["reference"] = reference.strip()  # "": the next free one, chosen when saving
        clock = ClockChoice.parse(values.get("response_clock", ""))
        if clock is not None and values.get("response_due") is None:
            # a known clock code with no date given: count it from publication (else receipt)
            values["response_due"] = due_from(clock, values.get("published"), values.get("received"))
        _check_dates(values)
        with self._unit() as s:
            report_id = self._insert(s, values, committee, recommendations, source)
            return self._detail(s, report_id)

    def _insert(
        self,
        s: Session,
        values: dict[str, Any],
        committee: str,
        recommendations: Sequence[NewRecommendation],
        source: tuple[str, bytes] | None,
    ) -> int:
        """Add a checked report inside the caller's transaction (also used by the import service).
        With no reference given it takes the next free one, under the write lock."""
        self._lock(s)
        if not values.get("reference"):
            values["reference"] = next_free_reference(s, m.Report, "R")  # free: no need to look again
        elif s.scalar(
            select(m.Report.id).where(func.lower(m.Report.reference) == values["reference"].lower())
        ):
            raise ValidationError(f"A report with reference {values['reference']} already exists.")
        if committee.strip():
            values["committee_id"] = self._committee_id(s, committee)
        report = m.Report(created_at=utcnow(), **values)
        if source:
            report.source_attachment_id = store_attachment(s, source[0], source[1]).id
        s.add(report)
        s.flush()
        self._add_recommendations(s, report.id, recommendations, new_report=True)
        audit = {k: v for k, v in values.items() if v not in (None, "")}
        audit["recommendations"] = len(recommendations)
        self._audit(s, "create", report.id, audit, summary=f"{report.reference} {report.title}")
        return report.id

    def _committee_id(self, s: Session, name: str) -> int:
        """The committee's id, added if new (under the write lock: two saves add it once)."""
        self._lock(s)
        name = " ".join(name.split())
        found = s.scalar(select(m.Committee.id).where(func.lower(m.Committee.name) == name.lower()))
        if found is not None:
            return found
        committee = m.Committee(name=name, kind="")
        s.add(committee)
        s.flush()
        self._audit(s, "create", committee.id, {"name": name}, summary=name, entity="committee")
        return committee.id

    def update(
        self, report_id: int, version: int | None = None, *, reason: str = "", **changes: Any
    ) -> r.ReportDetail:
        committee = changes.pop("committee", None)
        if "title" in changes:
            changes["title"] = require_text(changes["title"], "report title")
        if "reference" in changes:
            changes["reference"] = require_text(changes["reference"], "report reference")
        with self._unit() as s:
            row = self._get(s, m.Report, report_id)
            self._check_version(row, version)
            if committee is not None:
                changes["committee_id"] = self._committee_id(s, committee) if committee.strip() else None
            merged = {f: getattr(row, f) for f in ("published", "received")} | changes
            _check_dates(merged)
            reason = _date_change_reason(row, changes, reason)
            diff: dict[str, Any] = apply_changes(row, changes, REPORT_FIELDS)
            if diff and reason:
                diff["reason"] = reason
            if diff:
                s.flush()
                self._audit(s, "update", row.id, diff, summary=row.reference)
            return self._detail(s, row.id)

    def set_source(self, report_id: int, filename: str, data: bytes) -> r.ReportDetail:
        with self._unit() as s:
            row = self._get(s, m.Report, report_id)
            attachment = store_attachment(s, filename, data)
            row.source_attachment_id = attachment.id
            s.flush()
            self._audit(s, "update", row.id, {"source": filename}, summary=row.reference)
            return self._detail(s, row.id)

    def delete(self, report_id: int, version: int | None = None) -> None:
        with self._unit() as s:
            row = self._get(s, m.Report, report_id)
            self._check_version(row, version)
            issued = s.scalar(
                select(func.count())
                .select_from(m.Response)
                .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
                .join(m.Letter, m.Letter.id == m.Response.letter_id)
                .where(m.Recommendation.report_id == report_id, m.Letter.status == v.LetterStatus.ISSUED)
            )
            if issued:
                raise LockedError(
                    f"Report {row.reference} is answered in an issued letter and cannot be deleted."
                )
            ref = row.reference
            s.delete(row)
            s.flush()
            self._audit(s, "delete", report_id, summary=ref)

    # --- recommendations ------------------------------------------------------------------------

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
            _check_dates(values)
            rec = m.Recommendation(report_id=report_id, sort_order=(start or 0) + offset, **values)
            rec.addressees = _addressees(item.addressees)
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
        _check_dates(changes)
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
            reason = _date_change_reason(rec, changes, reason)
            diff: dict[str, Any] = apply_changes(rec, changes, RECOMMENDATION_FIELDS)
            if diff and reason:
                diff["reason"] = reason
            if addressees is not None:
                old = [(a.body_id, a.role.value) for a in rec.addressees]
                new_rows = _addressees(addressees)
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
            return self._detail(s, report_id)

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
            return self._resolve_recommendation(s, recommendation)

    def _resolve_recommendation(self, s: Session, recommendation: int | str) -> int:
        if isinstance(recommendation, int) or recommendation.strip().isdigit():
            rec_id = int(recommendation)
            if s.get(m.Recommendation, rec_id) is None:
                raise NotFoundError(f"There is no recommendation with id {rec_id}.")
            return rec_id
        text = recommendation.strip()
        if "/" not in text:
            raise NotFoundError(
                f"“{text}” is not a recommendation: give its id or REPORT/LABEL, such as TEC-2026-04/3."
            )
        # a report reference may itself hold a "/": try the last one first
        parts = text.split("/")
        for cut in range(len(parts) - 1, 0, -1):
            reference, label = "/".join(parts[:cut]).strip(), "/".join(parts[cut:]).strip()
            report_id = s.scalar(
                select(m.Report.id).where(func.lower(m.Report.reference) == reference.lower())
            )
            if report_id is None:
                continue
            found = s.scalar(
                select(m.Recommendation.id).where(
                    m.Recommendation.report_id == report_id,
                    func.lower(m.Recommendation.label) == label.lower(),
                )
            )
            if found is None:
                labels = s.scalars(
                    select(m.Recommendation.label)
                    .where(m.Recommendation.report_id == report_id)
                    .order_by(m.Recommendation.sort_order)
                ).all()
                if not labels:
                    has = "it has none"
                elif len(labels) <= 10:
                    has = f"it has {', '.join(labels)}"
                else:
                    has = f"it has {len(labels)}, {labels[0]} to {labels[-1]}"
                raise NotFoundError(f"Report {reference} has no recommendation “{label}” ({has}).")
            return found
        raise NotFoundError(f"There is no report with reference “{'/'.join(parts[:-1])}”.")
