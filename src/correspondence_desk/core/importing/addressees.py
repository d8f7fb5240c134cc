"""Who a recommendation is directed at: the subject of its "should" clauses, matched against the
bodies register (names, short names and aliases, case-insensitive). "X, in partnership with Y and
Z, should…" makes X the lead and Y and Z partners. Subjects that look like an organisation's name but
are not in the register are proposed with no body id, so saving can add them."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from correspondence_desk.core.importing.proposal import AddresseeRole, ProposedAddressee
from correspondence_desk.core.records import BodyRecord

if TYPE_CHECKING:
    from correspondence_desk.core.importing.paragraphs import Para
    from correspondence_desk.core.importing.parser import Found

_MODAL = re.compile(
    r"\b(?:should|must|needs? to|ought to|is asked to|are asked to|shall|will need to)\b", re.I
)
_RECOMMEND = re.compile(r"\b(?:we|the committee)\s+(?:recommend|urge|call on|ask)s?\s+(?:that\s+)?", re.I)
_PARTNERS = re.compile(
    r",?\s*\b(?:in partnership with|working with|working alongside|together with|in conjunction with|"
    r"in collaboration with|with the support of|supported by|alongside|jointly with|with)\b",
    re.I,
)
# an opening clause before the subject: "By the end of March 2026, …", "As part of this, …"
_LEAD_IN = re.compile(r"^(?:[^,]{0,80}),\s+(?=[A-Z]|the\s)")
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|\n+")
_SPLIT = re.compile(r"(\s*(?:,\s*(?:and\s+)?|\band\b|\bor\b|&|/)\s*)", re.I)  # keeps the separators
_BRACKETS = re.compile(r"\s*\([^()]{1,40}\)")  # "Transport for London (TfL)"
_SMALL = {"of", "for", "and", "the", "on", "in", "to", "at", "with", "de", "&"}
_NOT_BODIES = {
    "this", "that", "these", "those", "it", "they", "there", "this programme", "the programme", "the plan",
    "the strategy", "the review", "the guidance", "guidance", "the report", "the evaluation", "this work",
    "the toolkit", "we", "he", "she", "its",
}  # fmt: skip


class _Register:
    """One regex over every name of every body, longest names first so "Mayor's Office…" beats "Mayor"."""

    def __init__(self, bodies: Sequence[BodyRecord]) -> None:
        self.by_name: dict[str, BodyRecord] = {}
        for body in bodies:
            for name in (body.name, body.short_name, *body.aliases):
                key = _key(name)
                if key and key not in self.by_name:
                    self.by_name[key] = body
        names = sorted(self.by_name, key=len, reverse=True)
        self.rx = (
            re.compile(r"(?<![\w])(?:" + "|".join(_name_pattern(n) for n in names) + r")(?![\w])", re.I)
            if names
            else None
        )

    def find(self, text: str) -> list[tuple[int, int, BodyRecord]]:
        if self.rx is None:
            return []
        return [
            (m.start(), m.end(), self._body(m[0]))
            for m in self.rx.finditer(text)
            if not _ends_a_longer_name(text, m.start(), m[0])
            and not _starts_a_longer_name(text, m.end(), m[0])
        ]

    def _body(self, matched: str) -> BodyRecord:
        body = self.by_name.get(matched.lower())
        return body if body is not None else self.by_name[_key(matched)]


def _ends_a_longer_name(text: str, start: int, matched: str) -> bool:
    """A one-word alias that is only the tail of another proper name: "Authority" in "the Port of
    London Authority" is not "the Authority" of the register."""
    if matched.isupper() or len(_key(matched).split()) > 1:
        return False
    before = text[:start].split()
    previous = before[-1] if before else ""
    return previous[:1].isupper() and previous[-1:].isalnum()


_NAME_GOES_ON = re.compile(r"\s+(?:(?:for|of|on)\s+(?:the\s+)?)?[A-Z]\w")
_LEADING_WORD = re.compile(r"^(?:the|both|also)\s+", re.I)
_MIXED_ACRONYM = re.compile(r"[A-Z][a-z]?[A-Z]\w*")  # "TfL"
_ASKING_WORDS = re.compile(r"recommend|calls? on|urge|\bask|invite|^that\s", re.I)


