"""A made-up letter of any size, built in memory (no database): for the benchmark, the tests and
for trying the layout with awkward text. Everything in it is fictional."""

from __future__ import annotations

import datetime as dt

from correspondence_desk.core.printing.letterhead import Letterhead
from correspondence_desk.core.records import (
    ContactRecord,
    LetterDetail,
    RecommendationRecord,
    ResponseRecord,
)
from correspondence_desk.core.vocabulary import AnnexLayout, LetterStatus, Marking, Position

SENDER = ContactRecord(
    id=1,
    name="Dr Rhiannon Pryce-Évans",
    post_nominals="CBE",
    job_title="Director of Strategy & Partnerships",
    organisation="Capital Transport Authority",
    address="Capital Transport Authority\n5 Gatehouse Yard\nLondon\nSE1 7XY",
    email="r.pryce-evans@cta.example.org",
)
RECIPIENT = ContactRecord(
    id=2,
    name="Cllr Dafydd Ŵyn",
    post_nominals="AM",
    job_title="Chair, Budget <Scrutiny> Panel",
    organisation="London Assembly",
    address="Riverside Civic Hall\n12 Wharfside Lane\nLondon\nE20 9QZ",
    salutation="Dafydd",
)

_POSITIONS = list(Position)
_SENTENCES = [
    "The Authority should publish the costs of the programme, including the £2.4m contingency held "
    "for “unforeseen works” — and explain how it was calculated.",
    "This should be done in partnership with London Councils & the boroughs concerned.",
    "It should report progress to the Committee every six months until the work is complete.",
    "Where targets are missed, the report should say why and what will change as a result.",
]


def _recommendation(n: int, paragraphs: int) -> RecommendationRecord:
    paras = [" ".join(_SENTENCES[(n + i) % len(_SENTENCES)] for i in range(2 + n % 3))]
    paras += [_SENTENCES[(n + k) % len(_SENTENCES)] for k in range(1, paragraphs)]
    return RecommendationRecord(
        id=n, report_id=1, label=str(n), sort_order=n, text="\n\n".join(paras), paragraph_ref=f"{n}.1"
    )


def sample_letter(
    recommendations: int = 9,
    *,
    marking: Marking = Marking.OFFICIAL,
    response_paragraphs: int = 2,
    annex_layout: AnnexLayout | str = AnnexLayout.LIST,
) -> LetterDetail:
    """A letter answering `recommendations` recommendations (some with two bold paragraphs, every
    response with `response_paragraphs` paragraphs, text with & < > and typographic characters)."""
    responses = []
    for n in range(1, recommendations + 1):
        rec = _recommendation(n, paragraphs=1 + (n % 4 == 0))
        answer = [
            f"We accept recommendation {n} in part. The Authority’s R&D budget for 2027–28 is < £5m, "
            "so the work will be phased over two years; the first phase starts in April."
        ]
        answer += ["We will write to the Committee when the first phase is complete."] * (
            response_paragraphs - 1
        )
        responses.append(
            ResponseRecord(
                id=n,
                letter_id=1,
                letter_reference="CTA/BSP/2027/003",
                recommendation=rec,
                sort_order=n,
                position=_POSITIONS[n % len(_POSITIONS)],
                text="\n\n".join(answer),
                report_reference="BSP-2027-01",
                report_title="Value for money in the capital programme",
            )
        )
    return LetterDetail(
        id=1,
        reference="CTA/BSP/2027/003",
        letter_date=dt.date(2027, 2, 3),
        sender=SENDER,
        recipient=RECIPIENT,
        subject="Response to the Panel’s report: Value for money in the capital programme",
        body="Thank you for the Panel’s report on the capital programme. I welcome its focus on the "
        "costs that fall to passengers & the boroughs.\n\nOur response to each recommendation is in "
        "the annex to this letter.\nI would be happy to discuss it with Members.",
        copy_list="Chief Finance Officer, Capital Transport Authority\nPanel Secretariat",
        marking=marking,
        annex_layout=AnnexLayout(annex_layout),
        status=LetterStatus.DRAFT,
        responses=tuple(responses),
    )


def sample_logo(width: int = 480, height: int = 160) -> bytes:
    """A made-up logo as PNG bytes: a blue band with a white disc (drawn here, nothing shipped)."""
    import io

    from PIL import Image, ImageDraw  # Pillow comes with ReportLab

    image = Image.new("RGB", (width, height), (12, 62, 122))
    draw = ImageDraw.Draw(image)
    draw.ellipse((height * 0.15, height * 0.15, height * 0.85, height * 0.85), fill=(255, 255, 255))
    draw.rectangle((height, height * 0.4, width * 0.9, height * 0.6), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def sample_letterhead(*, decorative: bool = False) -> Letterhead:
    """A fictional office's letterhead with a logo and a footer line."""
    return Letterhead(
        organisation="Capital Transport Authority",
        logo=sample_logo(),
        logo_media_type="image/png",
        logo_alt="" if decorative else "Capital Transport Authority logo",
        logo_decorative=decorative,
        sender_address="5 Gatehouse Yard\nLondon\nSE1 7XY",
        footer="Capital Transport Authority · 5 Gatehouse Yard, London SE1 7XY · 020 7946 0000",
        marking=Marking.OFFICIAL,
        reference_pattern="{org}/{committee}/{year}/{seq:03}",
    )
