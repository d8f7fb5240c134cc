"""An .ics calendar of response due dates and recommendation deadlines (icalendar, no network).

One all-day event per open report's response due date and per recommendation deadline still ours to
meet, from PAST_DAYS ago onwards: a calendar is for what is coming and what has just slipped, and
icalendar writes about a thousand events a second, so years of old deadlines would only slow it.
UIDs are built from the record ids and the database location, so importing the file again updates
the same events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import String, or_, select, type_coerce

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.db import Database, storage_errors
from correspondence_desk.core.exports.files import replacing
from correspondence_desk.core.vocabulary import NOT_OURS

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//Correspondence Desk//Response calendar//EN"
PAST_DAYS = 90


def _uid(db: Database, kind: str, record_id: int) -> str:
    # the same database always gives the same UID; two databases never clash
    place = hashlib.sha256(str(db.location).encode()).hexdigest()[:12]
    return f"{kind}-{record_id}-{place}@correspondence-desk"


def build_calendar(db: Database, since: dt.date | None = None, now: dt.datetime | None = None) -> Calendar:
    """The calendar as an icalendar.Calendar (events sorted by date), dates from `since` on."""
    from icalendar import Calendar, Event

    stamp = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    since = since or dt.date.today() - dt.timedelta(days=PAST_DAYS)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Correspondence Desk deadlines")
    events: list[tuple[dt.date, str, str, str, str]] = []
    with storage_errors(db.location), db.engine.connect() as conn:
        for rid, ref, title, due, committee in conn.execute(
            select(m.Report.id, m.Report.reference, m.Report.title, m.Report.response_due, m.Committee.name)
            .outerjoin(m.Committee, m.Committee.id == m.Report.committee_id)
            .where(m.Report.response_due >= since, m.Report.status == v.ReportStatus.OPEN)
        ):
            about = f"{title}\nCommittee: {committee}" if committee else title
            if due is not None:
                events.append((due, _uid(db, "report-due", rid), f"Response due: {ref}", about, ref))
        not_ours = [p.value for p in NOT_OURS]
        position = type_coerce(m.Recommendation.position, String)
        for rec_id, label, text, deadline, ref in conn.execute(
            select(
                m.Recommendation.id,
                m.Recommendation.label,
                m.Recommendation.text,
                m.Recommendation.deadline,
                m.Report.reference,
            )
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .where(
                m.Recommendation.deadline >= since,
                m.Report.status != v.ReportStatus.CLOSED,
                or_(m.Recommendation.progress.is_(None), m.Recommendation.progress != v.Progress.COMPLETE),
                or_(position.is_(None), position.not_in(not_ours)),
            )
        ):
            summary = f"Deadline: {ref} recommendation {label}"
            if deadline is not None:
                events.append((deadline, _uid(db, "recommendation-deadline", rec_id), summary, text, ref))
    for day, uid, summary, description, ref in sorted(events):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)  # a date, not a datetime: an all-day event
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("categories", [ref])
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
        cal.add_component(event)
    return cal


def export_calendar(db: Database, path: Path, since: dt.date | None = None) -> int:
    """Write the .ics file; return how many events it holds."""
    cal = build_calendar(db, since)
    with replacing(Path(path)) as tmp:
        tmp.write_bytes(cal.to_ical())
    return len(cal.subcomponents)
