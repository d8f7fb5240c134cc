"""Read a returned owners' workbook with openpyxl and check what needs no database.

Every row is matched by its hidden id; each answered row's cells are read as the owner left them
(a date typed as text is parsed as the office writes dates; a serial number is a date too).
A problem found here (an edited id, a row deleted or copied, a bad date, a RAG not in the list) is
one message for its row; the database checks (changed since export, already imported) are the
import service's.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from correspondence_desk.core.dates import parse_date
from correspondence_desk.core.errors import DeskError, ValidationError
from correspondence_desk.core.owner_workbook.layout import (
    ANSWERS,
    FORMAT,
    HEADINGS,
    META_SHEET,
    RAG_CHOICES,
    parse_rag,
    state_of,
)
from correspondence_desk.core.vocabulary import Progress

EXCEL_EPOCH = dt.date(1899, 12, 30)
CHANGED_ID = "its hidden Desk id was changed (it no longer matches what was exported)"
NO_ID = "it has no Desk id (a row added, or its hidden id cleared)"


@dataclass(frozen=True, slots=True)
class Exported:
    """One row as the hidden export sheet lists it."""

    sheet: str
    recommendation_id: int
    fingerprint: str
    reference: str


@dataclass
class ReadRow:
    sheet: str
    row: int  # as the spreadsheet numbers it
    recommendation_id: int | None
    reference: str
    state: str | None = None  # what the recommendation was at export (from the fingerprint)
    answered: bool = False
    progress: Progress | None = None
    text: str = ""
    target_date: dt.date | None = None
    target_given: bool = False
    reason: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class ReadWorkbook:
    export_id: str
    exported_at: dt.datetime | None
    rows: list[ReadRow]  # the sheets' rows, then one for each exported row that is missing


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _date(value: Any) -> dt.date | None:
    """A date cell, a date typed as text, or a serial number; ValidationError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    return parse_date(str(value), "date")


def _meta(book: Any) -> tuple[str, dt.datetime | None, list[Exported]]:
    if META_SHEET not in book.sheetnames:
        raise DeskError(
            "This is not an owners' workbook exported by Correspondence Desk (its export sheet is missing)."
        )
    ws = book[META_SHEET]
    values = {
        _text(row[0]): row[1] for row in ws.iter_rows(min_row=1, max_row=3, max_col=2, values_only=True)
    }
    if _text(values.get("Format")) != FORMAT:
        raise DeskError(
            "This workbook was written by another version of Correspondence Desk; export a new one."
        )
    export_id = _text(values.get("Export id"))
    when = None
    try:
        when = dt.datetime.fromisoformat(_text(values.get("Exported at")))
    except ValueError:
        pass
    exported = []
    for sheet, rec_id, check, reference in ws.iter_rows(min_row=6, max_col=4, values_only=True):
        if rec_id is None:
            continue
        exported.append(Exported(_text(sheet), int(rec_id), _text(check), _text(reference)))
    return export_id, when, exported


def _columns(ws: Any) -> tuple[int, dict[str, int]] | None:
    """The header row (1-based) and each known column's index, if this is an owner's sheet."""
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=5, values_only=True), start=1):
        found = {
            HEADINGS[_text(v).casefold()]: i for i, v in enumerate(row) if _text(v).casefold() in HEADINGS
        }
        if "new_rag" in found and "id" in found:
            return number, found
    return None


def _answers(row: ReadRow, cells: dict[str, Any]) -> None:
    rag, text = _text(cells.get("new_rag")), _text(cells.get("new_text"))
    target, reason = cells.get("new_target"), _text(cells.get("reason"))
    row.answered = any(_text(cells.get(key)) for key in ANSWERS)
    row.text, row.reason = text, reason
    if not row.answered:
        return
    if rag:
        row.progress = parse_rag(rag)
        if row.progress is None:
            row.problems.append(f"the New RAG “{rag}” is not in the list ({', '.join(RAG_CHOICES)})")
    else:
        row.problems.append("choose a New RAG from the list (Red, Amber, Green or Complete)")
    if _text(target):
        try:
            row.target_date, row.target_given = _date(target), True
        except ValidationError as exc:
            row.problems.append(f"the New target date: {exc}")


def read_workbook(data: bytes) -> ReadWorkbook:
    """Every row of every owner's sheet, checked; DeskError if the file is not such a workbook."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DeskError(f"This file is not an .xlsx workbook that can be read ({exc}).") from exc
    export_id, when, exported = _meta(book)
    by_id = {e.recommendation_id: e for e in exported}
    rows: list[ReadRow] = []
    seen: dict[int, ReadRow] = {}
    for ws in book.worksheets:
        if ws.title == META_SHEET or (found := _columns(ws)) is None:
            continue
        header, index = found
        for number, values in enumerate(ws.iter_rows(min_row=header + 1, values_only=True), start=header + 1):
            cells = {key: values[i] if i < len(values) else None for key, i in index.items()}
            raw_id = _text(cells.get("id"))
            reference = "/".join(x for x in (_text(cells.get("report")), _text(cells.get("label"))) if x)
            if not raw_id and not any(_text(cells.get(key)) for key in ANSWERS):
                continue  # an empty row
            rec_id = int(raw_id) if raw_id.isdigit() else None
            row = ReadRow(ws.title, number, rec_id, reference)
            _answers(row, cells)
            rows.append(row)
            entry = by_id.get(rec_id) if rec_id is not None else None
            if rec_id is None:
                row.problems.insert(0, CHANGED_ID if raw_id else NO_ID)
                continue
            row.state = state_of(export_id, rec_id, _text(cells.get("fingerprint")))
            if entry is None or row.state is None:
                row.problems.insert(0, CHANGED_ID)
                continue
            row.reference = entry.reference
            if rec_id in seen:
                row.problems.insert(
                    0, f"{entry.reference} appears twice (also {seen[rec_id].sheet} row {seen[rec_id].row})"
                )
                continue
            seen[rec_id] = row
    for entry in exported:
        if entry.recommendation_id not in seen:
            missing = ReadRow(entry.sheet, 0, entry.recommendation_id, entry.reference)
            missing.problems.append("its row was deleted from the workbook")
            rows.append(missing)
    return ReadWorkbook(export_id, when, rows)