def _starts_a_longer_name(text: str, end: int, matched: str) -> bool:
    """A one-word alias that is only the head of another proper name: "the Department" in "the
    Department for Education" is not "the Department" of the register."""
    if matched.isupper() or len(_key(matched).split()) > 1:
        return False
    return _NAME_GOES_ON.match(text, end) is not None


def _key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def _name_pattern(key: str) -> str:
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in key.split())
    return rf"(?:the\s+)?{body}"


_COMMON = {
    "government", "council", "councils", "police", "ministers", "minister", "department", "departments",
    "schools", "employers", "everyone", "agencies", "boards", "trusts", "officers", "staff", "members",
    "providers", "operators", "landlords", "parents", "it", "they", "this", "there", "each", "all", "both",
}  # fmt: skip
_CONNECTORS = {"of", "for", "and", "the", "&", "on", "in", "to", "at"}
# "recommends that the Welsh Government review…", "calls on the Home Office to…", "That the Government
# of Canada establish…": the subject is the name that follows, up to its verb
_ASKS_OF = re.compile(
    r"(?:^that\s+|\b(?:recommends?|recommended|recommend)\s+(?:to\s+)?that\s+|\b(?:calls?\s+on|urges?|asks?|invites?)\s+)",
    re.I,
)
_GENERIC = re.compile(
    r"^(?:all\s+|each\s+|local\s+|every\s+)?(?:[a-z]+\s+){0,2}(?:boards?|councils?|authorities|authority|trusts?"
    r"|bodies|services|providers|operators|agencies|departments|schools|colleges|employers|forces|partnerships"
    r"|owners|landlords|managers|developers|companies|firms|regulators)$",
    re.I,
)


# one lower-case word inside a name that goes on to an organisation's noun: "Medicines and
# Healthcare products Regulatory Agency"
_INNER_LOWER = re.compile(
    r"^[a-z]+\s+(?:[A-Z][\w’'-]*\s+){0,2}(?:Agency|Authority|Board|Commission|Council|Executive|Inspectorate"
    r"|Office|Ombudsman|Regulator|Service|Trust|Unit)\b"
)


def _proper_prefix(text: str) -> str:
    """The name at the start of `text`: capitalised words and the small words inside a name."""
    words = text.split()
    taken: list[str] = []
    for i, word in enumerate(words):
        bare = word.strip(",;:")
        if not bare:
            break
        if (
            bare[:1].isupper()
            or bare[:1].isdigit()
            or (bare.lower() in _CONNECTORS and i + 1 < len(words))
            or (taken and _INNER_LOWER.match(" ".join(words[i : i + 5])))
        ):
            taken.append(word.rstrip(";:") if i + 1 < len(words) and words[i + 1][:1].isupper() else bare)
            if word.endswith((";", ":")):
                break
            continue
        break
    while taken and taken[-1].lower() in _CONNECTORS - {"the"}:
        taken.pop()
    if taken and taken[-1].lower() == "the":
        taken.pop()
    return " ".join(taken).rstrip(",")


def _asked_of(sentence: str) -> list[str]:
    if not _ASKING_WORDS.search(sentence):  # cheap test first: most sentences ask with "should"
        return []
    out = []
    for m in _ASKS_OF.finditer(sentence):
        after = sentence[m.end() :]
        words = [w.strip(",;:") for w in after.split()]
        generic = next((" ".join(words[:n]) for n in (3, 2, 1) if _GENERIC.match(" ".join(words[:n]))), "")
        name = generic or _proper_prefix(after)
        if name and name.lower() not in ("the", "it", "this"):
            out.append(name)
    return out


def _subjects(text: str) -> list[str]:
    """The subject of each clause that asks somebody to act."""
    out = []
    for sentence in _SENTENCES.split(text):
        asked = _asked_of(sentence)
        if asked and not _MODAL.search(sentence):
            out.extend(asked)
            continue
        clause_start = 0
        for n, m in enumerate(_MODAL.finditer(sentence)):
            before = sentence[clause_start : m.start()]
            clause_start = m.end()
            if (
                n
            ):  # a second clause asks somebody else only after ", and" / ";": "…, and the Department should"
                joined = list(_CLAUSE.finditer(before))
                if not joined:
                    continue
                before = before[joined[-1].end() :]
            rec = list(_RECOMMEND.finditer(before))
            if rec:
                before = before[rec[-1].end() :]
            # the subject follows the last opening clause ("By 2026, X should")
            before = before.strip().rstrip(",").strip()
            while (lead := _LEAD_IN.match(before)) and not _PARTNERS.search(before[: lead.end()]):
                before = before[lead.end() :]
            if before:
                out.append(before)
    return out


