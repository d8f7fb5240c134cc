"""Every PDF the app prints is tagged (PDF/UA-1) and archival (PDF/A-2b) in one file.

Two kinds of check: a validator from PyPI (page-validation, a re-implementation of the veraPDF
rules) gives the verdict on both profiles, and our own assertions read the file as a screen reader
and an archive would: the structure tree in reading order, nothing drawn outside marked content,
page furniture as artifacts, metadata, output intent, fonts and their Unicode maps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools

import page as page_validation  # page-validation, a test dependency (wheels for 3.11-3.13)
import pytest
from PIL import ImageCms
from pypdf import PdfReader

from correspondence_desk.core.exports.progress_report import progress_report_pdf
from correspondence_desk.core.printing import render_letter_pdf
from correspondence_desk.core.printing.samples import sample_letter
from correspondence_desk.core.records import LetterKind, Marking, Progress

WELSH_BODY = (
    "Diolch am adroddiad y Panel. Mae’r Awdurdod yn croesawu’r argymhellion — yn enwedig y rhai "
    "am Gaerdydd, Ŵyl Dewi a’r ŵyr.\n\nCafodd y café ar Stryd yr Eglwys ei gau; “Tŷ Ŵyn” sy’n "
    "agor yn ei le (pris £2.40, €3 — 50% yn llai)."
)


def welsh_letter():
    letter = sample_letter(4)
    return dataclasses.replace(
        letter, body=WELSH_BODY, subject="Ymateb i adroddiad y Panel — Gwerth am arian yn y rhaglen gyfalaf"
    )


def samples(demo) -> dict[str, bytes]:
    return {
        "demo letter": render_letter_pdf(demo.letter),
        "100 recommendations": render_letter_pdf(sample_letter(100)),
        "table annex": render_letter_pdf(sample_letter(40), annex_layout="table"),
        "marked OFFICIAL-SENSITIVE": render_letter_pdf(sample_letter(12, marking=Marking.OFFICIAL_SENSITIVE)),
        "Welsh and other non-ASCII text": render_letter_pdf(welsh_letter()),
        "annex only": render_letter_pdf(demo.letter, annex_only=True),
    }


@pytest.fixture
def pdfs(demo, services) -> dict[str, bytes]:
    files = samples(demo)
    # with a history: a moved target date and its reason, a completed recommendation
    first, second = demo.report.recommendations[:2]
    services.updates.record(
        first.id, progress=Progress.AMBER, text="Survey under way.", target_date=dt.date(2027, 3, 31)
    )
    late = "the boroughs’ data came late"
    services.updates.record(
        first.id,
        progress=Progress.GREEN,
        text="Map <b>& checked</b>.",
        target_date=dt.date(2027, 6, 30),
        reason=late,
    )
    services.updates.record(second.id, progress=Progress.COMPLETE, text="Done.")
    report = services.reports.get(demo.report.id)
    history = services.updates.for_report(report.id)
    files["progress report"] = progress_report_pdf(
        report, today=dt.date(2026, 12, 1), author="Desk", updates=history
    )
    # a progress update letter: each recommendation's position, latest update and moved target
    update = services.composing.new_letter(report.id, kind=LetterKind.PROGRESS_UPDATE)
    files["progress update letter"] = render_letter_pdf(update)
    files["progress update table"] = render_letter_pdf(update, annex_layout="table")
    files["clearance sheet"] = cleared_and_issued_sheet(services, demo)
    return files


def cleared_and_issued_sheet(services, demo) -> bytes:
    """The demo letter returned, amended, cleared round a route and issued: its clearance sheet."""
    services.colleagues.add("Tess Tester", "tester", "Legal")
    services.colleagues.add("Gwenllian Ŵyn", "gwyn", "Signatory")
    services.clearance.set_route(demo.letter.id, ["tester"])
    services.clearance.send(demo.letter.id)
    services.clearance.return_for_amendment(
        demo.letter.id, "Say “by March” — not “soon”; café, ŵ.", render_letter_pdf
    )
    services.clearance.send(demo.letter.id)
    services.clearance.clear(demo.letter.id, render_letter_pdf, "Content checked.")
    services.office.set("issue-only-when-cleared", "off")
    services.letters.issue(demo.letter.id, render_letter_pdf)
    return services.clearance.sheet_pdf(demo.letter.id)


def test_every_sample_conforms_to_pdf_ua_1_and_pdf_a_2b(pdfs):
    verdicts = {}
    for name, data in pdfs.items():
        for profile in ("ua1", "2b"):
            result = page_validation.validate_pdf_bytes(data, profile=profile)
            verdicts[name, profile] = sorted({f"{f.rule_id}: {f.message}" for f in result.failures})
    assert verdicts == {key: [] for key in verdicts}


def test_catalog_pages_metadata_and_output_intent(pdfs, pdf_inspection):
    for name, data in pdfs.items():
        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]), name
        assert root["/Lang"] == "en-GB"
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        tree = root["/StructTreeRoot"]
        assert tree["/ParentTreeNextKey"] == len(reader.pages)
        for index, page in enumerate(reader.pages):
            assert page["/StructParents"] == index and page["/Tabs"] == "/S"
        # XMP says what the Info dictionary says, and declares both standards
        xmp = pdf_inspection.xmp_text(reader)
        assert pdf_inspection.xmp_value(xmp, "dc:title") == reader.metadata.title != ""
        assert pdf_inspection.xmp_value(xmp, "pdfuaid:part") == "1"
        assert pdf_inspection.xmp_value(xmp, "pdfaid:part") == "2"
        assert pdf_inspection.xmp_value(xmp, "pdfaid:conformance") == "B"
        assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
        assert pdf_inspection.xmp_value(xmp, "xmp:CreateDate") == "2000-01-01T00:00:00+00:00"
        assert reader.metadata["/CreationDate"] == "D:20000101000000+00'00'"
        # an sRGB output intent that a colour library can read
        (intent,) = root["/OutputIntents"]
        intent = intent.get_object()
        assert intent["/S"] == "/GTS_PDFA1"
        icc = intent["/DestOutputProfile"].get_object()
        assert icc["/N"] == 3
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc.get_data()))
        assert ImageCms.getProfileDescription(profile).strip() == "sRGB"


def test_nothing_is_drawn_outside_marked_content_and_every_mcid_has_its_element(pdfs, pdf_inspection):
    for name, data in pdfs.items():
        reader = PdfReader(io.BytesIO(data))
        parent_tree = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
        owners = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        for index, marked in enumerate(pdf_inspection.marked_content(reader)):
            assert marked.unmarked == [], f"{name}, page {index + 1}: drawn untagged"
            assert marked.artifacts >= 1  # 'Page X of Y' at least
            assert marked.mcids == list(range(len(marked.mcids))), f"{name}: MCIDs not 0..n on a page"
            elements = [e.get_object() for e in owners[index]]
            assert len(elements) == len(marked.mcids)
            here = reader.pages[index].indirect_reference
            for mcid, element in zip(marked.mcids, elements, strict=True):
                kids = element["/K"]
                kids = list(kids) if isinstance(kids, list) else [kids]
                reached = [k for k in kids if isinstance(k, int) and element["/Pg"] == here.get_object()]
                reached += [int(k["/MCID"]) for k in kids if not isinstance(k, int) and k["/Pg"] == here]
                assert mcid in reached, (
                    f"{name}: MCID {mcid} on page {index + 1} not reached from its element"
                )


def test_fonts_are_embedded_and_map_every_code_to_real_unicode(pdfs, pdf_inspection):
    for name, data in pdfs.items():
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = font.get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor, name
        values = pdf_inspection.to_unicode_values(reader)
        assert values, name
        for font, targets in values.items():
            assert not {0, 0xFEFF, 0xFFFE} & set(targets), f"{name}: {font} maps a code to U+0000/BOM"


def test_demo_letter_reads_in_order_sender_recipient_body_copy_list_then_annex(demo, pdf_inspection):
    document = pdf_inspection.structure(render_letter_pdf(demo.letter))
    top = [(n.role, n.text) for n in document.kids]
    sender, recipient = document.kids[0], document.kids[1]
    assert (sender.role, recipient.role) == ("Div", "Div")
    assert [k.text for k in sender.kids][:2] == ["Dr Owain Pritchard OBE", "Director of Network Strategy"]
    assert sender.kids[-1].text == "Our ref: CTA/TEC/2026/017"
    assert recipient.kids[0].text == "Priya Castellano AM" and recipient.kids[-1].text == "E20 9QZ"
    roles = [role for role, _ in top]
    texts = [text for _, text in top]
    assert texts[2:5] == [
        "12 November 2026",
        texts[3],
        "Dear Priya,",
    ] and texts[3].startswith("Response to the Committee's report")
    assert texts.index("Yours sincerely,") < texts.index("Dr Owain Pritchard OBE")
    assert roles[-2:] == ["L", "Sect"]
    # the copy list: a list whose first item carries the label
    copy_list = document.kids[-2]
    assert copy_list.attributes == {"O": "/List", "ListNumbering": "/None"}
    first, second = copy_list.kids
    assert [(k.role, k.text) for k in first.kids] == [
        ("Lbl", "cc"),
        ("LBody", "Cllr Elin Tŵr, Executive Member for Transport, London Councils"),
    ]
    assert [k.role for k in second.kids] == ["LBody"]
    # the annex: H1, then a section per recommendation with its first paragraph as H2
    annex = document.kids[-1]
    assert (annex.kids[0].role, annex.kids[0].text) == ("H1", "Annex")
    sections = annex.kids[1:]
    assert [s.role for s in sections] == ["Sect"] * 9
    labels = [s.kids[0].text.split(" - ")[0] for s in sections]
    assert labels == [f"Recommendation {n}" for n in range(1, 10)]
    assert all(s.kids[0].role == "H2" and all(k.role == "P" for k in s.kids[1:]) for s in sections)
    second_rec = [k.text for k in sections[1].kids]
    assert second_rec[1].startswith("As part of this, the Mayor should report")
    assert second_rec[2] == "We note that this recommendation is directed at the Mayor."
    # headings never skip a level
    levels = [int(n.role[1]) for n in document.walk() if n.role in ("H1", "H2", "H3")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_page_furniture_is_artifact_and_body_text_is_tagged(pdf_inspection):
    data = render_letter_pdf(sample_letter(12, marking=Marking.OFFICIAL_SENSITIVE))
    texts, artifacts = pdf_inspection.mcid_texts(data)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    for index in range(pages):
        furniture = artifacts[index]
        assert f"Page {index + 1} of {pages}" in furniture
        assert furniture.count("OFFICIAL-SENSITIVE") == 2
    tagged = "".join(texts.values())
    assert "OFFICIAL" not in tagged and "Page 1 of" not in tagged
    assert "Dear Dafydd," in tagged


def test_table_annex_is_a_data_table_whose_repeated_header_is_read_once(pdf_inspection):
    data = render_letter_pdf(sample_letter(40), annex_layout="table")
    document = pdf_inspection.structure(data)
    (table,) = [n for n in document.walk() if n.role == "Table"]
    header, *rows = table.kids
    assert [(c.role, c.text, c.attributes.get("Scope")) for c in header.kids] == [
        ("TH", "Recommendation", "/Column"),
        ("TH", "Position", "/Column"),
        ("TH", "Response", "/Column"),
    ]
    assert len(rows) == 40 and all([c.role for c in r.kids] == ["TD"] * 3 for r in rows)
    assert rows[0].kids[0].kids[0].text.startswith("Recommendation 1 - ")
    assert rows[0].kids[1].kids[0].text == "Accepted inpart"  # pdfplumber joins a wrapped line
    # the header row is printed on every page of the table but tagged only once
    _, artifacts = pdf_inspection.mcid_texts(data)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    repeated = [i for i in range(pages) if "RecommendationPositionResponse" in artifacts[i]]
    assert repeated == list(range(2, pages))
    assert sum(1 for n in document.walk() if n.role == "TH") == 3


def test_a_paragraph_split_across_pages_stays_one_element(pdf_inspection):
    letter = sample_letter(2)
    long_answer = " ".join(f"Sentence {n} of a long answer that runs on." for n in range(1, 400))
    first = dataclasses.replace(letter.responses[0], text=long_answer)
    letter = dataclasses.replace(letter, responses=(first, letter.responses[1]))
    document = pdf_inspection.structure(render_letter_pdf(letter))
    (answer,) = [n for n in document.walk() if n.text.startswith("Sentence 1 of")]
    assert len(answer.pages) >= 2
    assert "Sentence 399 of a long answer" in answer.text


def test_welsh_and_typographic_characters_survive_the_unicode_maps(pdf_inspection):
    document = pdf_inspection.structure(render_letter_pdf(welsh_letter()))
    text = " ".join(n.text for n in document.walk())
    for fragment in ("Mae’r Awdurdod", "— yn enwedig", "Ŵyl Dewi", "café", "“Tŷ Ŵyn”", "£2.40, €3"):
        assert fragment in text
    assert "Cllr Dafydd Ŵyn AM" in text and "Dr Rhiannon Pryce-Évans CBE" in text


def test_characters_the_font_lacks_print_as_a_square_and_the_file_still_conforms(pdf_inspection):
    letter = dataclasses.replace(sample_letter(1), body="Thanks 🙂 — 中文 stays readable.\x07")
    data = render_letter_pdf(letter)
    for profile in ("ua1", "2b"):
        assert page_validation.validate_pdf_bytes(data, profile=profile).is_compliant
    texts = [n.text for n in pdf_inspection.structure(data).walk()]
    assert "Thanks □ — □□ stays readable.□" in texts


def plain_furniture_canvas(marking: str = "", footer_left: str = "", **_ignored):
    """The page-furniture canvas as it was before tagging (no marked content, no structure)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from correspondence_desk.core.printing import house_style as hs

    class PlainFurnitureCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFont(hs.FONT, 9)
                self.drawCentredString(hs.PAGE_WIDTH / 2, 14 * mm, f"Page {number} of {total}")
                if marking:
                    self.setFont(hs.FONT_BOLD, 10)
                    self.drawCentredString(hs.PAGE_WIDTH / 2, hs.PAGE_HEIGHT - 11 * mm, marking)
                    self.drawCentredString(hs.PAGE_WIDTH / 2, 8 * mm, marking)
                self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return PlainFurnitureCanvas


