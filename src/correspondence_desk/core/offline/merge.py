"""The three-way merge of a check-in: each record offline, on the server, and as taken (the base).

Applied on the server's connection inside the check-in's one transaction, in this order: deletions
made offline, updates to existing records, new records (parents first, each given a server id and,
for reports and letters, a free reference), then the references to new records that updates had to
leave for last. What could not be decided without a person becomes a Conflict; the caller rolls the
whole transaction back while any is unresolved, so a run that finds conflicts is also the dry run
that lists them.

Records are grouped by ownership (ON DELETE CASCADE): a report deleted on the server takes its
recommendations with it, so an offline edit under it is one conflict, named by the report; keeping
the offline side re-adds the report with everything under it as new records.

The steps live beside this facade: merge_state.py (the three sides and what is decided so far),
merge_deletions.py (deleted on one side), merge_letters.py (issued letters), merge_writes.py
(applying, adding, remapping ids and references). This module decides records changed on both sides.
"""

from __future__ import annotations

from sqlalchemy import Table

from correspondence_desk.core.offline import rows as R
from correspondence_desk.core.offline.merge_deletions import deleted_offline, deleted_on_server
from correspondence_desk.core.offline.merge_letters import is_issued_on_both, issued_offline, issued_on_both
from correspondence_desk.core.offline.merge_state import MergeState, Outcome, Tables
from correspondence_desk.core.offline.merge_writes import apply_fields, insert_new, write_deferred
from correspondence_desk.core.offline.records import OFFLINE, SERVER, Change, Conflict, FieldDiff

__all__ = ["Merge", "Outcome", "Tables"]


class Merge(MergeState):
    """One check-in's merge: `run` once, inside the check-in's transaction."""

    def run(self) -> Outcome:
        deleted_on_server(self)
        deleted_offline(self)
        issued_offline(self)
        for table in R.TABLES:
            decided = self.cloned.get(table.name, set()) | self.handled.get(table.name, set())
            for key in sorted(self.off.get(table.name, {}), key=R.order):
                in_b, _in_o, in_s = self.state(table.name, key)
                if in_b and in_s and key not in decided:
                    self._both_sides(table, key)
        for table in R.TABLES:
            insert_new(self, table)
        write_deferred(self)
        return self.out

    def _both_sides(self, table: Table, key: R.Key) -> None:
        """A record in all three: the offline changes applied, field by field where the server
        changed other fields, a conflict where both changed the same field differently."""
        name = table.name
        off_changed = self.changed(self.off, name, key)
        if not off_changed:
            if self.changed(self.srv, name, key):
                self.out.server_only += 1
            return
        srv_changed = set(self.changed(self.srv, name, key))
        what = self.name(name, self.off_raw[name][key])
        if not srv_changed:
            apply_fields(self, table, key, off_changed)
            self.out.changes.append(Change("update", what, tuple(off_changed)))
            return
        off, srv, base = self.off[name][key], self.srv[name][key], self.base[name][key]
        clash = [f for f in off_changed if f in srv_changed and off[f] != srv[f]]
        alone = [f for f in off_changed if f not in srv_changed]
        if name == "letters" and is_issued_on_both(base, off, srv):
            issued_on_both(self, key, what)
            return
        if not clash:
            apply_fields(self, table, key, alone)
            self.out.changes.append(
                Change("merge", what, tuple(alone), f"the server changed {', '.join(sorted(srv_changed))}")
            )
            return
        diffs = tuple(FieldDiff(f, R.shown(off[f]), R.shown(srv[f]), R.shown(base.get(f))) for f in clash)
        note = f"also changed offline, no clash: {', '.join(alone)} (applied)" if alone else ""
        choice = self.choice(
            Conflict(f"{name}:{R.key_text(key)}", "same_field", what, diffs, (OFFLINE, SERVER), note, True)
        )
        chosen = [*alone]
        if choice == OFFLINE:
            chosen += clash
        elif isinstance(choice, dict):
            chosen += [f for f in clash if choice.get(f) == OFFLINE]
        if chosen:
            apply_fields(self, table, key, chosen)
            self.out.changes.append(
                Change("update", what, tuple(chosen), "conflict resolved" if choice else "")
            )
