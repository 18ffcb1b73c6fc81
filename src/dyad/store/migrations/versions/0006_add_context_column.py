"""Events gain a ``context`` column (issue #18), filled from their records.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json
from typing import Any

from alembic import op
from sqlalchemy import Connection, inspect, select, text

from dyad.store.migrations.paging import update_in_pages

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    add_context_column(op.get_bind())


def add_context_column(conn: Connection) -> None:
    from dyad.store.schema import events

    if "context" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN context TEXT"))
    update_in_pages(conn, select(events.c.id, events.c.record), "context", _context_value)


def _context_value(row: Any) -> str | None:
    return ";".join(json.loads(row[1]).get("context") or []) or None
