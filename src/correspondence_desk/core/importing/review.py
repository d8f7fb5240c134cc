"""The person's corrections to a proposal, as pure functions over `ProposedRecommendation`s.

The review grid (ui/importing) calls these to split, merge, renumber and edit the parser's proposal;
nothing here knows about rows, undo or Qt. Bodies are matched with the parser's own register
(`addressees.py`: names, short names and aliases, "the" and curly apostrophes ignored), so a name
typed in the grid finds the body the parser would have found.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Sequence

from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing.addressees import _key, _register
from correspondence_desk.core.importing.proposal import (
    ProposedAddressee,
    ProposedContact,
    ProposedLetter,
    ProposedRecommendation,
)
from correspondence_desk.core.records import BodyRecord, ContactRecord, ImportedLetter, LetterContact
from correspondence_desk.core.text import one_line
from correspondence_desk.core.vocabulary import POSITION_LABELS, AddresseeRole, Position

__all__ = [
    "PARTNER_PREFIX",
    "UNSURE_BELOW",
    "NewBodyChoice",
    "addressees_text",
    "apply_body_choices",
    "can_split",
    "confidence_text",
    "find_body",
    "imported_letter",
    "is_unsure",
    "letter_contact",
    "locate",
    "match_contact",
    "merge_recommendations",
    "new_bodies",
    "next_number",
    "parse_addressees",
    "position_from",
    "problems",
    "renumbered",
    "split_point",
    "split_recommendation",
]

PARTNER_PREFIX = "with "
# below this the parser is unsure enough that the person should read the item against the source
# (on the corpus about one item in four: the wording-only splits, bullets, label-less boxes)
UNSURE_BELOW = 0.7


# --- how sure the parser is ----------------------------------------------------------------------


def is_unsure(rec: ProposedRecommendation) -> bool:
    return rec.confidence < UNSURE_BELOW


def confidence_text(rec: ProposedRecommendation) -> str:
    """'92%', or 'Check · 45%' for an unsure one (the word carries it, not only a colour)."""
    percent = f"{round(rec.confidence * 100)}%"
    return f"Check · {percent}" if is_unsure(rec) else percent


# --- addressees ----------------------------------------------------------------------------------


def find_body(bodies: Sequence[BodyRecord], name: str) -> BodyRecord | None:
    """The body of the register this name is one of (its name, short name or an alias), or None."""
    key = _key(one_line(name))
    return _register(tuple(bodies)).by_name.get(key) if key else None


def addressees_text(addressees: Sequence[ProposedAddressee]) -> str:
    """'Mayor of London; with Metropolitan Police Service': leads first, partners marked 'with'."""
    leads = [a.name for a in addressees if a.role == AddresseeRole.LEAD]
    partners = [PARTNER_PREFIX + a.name for a in addressees if a.role != AddresseeRole.LEAD]
    return "; ".join(leads + partners)


def parse_addressees(text: str, bodies: Sequence[BodyRecord]) -> tuple[ProposedAddressee, ...]:
    """The inverse of `addressees_text`; names not in the register are kept (saving adds them)."""
    result: list[ProposedAddressee] = []
    for part in re.split(r"[;\n]", text):
        name = one_line(part)
        role = AddresseeRole.LEAD
        if f"{name.lower()} ".startswith(PARTNER_PREFIX):  # "with X", or a "with" left alone
            name, role = name[len(PARTNER_PREFIX) :].strip(), AddresseeRole.PARTNER
        if not name:
            continue
        body = find_body(bodies, name)
        added = ProposedAddressee(body.name, body.id, role) if body else ProposedAddressee(name, None, role)
        if all(a.name.lower() != added.name.lower() for a in result):
            result.append(added)
    return tuple(result)


@dataclasses.dataclass(frozen=True)
class NewBodyChoice:
    """What the person decided for a name the register does not have: add it as a new body (neither
    field set), take it as an existing body (`same_as`), or leave it out of the addressees (`drop`)."""

    name: str
    same_as: BodyRecord | None = None
    drop: bool = False


def new_bodies(recs: Sequence[ProposedRecommendation]) -> dict[str, list[str]]:
    """Each addressee not in the register (first spelling) → the numbers of the items naming it."""
    found: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for rec in recs:
        for a in rec.addressees:
            if a.body_id is None and a.name.strip():
                name = spelling.setdefault(a.name.strip().lower(), a.name.strip())
                numbers = found.setdefault(name, [])
                if rec.number not in numbers:
                    numbers.append(rec.number)
    return found


def apply_body_choices(
    recs: Sequence[ProposedRecommendation], choices: Sequence[NewBodyChoice]
) -> tuple[ProposedRecommendation, ...]:
    """The items with each decided name added, mapped to the body chosen, or left out."""
    by_name = {c.name.strip().lower(): c for c in choices}
    out: list[ProposedRecommendation] = []
    for rec in recs:
        kept: list[ProposedAddressee] = []
        for a in rec.addressees:
            choice = by_name.get(a.name.strip().lower()) if a.body_id is None else None
            if choice is not None and choice.drop:
                continue
            if choice is not None and choice.same_as is not None:
                a = ProposedAddressee(choice.same_as.name, choice.same_as.id, a.role)
            if not any(_same_body(a, k) for k in kept):
                kept.append(a)
        out.append(dataclasses.replace(rec, addressees=tuple(kept)))
    return tuple(out)


def _same_body(a: ProposedAddressee, b: ProposedAddressee) -> bool:
    if a.body_id is not None and a.body_id == b.body_id:
        return True
    return a.name.strip().lower() == b.name.strip().lower()


# --- a past letter's sender and recipient --------------------------------------------------------

_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "cllr",
    "councillor", "the", "rt", "hon", "right", "honourable", "baroness", "baron",
}  # fmt: skip


def _person_key(name: str) -> str:
    words = re.findall(r"[\w’'-]+", name.lower())
    return " ".join(w for w in words if w.strip(".") not in _HONORIFICS)


def match_contact(contacts: Sequence[ContactRecord], who: ProposedContact) -> ContactRecord | None:
    """The contact a letter's sender or recipient already is: the same name (titles such as
    "Councillor" or "Dr" ignored), the same organisation first when several share the name."""
    key = _person_key(who.name)
    if not key:
        return None
    same = [c for c in contacts if _person_key(c.name) == key]
    org = who.organisation.strip().lower()
    return next((c for c in same if org and c.organisation.strip().lower() == org), same[0] if same else None)


def letter_contact(who: ProposedContact, match: ContactRecord | None) -> LetterContact:
    """The contact to save a letter with: the one matched, or a new one with what the letter gave."""
    if match is not None:
        return LetterContact(contact_id=match.id)
    return LetterContact(
        None, who.name, who.post_nominals, who.role, who.organisation, who.address, who.email
    )


def imported_letter(
    letter: ProposedLetter,
    sender: LetterContact | None,
    recipient: LetterContact | None,
    letter_date: dt.date | None = None,
) -> ImportedLetter:
    """The letter's header to save, with the people decided and the date as reviewed."""
    return ImportedLetter(
        letter_date=letter_date if letter_date is not None else letter.date,
        sender=sender,
        recipient=recipient,
        salutation=letter.salutation,
        body=letter.body,
        subject=letter.subject,
    )


