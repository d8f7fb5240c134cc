"""`letterhead`: show the office's letterhead, or set it (`--set`) or remove it (`--clear`).

Every letter printed from this database, by anyone, uses it; the app's Tools › House style… edits
the same record. An SVG logo needs the app (which can draw it to PNG): here, give a PNG or JPEG.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from correspondence_desk.cli.output import print_json
from correspondence_desk.core.errors import DeskError

if TYPE_CHECKING:
    from correspondence_desk.cli.database import Desk

FIELDS = ("organisation", "short_name", "logo_alt", "footer", "marking", "reference_pattern")


def letterhead(args: argparse.Namespace, desk: Desk) -> int:
    if args.clear:
        with desk.services(writes=True) as services:
            services.letterhead.clear()
        print("Removed the letterhead: letters now print without one.")
        return 0
    if args.set:
        return _set(args, desk)
    with desk.services() as services:
        stored = services.letterhead.get()
    if stored is None:
        print("No letterhead is set (set one with: letterhead --set --organisation NAME …).")
        return 0
    head = stored.letterhead
    shown = {
        "organisation": head.organisation,
        "short_name": stored.short_name,
        "logo": _logo_text(head.logo, head.logo_media_type),
        "logo_alt": head.logo_alt,
        "logo_decorative": head.logo_decorative,
        "sender_address": head.sender_address,
        "footer": head.footer,
        "marking": head.marking.value,
        "reference_pattern": head.reference_pattern,
    }
    if args.json:
        print_json(shown)
        return 0
    for key, value in shown.items():
        if value not in ("", False):
            label = key.replace("_", " ").capitalize()
            print(f"{label + ':':20} {str(value).replace(chr(10), ' / ')}")
    return 0


def _logo_text(logo: bytes, media_type: str) -> str:
    return f"{media_type}, {len(logo):,} bytes, SHA-256 {hashlib.sha256(logo).hexdigest()}" if logo else ""


def _set(args: argparse.Namespace, desk: Desk) -> int:
    from correspondence_desk.core.printing.letterhead import Letterhead
    from correspondence_desk.core.vocabulary import Marking

    with desk.services(writes=True) as services:
        stored = services.letterhead.get()
        head = stored.letterhead if stored else Letterhead(organisation="")
        short = stored.short_name if stored else ""
        changes: dict[str, object] = {}
        for name in ("organisation", "logo_alt", "footer", "sender_address"):
            value = getattr(args, name)
            if value is not None:
                changes[name] = value.replace("\\n", "\n")
        if args.pattern is not None:
            changes["reference_pattern"] = args.pattern
        if args.marking is not None:
            changes["marking"] = Marking(args.marking)
        if args.decorative is not None:
            changes["logo_decorative"] = args.decorative
        if args.no_logo:
            changes.update(logo=b"", logo_media_type="")
        elif args.logo is not None:
            path = Path(args.logo).expanduser()
            if not path.is_file():
                raise DeskError(f"There is no image file at {path}.")
            kind = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}.get(
                path.suffix.lower(), ""
            )
            if not kind:
                raise DeskError(
                    "Give the logo as a PNG or JPEG file (the app's House style dialog also takes SVG)."
                )
            changes.update(logo=path.read_bytes(), logo_media_type=kind)
        if args.short_name is not None:
            short = args.short_name
        saved = services.letterhead.save(
            dataclasses.replace(head, **changes),
            short,
            stored.version if stored else None,  # type: ignore[arg-type]
        )
    print(
        f"Saved the letterhead of {saved.letterhead.organisation}: "
        f"every letter printed from {desk.location} uses it."
    )
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    what = p.add_mutually_exclusive_group()
    what.add_argument("--set", action="store_true", help="set the fields given (the others stay)")
    what.add_argument("--clear", action="store_true", help="remove the letterhead")
    p.add_argument("--organisation", metavar="NAME", help="printed at the top of the first page")
    p.add_argument("--short-name", metavar="CODE", help="{org} in the reference pattern, e.g. CTA")
    logo = p.add_mutually_exclusive_group()
    logo.add_argument("--logo", metavar="FILE", help="a PNG or JPEG image")
    logo.add_argument("--no-logo", action="store_true", help="print without a logo")
    p.add_argument("--alt", dest="logo_alt", metavar="TEXT", help="the logo's alternative text")
    p.add_argument("--decorative", action=argparse.BooleanOptionalAction, default=None,
                   help="the logo is decoration (it says nothing the name does not)")  # fmt: skip
    p.add_argument("--address", dest="sender_address", metavar="LINES",
                   help=r"the sender address block, lines separated by \n")  # fmt: skip
    p.add_argument("--footer", metavar="TEXT", help="one line at the foot of every page")
    p.add_argument("--marking", choices=["", "OFFICIAL", "OFFICIAL-SENSITIVE"], help="for new letters")
    p.add_argument(
        "--pattern", metavar="PATTERN", help="new letters' references, e.g. {org}/{committee}/{year}/{seq:03}"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
