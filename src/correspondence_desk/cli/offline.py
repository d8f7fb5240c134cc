"""`checkout URL OUT` and `checkin FILE URL`: an offline copy taken to a laptop and brought back.

The Desk (cli/database.py) opens the server and the copy; this module asks for passphrases and says
what happened. A check-in that leaves a conflict without a choice applies nothing and exits 1.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from correspondence_desk.cli.output import print_json
from correspondence_desk.core.errors import DeskError

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk
    from correspondence_desk.core.offline.records import CheckinPlan


def _read_passphrase(path: str) -> str:
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise DeskError(f"Cannot read the passphrase file {path}: {exc.strerror or exc}.") from exc
    return text.splitlines()[0] if text else ""


PASSPHRASE_ENV = "CORRESPONDENCE_DESK_PASSPHRASE_FILE"


def passphrase_for(path: Path) -> str:
    """A sealed copy named with --db: the passphrase from the file $CORRESPONDENCE_DESK_PASSPHRASE_FILE
    names, else asked on the terminal."""
    import os

    named = os.environ.get(PASSPHRASE_ENV, "")
    return _read_passphrase(named) if named else _prompt(f"{path} is sealed", twice=False)


def _prompt(what: str, *, twice: bool) -> str:
    if not sys.stdin.isatty():
        raise DeskError(
            f"{what}: give --passphrase-file FILE (or ${PASSPHRASE_ENV}); there is no terminal to ask on."
        )
    first = getpass.getpass("Passphrase: ")
    if twice and getpass.getpass("The same passphrase again: ") != first:
        raise DeskError("The two passphrases differ; nothing was taken.")
    return first


def checkout(args: argparse.Namespace, desk: Desk) -> int:
    reports = list(args.report or [])
    passphrase: str | None = None
    if args.passphrase_file:
        passphrase = _read_passphrase(args.passphrase_file)
    elif not args.no_protect:
        marked = desk.marked_letters(args.url, reports)
        if args.protect or marked:
            why = (
                f"{marked} letters in the copy carry a protective marking, so it is sealed"
                if marked
                else "The copy is to be sealed"
            )
            passphrase = _prompt(f"{why} (--no-protect takes it unsealed)", twice=True)
    result = desk.checkout(args.url, Path(args.out), reports, passphrase)
    for line in result.lines():
        print(line)
    return 0


def _resolutions(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    from correspondence_desk.core.offline.records import parse_resolutions

    try:
        return parse_resolutions(json.loads(Path(path).expanduser().read_text(encoding="utf-8")))
    except OSError as exc:
        raise DeskError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except ValueError as exc:
        raise DeskError(f"{path} is not a resolutions file: {exc}.") from exc


def checkin(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.offline.sealing import is_sealed

    copy = Path(args.file).expanduser()
    passphrase = None
    if is_sealed(copy):
        passphrase = (
            _read_passphrase(args.passphrase_file)
            if args.passphrase_file
            else _prompt(f"{copy} is sealed", twice=False)
        )
    plan = desk.checkin(
        copy,
        args.url,
        dry_run=args.dry_run,
        resolutions=_resolutions(args.resolutions),
        passphrase=passphrase,
    )
    if args.json:
        print_json(plan.to_json())
    else:
        _print_plan(plan)
    if plan.unresolved and not args.dry_run:
        print(
            f"correspondence-desk: error: {len(plan.unresolved)} conflicts need a choice, so nothing was "
            'brought back; list them with --dry-run --json, fill in each "choice" and pass the file '
            "with --resolutions FILE.",
            file=sys.stderr,
        )
        return 1
    return 0


def _print_plan(plan: CheckinPlan) -> None:
    if plan.already:
        print(plan.already)
        return
    for change in plan.changes:
        print(f"  {change.line()}")
    for conflict in plan.conflicts:
        choice = plan.resolutions.get(conflict.id)
        chosen = f" → {choice}" if choice else " (no choice yet)"
        print(f"  conflict {conflict.id}: {conflict.what}, {conflict.kind_words}{chosen}")
        for diff in conflict.fields:
            print(
                f"      {diff.field}: offline {diff.offline!r} | server {diff.server!r} | base {diff.base!r}"
            )
    print(plan.summary())
