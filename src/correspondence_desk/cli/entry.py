"""Running the command line: parse, open the app or run one command, and the error rules.

A mistake the user can fix prints one line on stderr and exits 1; a malformed command line exits 2
(argparse); a bug keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from correspondence_desk.cli.output import UsageError
from correspondence_desk.cli.parser import PROG, build_parser

# Commands whose work is bounded by what they print or change (one letter, one list): as the
# installed command they run with the cyclic garbage collector paused. Loading SQLAlchemy and
# ReportLab makes hundreds of thousands of objects that are never garbage, and the collector would
# walk them again and again: about an eighth of a `render` process. What such a command leaves
# uncollected is small (~1 MB for a 21-page letter) and goes when the process ends. Commands that
# read files or whole databases (imports, offline copies, backups, exports) keep the collector.
SHORT_COMMANDS = frozenset(
    {"render", "issue", "letterhead", "reports", "letters", "show-report", "due", "search", "colleagues"}
)


def main(argv: Sequence[str] | None = None, *, fast_exit: bool = False) -> int:
    """Run the command line. With `fast_exit` (the installed command), a finished sub-command leaves
    through os._exit once its output is flushed: tearing the interpreter down (SQLAlchemy, ReportLab)
    costs about a quarter of a second that a scripted `render` should not pay. The app exits normally."""
    args = build_parser().parse_args(argv)
    if getattr(args, "handler", None) is None:
        return run_app(args.db)
    if fast_exit and args.command in SHORT_COMMANDS:
        import gc

        gc.disable()
    code = run_command(args)
    if fast_exit:
        _leave_now(code)
    return code


def entry_point() -> int:
    """The `correspondence-desk` command and `python -m correspondence_desk`."""
    return main(fast_exit=True)


def run_app(db: str | None) -> int:
    """No command: the desktop app, which has its own composition root (ui/app.py)."""
    from correspondence_desk.ui.app import run

    return run(db)


def run_command(args: argparse.Namespace) -> int:
    from correspondence_desk.cli.database import Desk

    try:
        code: int = args.handler(args, Desk(args.db, unsealed_work=args.unsealed_work))
        return code
    except UsageError as exc:
        command_parser: argparse.ArgumentParser = args.command_parser
        command_parser.error(str(exc))  # the command's usage, exit 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): nothing more to say
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
