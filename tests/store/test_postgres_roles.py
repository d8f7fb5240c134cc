"""The shared office database on a real PostgreSQL: roles, read-only colleagues, who wrote what,
and databases that are not ours left alone."""

from __future__ import annotations

import itertools
import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from correspondence_desk.core.db import (
    HEAD_REVISION,
    check_database,
    open_database,
    open_for_command,
)
from correspondence_desk.core.errors import (
    DatabaseTooNewError,
    NotADatabaseError,
    ReadOnlyError,
    StorageError,
)
from correspondence_desk.core.postgres import Roles, setup_server
from correspondence_desk.core.records import NewRecommendation
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for

_names = (f"desk{os.getpid()}x{n}" for n in itertools.count())


@pytest.fixture
def office(pg_server):
    """A desk set up by setup_server, with one login role in each group; all dropped afterwards."""
    name = next(_names)
    admin = make_url(pg_server.admin_url)
    url = admin.set(database=name).render_as_string(hide_password=False)
    report = setup_server(url, actor="administrator")
    roles = Roles.for_database(name)
    people = {"alice": roles.owner, "bob": roles.editor, "carol": roles.reader}
    for person, group in people.items():
        pg_server.execute(f"CREATE ROLE {name}_{person} LOGIN IN ROLE {group}")

    def as_person(person: str) -> str:
        return admin.set(database=name, username=f"{name}_{person}").render_as_string(hide_password=False)

    yield report, as_person, roles
    pg_server.drop(name)
    logins = ", ".join(f"{name}_{p}" for p in people)
    pg_server.execute(f"DROP ROLE IF EXISTS {logins}, {roles.editor}, {roles.reader}, {roles.owner}")


def test_setup_server_makes_the_roles_and_the_database_and_can_run_again(office, pg_server):
    report, as_person, roles = office
    assert set(report.created_roles) == {roles.owner, roles.editor, roles.reader}
    assert report.created_database and report.schema_before is None and report.schema_after == HEAD_REVISION
    assert any(f"IN ROLE {roles.editor}" in line for line in report.lines())
    owner = create_engine(as_person("alice"), poolclass=NullPool)
    with owner.connect() as conn:
        tables = conn.execute(
            text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        ).scalars()
        assert list(tables) == [roles.owner]  # every table belongs to the owner role
    owner.dispose()
    again = setup_server(make_url(as_person("alice")).set(username=make_url(pg_server.admin_url).username)
                         .render_as_string(hide_password=False))  # fmt: skip
    assert again.created_roles == [] and not again.created_database
    assert "up to date" in " ".join(again.lines())


def test_an_editor_writes_and_the_audit_log_names_the_database_role(office):
    _, as_person, _ = office
    services = Services(open_database(location_for(as_person("bob")), create=False, migrate=False))
    try:
        assert not services.db.read_only and services.db.db_user.endswith("_bob")
        report = services.reports.create(
            title="Lighting on the towpath", recommendations=[NewRecommendation("1", "Fit lamps.")]
        )
        (event,) = services.audit.list(entity="report", entity_id=report.id)
        assert event.db_user == services.db.db_user  # the server's current_user, not a claim
        assert event.os_user  # the OS user name is kept as well
        with services.db.engine.begin() as conn, pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("UPDATE audit_events SET summary = 'rewritten'"))
        with services.db.engine.begin() as conn, pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("DELETE FROM audit_events"))
        with services.db.engine.begin() as conn, pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    finally:
        services.close()


def test_a_forged_role_name_is_replaced_by_the_real_one(office):
    _, as_person, _ = office
    engine = create_engine(as_person("bob"), poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_events (at, os_user, entity, action, changes, summary, db_user, "
                "prev_hash, chain_hash) VALUES (now(), 'x', 'report', 'create', '{}', '', 'postgres', '', '')"
            )
        )
        assert conn.execute(text("SELECT db_user FROM audit_events ORDER BY id DESC LIMIT 1")).scalar() == (
            make_url(as_person("bob")).username
        )
    engine.dispose()


def test_a_reader_opens_read_only_and_gets_a_clear_message_on_writing(office):
    _, as_person, _ = office
    editor = Services(open_database(location_for(as_person("bob")), create=False, migrate=False))
    editor.reports.create(title="Damp in temporary homes")
    editor.close()
    services = Services(open_database(location_for(as_person("carol")), create=False, migrate=False))
    try:
        assert services.db.read_only
        assert "may only read" in services.db.read_only_reason
        assert [r.title for r in services.reports.list()] == ["Damp in temporary homes"]
        assert services.search.search("damp")[0].kind == "report"
        with pytest.raises(ReadOnlyError, match="may only read"):
            services.reports.create(title="Another one")
        with pytest.raises(ReadOnlyError):
            services.bodies.create(name="London Councils")
        with pytest.raises(ReadOnlyError):
            services.load_demo()
    finally:
        services.close()
    assert check_database(location_for(as_person("carol"))).ok


def test_an_editor_cannot_upgrade_and_is_told_who_can(office, pg_server):
    _, as_person, _ = office
    from correspondence_desk.core.migrate import downgrade_to

    owner = open_database(location_for(as_person("alice")), create=False, migrate=False)
    downgrade_to(owner.engine, "0002")
    owner.close()
    with pytest.raises(StorageError, match="needs upgrading"):
        open_database(location_for(as_person("bob")), create=False, migrate=False)
    with pytest.raises(StorageError, match="needs upgrading"):  # a reading command never upgrades a server
        open_for_command(location_for(as_person("alice")), writes=False)
    with pytest.raises(ReadOnlyError, match="owner"):
        open_database(location_for(as_person("bob")), create=False, migrate=True)
    db = open_database(location_for(as_person("alice")), create=False, migrate=True)
    try:
        assert (db.migrated_from, db.migrated_to) == ("0002", HEAD_REVISION)
        assert f"from schema 0002 to {HEAD_REVISION}" in db.upgrade_note
    finally:
        db.close()
    services = Services(open_database(location_for(as_person("bob")), create=False, migrate=False))
    try:
        (event,) = services.audit.list(entity="database")
        assert event.action == "upgrade" and event.changes == {"schema": ["0002", HEAD_REVISION]}
        assert event.db_user.endswith("_owner")  # the upgrade ran as the owner role
    finally:
        services.close()


def test_read_commands_never_create_a_schema_in_an_empty_database(empty_pg_database):
    location = location_for(empty_pg_database)
    with pytest.raises(StorageError, match="no Correspondence Desk tables"):
        open_database(location, create=False, migrate=False)
    with pytest.raises(StorageError, match="no Correspondence Desk tables"):
        open_for_command(location, writes=False)
    result = check_database(location)
    assert not result.ok and "empty database" in result.problems[0]
    engine = create_engine(empty_pg_database, poolclass=NullPool)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
    engine.dispose()


def test_another_applications_database_is_named_as_such_and_left_alone(empty_pg_database, pg_server):
    engine = create_engine(empty_pg_database, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)"))
        conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('ae1027a6acf')"))
    location = location_for(empty_pg_database)
    for create in (True, False):
        with pytest.raises(NotADatabaseError, match="another application"):
            open_database(location, create=create)
    assert not check_database(location).ok
    with pytest.raises(NotADatabaseError, match="another application"):
        setup_server(empty_pg_database)
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
        assert sorted(tables) == ["alembic_version", "invoices"]
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused(pg_database):
    location = location_for(pg_database)
    db = open_database(location)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.close()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        open_database(location)
