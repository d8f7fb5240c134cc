"""What must never reach the parser or the database from an imported file: bytes read in the wrong
encoding, control characters, and the invisible characters that change the direction of text
(U+202E and its kin can make a line look unlike what it says, and hide a label at its start).

Text bytes are decoded as UTF-8 whenever they are UTF-8 with a few damaged bytes (each shown as
"�", with a warning naming the lines), and as Windows-1252 only when nothing in them reads as
UTF-8 (an older Windows file). UTF-16 and UTF-32 are read by their byte-order mark, and UTF-16
without one by its pattern of zero bytes. charset-normalizer was tried and reads both cases worse:
damaged UTF-8 becomes ISO-8859-2 ("cafĂŠ") and a Windows "£" becomes cp1250's "Ł".
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import replace

from correspondence_desk.core.errors import ImportFailedError
from correspondence_desk.core.importing.document import Block

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 controls but tab, line feed, form feed (a page break) and carriage return; DEL; C1 controls
_CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_UNWANTED = re.compile(f"[{_CONTROL}{BIDI}]")
# line breaks under other names: Word's manual line break (vertical tab), NEL, U+2028 and U+2029
_BREAKS = str.maketrans({"\x0b": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"})
_SHOWN = 3  # places named in a warning before "and N more"
_OFFSETS = 20  # damaged places looked up exactly (the rest are only counted)
_EVIDENCE = 2  # damaged bytes outweighed by each extra byte of a good UTF-8 character


def _places(places: list[str]) -> str:
    shown = ", ".join(places[:_SHOWN])
    more = len(places) - _SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _line_numbers(text: str, positions: Iterable[int]) -> list[int]:
    lines: list[int] = []
    line, at = 1, 0
    for pos in positions:
        line += text.count("\n", at, pos)
        at = pos
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _lines_phrase(lines: list[int]) -> str:
    noun = "line" if len(lines) == 1 else "lines"
    return f"{noun} {_places([str(n) for n in lines])}"


# --- bytes → text --------------------------------------------------------------------------------


def _utf8_damaged(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with each bad byte sequence replaced by "�", and the byte offsets of the first few."""
    view = memoryview(data)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    while len(offsets) < _OFFSETS:
        try:
            text, _ = codecs.utf_8_decode(view[pos:], "strict", True)
        except UnicodeDecodeError as exc:
            parts.append(codecs.utf_8_decode(view[pos : pos + exc.start], "strict", True)[0])
            parts.append("\ufffd")
            offsets.append(pos + exc.start)
            pos += exc.end
            continue
        parts.append(text)
        return "".join(parts), offsets
    parts.append(codecs.utf_8_decode(view[pos:], "replace", True)[0])
    return "".join(parts), offsets


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "-be" for text whose every other byte is zero (ASCII in UTF-16), else None."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return None
    if odd.count(0) > 0.6 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, filename: str) -> tuple[str, list[str]]:
    """Bytes → (text, warnings). Binary files (NUL bytes, many control characters) are refused."""
    head = data[:8192]
    warnings: list[str] = []
    unicode_codec = None
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        unicode_codec = "utf-32"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        unicode_codec = "utf-16"
    elif b"\x00" in head:
        unicode_codec = _utf16_without_bom(head)
        if unicode_codec is None:
            raise ImportFailedError(f"{filename} is not a text file; open a PDF, Word (.docx) or text file.")
    if unicode_codec is not None:
        text = data.decode(unicode_codec, errors="replace")
        damaged = text.count("\ufffd")
        if damaged:
            lines = _line_numbers(text, (m.start() for m in re.finditer("\ufffd", text)))
            what = "1 character" if damaged == 1 else f"{damaged} characters"
            warnings.append(
                f"{filename} is damaged {unicode_codec[:6].upper()} text: {what} could not be read and "
                "show as "
                f"“�” ({_lines_phrase(lines)}); check them against the original."
            )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, warning = _decode_8bit(data, filename)
            warnings.append(warning)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if sample and controls / len(sample) > 0.02:
        raise ImportFailedError(f"{filename} is not a text file; open a PDF, Word (.docx) or text file.")
    return text, warnings


