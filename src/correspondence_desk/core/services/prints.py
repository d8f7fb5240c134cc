"""What a letter prints as: the office's letterhead applied, and an issued letter shown as issued.

- A draft prints with the letterhead the database holds now.
- An issued letter's PDF is the stored bytes, checked against their SHA-256; the annex alone, the
  table and the Word export are made from the snapshot kept when it was issued (the letter and the
  letterhead as they were), so editing a recommendation, a title or a contact afterwards never
  changes what a reprint of the issued letter says.
- A letter issued before snapshots were kept reprints from the record as it is now, and says so.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from correspondence_desk.core import model as m
from correspondence_desk.core import printing
from correspondence_desk.core import records as r
from correspondence_desk.core.errors import StorageError
from correspondence_desk.core.printing.letterhead import Letterhead
from correspondence_desk.core.services.base import ServiceBase
from correspondence_desk.core.services.letterhead import (
    LetterheadService,
    letterhead_from_json,
    letterhead_to_json,
)

NO_SNAPSHOT = (
    "{ref} was issued before the app kept a copy of each issued letter: this is printed from the "
    "records as they are now, which may differ from what was sent. The issued PDF itself is unchanged."
)


IMPORTED = (
    "{ref} was imported from past correspondence: the PDF or Word document it was read from prints as "
    "itself; anything else is printed from what was read, headed “IMPORTED” (not the letter as sent)."
)


@dataclasses.dataclass(frozen=True)
class AsIssued:
    letter: r.LetterDetail
    letterhead: Letterhead | None


class PrintsService(ServiceBase):
    entity = "letter"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._letterhead: tuple[int | None, Letterhead | None] | None = None

    # --- the letterhead, re-read only when someone changed it --------------------------------------

    def letterhead(self) -> Letterhead | None:
        with self._unit() as s:
            version = s.scalar(select(m.LetterheadRow.version_id).order_by(m.LetterheadRow.id).limit(1))
        if self._letterhead is None or self._letterhead[0] != version:
            head = LetterheadService(self._db, self._actor).printing() if version is not None else None
            self._letterhead = (version, head)
        return self._letterhead[1]

    # --- rendering ------------------------------------------------------------------------------

    def pdf(
        self, letter: r.LetterDetail, *, annex_only: bool = False, annex_layout: str | None = None
    ) -> bytes:
        if letter.imported and not annex_only and annex_layout in (None, letter.annex_layout):
            source = self.imported_source(letter, ".pdf")
            if source is not None:
                return source  # the letter as it was received, not one made again from what was read
        if letter.is_issued and not letter.imported:
            own_layout = annex_layout in (None, letter.annex_layout)
            if not annex_only and own_layout:
                return self.issued_pdf(letter)
            issued = self.as_issued(letter)
            if issued is not None:
                return printing.render_letter_pdf(
                    issued.letter,
                    annex_only=annex_only,
                    annex_layout=annex_layout,
                    letterhead=issued.letterhead,
                )
        return printing.render_letter_pdf(
            letter, annex_only=annex_only, annex_layout=annex_layout, letterhead=self.letterhead()
        )

    def docx(
        self, letter: r.LetterDetail, *, annex_only: bool = False, annex_layout: str | None = None
    ) -> bytes:
        if letter.imported and not annex_only and annex_layout in (None, letter.annex_layout):
            source = self.imported_source(letter, ".docx")
            if source is not None:
                return source
        if letter.is_issued and not letter.imported:
            issued = self.as_issued(letter)
            if issued is not None:
                return printing.render_letter_docx(
                    issued.letter,
                    annex_only=annex_only,
                    annex_layout=annex_layout,
                    letterhead=issued.letterhead,
                )
        return printing.render_letter_docx(
            letter, annex_only=annex_only, annex_layout=annex_layout, letterhead=self.letterhead()
        )

    def imported_source(self, letter: r.LetterDetail, suffix: str) -> bytes | None:
        """An imported letter's document as received, when it is a `suffix` file (else None: it is
        printed from what was read, headed as imported)."""
        if letter.source_attachment_id is None or not letter.source_filename.lower().endswith(suffix):
            return None
        with self._unit() as s:
            row = s.get(m.Attachment, letter.source_attachment_id)
            return bytes(row.data) if row is not None else None

    def reprint_warning(self, letter: r.LetterDetail) -> str:
        """What a reprint of `letter` in another form than its issued PDF should say ('' for nothing)."""
        if letter.imported:
            return IMPORTED.format(ref=letter.reference)
        if letter.is_issued and not letter.imported and self.as_issued(letter) is None:
            return NO_SNAPSHOT.format(ref=letter.reference)
        return ""

    # --- issued letters -------------------------------------------------------------------------

    def issued_pdf(self, letter: r.LetterDetail) -> bytes:
        """The stored bytes, refused if they no longer match the fingerprint taken when issued."""
        with self._unit() as s:
            row = self._get(s, m.Letter, letter.id)
            pdf, sha256 = row.issued_pdf, row.issued_sha256
        if not pdf:
            raise StorageError(f"The issued PDF of {letter.reference} is missing from the database.")
        if hashlib.sha256(pdf).hexdigest() != sha256:
            raise StorageError(
                f"The stored PDF of {letter.reference} no longer matches the fingerprint taken when it "
                "was issued: the database has been altered. Run Tools › Check database, and restore a backup."
            )
        return pdf

    def as_issued(self, letter: r.LetterDetail) -> AsIssued | None:
        with self._unit() as s:
            snapshot = s.scalar(select(m.Letter.issued_snapshot).where(m.Letter.id == letter.id))
        if not snapshot:
            return None
        head = snapshot.get("letterhead")
        return AsIssued(
            r.from_jsonable(r.LetterDetail, snapshot["letter"]), letterhead_from_json(head) if head else None
        )

    def issue(
        self, letter_id: int, version: int | None = None, check: Callable[[], None] | None = None
    ) -> r.LetterDetail:
        """Issue with the letterhead as it is now, keeping the snapshot reprints are made from.
        `check` runs after rendering (a worker raises there when the user pressed Cancel)."""
        from correspondence_desk.core.services.issuing import IssuingService

        head = self.letterhead()

        def render(detail: r.LetterDetail) -> bytes:
            pdf = printing.render_letter_pdf(detail, letterhead=head)
            if check is not None:
                check()
            return pdf

        extra = {"letterhead": letterhead_to_json(head)} if head else {}
        return IssuingService(self._db, self._actor).issue(letter_id, render, version, snapshot=extra)
