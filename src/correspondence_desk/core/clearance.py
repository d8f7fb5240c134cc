"""The rules of clearing a letter, with no database and no Qt:
- what a clearer saw: a snapshot of the letter and its responses (JSON, kept with their clearance)
  and the same as lines of text, so what changed since is a plain text diff (difflib);
- where a route stands, from the state of each step;
- which colleagues a letter kind's default route names (by role, or as the office set it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from correspondence_desk.core.printing.progress import progress_lines, reports_progress
from correspondence_desk.core.records import (
    ClearanceState,
    ColleagueRecord,
    ContactRecord,
    LetterDetail,
    paragraphs,
)
from correspondence_desk.core.vocabulary import (
    NO_POSITION,
    POSITION_LABELS,
    LetterKind,
    Position,
    RouteState,
    StepState,
)

SNAPSHOT_FORMAT = 1

# Who clears each kind of letter, by role (CLEARANCE_ROLES), before the office sets its own routes.
DEFAULT_ROUTE_ROLES: dict[LetterKind, tuple[str, ...]] = {
    LetterKind.ACKNOWLEDGEMENT: ("Private office",),
    LetterKind.HOLDING: ("Policy lead", "Private office", "Signatory"),
    LetterKind.INTERIM: ("Policy lead", "Legal", "Private office", "Signatory"),
    LetterKind.FINAL: ("Policy lead", "Legal", "Press office", "Private office", "Signatory"),
    LetterKind.PROGRESS_UPDATE: ("Policy lead", "Private office", "Signatory"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)")


def _person(contact: ContactRecord | None) -> str:
    if contact is None:
        return ""
    return ", ".join(x for x in (contact.full_name, contact.job_title, contact.organisation) if x)


def snapshot(letter: LetterDetail) -> dict[str, Any]:
    """What a colleague sees when they clear the letter, as JSON-ready values."""
    snap: dict[str, Any] = {
        "format": SNAPSHOT_FORMAT,
        "reference": letter.reference,
        "kind": letter.kind.value,
        "date": letter.letter_date.isoformat() if letter.letter_date else None,
        "sender": _person(letter.sender),
        "recipient": _person(letter.recipient),
        "marking": letter.marking.value,
        "subject": letter.subject,
        "salutation": letter.salutation,
        "body": letter.body,
        "closing": letter.closing,
        "copy_list": letter.copy_list,
        "annex_layout": letter.annex_layout.value,
        "responses": [
            {
                "label": resp.recommendation.label,
                "report": resp.report_reference,
                "position": resp.position.value if resp.position else None,
                "text": resp.text,
            }
            for resp in letter.responses
        ],
    }
    if reports_progress(letter):  # what the annex prints under each recommendation, too
        snap["updates_since"] = letter.updates_since.isoformat() if letter.updates_since else None
        for item, resp in zip(snap["responses"], letter.responses, strict=True):
            item["progress"] = [line.plain for line in progress_lines(letter, resp)]
    return snap


def _sentences(text: str) -> list[str]:
    """A paragraph a sentence a line: a one-word change then shows as one changed line, not a
    whole paragraph."""
    lines: list[str] = []
    for para in paragraphs(text):
        if lines:
            lines.append("")
        for line in para.splitlines():
            lines += [part for part in _SENTENCE_END.split(line.strip()) if part]
    return lines


def snapshot_text(snap: Mapping[str, Any]) -> list[str]:
    """The snapshot as lines of text, in the order the letter reads."""
    lines = [
        f"Reference: {snap.get('reference', '')}",
        f"Date: {snap.get('date') or 'the day it is issued'}",
        f"From: {snap.get('sender', '')}",
        f"To: {snap.get('recipient', '')}",
    ]
    if snap.get("marking"):
        lines.append(f"Marking: {snap['marking']}")
    lines += [f"Subject: {snap.get('subject', '')}", "", str(snap.get("salutation", "")), ""]
    lines += _sentences(str(snap.get("body", "")))
    lines += ["", str(snap.get("closing", ""))]
    copies = [x.strip() for x in str(snap.get("copy_list", "")).splitlines() if x.strip()]
    if copies:
        lines += ["", "Copy to: " + "; ".join(copies)]
    responses = snap.get("responses") or []
    if responses:
        lines += ["", f"Annex ({snap.get('annex_layout', 'list')})"]
    if "updates_since" in snap:
        lines.append(f"Progress updates since: {snap['updates_since'] or 'any date'}")
    for resp in responses:
        position = resp.get("position")
        label = POSITION_LABELS[Position(position)] if position else NO_POSITION.lower()
        lines += ["", f"Recommendation {resp.get('label', '')} ({resp.get('report', '')}): {label}"]
        lines += [str(x) for x in resp.get("progress") or ()]
        lines += _sentences(str(resp.get("text", ""))) or ["(no response yet)"]
    return lines


def same_text(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return snapshot_text(a) == snapshot_text(b)


def text_diff(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    before_label: str = "as cleared",
    after_label: str = "now",
) -> tuple[str, ...]:
    """A unified diff of the letter as cleared and as it is now; () when the text is the same."""
    return tuple(
        difflib.unified_diff(
            snapshot_text(before), snapshot_text(after), before_label, after_label, n=1, lineterm=""
        )
    )


def diff_summary(diff: Sequence[str]) -> str:
    """'3 lines changed' style count for messages and the audit log."""
    removed = sum(1 for x in diff if x.startswith("-") and not x.startswith("---"))
    added = sum(1 for x in diff if x.startswith("+") and not x.startswith("+++"))
    return f"{removed} line{'s' * (removed != 1)} out, {added} line{'s' * (added != 1)} in"


# --- routes -------------------------------------------------------------------------------------


def route_state(steps: Sequence[tuple[StepState, str, str, Any]], *, sent: bool = True) -> ClearanceState:
    """Where a route stands from its steps in order: (state, colleague name, login, due)."""
    if not steps:
        return ClearanceState(RouteState.NO_ROUTE)
    count = len(steps)
    cleared = sum(1 for state, *_ in steps if state == StepState.CLEARED)
    for number, (state, name, login, due) in enumerate(steps, 1):
        if state == StepState.CURRENT:
            return ClearanceState(RouteState.IN_CLEARANCE, count, cleared, number, name, login, due)
    for number, (state, name, login, _due) in enumerate(steps, 1):
        if state == StepState.RETURNED:
            return ClearanceState(RouteState.RETURNED, count, cleared, number, name, login)
    if cleared == count and sent:
        return ClearanceState(RouteState.CLEARED, count, cleared)
    return ClearanceState(RouteState.NOT_SENT, count, cleared)


def parse_logins(text: str) -> list[str]:
    """ "ana, sokafor,  jb" → ["ana", "sokafor", "jb"] (a login may not repeat: each clears once)."""
    return [x.strip() for x in text.split(",") if x.strip()]


def default_route(
    kind: LetterKind, colleagues: Iterable[ColleagueRecord], configured: Sequence[str] | None = None
) -> list[ColleagueRecord]:
    """The colleagues a new letter of this kind goes to: the office's route for the kind (logins),
    else the first active colleague in each of the kind's roles; nobody for a role is skipped."""
    active = [c for c in colleagues if c.active]
    if configured:
        by_login = {c.login.lower(): c for c in active}
        chosen = [by_login[x.lower()] for x in configured if x.lower() in by_login]
        return list({c.id: c for c in chosen}.values())
    route: list[ColleagueRecord] = []
    for role in DEFAULT_ROUTE_ROLES[kind]:
        found = next((c for c in active if c.role.strip().lower() == role.lower() and c not in route), None)
        if found is not None:
            route.append(found)
    return route
