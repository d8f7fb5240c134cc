"""The database schema as SQLAlchemy 2 ORM classes, built from the vocabulary (vocabulary.py).

Only services touch these classes; the UI and the command line get frozen records (core/records/).
Every constraint is named (the naming convention) so Alembic batch migrations on SQLite can alter them.
Records that people edit carry `version_id`, SQLAlchemy's optimistic lock: an UPDATE that finds the
row changed by someone else matches no row and raises, which services turn into a ConflictError.
"""

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

from correspondence_desk.core.vocabulary import (
    AddresseeRole,
    AnnexLayout,
    ClearanceOutcome,
    LetterKind,
    LetterStatus,
    Marking,
    Position,
    Progress,
    ReportStatus,
    StepState,
    UpdateSource,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(cls: type[enum.Enum], length: int = 32, *, checked: bool = True) -> Enum:
    # Stored as the enum's value in a VARCHAR with a CHECK, the same on SQLite and PostgreSQL.
    return Enum(
        cls,
        native_enum=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        create_constraint=checked,
        name=cls.__name__.lower(),
    )


class Body(Base):
    """An organisation a recommendation can be directed at ("MOPAC", "the Mayor")."""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(60), default="")
    # other ways reports name it, e.g. ["the Mayor", "Mayor of London"]; the parser matches these
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    # the office's own organisation ("only those directed at us")
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class Contact(Base):
    """A person who signs or receives letters."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    post_nominals: Mapped[str] = mapped_column(String(60), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"))
    address: Mapped[str] = mapped_column(Text, default="")  # one line per address line
    email: Mapped[str] = mapped_column(String(200), default="")
    salutation: Mapped[str] = mapped_column(String(100), default="")  # "Marina", "Chair"; empty → first name
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class Committee(Base):
    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(60), default="")  # "Assembly committee", "Select committee"…
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class Attachment(Base):
    """File bytes kept with a record, stored once per content (SHA-256)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("committees.id", ondelete="SET NULL"), index=True
    )
    published: Mapped[dt.date | None] = mapped_column(Date)
    received: Mapped[dt.date | None] = mapped_column(Date)
    response_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    response_clock: Mapped[str] = mapped_column(String(60), default="")  # how response_due was set
    status: Mapped[ReportStatus] = mapped_column(_enum(ReportStatus), default=ReportStatus.OPEN)
    source_attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    committee: Mapped[Committee | None] = relationship(lazy="joined")
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="report",
        order_by="Recommendation.sort_order",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version_id}


class RecommendationAddressee(Base):
    """A body a recommendation is directed at (lead) or names as a partner."""

    __tablename__ = "recommendation_addressees"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    body_id: Mapped[int] = mapped_column(
        ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[AddresseeRole] = mapped_column(_enum(AddresseeRole, 16), default=AddresseeRole.LEAD)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    body: Mapped[Body] = relationship(lazy="joined")


class Recommendation(Base):
    __tablename__ = "recommendations"
    __table_args__ = (
        UniqueConstraint("report_id", "label", name="uq_recommendations_report_label"),
        # the dashboard counts overdue work from this index alone (migration 0002)
        Index("ix_recommendations_deadline_progress", "deadline", "progress", "position", "report_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(20))  # as printed: "3", "2.1", "R4"
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)  # paragraphs separated by a blank line
    paragraph_ref: Mapped[str] = mapped_column(String(60), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date, index=True)
    deadline_phrase: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[Position | None] = mapped_column(_enum(Position), index=True)
    progress: Mapped[Progress | None] = mapped_column(_enum(Progress, 16), index=True)
    response_due: Mapped[dt.date | None] = mapped_column(Date)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    report: Mapped[Report] = relationship(back_populates="recommendations")
    addressees: Mapped[list["RecommendationAddressee"]] = relationship(
        order_by="RecommendationAddressee.sort_order",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version_id}


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    letter_date: Mapped[dt.date | None] = mapped_column(Date)
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="RESTRICT"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="RESTRICT"))
    subject: Mapped[str] = mapped_column(String(500), default="")
    salutation: Mapped[str] = mapped_column(String(200), default="")  # "Dear Marina,"
    body: Mapped[str] = mapped_column(Text, default="")  # paragraphs separated by a blank line
    closing: Mapped[str] = mapped_column(String(100), default="Yours sincerely,")
    copy_list: Mapped[str] = mapped_column(Text, default="")  # one recipient per line
    marking: Mapped[Marking] = mapped_column(_enum(Marking), default=Marking.NONE)
    # a plain VARCHAR since migration 0001 (no CHECK): the services validate it
    annex_layout: Mapped[AnnexLayout] = mapped_column(
        _enum(AnnexLayout, 16, checked=False), default=AnnexLayout.LIST
    )
    status: Mapped[LetterStatus] = mapped_column(_enum(LetterStatus, 16), default=LetterStatus.DRAFT)
    # migration 0006: what the letter is for (no CHECK: the services validate it, as annex_layout),
    # and the report it is about even when it answers no recommendation (an acknowledgement)
    kind: Mapped[LetterKind] = mapped_column(_enum(LetterKind, 24, checked=False), default=LetterKind.FINAL)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), index=True)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)  # loaded from past correspondence
    # migration 0007: an imported letter's document as received (prints as itself, not re-made)
    source_attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL")
    )
    # migration 0009: a progress update letter reports the updates on or after this date
    updates_since: Mapped[dt.date | None] = mapped_column(Date)
    previous_version_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="SET NULL"))
    issued_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    issued_pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    issued_sha256: Mapped[str] = mapped_column(String(64), default="")
    # the letter exactly as issued (records.LetterDetail as JSON, with the letterhead it was printed
    # with), so every later reprint — the annex alone, the table, Word — shows what was issued
    issued_snapshot: Mapped[dict[str, Any] | None] = deferred(mapped_column(JSON))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    sender: Mapped[Contact | None] = relationship(foreign_keys=[sender_id], lazy="joined")
    recipient: Mapped[Contact | None] = relationship(foreign_keys=[recipient_id], lazy="joined")
    # loaded only for a letter that has one (most have none: no query then)
    source: Mapped[Attachment | None] = relationship(lazy="select")
    responses: Mapped[list["Response"]] = relationship(
        back_populates="letter",
        order_by="Response.sort_order",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version_id}


