"""PDF/UA-1 and PDF/A-2b in one file, written by ReportLab itself (no second pass over the bytes).

`write_structure` is called by the house canvas just before ReportLab formats the document. It
adds, as ReportLab objects:
- the structure tree (StructTreeRoot, one StructElem per element of `tagging.StructTree`, the
  ParentTree that maps each page's MCIDs back to their elements), `/StructParents` and `/Tabs /S` on
  every page, `/MarkInfo <</Marked true>>`;
- an XMP packet that repeats the Info dictionary (title, author, subject, keywords, dates) and
  declares PDF/A-2b and PDF/UA-1 (with the extension schema PDF/A needs for the pdfuaid property);
- an sRGB output intent (resources/icc/sRGB.icc, a fixed file, so the bytes never change).

Two fixes to ReportLab's writer, made when this module is imported:
- ToUnicode maps: ReportLab maps the unused codes of a font subset to U+0000, which PDF/UA forbids
  (ISO 14289-1 7.21.7); they are left out, and characters beyond U+FFFF are written as UTF-16.
- Streams: PDF/A wants an end-of-line before `endstream`, not counted in /Length; ReportLab writes
  none. For documents made here (`mark_archival`) each stream gets one, and a compressed stream
  whose last byte would be a carriage return (it would read as part of that end-of-line) is
  stored uncompressed instead.
"""

from __future__ import annotations

import functools
import zlib

from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from correspondence_desk.core.printing.tagging import Element, MarkedContent, escape
from correspondence_desk.resources import resource

PDF_VERSION = (1, 7)  # PDF/A-2 and PDF/UA-1 are both based on PDF 1.7 (ISO 32000-1)
# Table header cells name the column they head; lists say they have no numbering
_ATTRIBUTE_OWNERS = {"Scope": "Table", "ListNumbering": "List"}


def mark_archival(doc: PDFDocument) -> None:
    """Write this document's streams the way PDF/A wants them (see the module docstring)."""
    doc._pdfa_streams = True
    doc._pdfVersion = max(doc._pdfVersion, PDF_VERSION)


def write_structure(doc: PDFDocument, marks: MarkedContent, page_count: int) -> None:
    """Add the structure tree, XMP metadata and output intent to a document about to be saved."""
    pages = doc.Pages.pages
    assert len(pages) == page_count
    page_refs = [PDFObjectReference(f"Page{n}") for n in range(1, page_count + 1)]
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(tree_root)
    refs: dict[int, PDFObjectReference] = {}
    document = _struct_elem(doc, marks.tree.root, root_ref, page_refs, refs)
    tree_root["K"] = PDFArray([document]) if document is not None else PDFArray([])
    parent_tree = []
    for index in range(page_count):
        owners = marks.pages[index] if index < len(marks.pages) else []
        parent_tree += [index, PDFArray([refs[id(e)] for e in owners])]
    tree_root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(parent_tree)}))
    tree_root["ParentTreeNextKey"] = page_count
    for index, page in enumerate(pages):
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = index
        page.Tabs = PDFName("S")  # tab order follows the structure
        page.Trans = None  # ReportLab's empty page-transition dictionary says nothing
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_root
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = _xmp_stream(doc)
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([_output_intent(doc)])


def _holds_something(element: Element) -> bool:
    """Whether the element is worth a StructElem: it has marked content or such a child, or it
    is a table cell (kept even when empty, so every row has every column) or has alt text."""
    if element.role in ("TD", "TH") or element.alt:
        return True
    return any(not isinstance(kid, Element) or _holds_something(kid) for kid in element.kids)


