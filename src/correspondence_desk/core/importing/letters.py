"""The header of a past response letter: its date, who sent it and to whom (name, post-nominals,
role, organisation, address, email), the salutation, the covering text and a "Re:" line, so the
review can match sender and recipient to existing contacts."""

from __future__ import annotations

import re

from correspondence_desk.core.importing.normalise import clean
from correspondence_desk.core.importing.paragraphs import Para
from correspondence_desk.core.importing.patterns import CLOSING
from correspondence_desk.core.importing.proposal import ProposedContact, ProposedLetter

_POST_NOMINALS = (
    r"(?:AM|MP|MS|MSP|MLA|MEP|OBE|CBE|MBE|KBE|DBE|KC|QC|QPM|KPM|FRCP|FRCS|PhD|DL|JP|CB|KCB|FRSA|FCA|MBA)"
)
_HONORIFIC = (
    r"(?:(?:The\s+)?Rt\.?\s+Hon\.?|Hon\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Prof(?:essor)?\.?|Sir|Dame"
    r"|Lord|Lady|Baroness|Baron|Cllr\.?|Councillor|Senator)"
)
_NAME = re.compile(
    rf"^(?P<name>(?:{_HONORIFIC}\s+)*[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|van|von|ap|ab)){{1,3}}?)"
    rf"(?P<post>(?:,?\s+{_POST_NOMINALS})*)\s*$"
)
_ROLE = re.compile(
    r"\b(?:chair|chairman|chairperson|convener|minister|secretary|director|commissioner|chief|head|officer"
    r"|manager|mayor|leader|clerk|member|coroner|deputy|assistant|president|governor|executive|cabinet"
    r"|permanent|principal|lead|adviser|advisor|controller)\b",
    re.I,
)
_ORG = re.compile(
    r"\b(?:committee|council|department|ministry|government|authority|assembly|parliament|senedd|trust"
    r"|office|police|service|agency|commission|board|court|inquiry|panel|hall|house|executive|nhs|treasury)\b",
    re.I,
)
_PLACE = re.compile(
    r"\b(?:road|street|lane|way|avenue|place|square|hall|house|yard|drive|crescent|close|park|gardens"
    r"|terrace|embankment|row|hill|walk|quay|wharf|building|buildings|centre|tower|headquarters|plaza|mews)\b",
    re.I,
)
_DATE_LINE = re.compile(
    r"^\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+(?:19|20)\d\d$",
    re.I,
)
_SUBJECT = re.compile(r"^(?:re|subject|our ref|your ref)\s*:\s*(.+)$", re.I)


def _lines(paras: list[Para]) -> list[str]:
    return [t for p in paras for line in (p.lines or p.text.split("\n")) if (t := clean(line))]


def _contact(lines: list[str]) -> ProposedContact | None:
    lines = [x for x in lines if not _DATE_LINE.match(x) and not _SUBJECT.match(x)]
    if not lines:
        return None
    name = post = role = email = ""
    rest: list[str] = []
    for line in lines:
        if "@" in line and not email:
            email = re.sub(r"^(?:e|email|e-mail)\s*:\s*", "", line.strip(), flags=re.I)
            continue
        if re.match(r"^(?:t|tel|telephone|phone|mobile|fax)\s*[:.]\s*\+?[\d ()]+$", line, re.I):
            continue
        m = _NAME.match(line)
        person = (
            m is not None
            and not _ROLE.search(m["name"].split()[-1])
            and not _ORG.search(line)
            and not _PLACE.search(line)
        )
        if not name and person and m is not None:
            name, post = m["name"].strip(), " ".join(m["post"].replace(",", " ").split())
            continue
        if not role and _ROLE.search(line) and len(line) < 100:
            role = line
            continue
        rest.append(line)
    organisation = ""
    if "," in role and _ORG.search(after := role.split(",", 1)[1].strip()):
        organisation = after  # "Chair, Police and Crime Committee"
    else:
        org = next((x for x in rest if _ORG.search(x) and len(x) < 100 and not re.search(r"\d", x)), "")
        if org:
            organisation = org
            rest.remove(org)
    if not (name or role or organisation):
        return None
    return ProposedContact(name, post, role, organisation, "\n".join(rest), email)


