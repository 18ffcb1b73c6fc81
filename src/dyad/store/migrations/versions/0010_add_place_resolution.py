"""Events gain ``place_resolution`` (issue #15), filled from their records, so a map of
where things happen can leave out countries placed at their capitals.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import json
from typing import Any

from alembic import op
from sqlalchemy import Connection, inspect, select, text

from dyad.store.migrations.paging import update_in_pages

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    add_place_resolution(op.get_bind())


def add_place_resolution(conn: Connection) -> None:
    from dyad.store.schema import events

    if "place_resolution" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN place_resolution TEXT"))
    update_in_pages(conn, select(events.c.id, events.c.record), "place_resolution", _resolution_value)


def _resolution_value(row: Any) -> str | None:
    return (json.loads(row[1]).get("event_loc") or {}).get("resolution")
