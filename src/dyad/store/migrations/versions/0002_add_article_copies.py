"""Near-duplicate copies of coded articles (further reports of the same story).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    add_article_copies(op.get_bind())


def add_article_copies(conn: Connection) -> None:
    from dyad.store.schema import article_copies

    article_copies.create(conn, checkfirst=True)
