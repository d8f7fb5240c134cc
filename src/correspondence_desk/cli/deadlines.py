"""Following up: `due`, `search` and the exports (`export-tracker`, `export-ics`, `progress-report`).

The exports go through `services.exports`, which holds the database layer the writers need.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import (
    STDOUT,
    date_text,
    default_output,
    output_path,
    print_json,
    table,
    write_output,
)
from correspondence_desk.core.text import count as plural

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk


def due(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        found = services.dashboard.due(within=args.within)
    if args.json:
        print_json(found)
        return 0
    sections = [
        ("Overdue responses", found.overdue_reports),
        (f"Responses due within {found.within} days", found.due_soon_reports),
        ("Overdue recommendation deadlines", found.overdue_recommendations),
        (f"Recommendation deadlines within {found.within} days", found.due_soon_recommendations),
    ]
    for heading, items in sections:
        print(f"{heading}: {items.total}")
        if items.items:
            rows = [(date_text(i.due), _days(i.days), i.reference, i.label, i.title) for i in items.items]
            print(table(["Due", "Days", "Reference", "Rec.", "Title"], rows))
        print()
    return 0


def _days(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"{-days} late"
    return "today" if days == 0 else f"in {days}"


def search(args: argparse.Namespace, desk: Desk) -> int:
    from dataclasses import asdict

    from correspondence_desk.core.search_query import snippet_parts
    from correspondence_desk.core.vocabulary import SEARCH_KINDS

    with desk.services() as services:
        hits = services.search.search(args.query, limit=args.limit)
    if args.json:
        with_text = [
            {**asdict(h), "snippet_text": "".join(t for t, _ in snippet_parts(h.snippet))} for h in hits
        ]
        print_json(with_text)
        return 0
    if not hits:
        print("Nothing found.")
        return 0
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    for kind in SEARCH_KINDS:
        group = [h for h in hits if h.kind == kind]
        if not group:
            continue
        print(f"{kind.capitalize()}s ({len(group)})")
        for hit in group:
            marked = "".join(f"{bold}{t}{plain}" if m else t for t, m in snippet_parts(hit.snippet))
            print(f"  {hit.title}\n      {marked}")
        print()
    return 0


def export_tracker(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        count = services.exports.tracker(output_path(args.out))
    print(f"Wrote {plural(count, 'recommendation')} to {args.out}")
    return 0


def export_ics(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.dates import parse_date

    since = parse_date(args.since, "--since date") if args.since else None
    with desk.services() as services:
        count = services.exports.calendar(output_path(args.out), since=since)
    print(f"Wrote {plural(count, 'event')} to {args.out}")
    return 0


def progress_report(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        report = services.reports.get(args.report)
        pdf = services.exports.progress_report(report.id)
    dest = args.pdf or default_output(f"{report.reference}-progress", ".pdf")
    written = write_output(dest, pdf)
    if dest != STDOUT:  # standard output carries the PDF itself
        print(f"Wrote the progress report for {report.reference} to {written}")
    return 0
