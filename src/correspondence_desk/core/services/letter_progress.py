"""A progress update letter's progress: each recommendation's update history read with the letter,
and the date a new one reports from.

What the letter prints from the history (the latest update since its date, the target and why it
moved) is decided in core/printing/progress.py, a pure function of the letter record, so the
composer's preview follows an unsaved change of the date and an issued letter's snapshot keeps the
history as it was when it was issued.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.services import convert


def with_updates(s: Session, letter: r.LetterDetail) -> r.LetterDetail:
    """The letter with each response's progress history, oldest first; an issued letter's only up
    to its date (what it could report)."""
    ids = [resp.recommendation.id for resp in letter.responses]
    if not ids:
        return letter
    query = (
        select(m.ProgressUpdate)
        .where(m.ProgressUpdate.recommendation_id.in_(ids))
        .order_by(m.ProgressUpdate.update_date, m.ProgressUpdate.id)
    )
    if letter.is_issued and letter.letter_date is not None:
        query = query.where(m.ProgressUpdate.update_date <= letter.letter_date)
    found: dict[int, list[r.ProgressUpdateRecord]] = defaultdict(list)
    for row in s.scalars(query):
        found[row.recommendation_id].append(convert.progress_update(row))
    responses = tuple(
        dataclasses.replace(resp, updates=tuple(found.get(resp.recommendation.id, ())))
        for resp in letter.responses
    )
    return dataclasses.replace(letter, responses=responses)


def default_since(s: Session, report_id: int) -> dt.date | None:
    """The date a new progress update letter about a report reports from: the date of the last
    letter issued about it (the response, or an earlier update); with none issued, the date the
    response was due; None when the report has neither."""
    answers = (
        select(m.Response.id)
        .join(m.Recommendation, m.Recommendation.id == m.Response.recommendation_id)
        .where(m.Response.letter_id == m.Letter.id, m.Recommendation.report_id == report_id)
        .exists()
    )
    issued = s.execute(
        select(m.Letter.letter_date, m.Letter.issued_at).where(
            m.Letter.status == v.LetterStatus.ISSUED, or_(m.Letter.report_id == report_id, answers)
        )
    ).all()
    dates = [day or (at.date() if at else None) for day, at in issued]
    known = [d for d in dates if d is not None]
    if known:
        return max(known)
    report = s.get(m.Report, report_id)
    return report.response_due if report is not None else None