class Response(Base):
    """One recommendation answered in one letter, in annex order."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("letter_id", "recommendation_id", name="uq_responses_letter_recommendation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[Position | None] = mapped_column(_enum(Position))
    text: Mapped[str] = mapped_column(Text, default="")  # paragraphs separated by a blank line
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    letter: Mapped[Letter] = relationship(back_populates="responses")
    recommendation: Mapped[Recommendation] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version_id}


class StandardLine(Base):
    """A reusable approved paragraph with placeholders such as {addressee}."""

    __tablename__ = "standard_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[Position | None] = mapped_column(_enum(Position))  # the position it implies
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class ProgressUpdate(Base):
    """One dated progress update on a recommendation (migration 0005).

    Never changed once written (the database refuses UPDATE): a correction is a new update. The latest
    (by date, then id; an update is never dated before the latest) is the current state, copied to
    the recommendation's `progress` and `target_date` in the same transaction.
    """

    __tablename__ = "progress_updates"
    __table_args__ = (
        # a workbook row is imported once: its export id (source_ref) per recommendation; typed
        # updates have none (NULLs never clash)
        UniqueConstraint("recommendation_id", "source_ref", name="uq_progress_updates_recommendation_source"),
        Index("ix_progress_updates_recommendation_date", "recommendation_id", "update_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id", ondelete="CASCADE"))
    update_date: Mapped[dt.date] = mapped_column(Date)  # the date the update speaks for
    progress: Mapped[Progress | None] = mapped_column(_enum(Progress, 16))
    text: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")  # who gave it
    target_date: Mapped[dt.date | None] = mapped_column(Date)  # the target at that time
    previous_target_date: Mapped[dt.date | None] = mapped_column(Date)  # set when this update moved it
    reason: Mapped[str] = mapped_column(Text, default="")  # why the target moved
    completed_on: Mapped[dt.date | None] = mapped_column(Date)  # kept while the recommendation is complete
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    source: Mapped[UpdateSource] = mapped_column(_enum(UpdateSource, 16), default=UpdateSource.TYPED)
    source_ref: Mapped[str | None] = mapped_column(String(64))  # the workbook's export id
    source_sha256: Mapped[str] = mapped_column(String(64), default="")  # the workbook file's SHA-256

    recommendation: Mapped[Recommendation] = relationship(lazy="joined")


class OfficeSetting(Base):
    """One office-wide setting (how often updates are due…), a JSON value under a key."""

    __tablename__ = "office_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class AuditEvent(Base):
    """Append-only history: who, when, what changed. Triggers refuse UPDATE, DELETE (and on SQLite
    REPLACE); each event is hash-chained to the one before it (core/audit_chain.py)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(Text, default="")
    # the PostgreSQL role that wrote it (current_user, set by the server itself); "" on SQLite
    db_user: Mapped[str] = mapped_column(String(100), default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    chain_hash: Mapped[str] = mapped_column(String(64), default="")


class LetterheadRow(Base):
    """The office's letterhead (one row): what every colleague's letters print, and the defaults for
    new letters. Read as a printing.letterhead.Letterhead."""

    __tablename__ = "letterheads"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(20), default="")  # {org} in reference patterns
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_media_type: Mapped[str] = mapped_column(String(40), default="")
    logo_alt: Mapped[str] = mapped_column(String(300), default="")
    logo_decorative: Mapped[bool] = mapped_column(Boolean, default=False)
    sender_address: Mapped[str] = mapped_column(Text, default="")
    footer: Mapped[str] = mapped_column(String(160), default="")
    marking: Mapped[Marking] = mapped_column(_enum(Marking), default=Marking.NONE)
    reference_pattern: Mapped[str] = mapped_column(String(100), default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


# --- clearance (migration 0006) ------------------------------------------------------------------


class Colleague(Base):
    """Someone who works the desk. `login` is how the app knows who "me" is: the OS user on SQLite,
    the database role on PostgreSQL."""

    __tablename__ = "colleagues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    login: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(100), default="")  # "Legal", "Private office"…
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # can be put on a route
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version_id}


