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
    from correspondence_desk.core.importing import ExtractedDocument, Proposal, ProposedContact
    from correspondence_desk.core.records import BodyRecord, ContactRecord, ImportedLetter, LetterDetail


def import_report(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.dates import parse_date

    published = parse_date(args.published, "publication date")
    received = parse_date(args.received, "date received")
    doc, source = _read_document(args.file)
    if args.dry_run:
        proposal = _propose(args, doc, published, _bodies_if_any(desk))
        print_json(_proposal_json(proposal)) if args.json else _print_proposal(proposal)
        return 0
    from correspondence_desk.core.importing import letter_date, review, suggest_title

    with desk.services(create=True) as services:
        proposal = _propose(args, doc, published, services.bodies.list())
        added_bodies = review.new_bodies(proposal.recommendations)
        if not proposal.recommendations:
            from correspondence_desk.core.errors import ImportFailedError

            raise ImportFailedError(
                f"No recommendations were found in {doc.filename}; nothing was saved (--dry-run shows why)."
            )
        # without --with-responses / --no-responses the document says whether it is a response
        responses = proposal.is_response if args.with_responses is None else args.with_responses
        report = proposal.report  # what the document says about itself (or the report it answers)
        header, added_people = _letter_header(proposal, services.contacts.list()) if responses else (None, [])
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
            letter=header,
        )
    if args.json:
        print_json(result.report)
    else:
        report, letter = result.report, result.letter
        count = len(report.recommendations)
        print(f"Saved report {report.reference} “{report.title}” with {plural(count, 'recommendation')}.")
        if letter is not None:
            answered = plural(len(letter.responses), "response")
            print(f"Saved the past response letter {letter.reference} ({answered}){_letter_said(letter)}.")
    # on stderr, so that --json output stays JSON: what was added that was not there, one line each
    for name, numbers in added_bodies.items():
        print(f"note: added “{name}” to the bodies register (named by {_items(numbers)})", file=sys.stderr)
    for line in added_people:
        print(f"note: {line}", file=sys.stderr)
    for warning in proposal.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if header is not None and header.letter_date is None:
        print("warning: the letter gives no date; it is saved without one", file=sys.stderr)
    return 0


def _items(numbers: Sequence[str]) -> str:
    return f"recommendation{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}"


def _letter_header(
    proposal: Proposal, contacts: Sequence[ContactRecord]
) -> tuple[ImportedLetter | None, list[str]]:
    """The past letter's header to save: its sender and recipient matched to the contacts, or added
    (said in a line each)."""
    from correspondence_desk.core.importing import review

    letter = proposal.letter
    if letter is None:
        return None, []
    said: list[str] = []
    people = []
    for who, role in ((letter.sender, "sender"), (letter.recipient, "recipient")):
        if who is None or not who.name.strip():
            people.append(None)
            continue
        match = review.match_contact(contacts, who)
        if match is None:
            said.append(f"added “{who.name}” to the contacts (the letter's {role}; not there before)")
        people.append(review.letter_contact(who, match))
    return review.imported_letter(letter, people[0], people[1]), said


def _letter_said(letter: LetterDetail) -> str:
    parts = [f" of {date_text(letter.letter_date)}" if letter.letter_date else " (no date)"]
    if letter.sender is not None:
        parts.append(f" from {letter.sender.full_name}")
    if letter.recipient is not None:
        parts.append(f" to {letter.recipient.full_name}")
    return "".join(parts)


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
                "why": rec.why,
                "confidence": rec.confidence,
            }
            for rec in proposal.recommendations
        ],
        "warnings": list(proposal.warnings),
        # added after the documented keys: what the document says about itself
        "is_response": proposal.is_response,
        "report": {
            "title": proposal.report.title,
            "committee": proposal.report.committee,
            "published": proposal.report.published.isoformat() if proposal.report.published else None,
            "reference": proposal.report.reference,
        },
        "new_bodies": review_new_bodies(proposal),
        "letter": _letter_json(proposal),
    }


def review_new_bodies(proposal: Proposal) -> list[str]:
    from correspondence_desk.core.importing import review

    return list(review.new_bodies(proposal.recommendations))


def _contact_json(who: ProposedContact | None) -> dict[str, str] | None:
    if who is None:
        return None
    keys = ("name", "post_nominals", "role", "organisation", "address", "email")
    return {key: getattr(who, key) for key in keys}


def _letter_json(proposal: Proposal) -> dict[str, Any] | None:
    letter = proposal.letter
    if letter is None:
        return None
    return {
        "date": letter.date.isoformat() if letter.date else None,
        "sender": _contact_json(letter.sender),
        "recipient": _contact_json(letter.recipient),
        "salutation": letter.salutation,
        "subject": letter.subject,
        "body": letter.body,
    }


def _print_proposal(proposal: Proposal) -> None:
    from correspondence_desk.core.importing import review

    report = proposal.report
    said = [f"“{report.title}”" if report.title else "no title found"]
    said += [x for x in (report.committee, date_text(report.published) if report.published else "") if x]
    print(f"Report: {' · '.join(said)}")
    answered = any(rec.response or rec.position for rec in proposal.recommendations)
    if proposal.is_response and answered:
        print("Read as a response: answers and positions proposed too (--no-responses: leave them out).")
    elif proposal.is_response:
        print("Read as a response; its answers are left out (--with-responses: read them too).")
    letter = proposal.letter
    if letter is not None:
        who = [
            f"of {date_text(letter.date)}" if letter.date else "with no date",
            f"from {_person(letter.sender)}" if letter.sender else "sender not found",
            f"to {_person(letter.recipient)}" if letter.recipient else "recipient not found",
        ]
        paragraphs = len([p for p in letter.body.split("\n\n") if p.strip()])
        print(f"Letter: {', '.join(who)}; covering text {plural(paragraphs, 'paragraph')}")
    rows = [
        (
            rec.number,
            ", ".join(a.name for a in rec.addressees),
            date_text(rec.deadline) or rec.deadline_phrase,
            rec.paragraph_ref,
            rec.position.label if rec.position else "",
            review.confidence_text(rec),
            " ".join(rec.text.split()),
        )
        for rec in proposal.recommendations
    ]
    if rows:
        print(table(["No.", "Addressees", "Deadline", "Para", "Position", "Sure", "Text"], rows, 50))
    unsure = [rec.number for rec in proposal.recommendations if review.is_unsure(rec)]
    if unsure:
        print(f"check: the parser is unsure of {_items(unsure)} (--json says why)")
    for name, numbers in review.new_bodies(proposal.recommendations).items():
        print(f"new body: “{name}” is not in the register (named by {_items(numbers)}); saving adds it")
    for warning in proposal.warnings:
        print(f"warning: {warning}")


def _person(who: ProposedContact) -> str:
    name = " ".join(x for x in (who.name, who.post_nominals) if x)
    return ", ".join(x for x in (name, who.role) if x) or who.organisation