def _sign_off(paras: list[Para], closing: int) -> list[str]:
    """The lines after "Yours sincerely,": the name and title of the person who signed."""
    out: list[str] = []
    for p in paras[closing + 1 : closing + 4]:
        if p.start is not None or len(p.text) > 120 or (p.heading and len(out) >= 1 and not p.bold):
            break
        out += _lines([p])
        if len(out) >= 3:
            break
    return out


def header_of(paras: list[Para]) -> ProposedLetter | None:
    salutation = next((i for i, p in enumerate(paras[:200]) if re.match(r"^Dear\s+\S", p.text)), None)
    if salutation is None:
        return None
    dear = re.sub(r"^Dear\s+", "", paras[salutation].text).strip().rstrip(",").strip()
    closing = next((i for i in range(salutation + 1, len(paras)) if CLOSING.match(paras[i].text)), None)
    end = closing if closing is not None else len(paras)
    body: list[str] = []
    subject = ""
    for p in paras[salutation + 1 : end]:
        if p.start is not None or (p.heading and body and p.text.lower().startswith(("annex", "appendix"))):
            break
        if (m := _SUBJECT.match(p.text)) and not subject:
            subject = m[1].strip()
            continue
        body.append(clean(p.text.replace("\n", " ")))
    header = paras[:salutation]
    date = None
    from correspondence_desk.core.dates import parse_date

    for line in _lines(header):
        if _DATE_LINE.match(line):
            date = parse_date(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", line))
        elif (m := _SUBJECT.match(line)) and not subject:
            subject = m[1].strip()
    signed = _sign_off(paras, closing) if closing is not None else []
    sender_name = next((m["name"] for x in signed if (m := _NAME.match(x))), "")
    sender_blocks, recipient_blocks = _blocks(header, sender_name, dear)
    sender = _contact(sender_blocks) or _contact(signed)
    if sender is not None and signed and (who := _contact(signed)) is not None:
        # a letterhead names the organisation; the signature names the person and their role
        sender = ProposedContact(
            sender.name or who.name,
            sender.post_nominals or (who.post_nominals if not sender.name else ""),
            sender.role or who.role,
            sender.organisation or who.organisation,
            sender.address,
            sender.email,
        )
    return ProposedLetter(
        date=date,
        sender=sender,
        recipient=_contact(recipient_blocks),
        salutation=dear,
        body="\n\n".join(b for b in body if b),
        subject=subject,
    )


_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "madam",
    "dear",
    "lord",
    "lady",
    "professor",
    "prof",
    "cllr",
    "councillor",
    "the",
    "rt",
    "hon",
    "or",
}


def _blocks(header: list[Para], sender_name: str, dear: str) -> tuple[list[str], list[str]]:
    """The header's lines for the sender and for the recipient. The block the salutation names
    ("Dear Marina" → "Marina Ahmad AM", "Dear Convener" → "Convener, …") is the recipient's; the
    rest (letterhead, the sender's name and address, email) is the sender's, unless it starts with
    the name signed at the foot or is right-aligned, which is the sender's in any case."""
    groups = [(p, _lines([p])) for p in header]
    groups = [(p, g) for p, g in groups if g and not all(_DATE_LINE.match(x) or _SUBJECT.match(x) for x in g)]
    words = [w for w in re.findall(r"[A-Za-z’'-]+", dear) if w.lower() not in _TITLES]
    recipient_at = None
    for i, (p, lines) in enumerate(groups):
        signed = p.layout.align == "right" or any(sender_name and sender_name in x for x in lines[:2])
        if (
            not signed
            and words
            and any(re.search(rf"\b{re.escape(w)}\b", " ".join(lines[:2])) for w in words)
        ):
            recipient_at = i
            break
    sender: list[str] = []
    recipient: list[str] = []
    for i, (_p, lines) in enumerate(groups):
        (recipient if i == recipient_at else sender).extend(lines)
    return sender, recipient
