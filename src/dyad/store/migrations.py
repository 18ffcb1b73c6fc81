"""Schema migrations, registered with a decorator and each run in a transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Connection, Select, String, bindparam, inspect, select, text, update

from dyad.store.schema import metadata, schema_version

Migration = Callable[[Connection], None]
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"two migrations for version {version}")
        MIGRATIONS[version] = fn
        return fn

    return register


@migration(1)
def create_tables(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


@migration(2)
def add_article_copies(conn: Connection) -> None:
    """Near-duplicate copies of coded articles (further reports of the same story)."""
    from dyad.store.schema import article_copies

    article_copies.create(conn, checkfirst=True)


@migration(3)
def add_explore_indexes(conn: Connection) -> None:
    """The API's filter and sort indexes (the API used to create some when it started)."""
    from dyad.store.schema import EXPLORE_INDEXES

    # Superseded by (column, id) indexes, which also break ties without a sort.
    for old in ("ix_explore_ev_goldstein", "ix_explore_ev_confidence"):
        conn.execute(text(f"DROP INDEX IF EXISTS {old}"))
    for ix in EXPLORE_INDEXES:
        ix.create(conn, checkfirst=True)


@migration(4)
def add_story_tables(conn: Connection) -> None:
    """The stories tables, which ``dyad.stories`` used to create on first use."""
    from dyad.store.schema import stories, stories_meta, story_events

    for table in (stories, story_events, stories_meta):
        table.create(conn, checkfirst=True)


@migration(5)
def add_provenance_to_records(conn: Connection) -> None:
    """Event records gain their article's url, source and published date (issue #16)."""
    from dyad.store.schema import articles, events

    q = select(events.c.id, events.c.record, articles.c.url, articles.c.source, articles.c.date).join(
        articles, articles.c.id == events.c.article_id
    )
    _update_in_pages(conn, q, "record", _provenance_update)


def _provenance_update(row: Any) -> str | None:
    _, record, url, source, published = row
    rec = json.loads(record)
    if rec.get("published") is not None:
        return None
    rec.update(url=url, source=source, published=published)
    return json.dumps(rec, ensure_ascii=False, sort_keys=True)


def _update_in_pages(conn: Connection, query: Select[Any], column: str, new_value: Callable[[Any], object]) -> None:
    """Set ``column`` of each event ``query`` selects (id first) to ``new_value(row)``, unless None."""
    from dyad.store.schema import events

    batch = 1000
    last = ""
    stmt = update(events).where(events.c.id == bindparam("b_id")).values({column: bindparam("b_value")})
    while True:
        # Keyset pages by id: never read a table while rewriting the rows being read.
        rows = conn.execute(query.where(events.c.id > last).order_by(events.c.id).limit(batch)).all()
        if not rows:
            return
        updates = [{"b_id": row[0], "b_value": value} for row in rows if (value := new_value(row)) is not None]
        if updates:
            conn.execute(stmt, updates)
        last = rows[-1][0]


@migration(6)
def add_context_column(conn: Connection) -> None:
    """Events gain a ``context`` column (issue #18), filled from their records."""
    from dyad.store.schema import events

    if "context" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN context TEXT"))
    _update_in_pages(conn, select(events.c.id, events.c.record), "context", _context_value)


def _context_value(row: Any) -> str | None:
    return ";".join(json.loads(row[1]).get("context") or []) or None


@migration(7)
def add_article_config(conn: Connection) -> None:
    """Articles record the fingerprint of the configuration that coded them (issue #16);
    older rows have none, so the next run with a fingerprint recodes them once."""
    from dyad.store.schema import articles

    if "config" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.execute(text(f"ALTER TABLE articles ADD COLUMN config VARCHAR({cast(String, articles.c.config.type).length})"))


@migration(8)
def add_event_aggregate(conn: Connection) -> None:
    """Events gain ``aggregate`` (issue #16), set from the columns it derives from (``Event.aggregate``)."""
    from sqlalchemy import and_, or_

    from dyad.records import AGGREGATE_PRECISIONS, TALLY_KINDS
    from dyad.store.schema import events

    if "aggregate" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN aggregate BOOLEAN"))
    next(ix for ix in events.indexes if ix.name == "ix_events_aggregate").create(conn, checkfirst=True)
    tally = or_(*(events.c[k].is_not(None) for k in sorted(TALLY_KINDS)))
    conn.execute(update(events).values(aggregate=and_(events.c.date_precision.in_(sorted(AGGREGATE_PRECISIONS)), tally)))


@migration(9)
def add_pair_index(conn: Connection) -> None:
    """The (event, role, code) index the actor network's pair join needs (issue #17)."""
    from dyad.store.schema import PAIR_INDEX

    PAIR_INDEX.create(conn, checkfirst=True)


@migration(10)
def add_place_resolution(conn: Connection) -> None:
    """Events gain ``place_resolution`` (issue #15), filled from their records, so a map of
    where things happen can leave out countries placed at their capitals."""
    from dyad.store.schema import events

    if "place_resolution" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN place_resolution TEXT"))
    _update_in_pages(conn, select(events.c.id, events.c.record), "place_resolution", _resolution_value)


def _resolution_value(row: Any) -> str | None:
    return (json.loads(row[1]).get("event_loc") or {}).get("resolution")


@migration(11)
def add_summaries_and_story_queue(conn: Connection) -> None:
    """Issue #17: the summary tables the API's aggregates read, filled from the stored events; what the
    stories' incremental refresh needs (each member's article and group, the queue of articles saved since);
    the index stories are listed by.

    Self-contained (any migration framework can call it): every step checks what is there first.
    """
    from sqlalchemy import delete

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


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    rows = conn.execute(select(schema_version.c.version)).scalars().all()
    return max(rows, default=0)


def migrate(conn: Connection) -> int:
    """Apply every migration newer than the database; return the new version."""
    schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    for v in sorted(MIGRATIONS):
        if v > version:
            MIGRATIONS[v](conn)
            conn.execute(
                schema_version.insert().values(version=v, applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
            )
            version = v
    return version
