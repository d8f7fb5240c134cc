"""A letter's clearance as a record: its route with each step's outcome and the diff since a
clearance, the history of what was done, and who "me" is (read inside the caller's transaction)."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r
from correspondence_desk.core.clearance import route_state, text_diff
from correspondence_desk.core.services import convert, office
from correspondence_desk.core.services.clearance_rules import letter_snapshot, route
from correspondence_desk.core.vocabulary import ClearanceOutcome


def clearance_record(s: Session, row: m.Letter, login: str, me: m.Colleague | None) -> r.ClearanceRecord:
    s.flush()
    steps = route(s, row.id)
    names = dict(s.execute(select(m.Colleague.id, m.Colleague.name)).all())
    now = letter_snapshot(s, row) if steps else {}
    by_login = {who.lower(): name for who, name in s.execute(select(m.Colleague.login, m.Colleague.name))}

    def named(action: r.ClearanceActionRecord) -> r.ClearanceActionRecord:
        """Who made an edit after this clearance, by name rather than login."""
        if action.changed_by.lower() in by_login:
            return dataclasses.replace(action, changed_by=by_login[action.changed_by.lower()])
        return action

    records = []
    for st in steps:
        action = named(convert.clearance_action(st.action, st.colleague.name)) if st.action else None
        diff: tuple[str, ...] = ()
        if action is not None and action.outcome == ClearanceOutcome.CLEARED and action.changed_at:
            assert st.action is not None
            diff = text_diff(st.action.snapshot, now, f"as {st.colleague.name} cleared it", "now")
        records.append(
            r.ClearanceStepRecord(
                id=st.id,
                number=st.sort_order + 1,
                colleague=convert.colleague(st.colleague),
                state=st.state,
                due=st.due,
                action=action,
                diff=diff,
                version=st.version_id,
            )
        )
    history = s.scalars(
        select(m.ClearanceAction).where(m.ClearanceAction.letter_id == row.id).order_by(m.ClearanceAction.id)
    )
    state = route_state([(st.state, st.colleague.name, st.colleague.login, st.due) for st in steps])
    return r.ClearanceRecord(
        letter_id=row.id,
        reference=row.reference,
        kind=row.kind,
        status=row.status,
        state=state,
        steps=tuple(records),
        history=tuple(
            named(convert.clearance_action(a, names.get(a.colleague_id or 0, ""))) for a in history
        ),
        required=bool(office.read(s, office.ISSUE_ONLY_WHEN_CLEARED)),
        issued_sha256=row.issued_sha256,
        letter_version=row.version_id,
        me=convert.colleague(me) if me else None,
        login=login,
    )
