"""Looking at what is on the desk: `reports`, `letters` and `show-report`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import date_text, print_json, table
from correspondence_desk.core.vocabulary import NO_POSITION

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk
    from correspondence_desk.core.records import ResponseRecord


def reports(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        found = services.reports.list()
    headers = ["ID", "Reference", "Title", "Committee", "Received", "Response due", "Answered"]
    rows = [
        (x.id, x.reference, x.title, x.committee, date_text(x.received), date_text(x.response_due),
         f"{x.answered_count}/{x.recommendation_count}")
        for x in found
    ]  # fmt: skip
    return _print_list(args, found, (headers, rows, 48), "No reports yet (try: correspondence-desk demo).")


def letters(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        found = services.letters.list()
    headers = ["ID", "Reference", "Kind", "Date", "Recipient", "Reports", "Status", "Clearance", "Responses"]
    rows = [
        (x.id, x.reference, x.kind.label, date_text(x.letter_date), x.recipient, ", ".join(x.reports),
         x.status.value, x.clearance.text if x.clearance else "", x.response_count)
        for x in found
    ]  # fmt: skip
    return _print_list(args, found, (headers, rows, 60), "No letters yet.")


def _print_list(
    args: argparse.Namespace,
    found: Sequence[object],
    as_table: tuple[Sequence[str], Sequence[Sequence[object]], int],
    empty: str,
) -> int:
    """A list as JSON (--json), as a table (headers, rows, widest cell), or the line saying it is empty."""
    if args.json:
        print_json(found)
    elif found:
        print(table(*as_table))
    else:
        print(empty)
    return 0


def show_report(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        report = services.reports.get(args.report)
        history = services.updates.for_report(report.id)
        notices = services.offline.notices(report.id)  # taken offline by colleagues: a notice, no lock
    if args.json:
        from correspondence_desk.core.records import to_jsonable

        data = to_jsonable(report)
        assert isinstance(data, dict)
        for rec in data["recommendations"]:  # each recommendation's progress updates, newest last
            rec["updates"] = to_jsonable(history.get(rec["id"], ()))
        data["taken_offline"] = [
            {
                "taken_by": n.taken_by,
                "taken_at": to_jsonable(n.taken_at),
                "label": n.label,
                "notice": n.text(),
            }
            for n in notices
        ]
        print_json(data)
        return 0
    from correspondence_desk.core.dates import long_date

    print(f"{report.reference}  {report.title}")
    facts = [
        ("Committee", report.committee),
        ("Published", long_date(report.published)),
        ("Received", long_date(report.received)),
        ("Response due", long_date(report.response_due)),
        ("Status", report.status.value),
        ("Source file", report.source.filename if report.source else ""),
    ]
    for name, value in facts:
        if value:
            print(f"  {name}: {value}")
    for notice in notices:
        print(f"  {notice.text()}")
    answers: dict[int, list[ResponseRecord]] = {}
    for resp in report.responses:
        answers.setdefault(resp.recommendation.id, []).append(resp)
    for rec in report.recommendations:
        print()
        extras = [x for x in (rec.addressee_names and f"to {rec.addressee_names}",
                              rec.deadline and f"deadline {rec.deadline.isoformat()}",
                              rec.paragraph_ref and f"para {rec.paragraph_ref}") if x]  # fmt: skip
        print(f"Recommendation {rec.label}" + (f"  ({'; '.join(extras)})" if extras else ""))
        for para in rec.paragraphs:
            print(f"  {para}")
        updates = history.get(rec.id, ())
        if updates:
            from correspondence_desk.cli.updates import describe
            from correspondence_desk.core.text import count

            latest = updates[-1]
            text = f": {' '.join(latest.text.split())}" if latest.text else ""
            print(f"  Progress ({count(len(updates), 'update')}): {describe(latest)}{text}")
        for resp in answers.get(rec.id, []):
            position = resp.position.label if resp.position else NO_POSITION.lower()
            print(f"  → {resp.letter_reference} [{resp.letter_status.value}] {position}: ", end="")
            print(" ".join(resp.paragraphs) or "(no text yet)")
    return 0