def page_images(data: bytes) -> list:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [page.render(scale=100 / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


@pytest.mark.parametrize("layout", ["list", "table"])
def test_tagging_changes_nothing_on_the_page(demo, monkeypatch, layout):
    from PIL import ImageChops

    from correspondence_desk.core.printing import house_style

    letters = [demo.letter, sample_letter(30, marking=Marking.OFFICIAL_SENSITIVE)]
    tagged = [render_letter_pdf(x, annex_layout=layout) for x in letters]
    monkeypatch.setattr(house_style, "furniture_canvas", plain_furniture_canvas)
    plain = [render_letter_pdf(x, annex_layout=layout) for x in letters]
    assert b"/StructTreeRoot" not in plain[0] and b"/StructTreeRoot" in tagged[0]
    for before, after in zip(plain, tagged, strict=True):
        old, new = page_images(before), page_images(after)
        assert len(old) == len(new)
        for number, (a, b) in enumerate(zip(old, new, strict=True), start=1):
            assert ImageChops.difference(a, b).getbbox() is None, f"page {number} differs"


def test_a_house_style_document_built_without_a_tree_is_still_tagged_in_drawing_order(pdf_inspection):
    from correspondence_desk.core.printing import house_style

    st = house_style.styles()
    long_text = " ".join(f"Word{n}" for n in range(900))  # breaks across a page
    story = [house_style.para(f"Line {n}", st.body) for n in range(60)] + [
        house_style.para(long_text, st.body)
    ]
    data = house_style.build_pdf(story, title="Notes", author="Desk", subject="s", marking="OFFICIAL")
    for profile in ("ua1", "2b"):
        assert page_validation.validate_pdf_bytes(data, profile=profile).is_compliant
    document = pdf_inspection.structure(data)
    assert [n.role for n in document.kids] == ["P"] * 61
    assert [n.text for n in document.kids[:60]] == [f"Line {n}" for n in range(60)]
    assert len(document.kids[60].pages) >= 2 and document.kids[60].text.endswith("Word899")


def test_clearance_sheet_reads_as_a_heading_facts_and_a_route_table(demo, services, pdf_inspection):
    document = pdf_inspection.structure(cleared_and_issued_sheet(services, demo))
    top = [(n.role, n.text) for n in document.kids]
    assert top[0] == ("H1", "Clearance sheet: CTA/TEC/2026/017")
    (table,) = [n for n in document.walk() if n.role == "Table"]
    header, *rows = table.kids
    assert [(c.role, c.attributes.get("Scope")) for c in header.kids] == [("TH", "/Column")] * 6
    assert [c.text for c in header.kids][:3] == ["Step", "Colleague", "Outcome"]
    assert len(rows) == 1 and rows[0].kids[1].text.startswith("Tess Tester")
    texts = [n.text for n in document.walk() if n.role == "P"]
    assert any(t.startswith("SHA-256 of the PDF issued: ") for t in texts)
    assert any("Returned for amendment by Tess Tester" in t and "café, ŵ" in t for t in texts)
