"""The letters list: every letter as the list shows it, with the reports it answers (or is about)
and its clearance route in brief, in a handful of queries however many letters there are."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.services.clearance_rules import route_states


def summaries(s: Session) -> list[r.LetterSummary]:
    """Every letter as the letters list shows it, newest first."""
    counts = dict(s.execute(select(m.Response.letter_id, func.count()).group_by(m.Response.letter_id)).all())
    reports: dict[int, list[str]] = {}
    rows = s.execute(
        select(m.Response.letter_id, m.Report.reference)
        .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
        .join(m.Report, m.Report.id == m.Recommendation.report_id)
        .group_by(m.Response.letter_id, m.Report.reference)
        .order_by(m.Response.letter_id, m.Report.reference)
    )
    for letter_id, ref in rows:
        reports.setdefault(letter_id, []).append(ref)
    # a letter that answers no recommendation (an acknowledgement) is still about a report
    about = dict(
        s.execute(
            select(m.Letter.id, m.Report.reference).join(m.Report, m.Report.id == m.Letter.report_id)
        ).all()
    )
    clearance = route_states(s)
    # plain columns, not ORM rows: the list of thousands of letters needs none of the rest
    letters = s.execute(
        select(
            m.Letter.id,
            m.Letter.reference,
            m.Letter.letter_date,
            m.Contact.name,
            m.Letter.status,
            m.Letter.imported,
            m.Letter.version_id,
            m.Letter.kind,
            m.Letter.subject,
        )
        .outerjoin(m.Contact, m.Contact.id == m.Letter.recipient_id)
        .order_by(m.Letter.letter_date.desc().nulls_last(), m.Letter.id.desc())  # the same on both engines
    )
    return [
        r.LetterSummary(
            id=letter_id,
            reference=reference,
            letter_date=letter_date,
            recipient=recipient or "",
            reports=tuple(reports.get(letter_id) or ([about[letter_id]] if letter_id in about else ())),
            status=status,
            response_count=counts.get(letter_id, 0),
            imported=imported,
            version=version,
            kind=kind,
            clearance=clearance.get(letter_id, NO_ROUTE),
            subject=subject or "",
        )
        for letter_id, reference, letter_date, recipient, status, imported, version, kind, subject in letters
    ]


NO_ROUTE = r.ClearanceState(v.RouteState.NO_ROUTE)
