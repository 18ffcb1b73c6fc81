"""The API's filter and sort indexes (the API used to create some when it started).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, text

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    add_explore_indexes(op.get_bind())


def add_explore_indexes(conn: Connection) -> None:
    from dyad.store.schema import EXPLORE_INDEXES

    # Superseded by (column, id) indexes, which also break ties without a sort.
    for old in ("ix_explore_ev_goldstein", "ix_explore_ev_confidence"):
        conn.execute(text(f"DROP INDEX IF EXISTS {old}"))
    for ix in EXPLORE_INDEXES:
        ix.create(conn, checkfirst=True)
