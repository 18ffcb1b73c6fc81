"""Databases as dyad left them before Alembic: at old schema version N (1..10), without what the later
versions added, with the old version table ``schema_version`` listing 1..N and no ``alembic_version``.

Each step undoes one old version's change (the same change as revision 000N), newest first, so the
tables, columns, indexes and record contents are those a database at version N has.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select, text, update

from dyad.store.schema import EXPLORE_INDEXES, PAIR_INDEX, events

NEWEST_LEGACY = 10


def make_legacy(conn: Connection, version: int) -> None:
    """Turn the (current) database on ``conn`` into one at old schema version ``version``."""
    if version < 10:
        conn.execute(text("ALTER TABLE events DROP COLUMN place_resolution"))
    if version < 9:
        conn.execute(text(f"DROP INDEX {PAIR_INDEX.name}"))
    if version < 8:
        conn.execute(text("DROP INDEX ix_events_aggregate"))
        conn.execute(text("ALTER TABLE events DROP COLUMN aggregate"))
    if version < 7:
        conn.execute(text("ALTER TABLE articles DROP COLUMN config"))
    if version < 6:
        conn.execute(text("ALTER TABLE events DROP COLUMN context"))
    if version < 5:
        for event_id, record in conn.execute(select(events.c.id, events.c.record)).all():
            rec = {k: v for k, v in json.loads(record).items() if k not in ("url", "source", "published")}
            conn.execute(update(events).where(events.c.id == event_id).values(record=json.dumps(rec, sort_keys=True)))
    if version < 4:
        for table in ("story_events", "stories", "stories_meta"):
            conn.execute(text(f"DROP TABLE {table}"))
    if version < 3:
        for ix in EXPLORE_INDEXES:
            conn.execute(text(f"DROP INDEX {ix.name}"))
        conn.execute(text("CREATE INDEX ix_explore_ev_confidence ON events (confidence)"))  # what the API used to add
    if version < 2:
        conn.execute(text("DROP TABLE article_copies"))
    stamp_legacy(conn, version)


def stamp_legacy(conn: Connection, version: int) -> None:
    """Record ``version`` the old way (one row per version applied) instead of Alembic's way."""
    conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    conn.execute(text("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)"))
    for v in range(1, version + 1):
        conn.execute(text("INSERT INTO schema_version (version, applied_at) VALUES (:v, '2026-11-01T00:00:00+00:00')"), {"v": v})