_CLAUSE = re.compile(r"(?:,\s*and|;|,\s*while|,\s*but|\band\s+that)\s+(?=(?:the\s+)?[A-Z])")


def _unknown_body_name(piece: str) -> str:
    """An organisation's name the register does not know ("the Violence Reduction Unit", "MOPAC"), or ""."""
    piece = piece.strip(" ,.;:'\"")
    had_article = piece[:4].lower() == "the "
    name = _LEADING_WORD.sub("", piece).strip()
    words = name.split()
    if not words or len(words) > 9 or name.lower() in _NOT_BODIES or (piece.lower() in _NOT_BODIES):
        return ""
    if _GENERIC.match(name) and len(words) <= 4:  # "Local harbour boards", "Health boards"
        return name[:1].upper() + name[1:]
    lone = words[0] if len(words) == 1 else ""
    if (
        lone
        and not had_article
        and lone[:1].isupper()
        and lone.lower() not in _COMMON
        and not lone.endswith("s")
    ):
        return name  # a proper name standing alone: "Translink", "Ofwat" (not "Warnings should…")
    if len(words) == 1:
        acronym = len(words[0]) >= 2 and (words[0].isupper() or bool(_MIXED_ACRONYM.fullmatch(words[0])))
        return name if acronym or (had_article and words[0][:1].isupper()) else ""
    significant = [w for w in words if w.lower() not in _SMALL]
    if significant and all(w[:1].isupper() or w[:1].isdigit() for w in significant):
        return name
    return ""


_ORG_END = re.compile(
    r"\b(?:board|council|service|services|authority|agency|trust|commission|office|department|ministry"
    r"|executive|partnership|group|forum|committee|panel|corporation|company|institute|foundation"
    r"|association|society|network|centre|college|university)$",
    re.I,
)
_PORTFOLIO = re.compile(
    r"^(?:Department|Ministry|Minister|Office|Secretary of State|Cabinet Secretary)\s+(?:of|for)\s", re.I
)


def _unknown_names(text: str) -> list[str]:
    """Names in a subject the register does not know. "X and Y" is two names, except when Y is one
    bare word that ends X's name ("Department for Work and Pensions")."""
    names: list[str] = []
    pieces = _SPLIT.split(_BRACKETS.sub("", text))
    previous_ok = False
    for i in range(0, len(pieces), 2):
        piece = pieces[i].strip()
        joiner = pieces[i - 1].strip() if i else ""
        joined_by_and = joiner.lower().endswith(("and", "&"))
        bare_word = len(piece.split()) == 1 and piece[:1].isupper() and not piece.isupper()
        if previous_ok and joined_by_and and bare_word:
            names[-1] = f"{names[-1]} {joiner} {piece}"
            continue
        # "Health and Social Care Board": a bare word joined by "and" to the name that ends it
        if (
            names
            and joined_by_and
            and _ORG_END.search(piece)
            and previous_ok
            and len(names[-1].split()) <= 2
            and not _ORG_END.search(names[-1])
        ):
            names[-1] = f"{names[-1]} {joiner} {piece}"
            continue
        # a portfolio lists its areas: "Department of Agriculture, Water and Regional Development"
        short = 1 <= len(piece.split()) <= 3 and all(w[:1].isupper() for w in piece.split())
        if previous_ok and short and names and _PORTFOLIO.match(names[-1]) and joiner in (",", "and", "&"):
            names[-1] = f"{names[-1]}{',' if joiner == ',' else ' ' + joiner} {piece}"
            continue
        name = _unknown_body_name(piece)
        # "Fisheries and Oceans Canada": a lone word that is no name by itself opens the next one
        if name and not previous_ok and i and joined_by_and and _lone_word(pieces[i - 2].strip()):
            name = f"{pieces[i - 2].strip()} {joiner} {name}"
        previous_ok = bool(name)
        if name:
            names.append(name)
    return names


