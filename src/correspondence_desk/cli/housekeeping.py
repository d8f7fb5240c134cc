"""Looking after the database: `demo` (the fictional example), `backup`, `restore` and `check`.

Backup, restore and check are done by the Desk (cli/database.py, the one module that holds core.db);
this module says what happened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import print_json
from correspondence_desk.core.text import count as plural

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk


def demo(args: argparse.Namespace, desk: Desk) -> int:
    with desk.services(create=True) as services:
        result = services.load_demo()
    if result.added:
        print(
            f"Added the example report {result.report.reference} "
            f"({plural(len(result.report.recommendations), 'recommendation')}) and the draft letter "
            f"{result.letter.reference} to {desk.location}."
        )
    else:
        print(f"The example is already in {desk.location}; nothing added.")
    return 0


def setup_server(args: argparse.Namespace, desk: Desk) -> int:
    for line in desk.setup_server(args.url):
        print(line)
    return 0


def copy_to(args: argparse.Namespace, desk: Desk) -> int:
    for line in desk.copy_to(args.url):
        print(line)
    return 0


def backup(args: argparse.Namespace, desk: Desk) -> int:
    dest = desk.backup(Path(args.dest).expanduser() if args.dest else None)
    print(f"Backed up {desk.location} to {dest}")
    return 0


def restore(args: argparse.Namespace, desk: Desk) -> int:
    safety = desk.restore(Path(args.source).expanduser())
    print(f"Restored {desk.location} from {args.source}.")
    if safety:
        print(f"The database as it was before is saved as {safety}")
    return 0


def check(args: argparse.Namespace, desk: Desk) -> int:
    result = desk.check()
    if args.json:
        print_json(
            {
                "database": result.location,
                "schema": result.revision,
                "problems": result.problems,
                "counts": result.counts,
                "audit_events": result.audit_events,
                "audit_head": result.audit_head,
                "issued_pdfs": result.issued_pdfs,
            }
        )
    elif result.ok:
        print(f"{result.location}: OK (schema {result.revision})")
        for line in result.lines()[1:]:
            print(f"  {line}")
    else:
        for problem in result.problems:
            print(f"{result.location}: {problem}", file=sys.stderr)
    return 0 if result.ok else 1
