"""Event records gain their article's url, source and published date (issue #16).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import json
from typing import Any

from alembic import op
from sqlalchemy import Connection, select

from dyad.store.migrations.paging import update_in_pages

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    add_provenance_to_records(op.get_bind())


def add_provenance_to_records(conn: Connection) -> None:
    from dyad.store.schema import articles, events

    q = select(events.c.id, events.c.record, articles.c.url, articles.c.source, articles.c.date).join(
        articles, articles.c.id == events.c.article_id
    )
    update_in_pages(conn, q, "record", _provenance_update)


def _provenance_update(row: Any) -> str | None:
    _, record, url, source, published = row
    rec = json.loads(record)
    if rec.get("published") is not None:
        return None
    rec.update(url=url, source=source, published=published)
    return json.dumps(rec, ensure_ascii=False, sort_keys=True)