class ClearanceAction(Base):
    """What one colleague did with a letter, kept for good: sent it round, cleared it or returned it,
    with the exact draft they saw (the snapshot, and the SHA-256 of its PDF)."""

    __tablename__ = "clearance_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    colleague_id: Mapped[int | None] = mapped_column(ForeignKey("colleagues.id", ondelete="RESTRICT"))
    login: Mapped[str] = mapped_column(String(100))
    step_number: Mapped[int | None] = mapped_column(Integer)  # 1-based; none for "sent"
    outcome: Mapped[ClearanceOutcome] = mapped_column(_enum(ClearanceOutcome, 16))
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the letter was edited after this clearance ("changed since cleared"), and whether the editor
    # confirmed the edit as a typo fix (the clearance then stands)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    typo_fix: Mapped[bool] = mapped_column(Boolean, default=False)


class ClearanceStep(Base):
    """One place on a letter's clearance route, in order."""

    __tablename__ = "clearance_steps"
    __table_args__ = (
        UniqueConstraint("letter_id", "sort_order", name="uq_clearance_steps_letter_order"),
        # the dashboard: whose turn it is, and which turns are overdue
        Index("ix_clearance_steps_state_due", "state", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer)
    colleague_id: Mapped[int] = mapped_column(ForeignKey("colleagues.id", ondelete="RESTRICT"), index=True)
    state: Mapped[StepState] = mapped_column(_enum(StepState, 16), default=StepState.WAITING)
    due: Mapped[dt.date | None] = mapped_column(Date)  # set when the letter reaches this step
    # the latest thing done at this step (its clearance or return)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("clearance_actions.id", ondelete="SET NULL"))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    colleague: Mapped[Colleague] = relationship(lazy="joined")
    action: Mapped[ClearanceAction | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version_id}


class ExpectedResponse(Base):
    """A report's response will be late: the new expected date and why, as a holding letter states it.
    The report's own response_due (the original date) is never changed; the latest row is current."""

    __tablename__ = "expected_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    expected: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="SET NULL"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    login: Mapped[str] = mapped_column(String(100))


# --- offline copies (migration 0008) -------------------------------------------------------------


class OfflineCopy(Base):
    """On the server: a copy taken away to work offline (core/offline). While it is out, the reports
    in it show "taken offline by … on …" (a notice, not a lock); bringing it back sets brought_back_at,
    so the same copy is never applied twice."""

    __tablename__ = "offline_copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    copy_id: Mapped[str] = mapped_column(String(36), unique=True)  # a UUID, also kept in the copy
    taken_by: Mapped[str] = mapped_column(String(100))
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    label: Mapped[str] = mapped_column(String(300), default="")  # the copy's file name
    protected: Mapped[bool] = mapped_column(Boolean, default=False)  # sealed with a passphrase
    brought_back_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    brought_back_by: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what the check-in did


class OfflineCopyReport(Base):
    """A report an offline copy holds (what the notice is shown on)."""

    __tablename__ = "offline_copy_reports"

    copy_id: Mapped[int] = mapped_column(
        ForeignKey("offline_copies.id", ondelete="CASCADE"), primary_key=True
    )
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class OfflineOrigin(Base):
    """In an offline copy (one row): where it came from, and from which audit event on its own
    history is offline work to bring back."""

    __tablename__ = "offline_origin"

    id: Mapped[int] = mapped_column(primary_key=True)
    copy_id: Mapped[str] = mapped_column(String(36))
    server: Mapped[str] = mapped_column(String(500))  # the server's URL, without any password
    taken_by: Mapped[str] = mapped_column(String(100))
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    server_head: Mapped[str] = mapped_column(String(64), default="")  # the server's audit head then
    first_event_id: Mapped[int] = mapped_column(Integer, default=0)  # the copy's events after it
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    brought_back_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    brought_back_by: Mapped[str] = mapped_column(String(100), default="")


class OfflineBase(Base):
    """In an offline copy: each record as it was on the server when taken (its values, version
    included), the common ancestor a check-in compares both sides with."""

    __tablename__ = "offline_base"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_key: Mapped[str] = mapped_column(String(200), primary_key=True)  # the primary key, as JSON
    row_values: Mapped[dict[str, Any]] = mapped_column(JSON)
