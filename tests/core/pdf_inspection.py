"""Reading a tagged PDF the way an accessibility checker does (pypdf for objects and content
streams, pdfplumber for the text of each marked-content sequence). Shared by the PDF/UA tests."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pdfplumber
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

# operators that put something on the page: text, paths, images, shadings
SHOWING = {b"Tj", b"TJ", b"'", b'"'}
PAINTING = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do"}


@dataclass
class Node:
    role: str
    text: str = ""
    alt: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    pages: set[int] = field(default_factory=set)  # pages its own marked content is on
    kids: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()


@dataclass
class Marked:
    """What one page's content stream draws, by marked-content sequence."""

    unmarked: list[bytes] = field(default_factory=list)  # operators drawn outside any BDC/BMC
    mcids: list[int] = field(default_factory=list)
    artifacts: int = 0


def resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def marked_content(reader: PdfReader) -> list[Marked]:
    pages = []
    for page in reader.pages:
        result = Marked()
        stack: list[str] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                tag = str(operands[0])
                stack.append(tag)
                if tag == "/Artifact":
                    result.artifacts += 1
                elif operator == b"BDC" and isinstance(operands[1], DictionaryObject):
                    result.mcids.append(int(operands[1]["/MCID"]))
            elif operator == b"EMC":
                assert stack, "EMC without BDC"
                stack.pop()
            elif (operator in SHOWING or operator in PAINTING) and not stack:
                result.unmarked.append(operator)
        assert not stack, "a marked-content sequence is left open at the end of a page"
        pages.append(result)
    return pages


def mcid_texts(data: bytes) -> tuple[dict[tuple[int, int], str], dict[int, str]]:
    """The text of each (page, MCID), and of each page's artifacts."""
    texts: dict[tuple[int, int], str] = defaultdict(str)
    artifacts: dict[int, str] = defaultdict(str)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    texts[(index, char["mcid"])] += char["text"]
                elif char.get("tag") == "Artifact":
                    artifacts[index] += char["text"]
    return texts, artifacts


def structure(data: bytes) -> Node:
    """The structure tree with the text of every element's own marked content."""
    reader = PdfReader(io.BytesIO(data))
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    texts, _ = mcid_texts(data)

    def build(elem: DictionaryObject, page: int | None) -> Node:
        elem = resolve(elem)
        node = Node(str(elem["/S"])[1:], alt=str(elem.get("/Alt", "")))
        if "/A" in elem:
            node.attributes = {str(k)[1:]: str(v) for k, v in resolve(elem["/A"]).items()}
        if "/Pg" in elem:
            page = page_index[elem.raw_get("/Pg").idnum]
        kids = resolve(elem.get("/K"))
        kids = [] if kids is None else (list(kids) if isinstance(kids, ArrayObject) else [kids])
        for kid in kids:
            kid = resolve(kid)
            if isinstance(kid, int):
                node.text += texts[(page, kid)]
                node.pages.add(page)
            elif kid.get("/Type") == "/MCR":
                where = page_index[kid.raw_get("/Pg").idnum]
                node.text += texts[(where, int(kid["/MCID"]))]
                node.pages.add(where)
            else:
                node.kids.append(build(kid, page))
        return node

    root = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    (document,) = resolve(root["/K"])
    return build(document, None)


def xmp_text(reader: PdfReader) -> str:
    return resolve(reader.trailer["/Root"]["/Metadata"]).get_data().decode("utf-8")


def xmp_value(xmp: str, tag: str) -> str:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", xmp, re.S)
    assert match, f"{tag} missing from the XMP"
    inner = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", match.group(1), re.S)
    return (inner.group(1) if inner else match.group(1)).strip()


def to_unicode_values(reader: PdfReader) -> dict[str, list[int]]:
    """Every font's ToUnicode destination values, by font name."""
    values: dict[str, list[int]] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = resolve(font)
            cmap = resolve(font["/ToUnicode"]).get_data().decode("latin-1")
            pairs = re.findall(r"<([0-9A-F]{2})>\s*<([0-9A-F]+)>", cmap)
            values[str(font["/BaseFont"])] = [int(dest, 16) for _, dest in pairs]
    return values
