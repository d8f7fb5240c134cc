"""Clean extracted text before parsing: Unicode oddities, page furniture (running headers, page
numbers, navigation and copyright lines), footnote digits and hard-wrapped lines."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace

from correspondence_desk.core.importing.document import PLAIN, Block, ExtractedDocument, Layout
from correspondence_desk.core.importing.languages import translated

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None) | {
    0xFFFE: "-", 0x2010: "-", 0x2011: "-", 0xF0B7: "•", 0x25CF: "•",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# lines that end in a number: page numbers, "Page 3 of 9", "Title | 12", contents lines with leaders
_NUMBER_AT_END = re.compile(
    r"^\d{1,4}$|^[-–—]?\s*\d{1,4}\s*[-–—]?$|^page\s+\d+(\s*(of|/)\s*\d+)?$|^\d{1,4}\s*(of|/)\s*\d{1,4}$"
    r"|^.{0,120}\|\s*\d{1,4}$|\.{4,}\s*\d{1,4}$|…{2,}\s*\d{1,4}$",
    re.I,
)
# lines known by how they start (matched at the start only: this runs for every line)
_FURNITURE_START = re.compile(
    r"\d{1,4}\s*\|.{0,120}$"  # "12 | Report title" running headers
    r"|(©|\(c\)\s|copyright\b|crown copyright|all rights reserved)"
    r"|(back to (the )?(top|contents)|return to (the )?(top|contents)|contents|table of contents"
    r"|next page|previous page|skip to (main )?content|go to (top|contents)|top of page)\W*$"
    r"|(official|official[- ]sensitive|protect|restricted|unclassified|not protectively marked)$"
    r"|(https?://|www\.)\S+$",
    re.I,
)
# footnote digits stuck to the end of a sentence: "…the schools.12 The next…", "…the schools12."
_FOOTNOTE_AFTER_STOP = re.compile(r"(?<=[A-Za-z\)\]’”\"'%][.,;:!?])\d{1,3}(?=\s|$)")
_DIGIT_AFTER_WORD = re.compile(r"[A-Za-z.,;:!?)\]’”\"'%]\d")
_FOOTNOTE_AFTER_YEAR = re.compile(r"(?<=\b(?:19|20)\d\d[.,;:])\d{1,2}(?=\s|$)")
_FOOTNOTE_BEFORE_STOP = re.compile(r"(?<=[a-z]{3}[a-z\)’”])\d{1,2}(?=[.,;:](\s|$))")
# a marker glued to a word inside a sentence: "The Mayor7 should"
_FOOTNOTE_BEFORE_WORD = re.compile(r"(?:(?<=[A-Z][a-z]{2})|(?<=[a-z]{4}))\d{1,2}(?= [a-z]{2,})")


def clean(text: str) -> str:
    if text.isascii():  # the common case: already NFKC, no invisible or odd spaces
        return _SPACES.sub(" ", text).strip() if ("  " in text or "\t" in text) else text.strip()
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def is_furniture(line: str) -> bool:
    if len(line) >= 160 or not line:
        return False
    if line[-1].isdigit() and _NUMBER_AT_END.search(line):
        return True
    return _FURNITURE_START.match(line) is not None


def drop_footnote_digits(text: str) -> str:
    if not _DIGIT_AFTER_WORD.search(text):  # cheap test first: most text has no such digits
        return text
    for pattern in (_FOOTNOTE_AFTER_STOP, _FOOTNOTE_AFTER_YEAR, _FOOTNOTE_BEFORE_STOP, _FOOTNOTE_BEFORE_WORD):
        text = pattern.sub("", text)
    return text


# the first parts of words written with a hyphen ("well-being", "long-term", "non-emergency"): a
# line that ends in one of them keeps its hyphen; any other word broken over a line loses it
_HEADS = """well long short follow step multi cross co non self re pre post part full high low mid one two
    three four five six ten year day time cost value evidence risk place person needs user area age
    sub inter anti pro under over out all half small large first second third end world public"""
_TAILS = "term based up being free party led wide scale level date off out in on making run time"
_COMPOUND_HEADS = frozenset(_HEADS.split())
_COMPOUND_TAILS = frozenset(_TAILS.split())
_LAST_WORD = re.compile(r"([A-Za-z]+)-$")


def join_lines(lines: list[str]) -> str:
    """Re-join hard-wrapped lines: a word broken over the line end with a hyphen ("contri-" /
    "bution") is joined without it; a hyphenated word ("long-" / "term") keeps its hyphen."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            head = _LAST_WORD.search(out)
            tail = re.match(r"[a-z]+", line)
            keep = head is None or head[1].lower() in _COMPOUND_HEADS or (tail and tail[0] in _COMPOUND_TAILS)
            out = out + line if keep else out[:-1] + line
        else:
            out += " " + line
    return out


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    bold: bool = False
    page: int | None = None
    style: str = ""
    block_start: bool = False  # first line of its block (a paragraph break before it)
    block_single: bool = False  # the block is this one line
    layout: Layout = PLAIN


