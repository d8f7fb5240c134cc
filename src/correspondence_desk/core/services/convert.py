"""ORM row → frozen record, in one place."""

from __future__ import annotations

from correspondence_desk.core import model as m
from correspondence_desk.core import records as r


def body(row: m.Body) -> r.BodyRecord:
    return r.BodyRecord(
        id=row.id,
        name=row.name,
        short_name=row.short_name,
        aliases=tuple(row.aliases or ()),
        is_own=row.is_own,
        version=row.version_id,
    )


def contact(row: m.Contact) -> r.ContactRecord:
    return r.ContactRecord(
        id=row.id,
        name=row.name,
        post_nominals=row.post_nominals,
        job_title=row.job_title,
        organisation=row.organisation,
        body_id=row.body_id,
        address=row.address,
        email=row.email,
        salutation=row.salutation,
        version=row.version_id,
    )


def committee(row: m.Committee) -> r.CommitteeRecord:
    return r.CommitteeRecord(id=row.id, name=row.name, kind=row.kind, version=row.version_id)


def attachment(row: m.Attachment) -> r.AttachmentRecord:
    return r.AttachmentRecord(
        id=row.id,
        sha256=row.sha256,
        filename=row.filename,
        media_type=row.media_type,
        size=row.size,
        created_at=row.created_at,
    )


def recommendation(row: m.Recommendation) -> r.RecommendationRecord:
    return r.RecommendationRecord(
        id=row.id,
        report_id=row.report_id,
        label=row.label,
        sort_order=row.sort_order,
        text=row.text,
        paragraph_ref=row.paragraph_ref,
        addressees=tuple(
            r.AddresseeRecord(a.body_id, a.body.name, a.body.short_name, a.role) for a in row.addressees
        ),
        deadline=row.deadline,
        deadline_phrase=row.deadline_phrase,
        owner=row.owner,
        position=row.position,
        progress=row.progress,
        response_due=row.response_due,
        target_date=row.target_date,
        version=row.version_id,
    )


def response(row: m.Response) -> r.ResponseRecord:
    rec = row.recommendation
    return r.ResponseRecord(
        id=row.id,
        letter_id=row.letter_id,
        letter_reference=row.letter.reference,
        recommendation=recommendation(rec),
        sort_order=row.sort_order,
        position=row.position,
        text=row.text,
        report_reference=rec.report.reference,
        report_title=rec.report.title,
        letter_status=row.letter.status,
        letter_date=row.letter.letter_date,
        version=row.version_id,
    )


def colleague(row: m.Colleague) -> r.ColleagueRecord:
    return r.ColleagueRecord(
        id=row.id, name=row.name, login=row.login, role=row.role, active=row.active, version=row.version_id
    )


def clearance_action(row: m.ClearanceAction, name: str = "") -> r.ClearanceActionRecord:
    return r.ClearanceActionRecord(
        id=row.id,
        outcome=row.outcome,
        colleague=name or row.login,
        login=row.login,
        step_number=row.step_number,
        comment=row.comment,
        at=row.at,
        pdf_sha256=row.pdf_sha256,
        changed_at=row.changed_at,
        changed_by=row.changed_by,
        typo_fix=row.typo_fix,
    )


def letter(row: m.Letter) -> r.LetterDetail:
    return r.LetterDetail(
        id=row.id,
        reference=row.reference,
        letter_date=row.letter_date,
        sender=contact(row.sender) if row.sender else None,
        recipient=contact(row.recipient) if row.recipient else None,
        subject=row.subject,
        salutation=row.salutation,
        body=row.body,
        closing=row.closing,
        copy_list=row.copy_list,
        marking=row.marking,
        annex_layout=row.annex_layout,
        status=row.status,
        imported=row.imported,
        previous_version_id=row.previous_version_id,
        issued_at=row.issued_at,
        issued_sha256=row.issued_sha256,
        responses=tuple(response(x) for x in row.responses),
        version=row.version_id,
        kind=row.kind,
        report_id=row.report_id,
        source_attachment_id=row.source_attachment_id,
        source_filename=row.source.filename if row.source is not None else "",
        updates_since=row.updates_since,
    )


def standard_line(row: m.StandardLine) -> r.StandardLineRecord:
    return r.StandardLineRecord(
        id=row.id,
        title=row.title,
        text=row.text,
        position=row.position,
        sort_order=row.sort_order,
        version=row.version_id,
    )


def audit(row: m.AuditEvent, colleague: str = "") -> r.AuditRecord:
    return r.AuditRecord(
        id=row.id,
        at=row.at,
        os_user=row.os_user,
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        changes=dict(row.changes or {}),
        summary=row.summary,
        colleague=colleague,
    )


def progress_update(row: m.ProgressUpdate) -> r.ProgressUpdateRecord:
    return r.ProgressUpdateRecord(
        id=row.id,
        recommendation_id=row.recommendation_id,
        update_date=row.update_date,
        progress=row.progress,
        text=row.text,
        owner=row.owner,
        target_date=row.target_date,
        previous_target_date=row.previous_target_date,
        reason=row.reason,
        completed_on=row.completed_on,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        source=row.source,
        source_sha256=row.source_sha256,
    )
