"""The composer's controllers: the letter session (one save call, conflicts that lose nothing) and
the output (issuing off the GUI thread, render first, then store)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from correspondence_desk.core import printing
from correspondence_desk.core.printing import render_letter_pdf
from correspondence_desk.core.records import Position
from correspondence_desk.ui.common import background
from correspondence_desk.ui.letters.edits import edits_of, rebase, stored_values
from correspondence_desk.ui.shell.pages import LETTERS


@pytest.fixture
def composer(window, demo):
    """The demo letter open in the composer, in the main window."""
    window.go_to(LETTERS)
    window.page(LETTERS).open_letter(demo.letter.id)
    return window.page(LETTERS).composer


def rows_by_label(model) -> dict[str, int]:
    return {model.record(row).recommendation.label: row for row in range(model.rowCount())}


def test_a_conflict_half_way_through_saving_saves_nothing_and_keeps_every_edit(
    qtbot, composer, services, demo, messages
):
    model = composer.responses.model
    rows = rows_by_label(model)
    composer.form.body.setPlainText("My covering letter.")
    for label in ("1", "3", "5"):
        model.set_text(rows[label], f"My answer to {label}.")
    model.set_position(rows["1"], Position.ACCEPTED)
    composer.responses.select_row(0)
    qtbot.mouseClick(composer.responses.down_button, Qt.MouseButton.LeftButton)  # 2, 1, 3, …
    my_order = [r.recommendation.label for r in model.records()]
    # meanwhile a colleague answers recommendation 3 in this letter
    theirs = next(r for r in demo.letter.responses if r.recommendation.label == "3")
    services.letters.update_response(theirs.id, theirs.version, text="Their answer to 3.")
    before = services.letters.get(demo.letter.id)

    assert not composer.save()

    after = services.letters.get(demo.letter.id)
    assert after == before  # nothing saved: not the body, not responses 1 and 5, not the order
    assert messages.kinds == ["warning"]
    text = messages[0].text
    assert "Recommendation 3’s response was changed by someone else" in text
    assert "nothing was saved" in text and "your edits on top" in text
    assert "You both changed the response to recommendation 3" in text
    # every edit survived the message, over what the colleague saved
    assert composer.form.body.toPlainText() == "My covering letter."
    assert [r.recommendation.label for r in model.records()] == my_order
    rows = rows_by_label(model)
    assert [model.record(rows[x]).text for x in ("1", "3", "5")] == [f"My answer to {x}." for x in "135"]
    assert model.record(rows["1"]).position == Position.ACCEPTED
    assert composer.is_dirty() and composer.action_save.isEnabled()
    assert composer.letter.version == after.version

    # saving again, now over the latest versions, writes all of it at once
    assert composer.save()
    saved = services.letters.get(demo.letter.id)
    assert saved.body == "My covering letter."
    assert [r.recommendation.label for r in saved.responses] == my_order
    texts = {r.recommendation.label: r.text for r in saved.responses}
    assert [texts[x] for x in "135"] == [f"My answer to {x}." for x in "135"]
    assert not composer.is_dirty()


def test_a_field_both_changed_is_named_and_edits_elsewhere_are_merged(
    qtbot, composer, services, demo, messages
):
    services.letters.update(demo.letter.id, subject="Their subject", closing="Yours faithfully,")
    composer.form.subject.setText("My subject")
    composer.form.body.setPlainText("My body")
    assert not composer.save()
    assert "You both changed the subject" in messages[0].text
    assert composer.form.subject.text() == "My subject"  # ours, and saving replaces theirs
    assert composer.form.closing.text() == "Yours faithfully,"  # theirs, shown
    assert composer.form.body.toPlainText() == "My body"
    assert composer.save()
    saved = services.letters.get(demo.letter.id)
    assert (saved.subject, saved.closing, saved.body) == ("My subject", "Yours faithfully,", "My body")


def test_rebase_quotes_an_edit_whose_response_was_removed(demo):
    before = demo.letter
    first, second = before.responses[0], before.responses[1]
    on_screen = [dataclasses.replace(first, text="Kept elsewhere?"), *before.responses[1:]]
    edits = edits_of(before, stored_values(before), on_screen)
    assert [e.response_id for e in edits.responses] == [first.id] and edits.order is None
    now = dataclasses.replace(before, responses=before.responses[1:], version=before.version + 1)
    kept = rebase(before, now, edits, lambda _id: None)
    assert kept.responses == now.responses and kept.clashes == ()
    assert kept.lost == (f"recommendation {first.recommendation.label}: “Kept elsewhere?”",)
    assert second.id in {r.id for r in kept.responses}


def test_issuing_runs_off_the_gui_thread_and_locks_the_editors_meanwhile(qtbot, composer, services, demo):
    composer.action_issue.trigger()
    assert background._running  # rendering and storing happen on a worker
    assert composer.form.body.isReadOnly() and composer.responses.text.isReadOnly()
    assert not composer.action_issue.isEnabled() and not composer.action_print.isEnabled()
    assert background.wait_for_background_work()
    assert composer.letter.is_issued and services.letters.get(demo.letter.id).is_issued
    assert composer.action_new_version.isEnabled()


def test_a_letter_changed_while_it_is_rendered_for_issue_is_not_issued(
    qtbot, composer, services, demo, messages, monkeypatch
):
    def render_while_a_colleague_edits(detail, **kwargs):
        services.letters.update(detail.id, detail.version, closing="With best wishes,")
        return render_letter_pdf(detail, **kwargs)

    monkeypatch.setattr(printing, "render_letter_pdf", render_while_a_colleague_edits)
    composer.action_issue.trigger()
    assert background.wait_for_background_work()
    assert any("while it was being prepared" in m.text and "Nothing was issued" in m.text for m in messages)
    assert not services.letters.get(demo.letter.id).is_issued
    assert services.letters.issued_pdf(demo.letter.id) is None
    assert not composer.letter.is_issued and composer.form.closing.text() == "With best wishes,"  # reloaded
    assert not composer.form.body.isReadOnly() and composer.action_issue.isEnabled()


def test_cancel_while_issuing_stores_nothing(qtbot, composer, services, demo, monkeypatch):
    def render_then_cancel(detail, **kwargs):
        pdf = render_letter_pdf(detail, **kwargs)
        background.cancel_background_work()  # as the progress dialog's Cancel does
        return pdf

    monkeypatch.setattr(printing, "render_letter_pdf", render_then_cancel)
    composer.action_issue.trigger()
    assert background.wait_for_background_work()
    assert not services.letters.get(demo.letter.id).is_issued
    assert not composer.letter.is_issued and not composer.form.body.isReadOnly()


def test_saving_does_not_redraw_a_preview_that_prints_the_same(qtbot, composer, services, demo):
    composer.form.closing.setText("Yours faithfully,")
    composer.preview.refresh_now()
    redrawn = []
    composer.preview.updated.connect(redrawn.append)
    assert composer.save()
    assert redrawn == []  # only versions changed
    composer.form.closing.setText("Yours sincerely,")
    composer.preview.refresh_now()
    assert len(redrawn) == 1
