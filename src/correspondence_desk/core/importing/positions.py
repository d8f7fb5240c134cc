"""Response positions from a label ("Initial response: Accept", "Supported in[- ]principle") or from the
opening of a response ("The Government agrees…", "We do not accept…"), and whether a paragraph reads
like the start of an answer rather than a recommendation."""

from __future__ import annotations

import re

from correspondence_desk.core.importing.proposal import POSITION_LABELS, Position

_ACCEPT = r"accept(?:ed|s|ing)?|agree(?:d|s|ing)?|support(?:ed|s|ing)?|concur(?:s|red|ring)?"
_RULES = [
    (Position.NOT_ACCEPTED, r"\bnot (?:be )?(?:accepted|agreed|supported)\b"
     r"|\b(?:do|does|did|can|could|will)(?:n[o’']t| not) (?:accept|agree|support)\b"
     r"|\bcannot (?:accept|agree|support)\b|\breject(?:ed|s|ing)?\b|\bdisagree|\bdeclines? (?:this|the)\b"
     r"|\b(?:unable|not able|not in a position) to (?:accept|agree|support)\b"
     r"|\bnon-?concur|\b(?:do|does|did)(?:n[o’']t| not) concur\b|^not (?:accept|agree|support)\b"),
    (Position.ACCEPTED_IN_PART, rf"\b(?:{_ACCEPT})(?: (?:this|the|with)(?: recommendation)?)? in part\b"
     rf"|\b(?:partially|partly|part)[- ](?:{_ACCEPT})\b|\bin part\b(?= accept| agree)"),
    (Position.ACCEPTED_IN_PRINCIPLE, rf"\b(?:{_ACCEPT})(?: (?:this|the|with)(?: recommendation)?)?"
     r"(?: (?:the )?(?:aim|intent|spirit) of (?:this|the) recommendation)? in[- ]principle\b"
     rf"|\bin[- ]principle\b(?= (?:{_ACCEPT}))|\bagrees? with the aim\b"),
    (Position.UNDER_CONSIDERATION, r"\bunder (?:consideration|review)\b|\b(?:are|is) (?:still )?considering\b"
     r"|\bwill (?:further )?consider\b|\bwill be considered\b|\bfurther consideration\b"),
    (Position.NOTED, r"\bdirected (?:at|to|towards)\b|\bis (?:a matter )?for (?:the )?\w+ to\b|^noted?\b"
     r"|\bis a matter for\b|\brecommendation is (?:a matter )?for\b"
     r"|\bwe note that this recommendation\b|\bnoted\b|\btakes? note\b|\bnotes? (?:this|the) recommendation\b"
     r"|\bnot for the [\w ]{2,40} to respond\b"),
    (Position.ACCEPTED, rf"\b(?:{_ACCEPT})\b(?! that)|\bwelcome(?:s|d)? (?:this|the) recommendation\b"
     r"|\b(?:has|have) already (?:made|put|introduced|begun|started|implemented|done|completed|set up)\b"
     rf"|\bagrees? (?:with|that)\b"),
]  # fmt: skip
_COMPILED = [(pos, re.compile(rx, re.I)) for pos, rx in _RULES]
_WORDS = (
    r"(?:accept(?:ed|ing)?|agreed?|supported|support|not accepted|not agreed|not supported|reject(?:ed)?"
    r"|not accept|not agree|not support|concur(?:red)?|non-?concur(?:red)?|do(?:es)? not concur"
    r"|partially concur(?:red)?"
    r"|(?:accept(?:ed|ing)?|agree(?:d|ing)?|support(?:ed|ing)?|concur(?:red|ring)?) in part"
    r"|noted?|partially (?:accepted|agreed|supported)|part(?:ly)? (?:accepted|agreed|supported)"
    r"|accept(?:ed|ing)? in[- ]principle|agreed? in[- ]principle|supported in[- ]principle|accepted in full"
    r"|agreed in full|under consideration|already (?:in place|implemented|complete)|implemented|complete"
    r"|completed|in progress|ongoing|under ?way|partially implemented|being implemented"
    r"|no further action|not applicable|rejected)"
)
_ONLY = re.compile(rf"^(?:(?:position|status|decision)\s*:\s*)?{_WORDS}\.?$", re.I)
# an answer's first words: "Accepted.", "The Government agrees…", "We do not accept…", "The Department
# for Transport notes…" (never a sentence that asks: "The Department should…")
_OPENER = re.compile(
    rf"^(?:{_WORDS}\b[.:;,]?(?:\s|$)"
    r"|(?:the\s+)?(?:uk\s+|scottish\s+|welsh\s+|australian\s+|federal\s+|)(?:government|department|ministry"
    r"|council|mayor|authority|board|trust|executive|cabinet|agency|service|commission|office|minister"
    r"|secretary of state|home office|treasury|we|i)\b(?:[\w’',&\- ]{0,70}?)\s"
    r"(?:accepts?|agrees?|notes?|supports?|welcomes?|rejects?|recognises|acknowledges|disagrees?"
    r"|does not|do not|cannot|will not|has already|have already|is already|are already|is committed"
    r"|are committed|takes? note|thanks|considers?|is considering|are considering)\b"
    r"|this recommendation (?:is|has been|was|will be)\b|this is (?:a matter )?for\b"
    r"|recommendations?\b[^.]{0,60}?\b(?:is|are|was|were|has been|have been)\s+(?:not\s+)?"
    r"(?:accepted|agreed|supported|noted|rejected))",
    re.I,
)
_ASKING = re.compile(r"\b(?:should|must|ought to|recommends?)\b", re.I)

