"""The report editor's undo steps: a change already saved, and the refs that name a recommendation
across an undo that re-creates it under a new id (see controller.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class RecRef:
    """One recommendation as the undo steps know it: `id` follows it when an undo re-creates it, and
    is None while it is not in the report (deleted here or by someone else)."""

    __slots__ = ("id",)

    def __init__(self, rec_id: int) -> None:
        self.id: int | None = rec_id


class RecRefs:
    """The refs of the recommendations in the report, by their current id."""

    def __init__(self) -> None:
        self._live: dict[int, RecRef] = {}

    def of(self, rec_id: int) -> RecRef:
        return self._live.setdefault(rec_id, RecRef(rec_id))

    def recreated(self, ref: RecRef, new_id: int) -> None:
        ref.id = new_id
        self._live[new_id] = ref

    def gone(self, ref: RecRef) -> None:
        if ref.id is not None and self._live.get(ref.id) is ref:
            del self._live[ref.id]
        ref.id = None

    def keep_only(self, present: set[int]) -> None:
        """Recommendations no longer in the report lose their id: SQLite may give it to a new one."""
        for rec_id in [i for i in self._live if i not in present]:
            self.gone(self._live[rec_id])

    def clear(self) -> None:
        self._live.clear()


class Step(QUndoCommand):
    """A change already saved: the push's first redo does nothing; later ones apply it again."""

    def __init__(self, text: str, apply: Callable[[], object], revert: Callable[[], object]) -> None:
        super().__init__(text)
        self._apply, self._revert, self._pushed = apply, revert, False

    def redo(self) -> None:
        if self._pushed:
            self._apply()
        self._pushed = True

    def undo(self) -> None:
        self._revert()
