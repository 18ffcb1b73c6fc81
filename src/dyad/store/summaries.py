"""Summary tables kept at write time (issue #17): events per day and type by actor code, actor pair and context.

``Store`` calls ``update_summaries`` in the transaction that replaces a batch of
articles: it reads what the batch's stored events contributed before the write
and after it, and adds the difference, so a summary never disagrees with the
events it counts, on either backend and with any number of writers (upserts
in key order). Contributions are read back from the stored rows (codes cut to
their column as stored), so they are exactly what the exact queries see.

The API's aggregates over a date range and a type (``queries.list_actors``,
``count_edges``, ``count_contexts``) read these rows instead of joining every
entity row to its event; a filter they cannot answer (an actor, a context, a
precision …) falls back to the exact query. ``fill_summaries`` builds them for
an existing database (revision 0011).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, case, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from dyad.batched import batched
from dyad.store.filters import EventFilter, filter_values
from dyad.store.schema import (
    SUMMARY_TABLES,
    event_entities,
    events,
    summary_actors,
    summary_contexts,
    summary_names,
    summary_pair_totals,
    summary_pairs,
)

ROLES = ("actor", "recipient")
CHUNK = 500  # article ids per IN list
# The value columns of each summary (the other columns are its key, its primary key).
VALUES = {summary_actors: ("n_events",), summary_pairs: ("n_events", "goldstein_sum"), summary_pair_totals: ("n_events", "goldstein_sum"),
          summary_contexts: ("n_events",), summary_names: ("n_entities",)}  # fmt: skip


def _zeros(n: int) -> list[float]:
    return [0] * n  # counts stay ints


def _keys(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.primary_key.columns)


@dataclass
class Contributions:
    """What some events add to each summary: {table: {key: [values]}}."""

    rows: dict[Table, defaultdict[tuple[Any, ...], list[float]]] = field(
        default_factory=lambda: {t: defaultdict(partial(_zeros, len(VALUES[t]))) for t in SUMMARY_TABLES}
    )

    def add_event(self, day: str, event: str, goldstein: float | None, context: str | None, entities: Iterable[Any]) -> None:
        """One stored event; ``entities``: its actor and recipient rows (role, code, entity_name)."""
        by_role: dict[str, Counter[str]] = {role: Counter() for role in ROLES}
        for role, code, name in entities:
            if code is None:
                continue
            by_role[role][code] += 1
            if name is not None:
                self.rows[summary_names][(code, name)][0] += 1
        # An event counts once per (role, code) and per pair, however many entities carry the code.
        for role, codes in by_role.items():
            for code in codes:
                self.rows[summary_actors][(code, role, day)][0] += 1
        for source, n_source in by_role["actor"].items():
            for target, n_target in by_role["recipient"].items():
                if source != target:
                    # The exact query sums the score over its join rows: once per (actor, recipient) entity pair.
                    score = (goldstein or 0.0) * n_source * n_target
                    for values in (self.rows[summary_pairs][(source, target, day, event)], self.rows[summary_pair_totals][(source, target, event)]):
                        values[0] += 1
                        values[1] += score
        for name in (context or "").split(";"):
            if name:
                self.rows[summary_contexts][(name, day, event)][0] += 1

    def minus(self, other: Contributions) -> Contributions:
        out = Contributions()
        for table in SUMMARY_TABLES:
            for key, values in self.rows[table].items():
                out.rows[table][key] = list(values)
            for key, values in other.rows[table].items():
                mine = out.rows[table][key]
                out.rows[table][key] = [a - b for a, b in zip(mine, values, strict=True)]
        return out


def read_contributions(conn: Connection, article_ids: Sequence[str], into: Contributions | None = None) -> Contributions:
    """What the stored events of these articles contribute to the summaries (one query per chunk: a save
    of one article reads this twice, so statements count)."""
    out = into or Contributions()
    for chunk in batched(dict.fromkeys(article_ids), CHUNK):
        found: dict[str, tuple[Any, list[tuple[str, str | None, str | None]]]] = {}
        for event_id, day, event, goldstein, context, role, code, name in conn.execute(_contributions_query(), {"ids": chunk}):
            entities = found.setdefault(event_id, ((day, event, goldstein, context), []))[1]
            if role is not None:
                entities.append((role, code, name))
        for (day, event, goldstein, context), entities in found.values():
            out.add_event(day, event, goldstein, context, entities)
    return out


@cache
def _contributions_query() -> Any:
    """Each event of the articles ``ids`` with its actor and recipient rows (built once, as the upserts)."""
    ee, ev = event_entities.c, events.c
    roles = and_(ee.event_id == ev.id, ee.role.in_(ROLES))
    q = select(ev.id, ev.date, ev.event, ev.goldstein, ev.context, ee.role, ee.code, ee.entity_name).outerjoin(event_entities, roles)
    return q.where(ev.article_id.in_(bindparam("ids", expanding=True)))


@cache
def _upsert_statement(table: Table, dialect_name: str) -> Any:
    """Insert, or add the values to the row with the same key (built once: building it cost 1 ms a save)."""
    ins = (postgresql if dialect_name == "postgresql" else sqlite).insert(table)
    adds = {v: table.c[v] + ins.excluded[v] for v in VALUES[table]}
    return ins.on_conflict_do_update(index_elements=list(_keys(table)), set_=adds)


def _upsert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    conn.execute(_upsert_statement(table, conn.dialect.name), rows)


def apply_contributions(conn: Connection, delta: Contributions) -> None:
    """Add ``delta`` to the summaries; rows that fall to zero are deleted."""
    for table in SUMMARY_TABLES:
        keys, values = _keys(table), VALUES[table]
        # Key order: two writers upserting overlapping keys lock them in the same order (no deadlock on PostgreSQL).
        changed = sorted((k, v) for k, v in delta.rows[table].items() if any(v))
        if not changed:
            continue
        _upsert(conn, table, [{**dict(zip(keys, k, strict=True)), **dict(zip(values, v, strict=True))} for k, v in changed])
        dropped = [dict(zip((f"k_{k}" for k in keys), key, strict=True)) for key, v in changed if v[0] < 0]
        if dropped:
            match = and_(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
            conn.execute(delete(table).where(match, table.c[values[0]] <= 0), dropped)


def update_summaries(conn: Connection, article_ids: Sequence[str], before: Contributions) -> None:
    """After these articles were written: add what their events contribute now, less ``before``."""
    apply_contributions(conn, read_contributions(conn, article_ids).minus(before))


def fill_summaries(conn: Connection) -> None:
    """Build every summary from the stored events (revision 0011)."""
    from dyad.store.schema import articles

    for table in SUMMARY_TABLES:
        table.create(conn, checkfirst=True)
        conn.execute(delete(table))
    total = Contributions()
    last = ""
    while True:
        ids = list(conn.execute(select(articles.c.id).where(articles.c.id > last).order_by(articles.c.id).limit(CHUNK)).scalars())
        if not ids:
            break
        read_contributions(conn, ids, into=total)
        last = ids[-1]
    apply_contributions(conn, total)


# -- reading ---------------------------------------------------------------


def answers(f: EventFilter, typed: bool = True) -> bool:
    """Can the summaries answer ``f``? Only a date range and (``typed``: the pairs and contexts) a type."""
    return f == EventFilter(event=f.event if typed else None, since=f.since, until=f.until)


def _where(table: Table, f: EventFilter) -> list[Any]:
    values = filter_values(f)  # fitted and upper-cased as the exact filter binds them
    conds = []
    if "since" in values:
        conds.append(table.c.day >= values["since"])
    if "until" in values:
        conds.append(table.c.day <= values["until"])
    if "event" in values:  # (not asked of summary_actors: answers(f, typed=False))
        conds.append(table.c.event == values["event"])
    return conds


def actor_counts(conn: Connection, f: EventFilter, limit: int, offset: int, prefix: str | None, code: str | None) -> list[Any]:
    """(code, na, nr) rows as ``queries.list_actors`` orders and pages them."""
    s = summary_actors.c
    na = func.sum(case((s.role == "actor", s.n_events), else_=0))
    nr = func.sum(case((s.role == "recipient", s.n_events), else_=0))
    conds = _where(summary_actors, f)
    if prefix:
        conds.append(s.code.startswith(prefix.upper(), autoescape=True))
    if code:
        conds.append(s.code == code)
    q = select(s.code, na.label("na"), nr.label("nr")).group_by(s.code).having(func.sum(s.n_events) > 0)
    q = q.order_by((na + nr).desc(), s.code).limit(limit).offset(offset)
    return list(conn.execute(q.where(*conds)))


def most_frequent_names(conn: Connection, codes: list[str]) -> dict[str, str]:
    """{code: the name its entities carry most often (ties: the first in the database's order)}."""
    if not codes:
        return {}
    s = summary_names.c
    q = select(s.code, s.name).where(s.code.in_(codes), s.n_entities > 0).order_by(s.code, s.n_entities.desc(), s.name)
    out: dict[str, str] = {}
    for code, name in conn.execute(q):
        out.setdefault(code, name)
    return out


def pair_counts(conn: Connection, f: EventFilter, touching: str | None, min_events: int = 1, limit: int | None = None) -> list[tuple[str, str, int, float]]:
    """(source, target, events, Goldstein sum) per pair with at least ``min_events``, most events first (then by
    codes in the database's order), the first ``limit``. Without a date range from the totals over all time (a
    row per pair and type, not per day) unless ``touching``: one code's pairs are found by index in the days."""
    table = summary_pairs if f.since or f.until or touching is not None else summary_pair_totals
    s = table.c
    n = func.sum(s.n_events)
    conds = _where(table, f)
    if touching is not None:
        conds.append((s.source == touching) | (s.target == touching))
    q = select(s.source, s.target, n.label("n"), func.sum(s.goldstein_sum).label("g")).where(*conds)
    q = q.group_by(s.source, s.target).having(n >= max(min_events, 1)).order_by(n.desc(), s.source, s.target).limit(limit)
    return [(r.source, r.target, int(r.n), float(r.g)) for r in conn.execute(q)]


def context_counts(conn: Connection, f: EventFilter) -> dict[str, int]:
    s = summary_contexts.c
    q = select(s.context, func.sum(s.n_events)).where(*_where(summary_contexts, f)).group_by(s.context)
    return {name: int(n) for name, n in conn.execute(q) if n}
