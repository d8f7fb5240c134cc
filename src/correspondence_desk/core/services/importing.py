"""Save a reviewed import: the report, its recommendations (with their addressees, adding bodies
the register did not know) and, from a past response letter, the letter marked as imported — all in
one transaction, so a failed import leaves nothing half-saved. The references, committee, bodies
and source file are chosen or added inside that transaction under the write lock, so two
colleagues importing at once both succeed, with no duplicate. `append`
adds a reviewed proposal's recommendations to a report already logged (an addendum, or ones left
out the first time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core.db import Database
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing import Proposal, ProposedAddressee
from correspondence_desk.core.importing.sanitise import without_unwanted
from correspondence_desk.core.records import (
    Addressee,
    ImportResult,
    NewRecommendation,
    NewResponse,
    ReportDetail,
)
from correspondence_desk.core.services.base import ServiceBase, next_free_reference, require_text
from correspondence_desk.core.services.letters import LettersService
from correspondence_desk.core.services.reports import ReportsService


class ImportService(ServiceBase):
    entity = "report"

    def __init__(self, db: Database, actor: str | None = None) -> None:
        super().__init__(db, actor)
        self._reports = ReportsService(db, actor)
        self._letters = LettersService(db, actor)

    def save(
        self,
        proposal: Proposal,
        *,
        title: str,
        reference: str = "",
        committee: str = "",
        published: dt.date | None = None,
        received: dt.date | None = None,
        source: tuple[str, bytes] | None = None,
        with_responses: bool = False,
        letter_date: dt.date | None = None,
        letter_reference: str = "",
    ) -> ImportResult:
        if not proposal.recommendations:
            raise ValidationError("There are no recommendations to save.")
        proposal, title, committee = (
            _stored_text(proposal),
            without_unwanted(title),
            without_unwanted(committee),
        )
        values = {
            "title": require_text(title, "report title"),
            "reference": reference.strip(),  # "": the next free one, chosen when saving
            "published": published,
            "received": received,
        }
        if published and received and received < published:
            raise ValidationError("The report cannot be received before it was published.")
        with self._unit() as s:
            self._lock(s)
            letter_ref = ""
            if with_responses:
                letter_ref = letter_reference.strip() or next_free_reference(s, m.Letter, "L")
            recs = self._new_recommendations(s, proposal, with_responses)
            report_id = self._reports._insert(s, values, committee, recs, source)
            letter_id = None
            if with_responses:
                letter_id = self._insert_letter(
                    s, report_id, proposal, letter_ref, str(values["title"]), letter_date
                )
            report = self._reports._detail(s, report_id)
            letter = self._letters._detail(s, letter_id) if letter_id is not None else None
            return ImportResult(report, letter)

    def append(self, report_id: int, proposal: Proposal, version: int | None = None) -> ReportDetail:
        """Add a reviewed proposal's recommendations after the report's own, in one transaction."""
        if not proposal.recommendations:
            raise ValidationError("There are no recommendations to add.")
        proposal = _stored_text(proposal)
        with self._unit() as s:
            report = self._get(s, m.Report, report_id)
            self._check_version(report, version)
            recs = self._new_recommendations(s, proposal, with_responses=False)
            ids = self._reports._add_recommendations(s, report_id, recs)
            for rec_id, rec in zip(ids, recs, strict=True):
                self._audit(
                    s,
                    "create",
                    rec_id,
                    {"report_id": report_id, "label": rec.label},
                    summary=f"Recommendation {rec.label}",
                    entity="recommendation",
                )
            numbers = [rec.label for rec in recs]
            self._audit(
                s,
                "import",
                report_id,
                {"recommendations": len(ids), "numbers": numbers},
                summary=report.reference,
            )
            return self._reports._detail(s, report_id)

    def _new_recommendations(
        self, s: Session, proposal: Proposal, with_responses: bool
    ) -> list[NewRecommendation]:
        body_ids = self._body_ids(s, proposal)
        return [
            NewRecommendation(
                label=rec.number.strip(),
                text=rec.text,
                paragraph_ref=rec.paragraph_ref,
                addressees=[Addressee(body_ids[_key(a)], a.role) for a in rec.addressees],
                deadline=rec.deadline,
                deadline_phrase=rec.deadline_phrase[:200],
                position=rec.position if with_responses else None,
            )
            for rec in proposal.recommendations
        ]

    def _body_ids(self, s: Session, proposal: Proposal) -> dict[str, int]:
        """Every addressee's body id. A name the proposal could not place is looked up by name, short
        name and aliases (case-insensitive) and added to the register only if it is not there."""
        known: dict[str, int] = {}
        for body in s.scalars(select(m.Body)):
            for written in (body.name, body.short_name, *(body.aliases or [])):
                name = " ".join((written or "").lower().split())
                if name:
                    known.setdefault(name, body.id)
                    known.setdefault(name.removeprefix("the "), body.id)  # "the Mayor" is also "Mayor"
        ids: dict[str, int] = {}
        for rec in proposal.recommendations:
            for a in rec.addressees:
                key = _key(a)
                if key in ids:
                    continue
                if a.body_id is not None:
                    self._get(s, m.Body, a.body_id, "body")
                    ids[key] = a.body_id
                    continue
                name = require_text(a.name, "addressee name")
                body_id = known.get(" ".join(name.lower().split()))
                if body_id is None:
                    body = m.Body(name=name, short_name="", aliases=[], is_own=False)
                    s.add(body)
                    s.flush()
                    self._audit(s, "create", body.id, {"name": name}, summary=name, entity="body")
                    body_id = known[" ".join(name.lower().split())] = body.id
                ids[key] = body_id
        return ids

    def _insert_letter(
        self,
        s: Session,
        report_id: int,
        proposal: Proposal,
        reference: str,
        title: str,
        letter_date: dt.date | None,
    ) -> int:
        rec_ids = dict(
            s.execute(
                select(m.Recommendation.label, m.Recommendation.id).where(
                    m.Recommendation.report_id == report_id
                )
            ).all()
        )
        responses = [
            NewResponse(rec_ids[rec.number.strip()], rec.response.strip(), rec.position)
            for rec in proposal.recommendations
            if rec.response.strip() or rec.position is not None
        ]
        values = {"reference": reference, "subject": f"Response to “{title}”", "letter_date": letter_date}
        return self._letters._insert(s, values, responses, imported=True)


def _stored_text(proposal: Proposal) -> Proposal:
    """No control or direction characters are stored, whatever was typed or pasted into the review
    (those in the file were removed, with a warning, when it was read)."""
    recs = tuple(
        replace(
            rec,
            number=without_unwanted(rec.number),
            text=without_unwanted(rec.text),
            response=without_unwanted(rec.response),
            paragraph_ref=without_unwanted(rec.paragraph_ref),
            deadline_phrase=without_unwanted(rec.deadline_phrase),
            addressees=tuple(replace(a, name=without_unwanted(a.name)) for a in rec.addressees),
        )
        for rec in proposal.recommendations
    )
    return replace(proposal, recommendations=recs)


def _key(a: ProposedAddressee) -> str:
    return f"#{a.body_id}" if a.body_id is not None else a.name.strip().lower()
