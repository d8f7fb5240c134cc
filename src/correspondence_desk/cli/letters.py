"""Printing a letter: `render` (PDF and/or Word; an issued letter gives its stored PDF) and `issue`.

Both print as the office does (services.prints: the letterhead, and an issued letter as issued).
`render` is the command people script and time: python-docx loads only for --docx
(tests/core/test_cli_render.py checks what a render process loads).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import (
    STDOUT,
    UsageError,
    check_destination,
    date_text,
    default_output,
    messages_stream,
    updates_since_line,
    write_output,
)
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.vocabulary import AnnexLayout, LetterKind

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk


def render(args: argparse.Namespace, desk: Desk) -> int:
    if args.pdf == STDOUT and args.docx == STDOUT:
        raise UsageError("the PDF and the Word document cannot both go to standard output")
    layout = AnnexLayout.TABLE if args.table else None
    wants_pdf = bool(args.pdf) or not args.docx
    written, warning = [], ""
    with desk.services() as services:
        letter = services.letters.get(args.letter)
        exact = (
            letter.is_issued
            and not letter.imported
            and not args.annex_only
            and layout in (None, letter.annex_layout)
        )
        if wants_pdf:
            # an issued letter: its stored bytes, or (the annex, the table) made from what was issued
            pdf = services.prints.pdf(letter, annex_only=args.annex_only, annex_layout=layout)
            dest = args.pdf or default_output(letter.reference, "-annex.pdf" if args.annex_only else ".pdf")
            note = " (the issued copy)" if exact else ""
            written.append(f"Wrote {write_output(dest, pdf)}{note}: PDF, {len(pdf):,} bytes")
        if args.docx:
            docx = services.prints.docx(letter, annex_only=args.annex_only, annex_layout=layout)
            written.append(f"Wrote {write_output(args.docx, docx)}: Word document, {len(docx):,} bytes")
        if not exact or args.docx:
            warning = services.prints.reprint_warning(letter)
    report = messages_stream(args.pdf, args.docx)
    for line in written:
        print(line, file=report)
    if letter.kind is LetterKind.PROGRESS_UPDATE:
        print(updates_since_line(letter), file=report)
    if warning:
        print(f"Note: {warning}", file=sys.stderr)
    return 0


def issue(args: argparse.Namespace, desk: Desk) -> int:
    if args.pdf:  # a letter locked for good must not fail afterwards on a mistyped folder
        check_destination(args.pdf, "the letter was not issued")
    with desk.services(writes=True) as services:
        letter_id = services.letters.resolve(args.letter)
        letter = services.prints.issue(letter_id)
        pdf = services.prints.issued_pdf(letter)
    report = messages_stream(args.pdf)  # keep a piped PDF clean
    print(f"Issued {letter.reference} dated {date_text(letter.letter_date)}; it is now locked.", file=report)
    print(f"Stored the PDF in the database: {len(pdf):,} bytes, SHA-256 {letter.issued_sha256}", file=report)
    if args.pdf:
        try:
            print(f"Wrote {write_output(args.pdf, pdf)}", file=report)
        except OSError as exc:
            raise DeskError(
                f"The letter is issued, but {args.pdf} could not be written ({exc.strerror or exc}); "
                f"`render {letter.reference} --pdf OUT` writes the issued copy."
            ) from exc
    return 0