# the labels this app prints in its own annex tables ("Noted — directed at another body")
_OWN_LABELS = {label.lower(): position for position, label in POSITION_LABELS.items()}


def _label_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(".").replace(" -", " —")).lower()


def _first_sentences(text: str, n: int = 2) -> str:
    return " ".join(re.split(r"(?<=[.!?])\s+", text.strip())[:n])


def position_in(text: str) -> Position | None:
    """The position a label or the first sentences of a response state, if they clearly state one."""
    if own := _OWN_LABELS.get(_label_key(text)):
        return own
    head = _first_sentences(text)
    for position, rx in _COMPILED:
        if rx.search(head):
            return position
    # a status column: "In progress" or "Ongoing" says the recommendation was taken on
    if re.match(
        r"^(?:already (?:in place|implemented|complete)|(?:partially |being )?implemented|completed?"
        r"|in progress|ongoing|under ?way)\b",
        head,
        re.I,
    ):
        return Position.ACCEPTED
    if re.match(r"^(?:not applicable|no further action)\b", head, re.I):
        return Position.NOTED
    return None


def position_rule(text: str) -> str:
    """The words a position was read from, for the reason shown to the person ("“does not accept”")."""
    head = _first_sentences(text)
    for _position, rx in _COMPILED:
        if m := rx.search(head):
            return m[0]
    return head[:30]


def position_only(text: str) -> bool:
    """A line that is nothing but a position ("Accepted", "Not accepted", "Supported in[- ]principle")."""
    if len(text) > 48:  # the longest label is "Noted — directed at another body"; most lines are longer
        return False
    return bool(_ONLY.match(text.strip())) or _label_key(text) in _OWN_LABELS


def opens_response(text: str) -> bool:
    """Whether a paragraph reads like the start of an answer ("The Government agrees…")."""
    head = re.sub(r"^\d{1,3}\.\d{1,3}\.?\s+", "", text[:170])  # "1.1 The government agrees…"
    m = _OPENER.match(head)
    return m is not None and not _ASKING.search(head[: m.end()])


# a table row read as one line puts the position cell before the response: "Accepted The Authority…"
_LEADING_LABEL = re.compile(
    r"^(" + "|".join(re.escape(x) for x in sorted(POSITION_LABELS.values(), key=len, reverse=True)) + r")"
    r"\s+(?=[A-Z“\"‘'])"
)


# "Accepted. A draft strategy will…": a position word standing as its own sentence opens the answer
_LEADING_WORD = re.compile(rf"^({_WORDS})\s*[.:;–—-]\s+(?=[A-Z“\"‘'])", re.I)


def leading_position(text: str) -> tuple[Position | None, str]:
    """(position, rest) when the text opens with a position label ("Accepted The Authority…" from one
    of our own annex tables, or "Accepted. The Authority…"), else (None, text)."""
    m = _LEADING_LABEL.match(text) or _LEADING_WORD.match(text)
    if m is None:
        return None, text
    return position_in(m[1]), text[m.end() :]
