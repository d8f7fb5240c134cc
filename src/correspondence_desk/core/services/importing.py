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
    ImportedLetter,
    ImportResult,
    LetterContact,
    NewRecommendation,
    NewResponse,
    ReportDetail,
)
from correspondence_desk.core.services.base import ServiceBase, require_text
from correspondence_desk.core.services.letters import LettersService
from correspondence_desk.core.services.reports import ReportsService
from correspondence_desk.core.vocabulary import LetterKind


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
        letter: ImportedLetter | None = None,
    ) -> ImportResult:
        """With responses, the past letter is saved too: its own date, sender, recipient, salutation
        and covering text from `letter` (contacts matched or added), the document it came from kept
        with it; it is marked imported and never given a date or a greeting it did not have."""
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
            recs = self._new_recommendations(s, proposal, with_responses)
            report_id = self._reports._insert(s, values, committee, recs, source)
            letter_id = None
            if with_responses:
                # one reference style: the letterhead's pattern, as every letter drafted here
                letter_ref = letter_reference.strip() or self._letters._next_reference(
                    s, LetterKind.FINAL, report_id
                )
                header = letter or ImportedLetter(letter_date=letter_date)
                if letter_date is not None and header.letter_date is None:
                    header = replace(header, letter_date=letter_date)
                letter_id = self._insert_letter(
                    s, report_id, proposal, letter_ref, str(values["title"]), header
                )
            report = self._reports._detail(s, report_id)
            saved = self._letters._detail(s, letter_id) if letter_id is not None else None
            return ImportResult(report, saved)

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
        header: ImportedLetter,
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
        greeting = without_unwanted(header.salutation).strip().rstrip(",")
        if greeting and not greeting.lower().startswith("dear "):
            greeting = f"Dear {greeting}"
        values = {
            "reference": reference,
            # the letter's own "Re:" line; else what it is, for the letters list (not printed as its own)
            "subject": without_unwanted(header.subject)[:500] or f"Response to “{title}”",
            "letter_date": header.letter_date,
            "sender_id": self._contact_id(s, header.sender),
            "recipient_id": self._contact_id(s, header.recipient),
            "salutation": f"{greeting}," if greeting else "",
            "body": without_unwanted(header.body),
            "closing": "",  # not read from the document: none is made up
            "source_attachment_id": s.scalar(
                select(m.Report.source_attachment_id).where(m.Report.id == report_id)
            ),
        }
        return self._letters._insert(s, values, responses, imported=True)

    def _contact_id(self, s: Session, who: LetterContact | None) -> int | None:
        """A letter's sender or recipient: the contact chosen, or a new one added (audited)."""
        if who is None:
            return None
        if who.contact_id is not None:
            return self._get(s, m.Contact, who.contact_id, "contact").id
        name = without_unwanted(who.name).strip()
        if not name:
            return None
        details = {
            "name": name[:200],
            "post_nominals": without_unwanted(who.post_nominals)[:60],
            "job_title": without_unwanted(who.job_title)[:200],
            "organisation": without_unwanted(who.organisation)[:200],
            "address": without_unwanted(who.address),
            "email": without_unwanted(who.email)[:200],
        }
        row = m.Contact(**details)
        s.add(row)
        s.flush()
        self._audit(s, "create", row.id, details, summary=name, entity="contact")
        return row.id


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
