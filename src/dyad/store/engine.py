"""Open a database from a path or URL, with the settings each backend needs."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from dyad.errors import StoreError

SQLITE_BUSY_MS = 30_000
# Execution option of connections that only read: `engine.execution_options(**{READ_ONLY: True})`.
READ_ONLY = "dyad_read_only"


def normalise_url(db: str) -> str:
    """'dyad.sqlite' → sqlite:///…; 'postgresql://' → the psycopg 3 driver."""
    if "://" not in db:
        path = Path(db).expanduser()
        if path.is_dir():
            raise StoreError(f"{db} is a directory, not a database file")
        return f"sqlite:///{path}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if db.startswith(("sqlite://", "postgresql+psycopg://")):
        return db
    raise StoreError(f"unsupported database URL scheme in {redact(db)} (use a SQLite path or postgresql://)")


def redact(db: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    # Up to the last '@' before the path: an unencoded '@' in a password must not leak its tail.
    return re.sub(r"(://[^:/@]*):[^/]*@", r"\1:***@", db)


def open_engine(db: str) -> Engine:
    url = normalise_url(db)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "isolation_level": None})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            # WAL: readers never block the writer; busy_timeout: writers queue, not fail.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # BEGIN IMMEDIATE takes the write lock up front, so two writers wait
            # for each other instead of deadlocking on a lock upgrade. Readers
            # (READ_ONLY) take no lock: in WAL mode they never block anyone, and
            # a second reader opened while the first is iterating does not wait.
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # driver import errors and bad URLs
        raise StoreError(f"cannot open {redact(db)}: {exc}") from None


def backend_name(db: str) -> str:
    return make_url(normalise_url(db)).get_backend_name()
