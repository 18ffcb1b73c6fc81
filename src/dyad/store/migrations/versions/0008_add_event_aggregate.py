"""Events gain ``aggregate`` (issue #16), set from the columns it derives from (``Event.aggregate``).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, inspect, text, update

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    add_event_aggregate(op.get_bind())


def add_event_aggregate(conn: Connection) -> None:
    from sqlalchemy import and_, or_

    from dyad.records import AGGREGATE_PRECISIONS, TALLY_KINDS
    from dyad.store.schema import events

    if "aggregate" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN aggregate BOOLEAN"))
    next(ix for ix in events.indexes if ix.name == "ix_events_aggregate").create(conn, checkfirst=True)
    tally = or_(*(events.c[k].is_not(None) for k in sorted(TALLY_KINDS)))
    conn.execute(update(events).values(aggregate=and_(events.c.date_precision.in_(sorted(AGGREGATE_PRECISIONS)), tally)))
