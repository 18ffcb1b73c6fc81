"""Issue #17: the actor pairs' totals over all time (``summary_pair_totals``), so /network without a date
range reads one row per pair and type instead of one per day; filled from the day-level pair summary.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, delete, func, select

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    add_pair_totals(op.get_bind())


def downgrade() -> None:
    from dyad.store.schema import summary_pair_totals

    summary_pair_totals.drop(op.get_bind(), checkfirst=True)


def add_pair_totals(conn: Connection) -> None:
    from dyad.store.schema import summary_pair_totals, summary_pairs

    summary_pair_totals.create(conn, checkfirst=True)
    conn.execute(delete(summary_pair_totals))  # a new database has it from 0001, empty; an old one never had it
    s = summary_pairs.c
    totals = select(s.source, s.target, s.event, func.sum(s.n_events), func.sum(s.goldstein_sum)).group_by(s.source, s.target, s.event)
    conn.execute(summary_pair_totals.insert().from_select(["source", "target", "event", "n_events", "goldstein_sum"], totals))
