"""The command line's contract (DESIGN.md, "The command line"; README): every command, option and
help text. Each command names its handler, `handler(args, desk) -> exit code`.

Malformed command lines (an unknown command, a missing argument, a count out of range) are argparse's
to refuse: usage and exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from correspondence_desk import __version__
from correspondence_desk.cli import (
    clearance,
    deadlines,
    housekeeping,
    importing,
    letterhead,
    letters,
    listing,
    offline,
    updates,
)
from correspondence_desk.core.vocabulary import MAX_DUE_WITHIN_DAYS

PROG = "correspondence-desk"
MAX_WITHIN_DAYS = MAX_DUE_WITHIN_DAYS  # the dashboard's own limit, said as a usage error
MAX_LIMIT = 10_000


def _between(minimum: int, maximum: int, unit: str) -> Callable[[str], int]:
    """An argparse type: a whole number from `minimum` to `maximum`."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more {unit}")
        if value > maximum:
            raise argparse.ArgumentTypeError(f"must be {maximum:,} or fewer {unit}")
        return value

    return convert


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Log committee reports, track their recommendations and print response letters. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or postgresql+psycopg:// URL "
        "(default: $CORRESPONDENCE_DESK_DB, else the per-user database)",
    )
    parser.add_argument(
        "--unsealed-work",
        choices=("recover", "discard"),
        help="a sealed offline copy whose last session ended without closing (a crash): recover the "
        "changes it left unsealed, or discard them",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable[..., int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler, command_parser=p)
        return p

    def json_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON")

    command(
        "demo", housekeeping.demo, "add a fictional example: bodies, contacts, a report and a draft letter"
    )
    json_option(command("reports", listing.reports, "list reports"))
    json_option(command("letters", listing.letters, "list letters"))
    p = command("show-report", listing.show_report, "a report with its recommendations and their responses")
    p.add_argument("report", metavar="REPORT", help="report id or reference")
    json_option(p)

    p = command("import-report", importing.import_report, "read recommendations from a file or stdin")
    p.add_argument("file", metavar="FILE|-", help="a .pdf, .docx, .txt or .md file, or - for standard input")
    p.add_argument("--title", help="report title (default: the document's first heading or its file name)")
    p.add_argument("--committee", help="committee name")
    p.add_argument("--published", metavar="DATE", help="publication date (relative deadlines count from it)")
    p.add_argument("--received", metavar="DATE", help="date received")
    p.add_argument("--reference", metavar="REF", help="report reference (default: the next free one)")
    answers = p.add_mutually_exclusive_group()
    answers.add_argument(
        "--with-responses",
        action="store_true",
        default=None,
        help="read the responses too (default: when the document is seen to be a response)",
    )
    answers.add_argument(
        "--no-responses",
        action="store_false",
        dest="with_responses",
        help="only the recommendations, even from a response document",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be imported; save nothing")
    json_option(p)

    p = command(
        "render", letters.render, "write a letter as PDF and/or DOCX (an issued letter: its stored PDF)"
    )
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--pdf", metavar="OUT", help="write the PDF here ('-': standard output; default: REF.pdf)")
    p.add_argument(
        "--docx", metavar="OUT", help="write an editable Word document here ('-': standard output)"
    )
    p.add_argument("--annex-only", action="store_true", help="only the annex")
    p.add_argument("--table", action="store_true", help="annex as a three-column table")
    letterhead.add_arguments(
        command(
            "letterhead", letterhead.letterhead, "show, set or remove the letterhead every letter prints with"
        )
    )
    p = command("issue", letters.issue, "lock a letter as issued, storing its PDF and SHA-256")
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--pdf", metavar="OUT", help="also write the issued PDF here ('-': standard output)")

    _clearance_commands(command, json_option)

    p = command(
        "backup", housekeeping.backup, "copy the database to DEST (default: the backups folder beside it)"
    )
    p.add_argument("dest", nargs="?", metavar="DEST")
    p = command(
        "restore", housekeeping.restore, "replace the database with a backup (the current one is kept)"
    )
    p.add_argument("source", metavar="SRC")
    json_option(command("check", housekeeping.check, "check the database's integrity"))
    p = command(
        "setup-server",
        housekeeping.setup_server,
        "make a shared PostgreSQL database's roles (owner, editor, read-only) and schema",
    )
    p.add_argument("url", metavar="URL", help="the server's administrator URL, postgresql+psycopg://…")
    p = command("copy-to", housekeeping.copy_to, "copy this desk into an empty shared database, verified")
    p.add_argument("url", metavar="URL", help="the shared database, postgresql+psycopg://…")

    _offline_commands(command, json_option)

    p = command("due", deadlines.due, "overdue and due-soon responses and recommendation deadlines")
    p.add_argument(
        "--within",
        type=_between(0, MAX_WITHIN_DAYS, "days"),
        default=14,
        metavar="DAYS",
        help="how far ahead (default 14 days)",
    )
    json_option(p)
    p = command(
        "search", deadlines.search, "full-text search of reports, recommendations, responses and letters"
    )
    p.add_argument("query", metavar="QUERY", help='words to find; "a phrase", OR, word* for a prefix')
    p.add_argument(
        "--limit",
        type=_between(1, MAX_LIMIT, "results"),
        default=20,
        help="at most this many results of each kind (20)",
    )
    json_option(p)
    p = command(
        "export-tracker", deadlines.export_tracker, "write every recommendation to a .csv or .xlsx file"
    )
    p.add_argument("out", metavar="OUT.csv|OUT.xlsx")
    p = command("export-ics", deadlines.export_ics, "write response due dates and deadlines as a calendar")
    p.add_argument("out", metavar="OUT.ics")
    p.add_argument("--since", metavar="DATE", help="leave out dates before this (default: 90 days ago)")
    p = command(
        "progress-report", deadlines.progress_report, "a PDF of each recommendation's position and progress"
    )
    p.add_argument("report", metavar="REPORT", help="report id or reference")
    p.add_argument(
        "--pdf", metavar="OUT", help="write the PDF here ('-': standard output; default: REF-progress.pdf)"
    )

    p = command("update", updates.update, "record a dated progress update on a recommendation")
    p.add_argument(
        "recommendation", metavar="REC", help="recommendation id or REPORT/LABEL, e.g. TEC-2026-04/3"
    )
    p.add_argument(
        "--rag", required=True, choices=["red", "amber", "green", "complete"], help="the progress now"
    )
    p.add_argument("--text", required=True, help="what has happened since the last update")
    p.add_argument("--target", metavar="DATE", help="a new target date ('none' clears it)")
    p.add_argument("--reason", help="why the target date moves (needed when it does)")
    p.add_argument(
        "--owner", metavar="NAME", help="who gave the update (default: the recommendation's owner)"
    )
    p.add_argument("--date", metavar="DATE", help="the date the update speaks for (default: today)")
    json_option(p)
    p = command(
        "export-updates",
        updates.export_updates,
        "write an owners' workbook (.xlsx) of open recommendations to collect updates",
    )
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--owner", metavar="NAME", help="only this owner's (default: every owner, a sheet each)")
    p = command("import-updates", updates.import_updates, "read the updates from a returned owners' workbook")
    p.add_argument("file", metavar="IN.xlsx")
    p.add_argument("--dry-run", action="store_true", help="show what would be added; save nothing")
    json_option(p)
    return parser


KINDS = ("acknowledgement", "holding", "interim", "final", "progress-update")


def _clearance_commands(
    command: Callable[[str, Callable[..., int], str], argparse.ArgumentParser],
    json_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    """The colleagues register, clearance routes, the clearance sheet, settings and letter kinds."""
    p = command("colleague", clearance.colleague_add, "add a colleague to the register: colleague add NAME …")
    p.add_argument("action", choices=["add"], help="what to do (add)")
    p.add_argument("name", metavar="NAME", help="their name as letters and the audit log show it")
    p.add_argument("--login", required=True, help="their OS user name (SQLite) or database role (PostgreSQL)")
    p.add_argument(
        "--role", help='e.g. "Policy lead", "Legal", "Press office", "Private office", "Signatory"'
    )
    json_option(command("colleagues", clearance.colleagues, "list the colleagues register"))

    p = command("route", clearance.route, "show or set a letter's clearance route, and send it round")
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--set", metavar="LOGIN,LOGIN,…", help="the clearers' logins in order ('' for no route)")
    p.add_argument("--send", action="store_true", help="send the letter to the first step not cleared")
    p = command("clear", clearance.clear, "clear a letter at your step of its route")
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--comment", metavar="TEXT", help="a comment kept with your clearance")
    p = command("return", clearance.return_letter, "return a letter for amendment, with a comment")
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--comment", metavar="TEXT", required=True, help="what needs amending")
    p = command(
        "clearance", clearance.clearance, "a letter's route, each step's outcome, and what changed since"
    )
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument(
        "--pdf", metavar="OUT", help="write the one-page clearance sheet here ('-': standard output)"
    )
    json_option(p)
    p = command("setting", clearance.setting, "show or change an office setting (shared by everyone)")
    p.add_argument("name", nargs="?", metavar="NAME", help="e.g. issue-only-when-cleared")
    p.add_argument("value", nargs="?", metavar="VALUE", help="e.g. on, off, 3, or logins for a route")
    p = command("new-letter", clearance.new_letter, "start a letter of a kind about a report")
    p.add_argument("report", metavar="REPORT", help="report id or reference")
    p.add_argument(
        "--kind",
        choices=KINDS,
        default="final",
        type=lambda text: text.replace("_", "-"),  # progress_update, as the kind's stored value, too
        help="what the letter is for (default final)",
    )
    p.add_argument("--expected", metavar="DATE", help="a holding letter: when the response is now expected")
    p.add_argument("--reason", metavar="TEXT", help="a holding letter: why the response is late")
    p.add_argument(
        "--since",
        metavar="DATE",
        help="a progress update: report the updates given on or after DATE "
        "(default: the date of the last letter issued about the report)",
    )
    json_option(p)


def _offline_commands(
    command: Callable[[str, Callable[..., int], str], argparse.ArgumentParser],
    json_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    """An offline copy taken to a laptop (checkout) and its changes brought back (checkin)."""
    p = command(
        "checkout",
        offline.checkout,
        "take reports offline: a new local copy of them, and a notice on the shared database",
    )
    p.add_argument("url", metavar="URL", help="the shared database, postgresql+psycopg://… (or a desk file)")
    p.add_argument("out", metavar="OUT.sqlite3", help="the new copy (never overwritten)")
    p.add_argument(
        "--report", action="append", metavar="REF", help="a report to take (repeat; default: every open one)"
    )
    p.add_argument("--passphrase-file", metavar="F", help="seal the copy with the passphrase in this file")
    seal = p.add_mutually_exclusive_group()
    seal.add_argument("--protect", action="store_true", help="seal the copy (asks for a passphrase)")
    seal.add_argument(
        "--no-protect",
        action="store_true",
        help="do not seal it, even when letters carry a protective marking",
    )
    p = command("checkin", offline.checkin, "bring an offline copy's changes back to the shared database")
    p.add_argument("file", metavar="FILE", help="the offline copy")
    p.add_argument("url", metavar="URL", help="the shared database it was taken from")
    p.add_argument("--dry-run", action="store_true", help="say what would be applied and every conflict")
    p.add_argument(
        "--resolutions", metavar="FILE", help='the --dry-run --json output with a "choice" for each conflict'
    )
    p.add_argument("--passphrase-file", metavar="F", help="the passphrase of a sealed copy")
    json_option(p)
