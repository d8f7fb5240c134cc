"""Moving an office onto the shared database: copy_to (the CLI's `copy-to URL`) copies a whole local
desk into an empty PostgreSQL database, verified, in one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from correspondence_desk.core.copying import copy_to
from correspondence_desk.core.db import check_database, open_database
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import NewResponse
from correspondence_desk.core.services import Services
from correspondence_desk.core.services.demo import load_demo
from correspondence_desk.paths import location_for


def _pdf(detail) -> bytes:
    return f"%PDF-1.7 {detail.reference} {len(detail.responses)}\n%%EOF".encode()


@pytest.fixture
def local_desk(db_path):
    """A local desk with a bit of everything: the demo, a source file, an issued letter, history."""
    services = Services(open_database(location_for(db_path)), actor="clerk")
    demo = load_demo(services)
    services.reports.set_source(demo.report.id, "report.pdf", b"%PDF-1.4 the committee's report")
    issued = services.letters.issue(demo.letter.id, _pdf)
    follow_up = services.letters.create(
        subject="Update", responses=[NewResponse(demo.report.recommendations[2].id, "Work continues.")]
    )
    services.letters.issue(follow_up.id, _pdf)
    services.close()
    return location_for(db_path), issued


def test_a_local_desk_moves_whole_onto_an_empty_server(local_desk, empty_pg_database):
    source, issued = local_desk
    before = check_database(source)
    report = copy_to(source, empty_pg_database, actor="administrator")
    assert report.issued_pdfs == 2
    assert report.counts["reports"] == 1 and report.counts["audit_events"] == before.counts["audit_events"]
    assert "Verified" in report.lines()[1]
    after = check_database(location_for(empty_pg_database))
    assert after.ok, after.problems
    for table, n in before.counts.items():
        assert after.counts[table] == n + (1 if table == "audit_events" else 0), table  # + the copy event
    shared = Services(open_database(location_for(empty_pg_database), create=False, migrate=False))
    try:
        assert shared.letters.issued_pdf(issued.id) == _pdf(issued)  # the very bytes issued
        assert shared.search.search("river bus")  # the server's search index has it all
        event = shared.audit.list(entity="database")[0]
        assert event.action == "copy" and event.os_user == "administrator"
        # new records carry on after the copied ids
        added = shared.reports.create(title="First report on the server")
        assert added.id > issued.id
    finally:
        shared.close()


def test_copy_refuses_a_database_that_holds_records_and_changes_nothing(local_desk, pg_database):
    source, _ = local_desk
    services = Services(open_database(location_for(pg_database)))
    services.reports.create(title="Already here")
    services.close()
    with pytest.raises(DeskError, match="already holds records"):
        copy_to(source, pg_database)
    services = Services(open_database(location_for(pg_database)))
    try:
        assert [r.title for r in services.reports.list()] == ["Already here"]
    finally:
        services.close()


def test_a_failed_copy_leaves_nothing_behind(local_desk, empty_pg_database, monkeypatch):
    source, _ = local_desk
    import correspondence_desk.core.copying as copying

    real = copying._copy_table
    copied = []

    def failing(inp, out, table):
        if table.name == "responses":
            raise DeskError("the link dropped half-way")
        copied.append(table.name)
        return real(inp, out, table)

    monkeypatch.setattr(copying, "_copy_table", failing)
    with pytest.raises(DeskError, match="half-way"):
        copy_to(source, empty_pg_database)
    assert "reports" in copied
    db = open_database(location_for(empty_pg_database), create=False, migrate=False)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM reports")).scalar() == 0
    finally:
        db.close()


def test_a_tampered_local_pdf_is_not_carried_over(local_desk, empty_pg_database):
    source, issued = local_desk
    db = open_database(source)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE letters SET issued_pdf = X'25' WHERE id = :id"), {"id": issued.id})
    db.close()
    with pytest.raises(DeskError, match="does not match its SHA-256"):
        copy_to(source, empty_pg_database)
