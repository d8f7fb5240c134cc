"""The merge's rules for issued letters, whose text is fixed (their PDF and SHA-256 say what went
out): a letter issued offline whose draft the server edited meanwhile, and one issued on both sides.
Either can be kept as a letter of its own (REF-offline) beside the server's."""

from __future__ import annotations

from sqlalchemy import Table

from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.merge_state import MergeState
from correspondence_desk.core.offline.merge_writes import apply_fields
from correspondence_desk.core.offline.records import BOTH, OFFLINE, SERVER, Change, Conflict, FieldDiff
from correspondence_desk.core.vocabulary import LetterStatus

ISSUED = LetterStatus.ISSUED.value


def issued_offline(st: MergeState) -> None:
    """The server's edits to an issued-offline letter's draft cannot be merged into it field by
    field: a conflict for the letter with its responses."""
    letters = R.BY_NAME["letters"]
    for key in sorted(st.off.get("letters", {}), key=R.order):
        in_b, _in_o, in_s = st.state("letters", key)
        if not (in_b and in_s) or key in st.cloned.get("letters", set()):
            continue
        off, srv, base = st.off["letters"][key], st.srv["letters"][key], st.base["letters"][key]
        if not (off.get("status") == ISSUED != base.get("status") and srv.get("status") != ISSUED):
            continue
        diffs = [
            FieldDiff(f, R.shown(off.get(f)), R.shown(srv.get(f)), R.shown(base.get(f)))
            for f in st.changed(st.srv, "letters", key)
        ]
        responses = _responses_of(st, key)
        for rkey in responses:
            name = st.name("responses", st.srv_raw["responses"][rkey])
            diffs += [
                FieldDiff(
                    f"{name}: {f}",
                    R.shown(st.off["responses"][rkey].get(f)),
                    R.shown(st.srv["responses"][rkey].get(f)),
                    R.shown(st.base["responses"][rkey].get(f)),
                )
                for f in st.changed(st.srv, "responses", rkey)
            ]
        if not diffs:
            continue  # not edited on the server: the offline issue applies as any change
        _issued_offline_conflict(st, letters, key, tuple(diffs), responses)


def is_issued_on_both(base: R.Row, off: R.Row, srv: R.Row) -> bool:
    """Issued offline and on the server since the copy was taken, with different PDFs."""
    issued_both = off.get("status") == ISSUED == srv.get("status") != base.get("status")
    return issued_both and off.get("issued_sha256") != srv.get("issued_sha256")


def _responses_of(st: MergeState, letter: R.Key) -> list[R.Key]:
    """The letter's responses in all three (a response deleted on one side is its own conflict)."""
    return [
        k
        for k, row in st.base.get("responses", {}).items()
        if row.get("letter_id") == letter[0] and k in st.off["responses"] and k in st.srv["responses"]
    ]


def _issued_offline_conflict(
    st: MergeState, letters: Table, key: R.Key, diffs: tuple[FieldDiff, ...], responses: list[R.Key]
) -> None:
    what = st.name("letters", st.off_raw["letters"][key])
    choice = st.choice(
        Conflict(
            f"letters:{R.key_text(key)}",
            "issued_offline_edited_on_server",
            what,
            diffs,
            (OFFLINE, BOTH),
            "issued offline; its draft was edited on the server since it was taken, and an issued "
            "letter's text is fixed. Offline: the letter as issued offline (the server's edits to "
            "the draft are replaced; the audit log keeps them). Both: the offline issue is kept as "
            "a letter of its own, with its PDF and SHA-256, and the server's draft stays a draft.",
        )
    )
    st.handled.setdefault("letters", set()).add(key)
    st.handled.setdefault("responses", set()).update(responses)
    if choice == BOTH:
        _clone_letter(st, key)
    elif choice == OFFLINE:
        for table, k in [(letters, key), *((R.BY_NAME["responses"], r) for r in responses)]:
            fields = [
                f for f in R.compared(table) if st.off[table.name][k].get(f) != st.srv[table.name][k].get(f)
            ]
            if fields:
                apply_fields(st, table, k, fields)
                st.out.changes.append(
                    Change(
                        "update",
                        st.name(table.name, st.off_raw[table.name][k]),
                        tuple(fields),
                        "conflict resolved: as issued offline",
                    )
                )


def _clone_letter(st: MergeState, key: R.Key) -> None:
    """The offline letter, with what it holds, added again as a new letter (REF-offline)."""
    st.cloned.setdefault("letters", set()).add(key)
    for child in R.TABLES:
        for col, parent in R.owners(child):
            if parent == "letters":
                for ckey, crow in st.off_raw.get(child.name, {}).items():
                    if crow.get(col) == key[0]:
                        st.cloned.setdefault(child.name, set()).add(ckey)


def issued_on_both(st: MergeState, key: R.Key, what: str) -> None:
    off, srv = st.off["letters"][key], st.srv["letters"][key]
    diffs = tuple(
        FieldDiff(f, R.shown(off.get(f)), R.shown(srv.get(f)), R.shown(st.base["letters"][key].get(f)))
        for f in ("issued_at", "issued_sha256")
    )
    choice = st.choice(
        Conflict(
            f"letters:{R.key_text(key)}",
            "issued_on_both",
            what,
            diffs,
            (SERVER, BOTH),
            "issued offline and on the server, different PDFs. Server: keep the server's issue only "
            "(the offline one is not brought back). Both: the offline issue is kept as a letter of "
            "its own, with its PDF and SHA-256.",
        )
    )
    if choice == BOTH:
        _clone_letter(st, key)