def _repeated_on_pages(doc: ExtractedDocument) -> set[str]:
    """Blocks at the top or bottom of many pages (digits ignored): running headers and footers."""
    page_count = doc.page_count or 0
    if page_count < 2 or doc.body_size:  # a PDF's furniture is found by position (pdf_layout)
        return set()
    by_page: dict[int, list[str]] = defaultdict(list)
    for block in doc.blocks:
        if block.page is not None:
            by_page[block.page].append(block.text)
    pages_with: dict[str, set[int]] = defaultdict(set)
    for page, texts in by_page.items():
        for text in texts[:3] + texts[-3:]:
            # running headers and footers are short and are not sentences, labels or positions
            if len(text) <= 150 and not text.rstrip().endswith(".") and not meaningful(text):
                pages_with[_furniture_key(text)].add(page)
    threshold = max(2, round(page_count * 0.4))
    return {key for key, pages in pages_with.items() if len(pages) >= threshold and key}


def meaningful(text: str) -> bool:
    """A short line that repeats for a reason: an item label ("R3"), a response label, a position."""
    from correspondence_desk.core.importing.patterns import RESPONSE_LABEL, item_start
    from correspondence_desk.core.importing.positions import position_only

    line = clean(text.split("\n", 1)[0])
    if item_start(line) or position_only(line):
        return True
    # "Government response" repeats as a label; "Government Response – Northern Airports" is a header
    m = RESPONSE_LABEL.match(line)
    return m is not None and (not m[1].strip() or position_only(m[1]))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


_NOTE_START = re.compile(r"^(\d{1,3})\s+(?=[A-Z(“\"‘'])")
_CITATION = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:HC|HL|CP|Cm)\s+\d|\bpaper\b|\bevidence\b|\breport\b|\bQ\d|\bparas?\b|\bp\.\s*\d"
    r"|\bibid\b|^\d+\s+see\b|https?://|www\.|\bact\b|\bcommittee\b|\bibid\b|\bop\.? cit\b",
    re.I,
)


def _note_numbers(doc: ExtractedDocument) -> set[str]:
    """Footnote numbers that appear glued to the text ("…the towns.12 The…"): a line that starts
    with one of them at the foot of a page is the note itself."""
    found: set[str] = set()
    for block in doc.blocks:
        if _DIGIT_AFTER_WORD.search(block.text):
            found.update(m[0] for m in _FOOTNOTE_AFTER_STOP.finditer(block.text))
            found.update(m[0] for m in _FOOTNOTE_BEFORE_STOP.finditer(block.text))
            found.update(m[0] for m in _FOOTNOTE_BEFORE_WORD.finditer(block.text))
    return found


def _is_note(text: str, notes: set[str]) -> bool:
    m = _NOTE_START.match(text)
    return m is not None and m[1] in notes and bool(_CITATION.search(text)) and "should" not in text


