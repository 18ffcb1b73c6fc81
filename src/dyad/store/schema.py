"""The database schema (SQLAlchemy Core). One table per record kind.

``events.record`` keeps the full PLOVER JSON record, so exports and the API
give exactly what the pipeline made; the flat columns are for filtering.
The events table is generated from the column table (``columns.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dyad.store.columns import EVENT_TABLE

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("date", String(10), nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("origin", Text),
    Column("hash", String(16), nullable=False, index=True),
    Column("caption_end", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_quotes", Integer, nullable=False, default=0),
    Column("coded_at", String(32), nullable=False),
    # Fingerprint of what coded it (model, data files, options): batch.fingerprint.
    Column("config", String(16)),
)

# Generated from the column table (columns.py, view STORE).
events = EVENT_TABLE.sql_table(metadata)
Index("ix_events_dyad", events.c.actor_code, events.c.recipient_code, events.c.date)

event_entities = Table(
    "event_entities",
    metadata,
    Column("event_id", String(240), ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(16), nullable=False),  # actor, recipient, reported_by
    Column("position", Integer, nullable=False),
    Column("entity_text", Text, nullable=False),
    Column("entity_name", Text),
    Column("code", String(16), index=True),
    Column("sector", String(16)),
    Column("identifier_id", String(64), index=True),
    UniqueConstraint("event_id", "role", "position"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(240), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", String(240)),
    Column("speaker_name", Text, index=True),
    Column("speaker_code", String(16)),
    Column("speaker_sector", String(16)),
    Column("speaker_identifier", String(64)),
    Column("record", Text, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("article_id", String(200)),
    Column("key", String(40), nullable=False, unique=True),  # hash of origin+line+reason: re-runs add nothing
    Column("created_at", String(32), nullable=False),
)

article_copies = Table(
    "article_copies",
    metadata,
    Column("id", String(200), primary_key=True),  # the copy's own id
    Column("article_id", String(200), nullable=False, index=True),  # the article it repeats (coded once)
    Column("date", String(10), nullable=False),
    Column("url", Text),
    Column("source", Text),
    Column("origin", Text),
    Column("similarity", Float, nullable=False),
)

# Stories (dyad.stories): derived from the events, recomputed when they change.
stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("event", String(16), nullable=False, index=True),
    Column("actor_code", String(16), index=True),
    Column("recipient_code", String(16), index=True),
    Column("date_first", String(10), nullable=False, index=True),
    Column("date_last", String(10), nullable=False),
    Column("quad_code", Integer),
    Column("goldstein", Float),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("n_mentions", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("first_event_id", String(240), nullable=False),
)
# The order stories are listed in (most widely reported first): a page is read off it.
STORY_RANK_INDEX = Index("ix_stories_rank", stories.c.n_sources.desc(), stories.c.n_mentions.desc(), stories.c.date_first.desc(),
                         stories.c.id)  # fmt: skip
story_events = Table(
    "story_events",
    metadata,
    Column("story_id", String(40), nullable=False, index=True),
    Column("event_id", String(240), primary_key=True),
    # What an incremental refresh needs (revision 0011): the member's article (re-coded articles are
    # found by it) and its clustering group (``stories.group_key``: only the groups new events touch are clustered again).
    Column("article_id", String(200), index=True),
    Column("group_key", String(40), index=True),
)
# Articles saved since the stories were last clustered (``Store._save`` adds one row per article, in its transaction).
stories_pending = Table(
    "stories_pending",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(200), nullable=False),
)
stories_meta = Table(
    "stories_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)

# Indexes for the API's filters and sorts (revision 0003 adds them to older databases).
# The entity filter matches code, sector, identifier or name within a role, one index
# per OR term; /events sorts by a column with ties broken by id in the same direction,
# so (column, id) serves both directions and a page is read off the index.
EXPLORE_INDEXES = (
    Index("ix_explore_ee_code", event_entities.c.role, event_entities.c.code, event_entities.c.event_id),
    Index("ix_explore_ee_sector", event_entities.c.role, event_entities.c.sector, event_entities.c.event_id),
    Index("ix_explore_ee_ident", event_entities.c.role, event_entities.c.identifier_id, event_entities.c.event_id),
    Index("ix_explore_ee_name", event_entities.c.role, event_entities.c.entity_name, event_entities.c.event_id),
    # The type and date ride along so type and date filters are checked in the index.
    Index("ix_sort_ev_date", events.c.date, events.c.id, events.c.event),
    Index("ix_sort_ev_confidence", events.c.confidence, events.c.id, events.c.event, events.c.date),
    Index("ix_sort_ev_goldstein", events.c.goldstein, events.c.id, events.c.event, events.c.date),
    Index("ix_sort_ev_event_date", events.c.event, events.c.date, events.c.id),  # a type, newest first
)
# From an event to its entities of one role (the actor network's and actor page's pair join). Without it
# SQLite took the code index (role first) and read every entity of that role per event: 270 s at 10k events.
PAIR_INDEX = Index("ix_ee_event_role_code", event_entities.c.event_id, event_entities.c.role, event_entities.c.code)


# Summaries (issue #17, revision 0011): event counts per day kept by ``Store._save`` in the transaction that
# writes the events they count (``dyad/store/summaries.py``), so the API's aggregates over a date range and a
# type read narrow rows instead of joining every entity row. Filters they cannot answer use the exact query.
# Keyed first by what the aggregates group on; on SQLite without rowid, so a table is stored in its key's
# order and a GROUP BY streams through it (the day and type are checked on the way).
summary_actors = Table(
    "summary_actors",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor, recipient
    Column("day", String(10), primary_key=True),  # no type: the actor list has no type filter (half the rows)
    Column("n_events", Integer, nullable=False),  # events with an entity of this code in this role
    sqlite_with_rowid=False,
)
summary_pairs = Table(
    "summary_pairs",
    metadata,
    Column("source", String(16), primary_key=True),  # an actor's code
    Column("target", String(16), primary_key=True, index=True),  # a recipient's code (never the source's)
    Column("day", String(10), primary_key=True),
    Column("event", String(16), primary_key=True),
    Column("n_events", Integer, nullable=False),
    Column("goldstein_sum", Float, nullable=False),  # per (actor, recipient) entity pair, as the exact query sums
    sqlite_with_rowid=False,
)
# The pairs over all time (revision 0012): what /network asks most (no date range) from one row per pair and
# type instead of one per day: 40,000 rows instead of 100,000 at 100k events over 80 codes.
summary_pair_totals = Table(
    "summary_pair_totals",
    metadata,
    Column("source", String(16), primary_key=True),
    Column("target", String(16), primary_key=True),
    Column("event", String(16), primary_key=True),
    Column("n_events", Integer, nullable=False),
    Column("goldstein_sum", Float, nullable=False),
    sqlite_with_rowid=False,
)
summary_contexts = Table(
    "summary_contexts",
    metadata,
    Column("context", Text, primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("event", String(16), primary_key=True),
    Column("n_events", Integer, nullable=False),
    sqlite_with_rowid=False,
)
summary_names = Table(
    "summary_names",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("n_entities", Integer, nullable=False),  # actor and recipient entities of this code with this name
    sqlite_with_rowid=False,
)
SUMMARY_TABLES = (summary_actors, summary_pairs, summary_pair_totals, summary_contexts, summary_names)


def fit_value(col: Column[Any], value: object) -> object:
    """A value every backend stores: PostgreSQL refuses NUL in text and too-long VARCHARs.

    The full value is kept in the JSON ``record``; these columns are for filtering,
    and filters are fitted the same way (``filters.py``), so they still match.
    """
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "\ufffd")
    length = col.type.length if isinstance(col.type, String) else None
    return value[:length] if length else value


def fit_row(table: Table, row: Mapping[str, object]) -> dict[str, object]:
    return {k: fit_value(table.c[k], v) for k, v in row.items()}
