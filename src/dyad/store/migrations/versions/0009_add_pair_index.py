"""The (event, role, code) index the actor network's pair join needs (issue #17).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    add_pair_index(op.get_bind())


def add_pair_index(conn: Connection) -> None:
    from dyad.store.schema import PAIR_INDEX

    PAIR_INDEX.create(conn, checkfirst=True)
