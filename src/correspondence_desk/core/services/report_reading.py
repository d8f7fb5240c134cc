"""Finding and reading reports: an id from what was typed, the list of reports, one report with
everything shown with it. Functions of a session, so any service's transaction can use them."""

from __future__ import annotations

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session, contains_eager, lazyload, selectinload

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.errors import NotFoundError
from correspondence_desk.core.services import convert
from correspondence_desk.core.services.base import MAX_ID


def resolve_report(s: Session, report: int | str) -> int:
    """A report id from an id or a reference (as typed on the command line)."""
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


def report_summaries(s: Session, text: str = "") -> list[r.ReportSummary]:
    """Every report (or those whose reference or title holds `text`), newest received first, with
    how many recommendations each has and how many an issued letter answers."""
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


def report_detail(s: Session, report_id: int) -> r.ReportDetail:
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
        .order_by(m.Letter.letter_date.is_(None), m.Letter.letter_date, m.Letter.id, m.Response.sort_order)
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


def resolve_recommendation(s: Session, recommendation: int | str) -> int:
    """A recommendation id from an id or `REPORT/LABEL` ("TEC-2026-04/3"), as typed on a command line."""
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
        report_id = s.scalar(select(m.Report.id).where(func.lower(m.Report.reference) == reference.lower()))
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
