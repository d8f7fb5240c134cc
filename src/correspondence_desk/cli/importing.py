"""`import-report`: read recommendations (and, from a past letter, responses) out of a file or stdin.

The dates and the document are read before the database is opened, so a mistake there creates
nothing; a dry run does not create a database just to read an empty bodies register.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from correspondence_desk.cli.output import date_text, print_json, table
from correspondence_desk.core.text import count as plural

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from correspondence_desk.cli.database import Desk
    from correspondence_desk.core.importing import ExtractedDocument, Proposal
    from correspondence_desk.core.records import BodyRecord


def import_report(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.dates import parse_date

    published = parse_date(args.published, "publication date")
    received = parse_date(args.received, "date received")
    doc, source = _read_document(args.file)
    if args.dry_run:
        proposal = _propose(args, doc, published, _bodies_if_any(desk))
        print_json(_proposal_json(proposal)) if args.json else _print_proposal(proposal)
        return 0
    from correspondence_desk.core.importing import letter_date, suggest_title

    with desk.services(create=True) as services:
        proposal = _propose(args, doc, published, services.bodies.list())
        if not proposal.recommendations:
            from correspondence_desk.core.errors import ImportFailedError

            raise ImportFailedError(
                f"No recommendations were found in {doc.filename}; nothing was saved (--dry-run shows why)."
            )
        # without --with-responses / --no-responses the document says whether it is a response
        responses = proposal.is_response if args.with_responses is None else args.with_responses
        report = proposal.report  # what the document says about itself (or the report it answers)
        result = services.importing.save(
            proposal,
            title=args.title or report.title or suggest_title(doc),
            reference=args.reference or "",
            committee=args.committee or report.committee,
            published=published or report.published,
            received=received,
            source=source,
            with_responses=responses,
            letter_date=letter_date(doc) if responses else None,
        )
    if args.json:
        print_json(result.report)
    else:
        report, letter = result.report, result.letter
        count = len(report.recommendations)
        print(f"Saved report {report.reference} “{report.title}” with {plural(count, 'recommendation')}.")
        if letter is not None:
            answered = plural(len(letter.responses), "response")
            print(f"Saved the past response letter {letter.reference} ({answered}).")
    for warning in proposal.warnings:  # on stderr, so that --json output stays JSON
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _read_document(file: str) -> tuple[ExtractedDocument, tuple[str, bytes] | None]:
    """The document to import and the source bytes to keep with the report (none for stdin)."""
    from correspondence_desk.core.importing import extract
    from correspondence_desk.core.importing.extract import MAX_TEXT_BYTES, read_file, text_too_large
    from correspondence_desk.core.importing.extract_txt import extract_txt

    if file == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)  # bounded: a pipe may never end
        if len(data) > MAX_TEXT_BYTES:
            from correspondence_desk.core.errors import ImportFailedError

            raise ImportFailedError(text_too_large("standard input"))
        return extract_txt(data, "standard input"), None
    path = Path(file).expanduser()
    doc = extract(path)
    return doc, (doc.filename, read_file(path))


def _bodies_if_any(desk: Desk) -> list[BodyRecord]:
    if not desk.exists():
        return []
    with desk.services() as services:
        return services.bodies.list()


def _propose(
    args: argparse.Namespace, doc: ExtractedDocument, published: dt.date | None, bodies: Sequence[BodyRecord]
) -> Proposal:
    from correspondence_desk.core.importing import propose

    return propose(doc, bodies=bodies, published=published, with_responses=args.with_responses)


def _proposal_json(proposal: Proposal) -> dict[str, Any]:
    """The documented dry-run shape (DESIGN.md): dates as YYYY-MM-DD or null."""
    return {
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "paragraph_ref": rec.paragraph_ref,
                "addressees": [a.name for a in rec.addressees],
                "deadline": rec.deadline.isoformat() if rec.deadline else None,
                "deadline_phrase": rec.deadline_phrase,
                "response": rec.response,
                "position": rec.position.value if rec.position else None,
            }
            for rec in proposal.recommendations
        ],
        "warnings": list(proposal.warnings),
    }


def _print_proposal(proposal: Proposal) -> None:
    rows = [
        (
            rec.number,
            ", ".join(a.name for a in rec.addressees),
            date_text(rec.deadline) or rec.deadline_phrase,
            rec.paragraph_ref,
            rec.position.label if rec.position else "",
            " ".join(rec.text.split()),
        )
        for rec in proposal.recommendations
    ]
    if rows:
        print(table(["No.", "Addressees", "Deadline", "Para", "Position", "Text"], rows, 50))
    for warning in proposal.warnings:
        print(f"warning: {warning}")
