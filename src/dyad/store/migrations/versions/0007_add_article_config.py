"""Articles record the fingerprint of the configuration that coded them (issue #16);
older rows have none, so the next run with a fingerprint recodes them once.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from typing import cast

from alembic import op
from sqlalchemy import Connection, String, inspect, text

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    add_article_config(op.get_bind())


def add_article_config(conn: Connection) -> None:
    from dyad.store.schema import articles

    if "config" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.execute(text(f"ALTER TABLE articles ADD COLUMN config VARCHAR({cast(String, articles.c.config.type).length})"))
