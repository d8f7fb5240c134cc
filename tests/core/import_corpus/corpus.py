"""The corpus of fictional documents in the formats real offices receive, and how each is scored:
every fixture (NAME.fixture, rendered as text, Word and PDF) against its hand-written expectations
(NAME.json). Used by tests/core/test_import_corpus.py and bench/bench_import_corpus.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from correspondence_desk.core.importing import extract, propose
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.core.services.demo import BODIES

HERE = Path(__file__).parent
CASES = sorted(p.stem for p in HERE.glob("*.fixture"))
FORMATS = ("txt", "docx", "pdf")
REGISTER = [
    BodyRecord(i, name, short, tuple(aliases), own) for i, (name, short, aliases, own) in enumerate(BODIES, 1)
]


sys.path.insert(0, str(HERE))  # the renderer's modules (corpus_render, corpus_docx, corpus_pdf)
import corpus_render as render  # noqa: E402


def expected(case: str) -> dict:
    return json.loads((HERE / f"{case}.json").read_text(encoding="utf-8"))


def formats(case: str) -> tuple[str, ...]:
    return tuple(expected(case).get("formats", FORMATS))


def weak(case: str) -> tuple[str, ...]:
    """The formats of a fixture known not to read exactly yet (its "weak" list)."""
    return tuple(expected(case).get("weak", ()))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def check(case: str, fmt: str, out_dir: Path) -> tuple[int, int, list[str]]:
    """(items exactly right, items expected, what differs) for one fixture in one format."""
    want = expected(case)
    path = render.render(HERE / f"{case}.fixture", fmt, out_dir)
    proposal = propose(extract(path), bodies=REGISTER, with_responses=want.get("with_responses"))
    problems: list[str] = []
    kind = "response" if proposal.is_response else "report"
    if "kind" in want and kind != want["kind"]:
        problems.append(f"read as a {kind}, not a {want['kind']}")
    report = proposal.report
    for key, got in (
        ("title", report.title),
        ("committee", report.committee),
        ("published", _date(report.published)),
    ):
        if key in want and got != want[key]:
            problems.append(f"report {key}: {got!r} != {want[key]!r}")
    if "response_due" in want and _date(proposal.response_due) != want["response_due"]:
        problems.append(f"response due: {_date(proposal.response_due)!r} != {want['response_due']!r}")
    if "letter" in want:
        problems += _letter_problems(proposal.letter, want["letter"])
    got = {rec.number: rec for rec in proposal.recommendations}
    labels = [w["number"] for w in want["recommendations"]]
    problems += [f"unexpected item {n}" for n in got if n not in labels]
    if [r.number for r in proposal.recommendations if r.number in labels] != [n for n in labels if n in got]:
        problems.append("items out of order")
    exact = 0
    for item in want["recommendations"]:
        rec = got.get(item["number"])
        if rec is None:
            problems.append(f"{item['number']}: not found")
            continue
        actual = {
            "text": rec.text,
            "title": rec.title,
            "paragraph_ref": rec.paragraph_ref,
            "addressees": [a.name for a in rec.addressees],
            "new_addressees": [a.name for a in rec.addressees if a.new],
            "deadline": _date(rec.deadline),
            "deadline_phrase": rec.deadline_phrase,
            "response": rec.response,
            "position": rec.position.value if rec.position else None,
        }
        wrong = [
            f"{item['number']} {key}: {actual[key]!r} != {value!r}"
            for key, value in item.items()
            if key != "number" and actual[key] != value
        ]
        # the rest of the fields a report gives: no response where the document is a report
        if want.get("kind") == "report" and (rec.response or rec.position) and "response" not in item:
            wrong.append(f"{item['number']}: a response was proposed in a report")
        problems += wrong
        exact += not wrong
    return exact, len(labels), problems


def _letter_problems(letter, want: dict) -> list[str]:
    if letter is None:
        return ["no letter header found"]
    problems = []
    for key, value in want.items():
        if key in ("sender", "recipient"):
            contact = getattr(letter, key)
            for field, expected_value in value.items():
                got = getattr(contact, field) if contact is not None else None
                if got != expected_value:
                    problems.append(f"letter {key} {field}: {got!r} != {expected_value!r}")
        else:
            got = getattr(letter, key)
            got = _date(got) if key == "date" else got
            if got != value:
                problems.append(f"letter {key}: {got!r} != {value!r}")
    return problems
