"""The past letter's own header in the import review: its date, who sent it and to whom.

Shown when the document is a response letter. Sender and recipient are matched to the contacts
(titles such as "Councillor" ignored) or offered as new contacts; the person can pick another
contact or nobody. What is saved is what the letter said, never a date or a greeting made up.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing import review
from correspondence_desk.core.importing.proposal import ProposedContact, ProposedLetter
from correspondence_desk.core.records import ContactRecord, ImportedLetter, LetterContact
from correspondence_desk.ui.common.widgets import buddy, line_edit

NEW, NOBODY = "new", "nobody"


def _described(who: ProposedContact) -> str:
    name = " ".join(x for x in (who.name, who.post_nominals) if x) or who.organisation
    return f"{name} — {who.role}" if who.role and name else name or who.role


class LetterPanel(QWidget):
    def __init__(self, contacts: Sequence[ContactRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pastLetterPanel")
        self._contacts = {c.id: c for c in contacts}
        self._letter: ProposedLetter | None = None
        self.date_edit = line_edit("Letter date", "the date the letter bears")
        self.date_edit.setMaximumWidth(
            self.date_edit.fontMetrics().horizontalAdvance("30 September 2026") + 24
        )
        self.sender_combo = self._combo("Letter from")
        self.recipient_combo = self._combo("Letter to")
        self.covering = QLabel()
        self.covering.setObjectName("coveringText")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Past letter</b>"))
        for label, widget in (
            ("Dat&ed", self.date_edit),
            ("Fro&m", self.sender_combo),
            ("T&o", self.recipient_combo),
        ):
            layout.addWidget(buddy(label, widget))
            layout.addWidget(widget, 0 if widget is self.date_edit else 1)
        layout.addWidget(self.covering)
        self.hide()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setMinimumContentsLength(14)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    @property
    def letter(self) -> ProposedLetter | None:
        return self._letter

    def show_letter(self, letter: ProposedLetter | None) -> None:
        """The header the parser read (None: no letter, the panel hides)."""
        self._letter = letter
        self.setVisible(letter is not None)
        if letter is None:
            return
        self.date_edit.setText(long_date(letter.date))
        self._fill(self.sender_combo, letter.sender)
        self._fill(self.recipient_combo, letter.recipient)
        paragraphs = [p for p in letter.body.split("\n\n") if p.strip()]
        if paragraphs:
            self.covering.setText(f"Covering text: {len(paragraphs)} ¶")
            self.covering.setToolTip("<p>" + "</p><p>".join(html.escape(p) for p in paragraphs) + "</p>")
        else:
            self.covering.setText("No covering text")
            self.covering.setToolTip("")

    def _fill(self, combo: QComboBox, who: ProposedContact | None) -> None:
        combo.clear()
        match = review.match_contact(list(self._contacts.values()), who) if who is not None else None
        if match is not None:
            combo.addItem(f"{match.full_name} (in contacts)", match.id)
        if who is not None and match is None:
            combo.addItem(f"New contact: {_described(who)}", NEW)
        combo.addItem("Nobody named", NOBODY)
        for contact in self._contacts.values():
            if match is None or contact.id != match.id:
                combo.addItem(
                    contact.full_name + (f", {contact.organisation}" if contact.organisation else ""),
                    contact.id,
                )
        combo.setCurrentIndex(0)
        combo.setToolTip(
            f"The letter says: {_described(who)}" if who is not None else "The letter names nobody"
        )

    def value(self) -> ImportedLetter | None:
        """The header to save; raises ValidationError when the date cannot be read."""
        letter = self._letter
        if letter is None:
            return None
        header = review.imported_letter(
            letter,
            self._chosen(self.sender_combo, letter.sender),
            self._chosen(self.recipient_combo, letter.recipient),
        )
        # the date as reviewed: cleared means the letter bears none (none is made up)
        return replace(header, letter_date=parse_date(self.date_edit.text(), "letter date"))

    def _chosen(self, combo: QComboBox, who: ProposedContact | None) -> LetterContact | None:
        data = combo.currentData()
        if data == NOBODY:
            return None
        if data == NEW:
            if who is None:
                raise ValidationError("There is no contact to add.")
            return review.letter_contact(who, None)
        return LetterContact(contact_id=int(data))