# --- splitting and merging -----------------------------------------------------------------------


def _join(first: str, second: str, sep: str) -> str:
    return sep.join(p for p in (first.strip(), second.strip()) if p)


def split_point(text: str, cursor: int) -> int:
    """Where to split for a cursor at `cursor`: there, or (at either end) before the last paragraph."""
    return cursor if 0 < cursor < len(text) else text.rfind("\n\n")


def can_split(rec: ProposedRecommendation, at: int) -> bool:
    """True when cutting the text at `at` leaves words on both sides."""
    return 0 < at < len(rec.text) and bool(rec.text[:at].strip()) and bool(rec.text[at:].strip())


def split_recommendation(
    rec: ProposedRecommendation, at: int
) -> tuple[ProposedRecommendation, ProposedRecommendation]:
    """Two items from one, cut at character `at` of its text; the deadline goes where its phrase is.

    The second is numbered after the first ("3" → "3a") and carries no paragraph reference or
    response (those stay with the first); `merge_recommendations` puts the two back together.
    """
    if not can_split(rec, at):
        raise ValueError(f"cannot split {rec.number!r} at {at}")
    head, tail = rec.text[:at].strip(), rec.text[at:].strip()
    phrase = rec.deadline_phrase.lower()
    deadline_in_tail = bool(phrase) and phrase in tail.lower() and phrase not in head.lower()
    first = dataclasses.replace(
        rec,
        text=head,
        deadline=None if deadline_in_tail else rec.deadline,
        deadline_phrase="" if deadline_in_tail else rec.deadline_phrase,
    )
    second = dataclasses.replace(
        rec,
        number=f"{rec.number}a" if rec.number else "",
        text=tail,
        paragraph_ref="",
        deadline=rec.deadline if deadline_in_tail else None,
        deadline_phrase=rec.deadline_phrase if deadline_in_tail else "",
        response="",
        position=None,
    )
    return first, second