def _struct_elem(
    doc: PDFDocument,
    element: Element,
    parent: PDFObjectReference,
    page_refs: list[PDFObjectReference],
    refs: dict[int, PDFObjectReference],
) -> PDFObjectReference | None:
    """The element as an indirect StructElem, or None when it holds nothing (a group left empty)."""
    if not _holds_something(element):
        return None
    entry = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.role), "P": parent})
    ref = refs[id(element)] = doc.Reference(entry)
    kids: list[object] = []
    first_page: int | None = None
    for kid in element.kids:
        if isinstance(kid, Element):
            child = _struct_elem(doc, kid, ref, page_refs, refs)
            if child is not None:
                kids.append(child)
            continue
        page, mcid = kid
        if first_page is None:
            first_page = page
            entry["Pg"] = page_refs[page]
        if page == first_page:
            kids.append(mcid)
        else:
            kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[page], "MCID": mcid}))
    if kids:
        entry["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
    if element.alt:
        entry["Alt"] = PDFString(element.alt)
    if element.attributes:
        owner = next((_ATTRIBUTE_OWNERS[k] for k in element.attributes if k in _ATTRIBUTE_OWNERS), "Layout")
        attributes = {"O": PDFName(owner)} | {k: PDFName(v) for k, v in element.attributes.items()}
        entry["A"] = PDFDictionary(attributes)
    return ref


# --- metadata --------------------------------------------------------------------------------------

_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Part of ISO 14289 that the file conforms to</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xmp_stream(doc: PDFDocument) -> PDFStream:
    """XMP that says what the Info dictionary says (PDF/A wants the two to agree), uncompressed."""
    info = doc.info
    (year, month, day, hour, minute, second), dhh, dmm = (
        doc._timeStamp.YMDhms,
        doc._timeStamp.dhh,
        doc._timeStamp.dmm,
    )
    sign = "-" if dhh < 0 or (dhh == 0 and dmm < 0) else "+"
    date = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    date += f"{sign}{abs(dhh):02d}:{abs(dmm):02d}"
    lang = doc.Catalog.Lang.s if doc.Catalog.Lang is not None else "en-GB"
    values = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "keywords": info.keywords,
        "producer": info.producer,
        "creator": info.creator,
        "lang": lang,
    }
    text = _XMP.format(date=date, **{k: escape(str(v or "")) for k, v in values.items()})
    meta = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    return PDFStream(meta, text.encode("utf-8"), filters=[])


@functools.cache
def _srgb_profile() -> bytes:
    """The shipped sRGB profile, compressed once per process (it is the same in every file)."""
    compressed = zlib.compress(resource("icc", "sRGB.icc").read_bytes())
    assert not compressed.endswith(b"\r")  # see the module docstring
    return compressed


def _output_intent(doc: PDFDocument) -> PDFDictionary:
    stream = PDFDictionary({"N": 3, "Filter": PDFArray([PDFName("FlateDecode")])})
    profile = PDFStream(stream, _srgb_profile(), filters=[])
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(profile),
        }
    )


# --- fixes to ReportLab's writer --------------------------------------------------------------------


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap without the unused codes (mapped to U+0000 there)."""
    pairs = [(code, value) for code, value in enumerate(subset) if value not in (0, 0xFEFF, 0xFFFE)]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo\n<< /Registry ({fontname})\n/Ordering ({fontname})\n/Supplement 0\n>> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):  # at most 100 mappings per block
        block = pairs[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{code:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>" for code, value in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


_reportlab_stream_format = PDFStream.format


def _stream_format(self: PDFStream, document: PDFDocument) -> bytes:
    """PDFStream.format with an end-of-line before `endstream` (documents marked archival only)."""
    if not getattr(document, "_pdfa_streams", False):
        return _reportlab_stream_format(self, document)
    dictionary = PDFDictionary(self.dictionary.dict.copy())
    if self.content is None:
        raise ValueError("stream content not set")
    content = self.content
    filters = self.filters if self.filters is not None else document.defaultStreamFilters
    if filters and "Filter" not in dictionary.dict:
        encoded = content
        for f in reversed(list(filters)):
            encoded = f.encode(encoded)
        raw = pdfdoc.format(encoded, document)
        if not raw.endswith(b"\r"):  # else keep it uncompressed (see the module docstring)
            content = encoded
            dictionary["Filter"] = PDFArray([PDFName(f.pdfname) for f in filters])
    data = pdfdoc.format(document.encrypt.encode(content), document)
    dictionary["Length"] = len(data)
    return pdfdoc.format(dictionary, document) + b"\nstream\n" + data + b"\nendstream\n"


def _install_fixes() -> None:
    if getattr(ttfonts, "_desk_fixed", False):
        return
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    PDFStream.format = _stream_format
    ttfonts._desk_fixed = True


_install_fixes()
