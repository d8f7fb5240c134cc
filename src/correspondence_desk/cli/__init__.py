"""The command line: a scripted face of the same services the desktop app uses.

    parser.py     the whole contract: commands, options, help (DESIGN.md, README)
    entry.py      runs one command with the error rules (one line and exit 1; usage exit 2)
    database.py   the composition root: the ONE cli module that opens the database (core.db)
    output.py     tables, JSON, files written ('-' is standard output)
    listing.py, letters.py, importing.py, deadlines.py, housekeeping.py: one command family each,
                  handed the database by entry.py, never opening it themselves

No sub-command opens the desktop app. Each command imports what it needs when it runs, so a quick
command does not pay for Qt, ReportLab, Alembic or the report parser.
"""

from correspondence_desk.cli.entry import entry_point, main

__all__ = ["entry_point", "main"]
