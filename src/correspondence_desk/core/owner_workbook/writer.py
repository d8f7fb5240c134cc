"""Write an owners' workbook with XlsxWriter (layout.py says what goes where).

Each sheet is protected (no password: it guards against slips, not people) with only the answer
cells unlocked; `New RAG` is a drop-down list that refuses anything else, `New target date` a date
cell that refuses text. Text is written as text, never as a formula or a link, whatever it starts
with ("=", "http").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.owner_workbook.layout import (
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    INDEX,
    META_SHEET,
    RAG_CHOICES,
    TITLE_ROW,
    sheet_names,
)
from correspondence_desk.core.records import WorkbookLine
from correspondence_desk.core.vocabulary import NO_POSITION

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
ANSWER_FILL = "#FFF4C2"
PROTECTION = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_columns": True,  # widen a column to read it
    "format_rows": True,
    "autofilter": True,
    "sort": False,  # rows are matched by id, but a sort would only confuse the sender
}


def _formats(wb: Any) -> dict[str, Any]:
    base = {"valign": "top", "font_name": "Calibri", "font_size": 11}
    heading = {**base, "bold": True, "text_wrap": True, "border": 1}
    answer = {**base, "locked": False, "bg_color": ANSWER_FILL, "border": 1, "border_color": "#B0A060"}
    return {
        "title": wb.add_format({**base, "bold": True, "font_size": 13}),
        "header": wb.add_format({**heading, "bg_color": "#D9E2EC"}),
        "answer_header": wb.add_format({**heading, "bg_color": ANSWER_FILL}),
        "text": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "date": wb.add_format({**base, "num_format": "dd/mm/yyyy"}),
        "answer": wb.add_format({**answer, "text_wrap": True}),
        "answer_date": wb.add_format({**answer, "num_format": "dd/mm/yyyy"}),
        "hidden": wb.add_format(base),
    }


def _cells(line: WorkbookLine) -> dict[str, Any]:
    return {
        "report": line.report_reference,
        "label": line.label,
        "text": line.text,
        "position": line.position.label if line.position else NO_POSITION,
        "progress": line.progress.label if line.progress else "",
        "target": line.target_date,
        "last_update": line.last_update,
        "last_date": line.last_update_date,
        "id": line.recommendation_id,
        "fingerprint": line.fingerprint,
    }


def _owner_sheet(
    wb: Any, fmt: dict[str, Any], name: str, owner: str, lines: Sequence[WorkbookLine], when: str
) -> None:
    ws = wb.add_worksheet(name)
    ws.write_string(
        TITLE_ROW, 0, f"Progress updates: {owner or 'recommendations with no owner'}", fmt["title"]
    )
    ws.write_string(
        TITLE_ROW,
        INDEX["new_rag"],
        f"Fill in the shaded columns, save and send this file back. Exported {when}.",
        fmt["text"],
    )
    for col, column in enumerate(COLUMNS):
        answer = column.kind in ("rag", "answer", "answer_date")
        ws.write_string(HEADER_ROW, col, column.heading, fmt["answer_header" if answer else "header"])
        options = {"hidden": True} if column.kind == "hidden" else {}
        ws.set_column(col, col, column.width, None, options)
    last = FIRST_ROW + len(lines) - 1
    for row, line in enumerate(lines, start=FIRST_ROW):
        values = _cells(line)
        for col, column in enumerate(COLUMNS):
            value = values.get(column.key)
            if column.kind == "rag" or column.kind == "answer":
                ws.write_blank(row, col, None, fmt["answer"])
            elif column.kind == "answer_date":
                ws.write_blank(row, col, None, fmt["answer_date"])
            elif isinstance(value, dt.date):
                ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt["date"])
            elif isinstance(value, int):
                ws.write_number(row, col, value, fmt["hidden"])
            elif value:
                ws.write_string(row, col, str(value), fmt["wrap" if column.kind == "wrap" else "text"])
    rag, new_target = INDEX["new_rag"], INDEX["new_target"]
    ws.data_validation(
        FIRST_ROW, rag, last, rag,
        {
            "validate": "list",
            "source": list(RAG_CHOICES),
            "input_title": "New RAG",
            "input_message": "Red, Amber, Green or Complete",
            "error_title": "Not in the list",
            "error_message": "Choose Red, Amber, Green or Complete from the list.",
        },
    )  # fmt: skip
    ws.data_validation(
        FIRST_ROW, new_target, last, new_target,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": EARLIEST,
            "maximum": LATEST,
            "input_title": "New target date",
            "input_message": "Only if the date moves; give the reason beside it.",
            "error_title": "Not a date",
            "error_message": "Type a date such as 31/12/2027.",
        },
    )  # fmt: skip
    ws.freeze_panes(FIRST_ROW, 0)
    ws.autofilter(HEADER_ROW, 0, last, INDEX["reason"])
    ws.protect("", PROTECTION)


def _meta_sheet(wb: Any, export_id: str, when: dt.datetime, rows: list[tuple[str, WorkbookLine]]) -> None:
    ws = wb.add_worksheet(META_SHEET)
    for row, (key, value) in enumerate(
        [("Format", FORMAT), ("Export id", export_id), ("Exported at", when.isoformat(timespec="seconds"))]
    ):
        ws.write_string(row, 0, key)
        ws.write_string(row, 1, value)
    ws.write_row(4, 0, ["Sheet", "Desk id", "Desk check", "Reference"])
    for row, (sheet, line) in enumerate(rows, start=5):
        ws.write_string(row, 0, sheet)
        ws.write_number(row, 1, line.recommendation_id)
        ws.write_string(row, 2, line.fingerprint)
        ws.write_string(row, 3, f"{line.report_reference}/{line.label}")
    ws.protect("", {})
    ws.hide()


def write_workbook(
    path: Path, export_id: str, exported_at: dt.datetime, sheets: Sequence[tuple[str, Sequence[WorkbookLine]]]
) -> list[str]:
    """One sheet per (owner, lines), in order, then the hidden export sheet; the sheet names."""
    names = sheet_names([owner for owner, _ in sheets])
    wb = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    wb.set_properties({"title": "Progress updates", "comments": f"{FORMAT}; export {export_id}"})
    fmt = _formats(wb)
    when = long_date(exported_at.date())
    manifest: list[tuple[str, WorkbookLine]] = []
    for name, (owner, lines) in zip(names, sheets, strict=True):
        _owner_sheet(wb, fmt, name, owner, lines, when)
        manifest += [(name, line) for line in lines]
    _meta_sheet(wb, export_id, exported_at, manifest)
    wb.close()
    return names
