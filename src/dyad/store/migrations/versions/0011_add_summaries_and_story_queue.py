"""Issue #17: the summary tables the API's aggregates read, filled from the stored events; what the
stories' incremental refresh needs (each member's article and group, the queue of articles saved since);
the index stories are listed by.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from typing import cast

from alembic import op
from sqlalchemy import Connection, String, delete, inspect, text

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    add_summaries_and_story_queue(op.get_bind())


def add_summaries_and_story_queue(conn: Connection) -> None:
    from dyad.store.schema import STORY_RANK_INDEX, stories_meta, stories_pending, story_events
    from dyad.store.summaries import fill_summaries

    have = {c["name"] for c in inspect(conn).get_columns("story_events")}
    for name in ("article_id", "group_key"):
        if name not in have:
            conn.execute(text(f"ALTER TABLE story_events ADD COLUMN {name} VARCHAR({cast(String, story_events.c[name].type).length})"))
    for ix in story_events.indexes:
        ix.create(conn, checkfirst=True)
    STORY_RANK_INDEX.create(conn, checkfirst=True)
    stories_pending.create(conn, checkfirst=True)
    # Stories clustered before have no groups: the next reader clusters them all, once.
    conn.execute(delete(stories_meta))
    fill_summaries(conn)
