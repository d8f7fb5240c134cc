"""Clearance on the command line: the colleagues register, a letter's route, clearing and returning,
the clearance sheet, office settings, and starting a letter of a given kind.

"Me" is the login the command runs as (the OS user on SQLite, the database role on PostgreSQL),
matched to a colleague's login in the register.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import (
    STDOUT,
    UsageError,
    check_destination,
    messages_stream,
    print_json,
    table,
    updates_since_line,
    write_output,
)

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk
    from correspondence_desk.core.records import ClearanceRecord, ClearanceStepRecord


# --- colleagues ----------------------------------------------------------------------------------


def colleague_add(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        added = services.colleagues.add(args.name, args.login, args.role or "")
    role = f", {added.role}" if added.role else ""
    print(f"Added {added.name} (login {added.login}{role}) to the colleagues register.")
    return 0


def colleagues(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        found = services.colleagues.list()
        login = services.colleagues.login()
    if args.json:
        print_json(found)
        return 0
    if not found:
        print(f"No colleagues yet (add one: colleague add NAME --login {login}).")
        return 0
    rows = [
        (
            x.name,
            x.login,
            x.role,
            "yes" if x.active else "no",
            "← you" if x.login.lower() == login.lower() else "",
        )
        for x in found
    ]
    print(table(["Name", "Login", "Role", "Active", ""], rows))
    if not any(x.login.lower() == login.lower() for x in found):
        print(f"\nYour login “{login}” is not in the register.")
    return 0


# --- a letter's route ----------------------------------------------------------------------------


def route(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        letter_id = services.letters.resolve(args.letter)
        if args.set is not None:
            from correspondence_desk.core.clearance import parse_logins

            services.clearance.set_route(letter_id, parse_logins(args.set))
        if args.send:
            services.clearance.send(letter_id)
        record = services.clearance.get(letter_id)
    if args.send and record.current is not None:
        step = record.current
        print(f"Sent {record.reference} for clearance: it is with {_who(step)}, due {_date(step.due)}.")
    _print_route(record, diffs=False)
    return 0


def clear(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.printing import render_letter_pdf

    with desk.services() as services:
        record = services.clearance.clear(args.letter, render_letter_pdf, args.comment or "")
    done = next(s for s in reversed(record.steps) if s.state.value == "cleared" and s.action)
    print(f"Cleared {record.reference} (step {done.number} of {len(record.steps)}).")
    if record.current is not None:
        print(f"It is now with {_who(record.current)}, due {_date(record.current.due)}.")
    else:
        print("Every step has cleared it: it can be issued.")
    return 0


def return_letter(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.printing import render_letter_pdf

    with desk.services() as services:
        record = services.clearance.return_for_amendment(args.letter, args.comment, render_letter_pdf)
    sent = [a for a in record.history if a.outcome.value == "sent"]
    to = f" to {sent[-1].colleague}" if sent else ""
    print(f"Returned {record.reference}{to} for amendment, with your comment.")
    return 0


def clearance(args: argparse.Namespace, desk: Desk) -> int:
    if args.pdf:  # refused before anything is read, so a mistyped folder costs nothing
        check_destination(args.pdf, "no clearance sheet was written")
    with desk.services() as services:
        record = services.clearance.get(args.letter)
        pdf = services.clearance.sheet_pdf(record.letter_id) if args.pdf else b""
    if args.pdf:
        where = write_output(args.pdf, pdf)
        print(f"Wrote {where}: clearance sheet, {len(pdf):,} bytes", file=messages_stream(args.pdf))
        if args.pdf == STDOUT:
            return 0
    if args.json:
        print_json(record)
    else:
        _print_route(record, diffs=True)
    return 0


def _print_route(record: ClearanceRecord, *, diffs: bool) -> None:
    print(f"{record.reference}  {record.kind.label}, {record.status.label.lower()}")
    if not record.steps:
        print("  No clearance route: it can be issued as it is.")
        return
    print(f"  {record.state.text}")
    rows = []
    for step in record.steps:
        action = step.action
        when = f"{action.at:%Y-%m-%d %H:%M}" if action else (f"due {_date(step.due)}" if step.due else "")
        rows.append((step.number, _who(step), step.outcome_text, when, action.comment if action else ""))
    print(table(["Step", "Colleague", "Outcome", "When (UTC)", "Comment"], rows, max_width=48))
    if not diffs:
        return
    for step in record.steps:
        if step.diff:
            print(f"\nChanged since {step.colleague.name} cleared it:")
            print("\n".join(f"  {line}" for line in step.diff))
    if record.issued_sha256 or record.cleared_sha256:
        print()
        print(f"SHA-256 of the PDF cleared: {record.cleared_sha256 or 'not cleared yet'}")
        print(f"SHA-256 of the PDF issued:  {record.issued_sha256 or 'not issued yet'}")


def _who(step: ClearanceStepRecord) -> str:
    return step.colleague.display_name


def _date(value: object) -> str:
    return f"{value:%d/%m/%Y}" if value else "no date"


# --- office settings -----------------------------------------------------------------------------


def setting(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services() as services:
        if args.value is not None:
            services.office.set(args.name, args.value)
        found = services.office.records(args.name)
    for item in found:
        print(f"{item.name} = {item.shown}")
        if not args.name:
            print(f"    {item.description}")
    return 0


# --- a new letter of a kind ----------------------------------------------------------------------


def new_letter(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.dates import parse_date
    from correspondence_desk.core.vocabulary import LetterKind

    kind = LetterKind(args.kind.replace("-", "_"))
    expected = parse_date(args.expected, "expected date") if args.expected else None
    since = parse_date(args.since, "since date") if args.since else None
    if since is not None and kind is not LetterKind.PROGRESS_UPDATE:
        raise UsageError("--since is for a progress update letter (--kind progress_update)")
    with desk.services() as services:
        report = services.reports.get(args.report)
        letter = services.composing.new_letter(
            report.id, kind=kind, expected=expected, reason=args.reason or "", since=since
        )
        record = services.clearance.get(letter.id)
    if args.json:
        print_json(letter)
        return 0
    answers = f", answering {len(letter.responses)} recommendations" if letter.responses else ""
    what = kind.label.lower()
    article = "an" if what[0] in "aeiou" else "a"
    print(f"Started {letter.reference}, {article} {what} about {report.reference}{answers}.")
    if kind is LetterKind.PROGRESS_UPDATE:
        print(updates_since_line(letter))
    if record.steps:
        print("Clearance route: " + ", ".join(_who(s) for s in record.steps))
    else:
        print("No clearance route (nobody in the register has the kind's usual roles).")
    return 0
