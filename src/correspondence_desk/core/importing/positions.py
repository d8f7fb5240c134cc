"""Response positions from a label ("Initial response: Accept") or the opening of a response."""

from __future__ import annotations

import re

from correspondence_desk.core.vocabulary import POSITION_LABELS, Position

_RULES = [
    (Position.NOT_ACCEPTED, r"\bnot (?:be )?(?:accepted|agreed|supported)\b"
     r"|\b(?:do|does|did|can|could)(?:n[o’']t| not) (?:accept|agree|support)\b"
     r"|\bcannot (?:accept|agree|support)\b|\breject(?:ed|s)?\b|\bdisagree"),
    (Position.ACCEPTED_IN_PART, r"\b(?:accept(?:ed|s)?|agree(?:d|s)?)"
     r"(?: (?:this|the|with)(?: recommendation)?)? in part\b|\b(?:partially|partly)"
     r" (?:accept(?:ed|s)?|agree(?:d|s)?)\b|\bpart(?:ially)?[- ]accepted\b"),
    (Position.ACCEPTED_IN_PRINCIPLE, r"\b(?:accept(?:ed|s)?|agree(?:d|s)?|support(?:ed|s)?)"
     r"(?: (?:this|the|with)(?: recommendation)?)? in principle\b"),
    (Position.UNDER_CONSIDERATION, r"\bunder (?:consideration|review)\b|\b(?:are|is) (?:still )?considering\b"
     r"|\bwill consider\b"),
    (Position.NOTED, r"\bdirected (?:at|to|towards)\b|\bis (?:a matter )?for (?:the )?\w+ to\b|^noted?\b"
     r"|\bwe note that this recommendation\b|\bnoted\b"),
    (Position.ACCEPTED, r"\baccept(?:ed|s)?\b|\bagree(?:d|s)?\b"
     r"|\bwelcome(?:s|d)? (?:this|the) recommendation\b"
     r"|\bsupport(?:ed|s)? (?:this|the) recommendation\b"),
]  # fmt: skip
_COMPILED = [(pos, re.compile(rx, re.I)) for pos, rx in _RULES]
_ONLY = re.compile(
    r"^(?:position\s*:\s*)?(?:accept(?:ed)?|agreed?|not accepted|not agreed|reject(?:ed)?|noted?"
    r"|accept(?:ed)? in part|partially accept(?:ed)?|accept(?:ed)? in principle|agreed? in principle"
    r"|under consideration)\.?$",
    re.I,
)


# the labels this app prints in its own annex tables ("Noted — directed at another body")
_OWN_LABELS = {label.lower(): position for position, label in POSITION_LABELS.items()}


def _label_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(".").replace(" -", " —")).lower()


def position_in(text: str) -> Position | None:
    """The position a label or the first sentences of a response state, if they clearly state one."""
    if own := _OWN_LABELS.get(_label_key(text)):
        return own
    head = " ".join(re.split(r"(?<=[.!?])\s+", text.strip())[:2])
    for position, rx in _COMPILED:
        if rx.search(head):
            return position
    return None


def position_only(text: str) -> bool:
    """A line that is nothing but a position ("Accepted", "Not accepted")."""
    if len(text) > 48:  # the longest label is "Noted — directed at another body"; most lines are longer
        return False
    return bool(_ONLY.match(text.strip())) or _label_key(text) in _OWN_LABELS


# a table row read as one line puts the position cell before the response: "Accepted The Authority…"
_LEADING_LABEL = re.compile(
    r"^(" + "|".join(re.escape(x) for x in sorted(POSITION_LABELS.values(), key=len, reverse=True)) + r")"
    r"\s+(?=[A-Z“\"‘'])"
)


def leading_position(text: str) -> tuple[Position | None, str]:
    """(position, rest) when the text opens with one of our own position labels, else (None, text)."""
    m = _LEADING_LABEL.match(text)
    if m is None:
        return None, text
    return position_in(m[1]), text[m.end() :]
