"""Following recommendations through: `update`, `export-updates` and `import-updates`.

`import-updates` checks every row first; when any row has a problem it prints one line per bad row
on standard error, saves nothing and exits 1. `--dry-run` shows what would change and saves nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import check_destination, output_path, print_json, table

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk
    from correspondence_desk.core.records import ProgressUpdateRecord, WorkbookReview, WorkbookRow

PROG = "correspondence-desk"


def update(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.dates import parse_date
    from correspondence_desk.core.records import UNCHANGED
    from correspondence_desk.core.vocabulary import Progress

    target = UNCHANGED if args.target is None else None
    if args.target is not None and args.target.strip().lower() not in ("none", "-"):
        target = parse_date(args.target, "--target date")
    when = parse_date(args.date, "--date") if args.date else None
    with desk.services(writes=True) as services:
        rec_id = services.reports.resolve_recommendation(args.recommendation)
        record = services.updates.record(
            rec_id,
            progress=Progress(args.rag),
            text=args.text,
            target_date=target,
            reason=args.reason or "",
            owner=args.owner,
            update_date=when,
        )
        rec = services.reports.get_recommendation(rec_id)
        report = services.reports.get(rec.report_id)
    if args.json:
        print_json(record)
        return 0
    print(f"Recorded an update on {report.reference}/{rec.label}: {describe(record)}")
    return 0


def describe(update: ProgressUpdateRecord) -> str:
    """ "Amber, 1 December 2026; target 30 June 2027 (revised from … because …)"."""
    from correspondence_desk.core.dates import long_date

    parts = [f"{update.progress.label if update.progress else 'no RAG'}, {long_date(update.update_date)}"]
    if update.completed_on:
        parts.append(f"completed on {long_date(update.completed_on)}")
    if update.target_text:
        parts.append(f"target {update.target_text}")
    return "; ".join(parts)


def export_updates(args: argparse.Namespace, desk: Desk) -> int:
    check_destination(args.out, "no workbook was written")
    with desk.services() as services:
        done = services.updates.export_workbook(output_path(args.out), owner=args.owner)
    sheets = ", ".join(done.owners)
    owners = "1 owner" if len(done.owners) == 1 else f"{len(done.owners)} owners"
    print(f"Wrote {done.rows} open recommendations for {owners} ({sheets}) to {args.out}")
    return 0


def import_updates(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services(writes=not args.dry_run) as services:
        review = services.updates.import_workbook(output_path(args.file), dry_run=args.dry_run)
    if args.json:
        _print_review_json(review)
    if review.problems:
        for row in review.problems:
            print(f"{PROG}: error: {problem_line(row)}", file=sys.stderr)
        print(f"{PROG}: nothing was saved: correct these rows, or export a new workbook.", file=sys.stderr)
        return 1
    if args.json:
        return 0
    if review.changes:
        headers = ["Sheet", "Row", "Recommendation", "RAG", "Target date", "Update"]
        print(table(headers, [_change_cells(row) for row in review.changes], max_width=50))
    from correspondence_desk.core.text import count

    blank = sum(1 for row in review.rows if row.outcome.value == "no answer")
    already = sum(1 for row in review.rows if row.outcome.value == "already imported")
    rest = f"{count(blank, 'row')} without an answer, {already} already imported"
    if args.dry_run:
        print(f"Would add {count(len(review.changes), 'update')} ({rest}); nothing was saved (--dry-run).")
    elif review.applied:
        print(f"Added {count(review.added, 'update')} from {review.filename} ({rest}).")
    else:
        print(f"Nothing to add from {review.filename} ({rest}).")
    return 0


def problem_line(row: WorkbookRow) -> str:
    where = f"{row.sheet} row {row.row}" if row.row else f"{row.sheet}"
    return f"{where} ({row.reference or 'no reference'}): {row.message}"


def _change_cells(row: WorkbookRow) -> list[str]:
    from correspondence_desk.core.dates import long_date

    was = row.current_progress.label if row.current_progress else "none"
    rag = f"{row.progress.label if row.progress else '?'} (was {was})"
    target = "unchanged"
    if row.target_changed:
        target = f"{long_date(row.target_date) or 'none'} (was {long_date(row.current_target) or 'none'})"
    return [row.sheet, str(row.row), row.reference, rag, target, " ".join(row.text.split())]


def _print_review_json(review: WorkbookReview) -> None:
    from correspondence_desk.core.records import to_jsonable

    data = to_jsonable(review)
    assert isinstance(data, dict)
    data["problems"] = [problem_line(row) for row in review.problems]
    print_json(data)
