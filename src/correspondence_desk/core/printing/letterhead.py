"""The office's letterhead: a frozen record that printing takes as a pure input.

Set once per database (so every colleague prints the same) by whoever stores it; the printing code
only reads it. `render_letter_pdf(letter, letterhead=…)` and `render_letter_docx(letter,
letterhead=…)` draw the organisation's name and logo at the top of the first page and the footer
line at the foot of every page; without a letterhead the output is exactly as before.

    head = Letterhead(
        organisation="Capital Transport Authority",
        logo=png_bytes, logo_media_type="image/png", logo_alt="Capital Transport Authority",
        footer="5 Gatehouse Yard, London SE1 7XY · 020 7946 0000",
        reference_pattern="{org}/{committee}/{year}/{seq:03}",
    ).validated()                      # ValidationError with a message for a person, else itself
    head.reference(org="CTA", committee="TEC", year=2027, seq=4)   # "CTA/TEC/2027/004"
"""

from __future__ import annotations

import io
import string
from dataclasses import dataclass

from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import Marking

MEDIA_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG"}  # what ReportLab and Word both draw
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000  # on the longer side; a letterhead logo is printed at most 60 mm wide
MAX_ORGANISATION = 120
MIN_ORGANISATION_SIZE = 8  # points: a longer name would be too small to read under the logo
MAX_FOOTER = 160  # one line of 7.5 pt text across the page
PATTERN_FIELDS = ("org", "committee", "year", "kind", "seq")
DEFAULT_PATTERN = "{org}/{committee}/{year}/{seq:03}"


@dataclass(frozen=True)
class Letterhead:
    """What the office prints on every letter, and the defaults for new letters.

    organisation: printed at the top left of the first page (under the logo, if any).
    logo: PNG or JPEG bytes (logo_media_type "image/png" / "image/jpeg"), or b"" for none. A logo
        that carries meaning needs logo_alt (read out by a screen reader); one that repeats what the
        text says can be marked logo_decorative instead.
    sender_address: the address block printed under a sender who has no address of their own.
    footer: an optional line at the foot of every page (address, telephone, website).
    marking: the protective marking a new letter starts with (not applied to existing letters).
    reference_pattern: how new letters' references are made, e.g. "{org}/{committee}/{year}/{seq:03}".
    """

    organisation: str
    logo: bytes = b""
    logo_media_type: str = ""
    logo_alt: str = ""
    logo_decorative: bool = False
    sender_address: str = ""
    footer: str = ""
    marking: Marking = Marking.NONE
    reference_pattern: str = DEFAULT_PATTERN

    @property
    def sender_address_lines(self) -> list[str]:
        return [x.strip() for x in self.sender_address.splitlines() if x.strip()]

    def validated(self) -> Letterhead:
        """This letterhead, or a ValidationError naming the first thing to put right."""
        name = self.organisation.strip()
        if not name:
            raise ValidationError("The letterhead needs the organisation's name.")
        if len(name) > MAX_ORGANISATION or "\n" in name:
            raise ValidationError(
                f"The organisation's name must be one line of at most {MAX_ORGANISATION} characters."
            )
        if _organisation_size(name) < MIN_ORGANISATION_SIZE:
            raise ValidationError(
                "The organisation's name is too long to print on one line at the top of the letter: "
                "shorten it (the full name can go in the footer line)."
            )
        if len(self.footer) > MAX_FOOTER or "\n" in self.footer.strip():
            raise ValidationError(f"The footer line must be one line of at most {MAX_FOOTER} characters.")
        if self.logo:
            check_logo(self.logo, self.logo_media_type)
            if not self.logo_decorative and not self.logo_alt.strip():
                raise ValidationError(
                    "Describe the logo for people who cannot see it (its alternative text, "
                    "e.g. the organisation's name), or mark it as decorative."
                )
        check_reference_pattern(self.reference_pattern)
        return self

    def reference(self, *, org: str, committee: str, year: int, seq: int, kind: str = "") -> str:
        """A new letter's reference made with the pattern."""
        return self.reference_pattern.format(org=org, committee=committee, year=year, kind=kind, seq=seq)


def _organisation_size(name: str) -> float:
    from correspondence_desk.core.printing import house_style
    from correspondence_desk.core.printing.pdf import organisation_size

    house_style.register_fonts()
    return organisation_size(name)


def check_logo(data: bytes, media_type: str) -> tuple[int, int]:
    """The logo's size in pixels, or a ValidationError if it cannot be printed."""
    if media_type == "image/svg+xml" or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        raise ValidationError("SVG logos cannot be printed yet: save the logo as a PNG or JPEG file.")
    if media_type not in MEDIA_TYPES:
        raise ValidationError(f"The logo must be a PNG or JPEG image (not {media_type or 'unknown'}).")
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            f"The logo is too large ({len(data) / 1024 / 1024:.1f} MB): "
            f"use an image of at most {MAX_LOGO_BYTES // 1024 // 1024} MB."
        )
    from PIL import Image, UnidentifiedImageError  # Pillow comes with ReportLab

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # reads the whole file: a truncated or damaged image fails here
            kind, size, mode = image.format, image.size, image.mode
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise ValidationError(f"The logo cannot be read as an image ({err}).") from None
    if kind != MEDIA_TYPES[media_type]:
        raise ValidationError(f"The logo is a {kind} image, not {media_type}.")
    if mode == "CMYK":
        raise ValidationError(
            "The logo uses CMYK colours (made for a printing press): save it in RGB colours, "
            "as for the web, so that letters stay archival (PDF/A)."
        )
    if max(size) > MAX_LOGO_PIXELS:
        raise ValidationError(
            f"The logo is too large ({size[0]} × {size[1]} pixels): "
            f"use an image at most {MAX_LOGO_PIXELS} pixels on its longer side."
        )
    return size


def check_reference_pattern(pattern: str) -> None:
    """A ValidationError unless the pattern makes a different reference for every new letter."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]
    except ValueError as err:
        raise ValidationError(f"The reference pattern {pattern!r} is malformed ({err}).") from None
    unknown = [f for f in fields if f.split(".")[0].split("[")[0] not in PATTERN_FIELDS]
    if unknown:
        allowed = ", ".join("{" + f + "}" for f in PATTERN_FIELDS)
        raise ValidationError(f"The reference pattern uses {{{unknown[0]}}}; it may use only {allowed}.")
    if "seq" not in fields:
        raise ValidationError(
            f"The reference pattern {pattern!r} cannot make a different reference for each letter: "
            "add {seq} (the letter's number, e.g. {seq:03} for 001)."
        )
    try:
        first = pattern.format(org="ORG", committee="COM", year=2027, kind="ACK", seq=1)
        second = pattern.format(org="ORG", committee="COM", year=2027, kind="ACK", seq=2)
    except (ValueError, KeyError, IndexError, AttributeError) as err:
        raise ValidationError(f"The reference pattern {pattern!r} is malformed ({err}).") from None
    if first == second or not first.strip():
        raise ValidationError(f"The reference pattern {pattern!r} does not show the letter's number.")
