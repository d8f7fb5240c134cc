"""The clearance sheet: one page for the file saying who cleared a letter, in what order, when, with
what comment, and the SHA-256 of the PDF cleared and of the PDF issued (equal when the letter went
out exactly as the signatory saw it).

In the house style and tagged like every PDF the app writes (PDF/UA-1 and PDF/A-2b): H1 for the
sheet, a Table for the route (header cells with a column scope), a P per fact. It is kept to one
page: long comments and a long history are shortened until it fits.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.printing.house_style import TEXT_WIDTH, build_pdf, styles, table_style
from correspondence_desk.core.printing.tagging import StructTree, table
from correspondence_desk.core.records import (
    ClearanceActionRecord,
    ClearanceRecord,
    ClearanceStepRecord,
    LetterDetail,
)
from correspondence_desk.core.vocabulary import StepState

# (comment characters, history rows) tried in turn until the sheet is one page
FITS = ((600, 14), (280, 8), (120, 4), (60, 0))
HEADERS = ("Step", "Colleague", "Outcome", "When", "Comment", "PDF seen (SHA-256)")
WIDTHS = (0.07, 0.19, 0.16, 0.13, 0.27, 0.18)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")  # page objects (not the /Pages tree)


def _when(at: dt.datetime | None) -> str:
    return f"{at:%d/%m/%Y %H:%M} UTC" if at else ""


def _sha(value: str) -> str:
    """A SHA-256 in groups of eight, so that it wraps neatly inside a narrow cell."""
    return " ".join(value[i : i + 8] for i in range(0, len(value), 8)) if value else ""


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _outcome(step: ClearanceStepRecord) -> str:
    text = step.outcome_text
    if step.state in (StepState.CURRENT, StepState.WAITING) and step.due:
        text += f" (due {step.due:%d/%m/%Y})"
    if step.action is not None and step.action.typo_fix and step.action.changed_by:
        text += f"; typo fix by {step.action.changed_by}"
    return text


def _route_table(record: ClearanceRecord, tree: StructTree, comment_chars: int) -> Any:
    st = styles()
    with tree.group("Table"):
        with tree.group("TR"):
            header = [tree.para(h, st.cell_bold, "TH", attributes={"Scope": "Column"}) for h in HEADERS]
        rows = [header]
        for step in record.steps:
            action = step.action
            cells = [
                str(step.number),
                step.colleague.display_name,
                _outcome(step),
                _when(action.at) if action else "",
                _short(action.comment, comment_chars) if action else "",
                _sha(action.pdf_sha256) if action else "",
            ]
            with tree.group("TR"):
                rows.append([tree.para(text, st.cell, "TD") for text in cells])
    route = table(rows, colWidths=[TEXT_WIDTH * w for w in WIDTHS], repeatRows=1, hAlign="LEFT")
    route.setStyle(
        table_style(
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, "#808080"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, "#C0C0C0"),
        )
    )
    return route


def _history(actions: tuple[ClearanceActionRecord, ...], rows: int, tree: StructTree) -> list[Flowable]:
    if not actions or not rows:
        return []
    st = styles()
    shown = actions[-rows:]
    story: list[Flowable] = [Spacer(1, 3 * mm), tree.para("History", st.subheading, "H2")]
    if len(actions) > len(shown):
        story.append(tree.para(f"The last {len(shown)} of {len(actions)} actions.", st.small))
    for action in shown:
        step = f", step {action.step_number}" if action.step_number else ""
        comment = f": “{_short(action.comment, 140)}”" if action.comment else ""
        changed = ""
        if action.changed_at:
            changed = " Changed since" + (" (typo fix)." if action.typo_fix else ".")
        line = f"{_when(action.at)} — {action.outcome.label} by {action.colleague}{step}{comment}.{changed}"
        story.append(tree.para(line, st.small))
    return story


def _story(
    record: ClearanceRecord, letter: LetterDetail, comment_chars: int, history: int
) -> tuple[list[Flowable], StructTree]:
    st = styles()
    tree = StructTree()
    facts = [
        f"{letter.kind.label}, {record.status.label.lower()}",
        f"to {letter.recipient.full_name}" if letter.recipient else "",
        f"dated {long_date(letter.letter_date)}" if letter.letter_date else "",
    ]
    story: list[Flowable] = [
        tree.para(f"Clearance sheet: {record.reference}", st.heading, "H1"),
        tree.para(letter.subject or "(no subject)", st.body_bold),
        tree.para(", ".join(x for x in facts if x), st.body),
        tree.para(f"Route: {record.state.text or 'no clearance route'}", st.body),
        Spacer(1, 2 * mm),
    ]
    if record.steps:
        story.append(_route_table(record, tree, comment_chars))
    else:
        story.append(tree.para("This letter has no clearance route: nobody was asked to clear it.", st.body))
    story.append(Spacer(1, 5 * mm))
    cleared = record.cleared_sha256
    issued = record.issued_sha256
    story.append(
        tree.para(f"SHA-256 of the PDF cleared at the last step: {cleared or 'not cleared yet'}", st.small)
    )
    story.append(tree.para(f"SHA-256 of the PDF issued: {issued or 'not issued yet'}", st.small))
    if cleared and issued:
        verdict = (
            "The issued PDF is exactly the PDF cleared."
            if cleared == issued
            else "The issued PDF differs from the PDF cleared (for instance, an undated letter is dated "
            "when it is issued)."
        )
        story.append(tree.para(verdict, st.small))
    story += _history(record.history, history, tree)
    return story, tree


def clearance_sheet_pdf(record: ClearanceRecord, letter: LetterDetail, author: str = "") -> bytes:
    """The one-page clearance sheet as PDF bytes (the same record gives the same bytes)."""
    pdf = b""
    for comment_chars, history in FITS:
        story, tree = _story(record, letter, comment_chars, history)
        pdf = build_pdf(
            story,
            title=f"Clearance sheet: {record.reference}",
            author=author,
            subject=f"Who cleared letter {record.reference}, and the SHA-256 of what they saw",
            keywords=[record.reference, "clearance sheet"],
            marking=letter.marking.value,
            footer_left=f"{record.reference} clearance sheet",
            tree=tree,
        )
        if len(_PAGE.findall(pdf)) == 1:
            break
    return pdf
