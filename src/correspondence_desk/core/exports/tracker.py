"""The tracker: one row per recommendation, as CSV or as a formatted XLSX workbook.

Rows are read in four queries (recommendations with their reports, addressees, answering letters,
the latest progress update of each: its highest id, as updates are never back-dated)
rather than one per recommendation, and the workbook is written in openpyxl's write-only mode, so
100,000 rows export in seconds. Files are written beside the target and renamed into place when
complete: a cancelled or failed export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import String, func, select, type_coerce

from correspondence_desk.core import model as m
from correspondence_desk.core import vocabulary as v
from correspondence_desk.core.db import Database, storage_errors
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.exports.files import ExportCancelled, replacing
from correspondence_desk.core.exports.xlsx import Column, write_table

Progress = Callable[[int, int], None]  # (rows done, rows in all)
Cancelled = Callable[[], bool]
PROGRESS_EVERY = 2000


@dataclass(frozen=True, slots=True)
class TrackerRow:
    report_reference: str
    report_title: str
    label: str
    text: str
    addressees: str  # "CTA; London Councils (partner)"
    owner: str
    deadline: dt.date | None
    position: str  # the label a reader sees ("Accepted in part"), "" when none yet
    progress: str
    letters: str  # "CTA/TEC/2026/017 (issued 12/11/2026); CTA/TEC/2027/002 (draft)"
    latest_update: str = ""  # the latest progress update's text
    update_date: dt.date | None = None  # and its date
    response_due: dt.date | None = None  # the report's, as the committee set it
    expected: dt.date | None = None  # later, as a holding letter told the committee
    expected_reason: str = ""


# heading, width in characters, wrap
COLUMNS = (
    ("Report", 16, False),
    ("Report title", 40, True),
    ("Rec.", 6, False),
    ("Recommendation", 70, True),
    ("Directed at", 28, True),
    ("Owner", 18, False),
    ("Deadline", 12, False),
    ("Position", 22, False),
    ("Progress", 11, False),
    ("Answered in", 32, True),
    ("Latest update", 50, True),
    ("Update date", 12, False),
    ("Response due", 12, False),
    ("Expected response", 12, False),
    ("Why later", 32, True),
)
DATE_COLUMNS = (6, 11)  # deadline, update date: YYYY-MM-DD in the CSV


def _raw(column: Any) -> Any:
    # the stored string, skipping SQLAlchemy's enum conversion (100,000 times over, it shows)
    return type_coerce(column, String)


def tracker_rows(db: Database) -> list[TrackerRow]:
    """Every recommendation, the most recently logged report first, ready to write out."""
    position_labels = {p.value: p.label for p in v.Position}
    progress_labels = {p.value: p.label for p in v.Progress}
    with storage_errors(db.location), db.engine.connect() as s:
        names: dict[int, list[str]] = defaultdict(list)
        for rec_id, name, short, role in s.execute(
            select(
                m.RecommendationAddressee.recommendation_id,
                m.Body.name,
                m.Body.short_name,
                _raw(m.RecommendationAddressee.role),
            )
            .join(m.Body, m.Body.id == m.RecommendationAddressee.body_id)
            .order_by(m.RecommendationAddressee.recommendation_id, m.RecommendationAddressee.sort_order)
        ).all():
            label = short or name
            names[rec_id].append(f"{label} (partner)" if role == v.AddresseeRole.PARTNER.value else label)
        expected = {
            report_id: (when, reason)
            for report_id, when, reason in s.execute(
                select(
                    m.ExpectedResponse.report_id, m.ExpectedResponse.expected, m.ExpectedResponse.reason
                ).where(
                    m.ExpectedResponse.id.in_(
                        select(func.max(m.ExpectedResponse.id)).group_by(m.ExpectedResponse.report_id)
                    )
                )
            ).all()
        }
        letters: dict[int, list[str]] = defaultdict(list)
        for rec_id, ref, status, issued_at in s.execute(
            select(
                m.Response.recommendation_id, m.Letter.reference, _raw(m.Letter.status), m.Letter.issued_at
            )
            .join(m.Letter, m.Letter.id == m.Response.letter_id)
            .order_by(m.Response.recommendation_id, m.Letter.letter_date.asc().nulls_last(), m.Letter.id)
        ).all():
            when = f" {issued_at:%d/%m/%Y}" if issued_at else ""
            letters[rec_id].append(f"{ref} ({status}{when})")
        latest: dict[int, tuple[str, dt.date]] = {}
        newest = (
            select(func.max(m.ProgressUpdate.id).label("uid"))
            .group_by(m.ProgressUpdate.recommendation_id)
            .subquery()
        )
        for rec_id, text, day in s.execute(
            select(
                m.ProgressUpdate.recommendation_id, m.ProgressUpdate.text, m.ProgressUpdate.update_date
            ).join(newest, newest.c.uid == m.ProgressUpdate.id)
        ).all():
            latest[rec_id] = (text, day)
        query = (
            select(
                m.Recommendation.id,
                m.Report.reference,
                m.Report.title,
                m.Recommendation.label,
                m.Recommendation.text,
                m.Recommendation.owner,
                m.Recommendation.deadline,
                _raw(m.Recommendation.position),
                _raw(m.Recommendation.progress),
                m.Report.id,
                m.Report.response_due,
            )
            .join(m.Report, m.Report.id == m.Recommendation.report_id)
            .order_by(m.Report.id.desc(), m.Recommendation.sort_order)  # read in index order: no big sort
        )
        rows = s.execute(query).all()
        return [
            TrackerRow(
                report_reference=ref,
                report_title=title,
                label=label,
                text=text,
                addressees="; ".join(names.get(rec_id, ())),
                owner=owner,
                deadline=deadline,
                position=position_labels.get(position, "") if position else "",
                progress=progress_labels.get(progress, "") if progress else "",
                letters="; ".join(letters.get(rec_id, ())),
                latest_update=latest[rec_id][0] if rec_id in latest else "",
                update_date=latest[rec_id][1] if rec_id in latest else None,
                response_due=due,
                expected=expected[report_id][0] if report_id in expected else None,
                expected_reason=expected[report_id][1] if report_id in expected else "",
            )
            for (rec_id, ref, title, label, text, owner, deadline, position, progress, report_id, due) in rows
        ]


def _values(row: TrackerRow) -> list[object]:
    return [
        row.report_reference,
        row.report_title,
        row.label,
        row.text,
        row.addressees,
        row.owner,
        row.deadline,
        row.position,
        row.progress,
        row.letters,
        row.latest_update,
        row.update_date,
        row.response_due,
        row.expected,
        row.expected_reason,
    ]


def _ticks(
    rows: list[TrackerRow], progress: Progress | None, cancelled: Cancelled | None
) -> Iterator[TrackerRow]:
    total = len(rows)
    for i, row in enumerate(rows):
        if i % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelled("The export was cancelled; no file was written.")
            if progress is not None:
                progress(i, total)
        yield row
    if progress is not None:
        progress(total, total)


def write_csv(
    rows: list[TrackerRow], path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> int:
    """UTF-8 with a byte-order mark (Excel then reads accents right); dates as YYYY-MM-DD."""
    with replacing(path) as tmp, tmp.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow([c[0] for c in COLUMNS])
        for row in _ticks(rows, progress, cancelled):
            values = _values(row)
            for i, value in enumerate(values):  # dates as YYYY-MM-DD
                if isinstance(value, dt.date):
                    values[i] = value.isoformat()
                elif value is None:
                    values[i] = ""
            out.writerow(values)
    return len(rows)


def write_xlsx(
    rows: list[TrackerRow], path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> int:
    """A workbook with a bold, frozen, filterable header, set widths, wrapped text and real dates."""
    columns = [Column(title, width, wrap) for title, width, wrap in COLUMNS]
    with replacing(path) as tmp:
        write_table(
            tmp, "Tracker", columns, (_values(r) for r in _ticks(rows, progress, cancelled)), len(rows)
        )
    return len(rows)


def export_tracker(
    db: Database, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> int:
    """Write the tracker as CSV or XLSX (chosen by the file's extension); return the rows written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DeskError(f"Export the tracker as .csv or .xlsx, not “{path.suffix or path.name}”.")
    rows = tracker_rows(db)
    if cancelled is not None and cancelled():
        raise ExportCancelled("The export was cancelled; no file was written.")
    writer = write_csv if suffix == ".csv" else write_xlsx
    return writer(rows, path, progress, cancelled)