def _lone_word(piece: str) -> bool:
    return len(piece.split()) == 1 and piece[:1].isupper() and not piece.isupper() and piece.lower() != "the"


@functools.lru_cache(maxsize=8)
def _register(bodies: tuple[BodyRecord, ...]) -> _Register:
    return _Register(bodies)  # built once per register, not once per recommendation


def find_addressees(
    text: str, bodies: Sequence[BodyRecord], default_subject: str = "", recipients: Sequence[str] = ()
) -> tuple[ProposedAddressee, ...]:
    """Who the text asks to act: register bodies by name, short name or alias, and names the
    register does not know, proposed as new bodies. `default_subject` is used when the text names
    nobody (a list introduced by "The Committee recommends that the Government of Canada:");
    `recipients` are the people a report is sent to (a coroner's report)."""
    register = _register(tuple(bodies))
    found: list[ProposedAddressee] = []
    seen: set[str] = set()

    def add(name: str, body: BodyRecord | None, role: AddresseeRole) -> None:
        key = f"#{body.id}" if body else _key(name)
        if key in seen:
            return
        seen.add(key)
        if body is not None:
            found.append(ProposedAddressee(body.name, body.id, role))
        else:
            found.append(ProposedAddressee(name, None, role, new=True))

    def take(subject: str) -> None:
        m = _PARTNERS.search(subject)
        if m:
            parts = [(subject[: m.start()], AddresseeRole.LEAD), (subject[m.end() :], AddresseeRole.PARTNER)]
        else:
            parts = [(subject, AddresseeRole.LEAD)]
        for part, role in parts:
            matches = register.find(part)
            for _start, _end, body in matches:
                add(body.name, body, role)
            rest = part
            for start, end, _body in reversed(matches):
                rest = rest[:start] + " , " + rest[end:]
            for name in _unknown_names(rest):
                add(name, None, role)

    for recipient in recipients:
        matches = register.find(recipient)
        if matches:
            add(matches[0][2].name, matches[0][2], AddresseeRole.LEAD)
        elif recipient:
            add(recipient, None, AddresseeRole.LEAD)
    # an item that starts with its verb ("Commit to…", "ask the Council to…") is asked of the body
    # the list's preamble names
    if default_subject and _IMPERATIVE.match(text):
        take(default_subject)
    for subject in [] if found else _subjects(text):
        take(subject)
    if not found and default_subject:
        take(default_subject)
    if not found:  # no "should" clause: the first body the register knows, if any
        for _s, _e, body in register.find(text)[:1]:
            add(body.name, body, AddresseeRole.LEAD)
    # a body named as a partner and as a lead is a lead
    leads = {a.body_id or a.name for a in found if a.role == AddresseeRole.LEAD}
    return tuple(a for a in found if a.role == AddresseeRole.LEAD or (a.body_id or a.name) not in leads)


_IMPERATIVE = re.compile(
    r"^(?:[a-z]\w*|(?:establish|work|review|commit|develop|fund|ask|require|publish|provide|ensure|consider"
    r"|introduce|create|set|make|increase|improve|support|expand|continue|undertake|implement|launch|adopt"
    r"|engage|reduce|conduct|strengthen|prioritise|prioritize|explore|assess|invest|amend|extend)\b)"
)
_PREAMBLE = re.compile(r"\b(?:recommends?|recommend)\s+that\s+(?P<rest>.+?):?\s*$", re.I)


def preamble_subject(paras: list[Para], found: Found) -> str:
    """The body a list's introduction names ("The Committee recommends that the Government of
    Canada:"), for items that start with their verb ("Commit to a review…")."""
    if not found.items:
        return ""
    first = found.items[0].paras[0]
    try:
        i = next(k for k, p in enumerate(paras) if p is first)
    except StopIteration:
        return ""
    for p in reversed(paras[max(0, i - 3) : i]):
        if p.text.rstrip().endswith(":") and (m := _PREAMBLE.search(p.text)):
            return _proper_prefix(m["rest"]) or ""
    return ""
