"""The Word export of letters whose metadata outgrows Word's core properties (255 characters each):
a long report title, a long sender, a letter answering 30 reports. The properties are cut short
with an ellipsis; the document text keeps every word."""

from __future__ import annotations

import io

from docx import Document

from correspondence_desk.cli import main
from correspondence_desk.core.printing import render_letter_docx
from correspondence_desk.core.records import NewRecommendation, NewResponse

LONG_TITLE = (
    "Keeping the river moving: an inquiry into the management of the tidal Thames, its piers, its "
    "freight wharves and the passenger services that use them, with particular attention to the "
    "resilience of the network during periods of flood, drought and extended closure of the barrier"
)
# as long as the directory allows (200 characters): with the organisation, longer than a property may be
LONG_NAME = ("Professor Dame Araminta Featherstonehaugh-Cholmondeley-Marjoribanks " * 3)[:200]


def _letter_answering(services, reports: int, title: str, sender_name: str):
    sender = services.contacts.create(
        name=sender_name.strip(), organisation="Capital Transport Authority " * 3
    )
    responses = []
    for n in range(1, reports + 1):
        report = services.reports.create(
            title=f"{title} (part {n})",
            reference=f"TEC/2026/{n:03d}-{'X' * 12}",
            recommendations=[NewRecommendation(label="1", text=f"The Authority should act on part {n}.")],
        )
        responses.append(NewResponse(report.recommendations[0].id, f"We accept part {n}."))
    return services.letters.create(
        reference="CTA/LONG/1",
        sender_id=sender.id,
        subject=f"Response to the Committee's report: {title}",
        responses=responses,
    )


def _props(data: bytes):
    return Document(io.BytesIO(data)).core_properties


def test_long_title_sender_and_thirty_reports_are_cut_short_in_the_properties_only(services):
    assert len(LONG_TITLE) >= 242
    letter = _letter_answering(services, 30, LONG_TITLE, LONG_NAME)
    for annex_only in (False, True):
        data = render_letter_docx(letter, annex_only=annex_only)
        props = _props(data)
        for value in (props.title, props.author, props.subject, props.keywords):
            assert len(value) <= 255
        assert props.author.startswith("Professor Dame Araminta") and props.author.endswith("…")
        assert props.keywords.startswith("CTA/LONG/1, TEC/2026/001-") and props.keywords.endswith("…")
        assert props.subject.startswith("Letter CTA/LONG/1: response to TEC/2026/001-")
    props = _props(render_letter_docx(letter))
    assert props.title.startswith("Response to the Committee's report: Keeping the river moving")
    assert props.title.endswith("…")
    # the document itself is not limited: the whole subject and all 30 answers are there
    text = "\n".join(p.text for p in Document(io.BytesIO(render_letter_docx(letter))).paragraphs)
    assert LONG_TITLE in text
    assert all(f"We accept part {n}." in text for n in range(1, 31))


def test_short_properties_are_left_whole(services, demo):
    props = _props(render_letter_docx(demo.letter))
    assert props.title == demo.letter.subject and not props.title.endswith("…")


def test_render_docx_of_such_a_letter_from_the_command_line(capsys, services, db_path, tmp_path):
    _letter_answering(services, 30, LONG_TITLE, LONG_NAME)
    out = tmp_path / "long.docx"
    code = main(["--db", str(db_path), "render", "CTA/LONG/1", "--docx", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"Wrote {out}" in captured.out and "Traceback" not in captured.err
    assert len(_props(out.read_bytes()).title) <= 255