def _decode_8bit(data: bytes, filename: str) -> tuple[str, str]:
    """Text that is not valid UTF-8: UTF-8 with a few damaged bytes, or an older Windows file."""
    text, offsets = _utf8_damaged(data.removeprefix(codecs.BOM_UTF8))
    damaged = text.count("\ufffd") - data.count("\ufffd".encode())
    # a valid multi-byte sequence seldom happens by chance in a Windows file (its accented letters
    # stand alone, each an invalid byte), so a few of them outweigh a few damaged bytes
    readable = len(text.encode("utf-8")) - len(text) - 2 * damaged  # extra bytes of good non-ASCII
    if readable > 0 and readable * _EVIDENCE >= damaged:
        lines = [data.count(b"\n", 0, at) + 1 for at in offsets]
        more = " and more" if damaged > len(offsets) else ""
        what = "1 byte sequence" if damaged == 1 else f"{damaged} byte sequences"
        return text, (
            f"{filename} is not valid UTF-8 in {_lines_phrase(list(dict.fromkeys(lines)))}{more}: "
            f"{what} could not be read and show as “�”; check them against the original."
        )
    return data.decode("cp1252", errors="replace"), (
        f"{filename} is not UTF-8 text; it was read as Windows-1252 (Western European): "
        "check accented letters and symbols against the original."
    )


# --- text → clean text ---------------------------------------------------------------------------


def scrub_text(text: str, filename: str) -> tuple[str, list[str]]:
    """Text with control and direction characters removed and other line breaks made "\\n", with a
    warning naming the lines they were on. `text` has "\\n" line ends already."""
    if not _UNWANTED.search(text):
        return text.translate(_BREAKS), []
    # lines as the file numbers them (before a vertical tab or U+2028 becomes a line break)
    found = [(m.start(), m[0] in BIDI) for m in _UNWANTED.finditer(text)]
    warnings = []
    for bidi in (False, True):
        lines = _line_numbers(text, (pos for pos, b in found if b == bidi))
        if lines:
            warnings.append(_removed(sum(b == bidi for _, b in found), bidi, _lines_phrase(lines), filename))
    return _UNWANTED.sub("", text.translate(_BREAKS)), warnings


def without_unwanted(text: str) -> str:
    """`text` with control and direction characters removed (for text typed or pasted in a review)."""
    text = text.translate(_BREAKS)
    return _UNWANTED.sub("", text) if _UNWANTED.search(text) else text


def _removed(count: int, bidi: bool, where: str, filename: str) -> str:
    if bidi:
        noun, why = "invisible direction-changing character", "they can make text read unlike what it says"
    else:
        noun, why = "control character", "they are not text"
    what = f"1 {noun}" if count == 1 else f"{count} {noun}s"
    return f"{filename}: {what} removed from {where} ({why}); check it against the original."


def scrub_blocks(blocks: tuple[Block, ...], filename: str) -> tuple[tuple[Block, ...], list[str]]:
    """The same for a Word or PDF document's blocks; a warning names the page or the paragraph."""
    places: dict[bool, list[str]] = {False: [], True: []}
    counts = {False: 0, True: 0}
    out: list[Block] = []
    for block in blocks:
        text = block.text.translate(_BREAKS)
        if _UNWANTED.search(text):
            where = f"page {block.page}" if block.page else f"the paragraph “{_opening(text)}”"
            for bidi in (False, True):
                n = sum(1 for ch in text if (ch in BIDI) == bidi and _UNWANTED.match(ch))
                if n:
                    counts[bidi] += n
                    if where not in places[bidi]:
                        places[bidi].append(where)
            text = _UNWANTED.sub("", text)
        out.append(block if text == block.text else replace(block, text=text))
    warnings = [
        _removed(counts[bidi], bidi, _places(places[bidi]), filename)
        for bidi in (False, True)
        if counts[bidi]
    ]
    return tuple(out), warnings


def _opening(text: str) -> str:
    words = _UNWANTED.sub("", text).split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")
