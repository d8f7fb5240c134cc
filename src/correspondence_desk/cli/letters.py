"""Printing a letter: `render` (PDF and/or Word; an issued letter gives its stored PDF) and `issue`.

`render` is the command people script and time: it loads ReportLab only when it lays a letter out,
and python-docx only for --docx (tests/core/test_cli_render.py checks what a render process loads).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import (
    STDOUT,
    UsageError,
    check_destination,
    date_text,
    default_output,
    messages_stream,
    write_output,
)
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.vocabulary import AnnexLayout

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk


def render(args: argparse.Namespace, desk: Desk) -> int:
    if args.pdf == STDOUT and args.docx == STDOUT:
        raise UsageError("the PDF and the Word document cannot both go to standard output")
    layout = AnnexLayout.TABLE if args.table else None
    wants_pdf = bool(args.pdf) or not args.docx
    stored = None
    with desk.services() as services:
        letter = services.letters.get(args.letter)
        if wants_pdf and letter.is_issued and not args.annex_only and layout in (None, letter.annex_layout):
            stored = services.letters.issued_pdf(letter.id)  # a reprint is the exact issued document
    written = []
    if wants_pdf:
        if stored is not None:
            pdf = stored
        else:
            from correspondence_desk.core.printing import render_letter_pdf

            pdf = render_letter_pdf(letter, annex_only=args.annex_only, annex_layout=layout)
        dest = args.pdf or default_output(letter.reference, "-annex.pdf" if args.annex_only else ".pdf")
        note = " (the issued copy)" if stored is not None else ""
        written.append(f"Wrote {write_output(dest, pdf)}{note}: PDF, {len(pdf):,} bytes")
    if args.docx:
        from correspondence_desk.core.printing import render_letter_docx

        docx = render_letter_docx(letter, annex_only=args.annex_only, annex_layout=layout)
        written.append(f"Wrote {write_output(args.docx, docx)}: Word document, {len(docx):,} bytes")
    report = messages_stream(args.pdf, args.docx)
    for line in written:
        print(line, file=report)
    return 0


def issue(args: argparse.Namespace, desk: Desk) -> int:
    if args.pdf:  # a letter locked for good must not fail afterwards on a mistyped folder
        check_destination(args.pdf, "the letter was not issued")
    from correspondence_desk.core.printing import render_letter_pdf

    with desk.services() as services:
        letter_id = services.letters.resolve(args.letter)
        letter = services.letters.issue(letter_id, render_letter_pdf)
        pdf = services.letters.issued_pdf(letter_id) or b""
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