def merge_recommendations(a: ProposedRecommendation, b: ProposedRecommendation) -> ProposedRecommendation:
    """One item from two: `a`'s number, both texts as paragraphs, every addressee once."""
    names = {x.name.lower() for x in a.addressees}
    return dataclasses.replace(
        a,
        text=_join(a.text, b.text, "\n\n"),
        paragraph_ref=a.paragraph_ref
        if b.paragraph_ref in ("", a.paragraph_ref)
        else _join(a.paragraph_ref, b.paragraph_ref, ", "),
        addressees=a.addressees + tuple(x for x in b.addressees if x.name.lower() not in names),
        deadline=a.deadline or b.deadline,
        deadline_phrase=a.deadline_phrase if a.deadline or a.deadline_phrase else b.deadline_phrase,
        response=_join(a.response, b.response, "\n\n"),
        position=a.position or b.position,
    )


# --- numbering -----------------------------------------------------------------------------------


def renumbered(recs: Sequence[ProposedRecommendation]) -> tuple[ProposedRecommendation, ...]:
    """The same items in the same order, numbered 1, 2, 3…"""
    return tuple(dataclasses.replace(rec, number=str(n)) for n, rec in enumerate(recs, 1))


def next_number(recs: Sequence[ProposedRecommendation]) -> str:
    """A number for a new item: the count plus one, or the next one after it not yet used."""
    used = {rec.number for rec in recs}
    return next(str(n) for n in itertools.count(len(recs) + 1) if str(n) not in used)


def problems(recs: Sequence[ProposedRecommendation]) -> list[str]:
    """What must be fixed before saving (the services would refuse it), in plain words by row."""
    found: list[str] = []
    seen: dict[str, int] = {}
    for row, rec in enumerate(recs, start=1):
        number = rec.number.strip()
        if not number:
            found.append(f"Row {row} has no number (Renumber gives every row one).")
        elif number in seen:
            found.append(
                f"Number {number} is used twice (rows {seen[number]} and {row}); renumber or edit it."
            )
        else:
            seen[number] = row
        if not rec.text.strip():
            found.append(f"Row {row} ({number or 'no number'}) has no text; type it or delete the row.")
    return found


# --- cells typed as text -------------------------------------------------------------------------


def position_from(value: object) -> Position | None:
    """A position from what was typed or chosen: its label ("Accepted in part") or its value."""
    if isinstance(value, Position) or value is None:
        return value
    text = one_line(str(value)).lower()
    if not text:
        return None
    for position, label in POSITION_LABELS.items():
        if text in {label.lower(), position.value}:
            return position
    raise ValidationError(f"“{value}” is not a response position.")


def locate(source: str, text: str) -> tuple[int, int] | None:
    """Where a recommendation's text sits in the source: (start, end) or None.

    The parser re-joins wrapped lines and drops page furniture, so the match is on words with any
    run of spaces, punctuation or line breaks between them, first by the opening words, then the end.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    for n in (8, 5, 3):
        found = re.search(_words_pattern(words[:n]), source, re.IGNORECASE)
        if found:
            start, end = found.start(), found.end()
            if len(words) > n:
                tail = re.search(
                    _words_pattern(words[-min(6, len(words) - n) :]), source[end:], re.IGNORECASE
                )
                if tail and tail.end() < len(text) * 2 + 400:
                    end += tail.end()
            return start, end
    return None


def _words_pattern(words: Sequence[str]) -> str:
    return r"\W+".join(re.escape(w) for w in words)
