"""Every table of the current schema (the later revisions find theirs there already and skip).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection

revision = "0001"
down_revision: str | None = None


def upgrade() -> None:
    create_tables(op.get_bind())


def create_tables(conn: Connection) -> None:
    from dyad.store.schema import metadata

    metadata.create_all(conn, checkfirst=True)