def _repeated_lines(doc: ExtractedDocument) -> set[str]:
    """Pasted text has no pages, but its running headers come back at every page break: short lines
    that are not sentences and appear more than once (digits aside) inside the text."""
    if doc.page_count or doc.body_size:
        return set()
    counts: dict[str, int] = defaultdict(int)
    anywhere: dict[str, int] = defaultdict(int)
    lines = [x.strip() for block in doc.blocks for x in block.text.split("\n") if x.strip()]
    for i, line in enumerate(lines):
        anywhere[_furniture_key(line)] += 1
        # next to a page number or "Page 3 of 14", as a running header is
        beside = any(is_furniture(lines[j]) for j in (i - 1, i + 1) if 0 <= j < len(lines))
        if beside and 8 <= len(line) <= 90 and not line.endswith((".", ":", ";", ",")) and line[:1].isupper():
            counts[_furniture_key(line)] += 1
    # twice beside page numbers, or once beside one and once more elsewhere (a two-page paste whose
    # header repeats the title lines of its first page)
    return {key for key, n in counts.items() if (n >= 2 or anywhere[key] >= 2) and not meaningful(key)}


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _page_break_block(raw: list[str]) -> bool:
    """A pasted page break standing as a paragraph of its own: the page number and a running
    header or footer beside it ("2" / "Government Response – Northern Airports"), even when the
    document has too few pages for the header to repeat."""
    from correspondence_desk.core.importing.patterns import SECTION_END, SECTION_START

    lines = [x for x in raw if x]
    if not 2 <= len(lines) <= 3 or not any(_PAGE_NUMBER.match(x) for x in lines):
        return False
    return all(
        _PAGE_NUMBER.match(x)
        or (
            len(x) <= 90
            and not x.endswith((".", ":", ";", ","))
            and not meaningful(x)
            and not SECTION_START.match(x)
            and not SECTION_END.match(x)
        )
        for x in lines
    )


def lines_of(doc: ExtractedDocument) -> list[Line]:
    """Every meaningful line of the document, cleaned, with page furniture and footnotes dropped."""
    repeated = _repeated_on_pages(doc)
    running = _repeated_lines(doc)
    notes = _note_numbers(doc)
    lines: list[Line] = []
    blocks = _without_translation(doc.blocks)
    for block in blocks:
        if repeated and _furniture_key(block.text) in repeated:
            continue
        raw = [clean(x) for x in block.text.split("\n")]
        if not (doc.page_count or doc.body_size) and _page_break_block(raw):
            continue
        raw = [x for x in raw if x and not (running and len(raw) > 1 and _furniture_key(x) in running)]
        if notes:
            raw = _without_notes(raw, notes)
        for i, text in enumerate(raw):
            lines.append(Line(text, block.bold, block.page, block.style, i == 0, len(raw) == 1, block.layout))
    kept: list[Line] = []
    pending_start = False
    for line in lines:
        if is_furniture(line.text) and line.layout.cell is None:  # "2026" in a table cell is a year
            pending_start = pending_start or line.block_start
            continue
        if pending_start and not line.block_start:
            line = Line(line.text, line.bold, line.page, line.style, True, line.block_single, line.layout)
        pending_start = False
        kept.append(line)
    return kept


def _without_translation(blocks: tuple[Block, ...]) -> list[Block]:
    """The blocks without the Welsh or French beside (or after) the English; a layout table left with
    one column by it was only holding the two languages side by side, so its cells read as paragraphs."""
    foreign = translated([b.text for b in blocks])
    if not foreign:
        return list(blocks)
    kept = [b for i, b in enumerate(blocks) if i not in foreign]
    columns: defaultdict[int, set[int]] = defaultdict(set)
    for b in kept:
        if b.layout.cell is not None:
            columns[b.layout.cell[0]].add(b.layout.cell[2])
    single = {table for table, cols in columns.items() if len(cols) == 1}
    return [
        replace(b, layout=replace(b.layout, cell=None, box=0, indent=0.0))
        if b.layout.cell is not None and b.layout.cell[0] in single
        else b
        for b in kept
    ]


def _without_notes(raw: list[str], notes: set[str]) -> list[str]:
    """Drop a footnote and its wrapped lines, up to the page furniture that follows it."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        if _is_note(raw[i], notes):
            j = i + 1
            while j < len(raw) and j - i <= 4 and not is_furniture(raw[j]) and not _is_note(raw[j], notes):
                j += 1
            ends_at_furniture = j >= len(raw) or is_furniture(raw[j]) or _is_note(raw[j], notes)
            i = j if ends_at_furniture else i + 1
            continue
        out.append(raw[i])
        i += 1
    return out
