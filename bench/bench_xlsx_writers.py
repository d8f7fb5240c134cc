"""Could a kept XLSX library replace the tracker's hand-written writer (core/exports/xlsx.py)?

    python bench/bench_xlsx_writers.py --db /tmp/big.sqlite3 [--runs 3]

Reads every recommendation once (tracker_rows, timed on its own), then writes the same rows with the
same formatting — bold header, frozen header row, autofilter, column widths, wrapped text, real dates
(dd/mm/yyyy) — with each writer in turn, round after round, and prints the median wall and CPU time
of each against the 10 s target for the whole export (rows read + written). Each file is read back
with openpyxl once (row count and a date cell), outside the timing.

Writers: the hand-written one; XlsxWriter in constant_memory mode; PyExcelerate; rustpy-xlsxwriter.
The last two are not dependencies of the app: install them into the venv to measure them
(`pip install pyexcelerate rustpy-xlsxwriter`); a missing one is reported, not measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from correspondence_desk.core.db import open_database
from correspondence_desk.core.exports.tracker import COLUMNS, TrackerRow, _values, tracker_rows, write_xlsx
from correspondence_desk.paths import location_for

TARGET_S = 10.0
HEADINGS = [c[0] for c in COLUMNS]
DATE_COLUMNS = {i for i, c in enumerate(COLUMNS) if c[0] in ("Deadline", "Update date")}


def hand_written(rows: list[TrackerRow], path: Path) -> None:
    write_xlsx(rows, path)


def xlsxwriter_constant_memory(rows: list[TrackerRow], path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    ws = wb.add_worksheet("Tracker")
    header = wb.add_format({"bold": True, "bg_color": "#D9E2EC", "valign": "top"})
    plain = wb.add_format({"valign": "top"})
    wrapped = wb.add_format({"valign": "top", "text_wrap": True})
    date = wb.add_format({"valign": "top", "num_format": "dd/mm/yyyy"})
    styles = [
        date if i in DATE_COLUMNS else wrapped if wrap else plain for i, (_, _, wrap) in enumerate(COLUMNS)
    ]
    for i, (_title, width, _wrap) in enumerate(COLUMNS):
        ws.set_column(i, i, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rows), len(COLUMNS) - 1)
    ws.write_row(0, 0, HEADINGS, header)
    write_string, write_datetime = ws.write_string, ws.write_datetime
    for r, row in enumerate(rows, start=1):  # constant_memory: rows strictly in order
        for c, value in enumerate(_values(row)):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                write_datetime(r, c, dt.datetime(value.year, value.month, value.day), styles[c])
            else:
                write_string(r, c, str(value), styles[c])
    wb.close()


def pyexcelerate_writer(rows: list[TrackerRow], path: Path) -> None:
    from pyexcelerate import Alignment, Color, Fill, Font, Format, Panes, Style, Workbook

    data: list[list[object]] = [HEADINGS]
    for row in rows:
        values = _values(row)
        data.append([None if v == "" else v for v in values])
    wb = Workbook()
    ws = wb.new_sheet("Tracker", data=data)
    ws.set_row_style(1, Style(font=Font(bold=True), fill=Fill(background=Color(0xD9, 0xE2, 0xEC))))
    for i, (_title, width, wrap) in enumerate(COLUMNS, start=1):
        fmt = Format("dd/mm/yyyy") if i - 1 in DATE_COLUMNS else None
        ws.set_col_style(
            i, Style(size=width, alignment=Alignment(vertical="top", wrap_text=wrap), format=fmt)
        )
    ws.panes = Panes(y=1)
    ws.auto_filter = True
    wb.save(str(path))


def rustpy_writer(rows: list[TrackerRow], path: Path) -> None:
    from rustpy_xlsxwriter import Format, write_worksheet

    records = []
    for row in rows:
        values = _values(row)
        records.append(
            {
                h: (dt.datetime(v.year, v.month, v.day) if isinstance(v, dt.date) else v)
                for h, v in zip(HEADINGS, values, strict=True)
            }
        )
    formats = [
        Format().set_num_format("dd/mm/yyyy")
        if i in DATE_COLUMNS
        else Format().set_text_wrap()
        if wrap
        else Format()
        for i, (_t, _w, wrap) in enumerate(COLUMNS)
    ]
    write_worksheet(
        records,
        str(path),
        sheet_name="Tracker",
        freeze_row=1,
        bold_headers=True,
        autofilter=True,
        column_widths=[w for _t, w, _wrap in COLUMNS],
        column_formats=formats,
        datetime_format="dd/mm/yyyy",
    )


WRITERS: dict[str, tuple[str, Callable[[list[TrackerRow], Path], None]]] = {
    "hand-written (core/exports/xlsx.py)": ("", hand_written),
    "XlsxWriter, constant_memory": ("xlsxwriter", xlsxwriter_constant_memory),
    "PyExcelerate": ("pyexcelerate", pyexcelerate_writer),
    "rustpy-xlsxwriter": ("rustpy_xlsxwriter", rustpy_writer),
}


def _available(module: str) -> bool:
    if not module:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _check(path: Path, rows: int) -> str:
    """The file as openpyxl reads it: its row count and the first deadline cell's type."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb.active
    count = 0
    date_ok = None
    deadline = HEADINGS.index("Deadline")
    for values in ws.iter_rows(min_row=2, values_only=True):
        count += 1
        if date_ok is None and values[deadline] is not None:
            date_ok = isinstance(values[deadline], dt.datetime)
    wb.close()
    problems = [] if count == rows else [f"{count:,} rows"]
    problems += [] if date_ok else ["dates not read as dates"]
    return "; ".join(problems) or "ok"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a database made by bench/generate.py")
    parser.add_argument("--runs", type=int, default=3, help="rounds of every writer (median shown)")
    parser.add_argument(
        "--only", nargs="*", default=(), help="measure only writers whose names contain these"
    )
    args = parser.parse_args(argv)
    db = open_database(location_for(args.db), create=False)
    try:
        read_times = []
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            rows = tracker_rows(db)
            read_times.append((time.perf_counter() - wall, time.process_time() - cpu))
    finally:
        db.close()
    read_wall = statistics.median(t[0] for t in read_times)
    read_cpu = statistics.median(t[1] for t in read_times)
    chosen = {
        n: w for n, w in WRITERS.items() if not args.only or any(o.lower() in n.lower() for o in args.only)
    }
    usable = {name: fn for name, (module, fn) in chosen.items() if _available(module)}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in usable}
    checks: dict[str, str] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(args.runs):
            for i, (name, fn) in enumerate(usable.items()):  # in turns: every writer sees the same load
                path = Path(folder) / f"w{i}-{round_}.xlsx"
                wall, cpu = time.perf_counter(), time.process_time()
                fn(rows, path)
                times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
                if round_ == 0:
                    checks[name] = _check(path, len(rows))
                    sizes[name] = path.stat().st_size
                path.unlink()
    load = (
        f", load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        if hasattr(os, "getloadavg")
        else ""
    )
    print(f"\n{len(rows):,} tracker rows from {args.db}{load}; medians of {args.runs} rounds")
    print(f"reading the rows (tracker_rows): {read_wall:.2f} s wall, {read_cpu:.2f} s CPU\n")
    print(f"{'Writer':<38}{'write (min–max)':>20}{'CPU':>8}{'whole export':>14}{'file':>9}  read back")
    print("-" * 104)
    for name in chosen:
        if name not in usable:
            print(f"{name:<38}{'not installed':>20}")
            continue
        walls = [t[0] for t in times[name]]
        wall, cpu = statistics.median(walls), statistics.median(t[1] for t in times[name])
        whole = read_wall + wall
        verdict = "ok" if whole <= TARGET_S else "MISSED"
        span = f"{wall:.2f} ({min(walls):.2f}–{max(walls):.2f})"
        size = f"{sizes[name] / 1e6:.1f} MB"
        print(f"{name:<38}{span:>20}{cpu:>8.2f}{whole:>9.2f} s {verdict:<4}{size:>9}  {checks[name]}")
    print(f"\ntarget for the whole export: {TARGET_S:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
