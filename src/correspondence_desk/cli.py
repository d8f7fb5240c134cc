"""The command line: a scripted face of the same services the desktop app uses.

No sub-command opens the app. Errors a user can fix print one line on stderr and exit 1;
usage errors exit 2 (argparse). Imports are made inside each command, so a quick command does not
pay for Qt, ReportLab or Alembic.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from correspondence_desk import __version__

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services
    from correspondence_desk.paths import DatabaseLocation

PROG = "correspondence-desk"


class UsageError(Exception):
    """A command line that parses but makes no sense (exit 2)."""


# --- helpers ------------------------------------------------------------------------------------


def _location(args: argparse.Namespace) -> DatabaseLocation:
    from correspondence_desk.paths import resolve_database

    return resolve_database(args.db)


def _open(args: argparse.Namespace, *, create: bool = False) -> Services:
    """Open the database for a command. Reading commands never create a database by accident."""
    from correspondence_desk.core.db import open_database
    from correspondence_desk.core.services import Services

    location = _location(args)
    # the per-user default is created on first use; a path the user names must exist unless the
    # command is one that creates (demo, import-report, restore)
    db = open_database(location, create=create or not location.explicit)
    if db.backup_path is not None:
        print(f"Upgraded the database; the previous version is saved as {db.backup_path}", file=sys.stderr)
    return Services(db)


@contextlib.contextmanager
def _opened(args: argparse.Namespace, *, create: bool = False) -> Iterator[Services]:
    services = _open(args, create=create)
    try:
        yield services
    finally:
        services.close()


def _print_json(value: Any) -> None:
    from correspondence_desk.core.records import to_jsonable

    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


# --- commands -----------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from correspondence_desk.core.services.demo import load_demo

    services = _open(args, create=True)
    try:
        result = load_demo(services)
    finally:
        services.close()
    if result.added:
        print(
            f"Added the example report {result.report.reference} "
            f"({len(result.report.recommendations)} recommendations) and the draft letter "
            f"{result.letter.reference} to {services.location}."
        )
    else:
        print(f"The example is already in {services.location}; nothing added.")
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        reports = services.reports.list()
    finally:
        services.close()
    if args.json:
        _print_json(reports)
        return 0
    if not reports:
        print("No reports yet (try: correspondence-desk demo).")
        return 0
    rows = [
        (
            x.id,
            x.reference,
            x.title,
            x.committee,
            _date(x.received),
            _date(x.response_due),
            f"{x.answered_count}/{x.recommendation_count}",
        )
        for x in reports
    ]
    print(_table(["ID", "Reference", "Title", "Committee", "Received", "Response due", "Answered"], rows, 48))
    return 0


def cmd_show_report(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        report = services.reports.get(args.report)
    finally:
        services.close()
    if args.json:
        _print_json(report)
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
    answers: dict[int, list[Any]] = {}
    for resp in report.responses:
        answers.setdefault(resp.recommendation.id, []).append(resp)
    for rec in report.recommendations:
        print()
        head = f"Recommendation {rec.label}"
        extras = [x for x in (rec.addressee_names and f"to {rec.addressee_names}",
                              rec.deadline and f"deadline {rec.deadline.isoformat()}",
                              rec.paragraph_ref and f"para {rec.paragraph_ref}") if x]  # fmt: skip
        print(head + (f"  ({'; '.join(extras)})" if extras else ""))
        for para in rec.paragraphs:
            print(f"  {para}")
        for resp in answers.get(rec.id, []):
            position = resp.position.label if resp.position else "no position"
            print(f"  → {resp.letter_reference} [{resp.letter_status.value}] {position}: ", end="")
            print(" ".join(resp.paragraphs) or "(no text yet)")
    return 0


def cmd_letters(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        letters = services.letters.list()
    finally:
        services.close()
    if args.json:
        _print_json(letters)
        return 0
    if not letters:
        print("No letters yet.")
        return 0
    rows = [
        (
            x.id,
            x.reference,
            _date(x.letter_date),
            x.recipient,
            ", ".join(x.reports),
            x.status.value,
            x.response_count,
        )
        for x in letters
    ]
    print(_table(["ID", "Reference", "Date", "Recipient", "Reports", "Status", "Responses"], rows))
    return 0


def _write_output(dest: str, data: bytes) -> str:
    """Write bytes to a file ("-" is standard output); say where they went."""
    if dest == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return "standard output"
    path = Path(dest).expanduser()
    path.write_bytes(data)
    return str(path)


def _default_output(reference: str, suffix: str) -> str:
    from correspondence_desk.core.text import safe_filename

    return f"{safe_filename(reference)}{suffix}"


def cmd_render(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        letter = services.letters.get(args.letter)
        layout = "table" if args.table else None
        wants_pdf = bool(args.pdf) or not args.docx
        stored = None
        if wants_pdf and letter.is_issued and not args.annex_only and layout in (None, letter.annex_layout):
            stored = services.letters.issued_pdf(letter.id)  # a reprint is the exact issued document
    finally:
        services.close()
    written = []
    if wants_pdf:
        if stored is not None:
            pdf = stored
        else:
            from correspondence_desk.core.printing import render_letter_pdf

            pdf = render_letter_pdf(letter, annex_only=args.annex_only, annex_layout=layout)
        dest = args.pdf or _default_output(letter.reference, "-annex.pdf" if args.annex_only else ".pdf")
        where = _write_output(dest, pdf)
        note = " (the issued copy)" if stored is not None else ""
        written.append(f"Wrote {where}{note}: PDF, {len(pdf):,} bytes")
    if args.docx:
        from correspondence_desk.core.printing import render_letter_docx

        docx = render_letter_docx(letter, annex_only=args.annex_only, annex_layout=layout)
        written.append(f"Wrote {_write_output(args.docx, docx)}: Word document, {len(docx):,} bytes")
    for line in written:
        print(line, file=sys.stderr if "-" in (args.pdf, args.docx) else sys.stdout)
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    from correspondence_desk.core.printing import render_letter_pdf

    services = _open(args)
    try:
        letter_id = services.letters.resolve(args.letter)
        letter = services.letters.issue(letter_id, render_letter_pdf)
        pdf = services.letters.issued_pdf(letter_id) or b""
    finally:
        services.close()
    report = sys.stderr if args.pdf == "-" else sys.stdout  # keep a piped PDF clean
    print(f"Issued {letter.reference} dated {_date(letter.letter_date)}; it is now locked.", file=report)
    print(f"Stored the PDF in the database: {len(pdf):,} bytes, SHA-256 {letter.issued_sha256}", file=report)
    if args.pdf:
        print(f"Wrote {_write_output(args.pdf, pdf)}", file=report)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from correspondence_desk.core.db import backup_database

    services = _open(args)
    try:
        dest = backup_database(services.db, Path(args.dest).expanduser() if args.dest else None)
    finally:
        services.close()
    print(f"Backed up {services.location} to {dest}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from correspondence_desk.core.db import restore_database

    location = _location(args)
    safety = restore_database(location, Path(args.source).expanduser())
    print(f"Restored {location} from {args.source}.")
    if safety:
        print(f"The database as it was before is saved as {safety}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from correspondence_desk.core.db import check_database

    result = check_database(_location(args))
    if args.json:
        _print_json({"database": result.location, "schema": result.revision, "problems": result.problems})
    elif result.ok:
        print(f"{result.location}: OK (schema {result.revision})")
    else:
        for problem in result.problems:
            print(f"{result.location}: {problem}", file=sys.stderr)
    return 0 if result.ok else 1


def _read_import(args: argparse.Namespace) -> tuple[Any, tuple[str, bytes] | None]:
    """The document to import and the source bytes to keep with the report (none for stdin)."""
    from correspondence_desk.core.importing import extract, extract_text
    from correspondence_desk.core.importing.extract_txt import decode_text

    if args.file == "-":
        data = sys.stdin.buffer.read()
        doc = extract_text(decode_text(data, "standard input"), "standard input")
        return doc, None
    path = Path(args.file).expanduser()
    doc = extract(path)
    return doc, (path.name, path.read_bytes())


def _import_bodies(args: argparse.Namespace, dry_run: bool) -> tuple[Services | None, list[Any]]:
    """The bodies register; a dry run does not create a database just to read an empty register."""
    location = _location(args)
    if dry_run and location.path is not None and not location.path.exists():
        return None, []
    services = _open(args, create=True)
    return services, services.bodies.list()


def _proposal_json(proposal: Any) -> dict[str, Any]:
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


def _print_proposal(proposal: Any) -> None:
    rows = [
        (
            rec.number,
            ", ".join(a.name for a in rec.addressees),
            _date(rec.deadline) or rec.deadline_phrase,
            rec.paragraph_ref,
            rec.position.label if rec.position else "",
            " ".join(rec.text.split()),
        )
        for rec in proposal.recommendations
    ]
    if rows:
        print(_table(["No.", "Addressees", "Deadline", "Para", "Position", "Text"], rows, 50))
    for warning in proposal.warnings:
        print(f"warning: {warning}")


def cmd_import_report(args: argparse.Namespace) -> int:
    from correspondence_desk.core.dates import parse_date
    from correspondence_desk.core.importing import letter_date, propose, suggest_title

    published = parse_date(args.published, "publication date")
    received = parse_date(args.received, "date received")
    doc, source = _read_import(args)
    services, bodies = _import_bodies(args, args.dry_run)
    try:
        proposal = propose(doc, bodies=bodies, published=published, with_responses=args.with_responses)
        if args.dry_run:
            _print_json(_proposal_json(proposal)) if args.json else _print_proposal(proposal)
            return 0
        assert services is not None
        if not proposal.recommendations:
            from correspondence_desk.core.errors import ImportFailedError

            raise ImportFailedError(
                f"No recommendations were found in {doc.filename}; nothing was saved (--dry-run shows why)."
            )
        result = services.importing.save(
            proposal,
            title=args.title or suggest_title(doc),
            reference=args.reference or "",
            committee=args.committee or "",
            published=published,
            received=received,
            source=source,
            with_responses=args.with_responses,
            letter_date=letter_date(doc) if args.with_responses else None,
        )
    finally:
        if services is not None:
            services.close()
    if args.json:
        _print_json(result.report)
        return 0
    report, letter = result.report, result.letter
    count = len(report.recommendations)
    print(f"Saved report {report.reference} “{report.title}” with {count} recommendations.")
    if letter is not None:
        print(f"Saved the past response letter {letter.reference} ({len(letter.responses)} responses).")
    for warning in proposal.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    if args.within < 0:
        raise UsageError("--within must be 0 or more days")
    with _opened(args) as services:
        due = services.dashboard.due(within=args.within)
    if args.json:
        _print_json(due)
        return 0
    sections = [
        ("Overdue responses", due.overdue_reports),
        (f"Responses due within {due.within} days", due.due_soon_reports),
        ("Overdue recommendation deadlines", due.overdue_recommendations),
        (f"Recommendation deadlines within {due.within} days", due.due_soon_recommendations),
    ]
    for heading, found in sections:
        print(f"{heading}: {found.total}")
        if found.items:
            rows = [(_date(i.due), _days(i.days), i.reference, i.label, i.title) for i in found.items]
            print(_table(["Due", "Days", "Reference", "Rec.", "Title"], rows))
        print()
    return 0


def _days(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"{-days} late"
    return "today" if days == 0 else f"in {days}"


def cmd_search(args: argparse.Namespace) -> int:
    from correspondence_desk.core.search_query import snippet_parts
    from correspondence_desk.core.vocabulary import SEARCH_KINDS as KINDS

    with _opened(args) as services:
        hits = services.search.search(args.query, limit=args.limit)
    if args.json:
        _print_json(
            [
                {**_jsonable_hit(h), "snippet_text": "".join(text for text, _ in snippet_parts(h.snippet))}
                for h in hits
            ]
        )
        return 0
    if not hits:
        print("Nothing found.")
        return 0
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    for kind in KINDS:
        group = [h for h in hits if h.kind == kind]
        if not group:
            continue
        print(f"{kind.capitalize()}s ({len(group)})")
        for hit in group:
            marked = "".join(f"{bold}{t}{plain}" if m else t for t, m in snippet_parts(hit.snippet))
            print(f"  {hit.title}\n      {marked}")
        print()
    return 0


def _jsonable_hit(hit: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(hit)


def cmd_export_tracker(args: argparse.Namespace) -> int:
    from correspondence_desk.core.exports.tracker import export_tracker

    with _opened(args) as services:
        count = export_tracker(services.db, Path(args.out))
    print(f"Wrote {count} recommendations to {args.out}")
    return 0


def cmd_export_ics(args: argparse.Namespace) -> int:
    from correspondence_desk.core.dates import parse_date
    from correspondence_desk.core.exports.ics import export_calendar

    since = parse_date(args.since, "--since date") if args.since else None
    with _opened(args) as services:
        count = export_calendar(services.db, Path(args.out), since=since)
    print(f"Wrote {count} events to {args.out}")
    return 0


def cmd_progress_report(args: argparse.Namespace) -> int:
    from correspondence_desk.core.exports.progress_report import progress_report_pdf

    with _opened(args) as services:
        report = services.reports.get(args.report)
    dest = args.pdf or _default_output(f"{report.reference}-progress", ".pdf")
    written = _write_output(dest, progress_report_pdf(report))
    if dest != "-":  # standard output carries the PDF itself
        print(f"Wrote the progress report for {report.reference} to {written}")
    return 0


# --- parser -------------------------------------------------------------------------------------


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    command("demo", cmd_demo, "add a fictional example: bodies, contacts, a report and a draft letter")
    p = command("reports", cmd_reports, "list reports")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("letters", cmd_letters, "list letters")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("show-report", cmd_show_report, "a report with its recommendations and their responses")
    p.add_argument("report", metavar="REPORT", help="report id or reference")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("import-report", cmd_import_report, "read recommendations from a file or stdin")
    p.add_argument("file", metavar="FILE|-", help="a .pdf, .docx, .txt or .md file, or - for standard input")
    p.add_argument("--title", help="report title (default: the document's first heading or its file name)")
    p.add_argument("--committee", help="committee name")
    p.add_argument("--published", metavar="DATE", help="publication date (relative deadlines count from it)")
    p.add_argument("--received", metavar="DATE", help="date received")
    p.add_argument("--reference", metavar="REF", help="report reference (default: the next free one)")
    p.add_argument(
        "--with-responses", action="store_true", help="a past response letter: read the responses too"
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be imported; save nothing")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("render", cmd_render, "write a letter as PDF and/or DOCX (an issued letter: its stored PDF)")
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--pdf", metavar="OUT", help="write the PDF here ('-': standard output; default: REF.pdf)")
    p.add_argument("--docx", metavar="OUT", help="write an editable Word document here")
    p.add_argument("--annex-only", action="store_true", help="only the annex")
    p.add_argument("--table", action="store_true", help="annex as a three-column table")
    p = command("issue", cmd_issue, "lock a letter as issued, storing its PDF and SHA-256")
    p.add_argument("letter", metavar="LETTER", help="letter id or reference")
    p.add_argument("--pdf", metavar="OUT", help="also write the issued PDF here")
    p = command("backup", cmd_backup, "copy the database to DEST (default: the backups folder beside it)")
    p.add_argument("dest", nargs="?", metavar="DEST")
    p = command("restore", cmd_restore, "replace the database with a backup (the current one is kept)")
    p.add_argument("source", metavar="SRC")
    p = command("check", cmd_check, "check the database's integrity")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("due", cmd_due, "overdue and due-soon responses and recommendation deadlines")
    p.add_argument("--within", type=int, default=14, metavar="DAYS", help="how far ahead (default 14 days)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("search", cmd_search, "full-text search of reports, recommendations, responses and letters")
    p.add_argument("query", metavar="QUERY", help='words to find; "a phrase", OR, word* for a prefix')
    p.add_argument("--limit", type=int, default=20, help="at most this many results of each kind (20)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("export-tracker", cmd_export_tracker, "write every recommendation to a .csv or .xlsx file")
    p.add_argument("out", metavar="OUT.csv|OUT.xlsx")
    p = command("export-ics", cmd_export_ics, "write response due dates and deadlines as a calendar")
    p.add_argument("out", metavar="OUT.ics")
    p.add_argument("--since", metavar="DATE", help="leave out dates before this (default: 90 days ago)")
    p = command(
        "progress-report", cmd_progress_report, "a PDF of each recommendation's position and progress"
    )
    p.add_argument("report", metavar="REPORT", help="report id or reference")
    p.add_argument(
        "--pdf", metavar="OUT", help="write the PDF here ('-': standard output; default: REF-progress.pdf)"
    )
    return parser


def run_gui(args: argparse.Namespace) -> int:
    from correspondence_desk.ui.app import run

    return run(args.db)


def main(argv: Sequence[str] | None = None, *, fast_exit: bool = False) -> int:
    """Run the command line. With `fast_exit` (the installed command), a finished sub-command leaves
    through os._exit once its output is flushed: tearing the interpreter down (SQLAlchemy, ReportLab)
    costs about a quarter of a second that a scripted `render` should not pay. The app exits normally."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        return run_gui(args)
    code = _run_command(parser, func, args)
    if fast_exit:
        _leave_now(code)
    return code


def entry_point() -> int:
    """The `correspondence-desk` command and `python -m correspondence_desk`."""
    return main(fast_exit=True)


def _leave_now(code: int) -> None:
    import logging
    import os

    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


def _run_command(parser: argparse.ArgumentParser, func: Callable[[argparse.Namespace], int], args) -> int:
    try:
        return func(args)
    except UsageError as exc:
        parser.error(str(exc))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line for known problems; a bug keeps its traceback
        from correspondence_desk.core.errors import DeskError

        if isinstance(exc, DeskError):
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 1
        if isinstance(exc, OSError):
            where = f" {exc.filename}" if exc.filename else ""
            print(f"{PROG}: error: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(entry_point())
