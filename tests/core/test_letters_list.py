"""The letters list as the Letters page shows it: the subject, and undated letters last."""

from __future__ import annotations

import datetime as dt


def test_the_letters_list_carries_the_subject_and_lists_undated_letters_last(services, demo):
    services.letters.update(demo.letter.id, subject="Our answer on the school gate")
    undated = services.letters.create(letter_date=None)
    older = services.letters.create(letter_date=dt.date(2020, 1, 1))
    letters = services.letters.list()
    assert [x.id for x in letters] == [demo.letter.id, older.id, undated.id]  # the same on both engines
    assert letters[0].subject == "Our answer on the school gate"
