"""The stories tables, which ``dyad.stories`` used to create on first use.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    add_story_tables(op.get_bind())


def add_story_tables(conn: Connection) -> None:
    from dyad.store.schema import stories, stories_meta, story_events

    for table in (stories, story_events, stories_meta):
        table.create(conn, checkfirst=True)
