"""Rewriting one column of every event in pages, for revisions that fill a new column from the records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Select, bindparam, update


def update_in_pages(conn: Connection, query: Select[Any], column: str, new_value: Callable[[Any], object]) -> None:
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
