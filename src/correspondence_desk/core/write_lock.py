"""One writer at a time, on both engines, so choices made from what is read stay true until commit.

A unit of work that decides from what it reads (the next free reference, "is this committee new?",
the audit chain's last hash) takes the write lock before reading. On SQLite that is BEGIN IMMEDIATE
(the database's own write lock, waited for up to the busy timeout); on PostgreSQL a transaction-level
advisory lock, which every writing transaction takes before its first change, so it is always the
first lock taken and two writers can never deadlock over it. Readers never wait for it.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

# pg_advisory_xact_lock keys (any 64-bit numbers, fixed for the app)
WRITE_LOCK_KEY = 0x43445F5752495445  # "CD_WRITE"
MIGRATION_LOCK_KEY = 0x43445F4D49475241  # "CD_MIGRA"


def take_write_lock(conn: Connection) -> None:
    """Hold the write lock until the connection's transaction ends (idempotent within it)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        return
    dbapi = conn.connection.dbapi_connection
    # pysqlite opens its own (deferred) transaction only at the first INSERT/UPDATE/DELETE, and a
    # transaction that has written already holds the write lock
    if dbapi is not None and not getattr(dbapi, "in_transaction", False):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
