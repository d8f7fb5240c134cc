"""What the user changed in a letter, as plain data: no Qt, no database.

`LetterEdits` is what one Save sends (`LettersService.save`); `rebase` puts those edits back on
top of the letter as someone else saved it meanwhile, so a conflict loses nothing typed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from correspondence_desk.core.records import ContactRecord, LetterDetail, ResponseEdit, ResponseRecord

FIELD_NAMES = {
    "reference": "the reference",
    "letter_date": "the date",
    "recipient_id": "the recipient",
    "sender_id": "the sender",
    "subject": "the subject",
    "salutation": "the salutation",
    "body": "the covering letter",
    "closing": "the closing",
    "copy_list": "the copy list",
    "marking": "the marking",
    "annex_layout": "the annex layout",
    "updates_since": "the date updates are reported from",
}


def stored_values(letter: LetterDetail) -> dict[str, Any]:
    """The letter's fields as the form shows them (and `LettersService.save` takes them)."""
    return {
        "reference": letter.reference,
        "letter_date": letter.letter_date,
        "recipient_id": letter.recipient.id if letter.recipient else None,
        "sender_id": letter.sender.id if letter.sender else None,
        "subject": letter.subject,
        "salutation": letter.salutation,
        "body": letter.body,
        "closing": letter.closing,
        "copy_list": letter.copy_list,
        "marking": letter.marking,
        "annex_layout": letter.annex_layout,
        "updates_since": letter.updates_since,
    }


def changes_from(letter: LetterDetail, values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields that differ from the stored letter."""
    stored = stored_values(letter)
    return {k: v for k, v in values.items() if stored[k] != v}


def with_values(
    letter: LetterDetail, values: Mapping[str, Any], contact: Callable[[int | None], ContactRecord | None]
) -> LetterDetail:
    """The letter with these form values in place (contacts looked up by id)."""
    fields = {k: v for k, v in values.items() if k not in ("recipient_id", "sender_id")}
    if "reference" in fields:
        fields["reference"] = fields["reference"] or letter.reference
    for key, name in (("recipient_id", "recipient"), ("sender_id", "sender")):
        if key in values:
            fields[name] = contact(values[key])
    return dataclasses.replace(letter, **fields)


@dataclass(frozen=True)
class LetterEdits:
    changes: dict[str, Any]  # letter fields that differ from the stored letter
    responses: tuple[ResponseEdit, ...] = ()  # responses whose text or position differ
    order: tuple[int, ...] | None = None  # the annex order (response ids), when it was changed

    def __bool__(self) -> bool:
        return bool(self.changes or self.responses or self.order is not None)


def edits_of(
    letter: LetterDetail, values: Mapping[str, Any], on_screen: Sequence[ResponseRecord]
) -> LetterEdits:
    """What differs between the stored letter and what is on screen."""
    saved = {r.id: r for r in letter.responses}
    responses = tuple(
        ResponseEdit(r.id, saved[r.id].version, r.text, r.position)
        for r in on_screen
        if r.id in saved and (r.text, r.position) != (saved[r.id].text, saved[r.id].position)
    )
    order = tuple(r.id for r in on_screen)
    return LetterEdits(
        changes_from(letter, values),
        responses,
        order if list(order) != [r.id for r in letter.responses] else None,
    )


@dataclass(frozen=True)
class Rebased:
    letter: LetterDetail  # the letter as now saved, with our field edits on top
    responses: tuple[ResponseRecord, ...]  # its responses, with our edits and order on top
    clashes: tuple[str, ...] = ()  # what we both changed (the screen shows ours)
    lost: tuple[str, ...] = ()  # our edits to responses removed meanwhile, quoted so nothing is lost


def rebase(
    before: LetterDetail,
    now: LetterDetail,
    edits: LetterEdits,
    contact: Callable[[int | None], ContactRecord | None],
) -> Rebased:
    """Our edits (made to `before`) applied over `now`, the letter as someone else saved it since."""
    was, became = stored_values(before), stored_values(now)
    clashes = [FIELD_NAMES[k] for k in edits.changes if was[k] != became[k]]
    then = {r.id: r for r in before.responses}
    current = {r.id: r for r in now.responses}
    ids = [r.id for r in now.responses]
    if edits.order is not None:
        kept = [i for i in edits.order if i in current]
        ids = kept + [i for i in ids if i not in kept]
    mine = {e.response_id: e for e in edits.responses}
    shown = []
    for i in ids:
        resp = current[i]
        edit = mine.get(i)
        if edit is not None:
            if (resp.text, resp.position) != (then[i].text, then[i].position):
                clashes.append(f"the response to recommendation {resp.recommendation.label}")
            resp = dataclasses.replace(resp, text=edit.text, position=edit.position)
        shown.append(resp)
    lost = tuple(
        f"recommendation {then[e.response_id].recommendation.label}: “{e.text}”"
        for e in edits.responses
        if e.response_id not in current
    )
    return Rebased(with_values(now, edits.changes, contact), tuple(shown), tuple(clashes), lost)
