"""Read-only queries for analytics, stories and the API (SQLAlchemy Core, parameterised).

``Store`` owns writing and the record-level reads; these are the aggregate
and listing queries the explore layer needs. Each takes a ``Store`` and
returns frozen rows or plain tuples, never raw SQL strings built from input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, bindparam, case, func, or_, select

from dyad.store import summaries

# The filter builder lives in filters.py; build_conditions and dyad_condition stay importable from here.
from dyad.store.filters import EventFilter, bound, build_conditions, conditions, dyad_condition, filter_values  # noqa: F401
from dyad.store.schema import articles, event_entities, events, quotes
from dyad.store.store import Store

# Columns the API may sort /events by; a leading '-' sorts descending.
SORTABLE = ("date", "confidence", "goldstein", "event", "actor_code", "recipient_code")
# Sort columns with a (column, id, event, date) index (schema.EXPLORE_INDEXES): a page can be read off it.
WALKABLE = ("date", "confidence", "goldstein")
GOLDSTEIN_DIGITS = 6  # Goldstein sums are rounded to this many decimals


@dataclass(frozen=True, slots=True)
class EventRow:
    """The flat columns of one event, with its article's source (for stories and series)."""

    id: str
    article_id: str
    date: dt.date
    date_precision: str
    event: str
    quad_code: int | None
    goldstein: float | None
    actor_code: str | None
    recipient_code: str | None
    place: str | None
    lat: float | None
    lon: float | None
    source: str | None
    # Country (or IGO) codes of every actor and recipient, not only the first.
    actor_codes: tuple[str, ...] = ()
    recipient_codes: tuple[str, ...] = ()
    place_country: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    date: dt.date
    title: str | None
    source: str | None
    url: str | None
    n_events: int
    n_quotes: int


@dataclass(frozen=True, slots=True)
class ActorRow:
    code: str
    name: str | None
    n_as_actor: int
    n_as_recipient: int

    @property
    def n_events(self) -> int:
        return self.n_as_actor + self.n_as_recipient


def iter_event_rows(store: Store, f: EventFilter = EventFilter(), extra: ColumnElement[bool] | None = None) -> Iterator[EventRow]:
    """Flat event rows joined to their article's source, in date order."""
    c = events.c
    q = (
        select(
            c.id, c.article_id, c.date, c.date_precision, c.event, c.quad_code, c.goldstein,
            c.actor_code, c.recipient_code, c.place, c.lat, c.lon, c.place_country, articles.c.source, articles.c.url,
        )  # fmt: skip
        .join(articles, articles.c.id == c.article_id)
        .order_by(c.date, c.id)
    )
    conds = build_conditions(f)
    if extra is not None:
        conds.append(extra)
    if conds:
        q = q.where(and_(*conds))
    with store.reader.connect() as conn:
        codes = _read_entity_codes(conn, conds)
        for r in conn.execute(q):
            actor_codes, recipient_codes = codes.get(r.id, ((), ()))
            yield EventRow(
                id=r.id,
                article_id=r.article_id,
                date=dt.date.fromisoformat(r.date),
                date_precision=r.date_precision,
                event=r.event,
                quad_code=r.quad_code,
                goldstein=r.goldstein,
                actor_code=r.actor_code,
                recipient_code=r.recipient_code,
                place=r.place,
                lat=r.lat,
                lon=r.lon,
                source=r.source or _host(r.url),
                actor_codes=actor_codes,
                recipient_codes=recipient_codes,
                place_country=r.place_country,
            )


def select_event_points(store: Store, f: EventFilter, extra: ColumnElement[bool]) -> list[tuple[dt.date, str, int | None, float | None]]:
    """(date, type, quad, Goldstein) of the events matching ``f`` and ``extra`` (a series' points: no
    join to the articles, no entity codes, which ``iter_event_rows`` reads for the stories)."""
    c = events.c
    q = select(c.date, c.event, c.quad_code, c.goldstein).where(*build_conditions(f), extra).order_by(c.date, c.id)
    with store.reader.connect() as conn:
        return [(dt.date.fromisoformat(r.date), r.event, r.quad_code, r.goldstein) for r in conn.execute(q)]


def _read_entity_codes(conn: Connection, conds: list[ColumnElement[bool]]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """{event id: (actor codes, recipient codes)} of the events matching ``conds``, in one pass."""
    ee = event_entities.c
    q = select(ee.event_id, ee.role, ee.code).where(ee.code.is_not(None), ee.role.in_(("actor", "recipient")))
    if conds:
        q = q.where(ee.event_id.in_(select(events.c.id).where(and_(*conds))))
    found: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for event_id, role, code in conn.execute(q):
        found[event_id][0 if role == "actor" else 1].add(code)
    return {k: (tuple(sorted(a)), tuple(sorted(r))) for k, (a, r) in found.items()}


def _host(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    return url.split("://", 1)[1].split("/", 1)[0].lower().removeprefix("www.")


# The /events page and count statements, compiled once per (backend, filter shape,
# sort, plan) and run with bound values: building and compiling SQLAlchemy
# expressions costs more than SQLite takes to answer a page.
_PREPARED: dict[tuple[object, ...], tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}


def _run_prepared(store: Store, key: tuple[object, ...], build, values: dict[str, object]) -> list[Any]:
    key = (store.backend, *key)
    prepared = _PREPARED.get(key)
    if prepared is None:
        compiled = build().compile(dialect=store.engine.dialect)
        # Constants in the statement (role names, '') are bound too: keep their values.
        constants = {name: b.value for name, b in compiled.binds.items() if not b.required}
        prepared = _PREPARED[key] = (str(compiled), tuple(compiled.positiontup) if compiled.positional else None, constants)
    sql, order, constants = prepared
    values = {**constants, **values}
    params: Any = tuple(values[name] for name in order) if order is not None else values
    with store.reader.connect() as conn:
        return list(conn.exec_driver_sql(sql, params))


def select_event_records(store: Store, f: EventFilter, limit: int, offset: int, sort: str,
                         matching: int | None = None, total: int | None = None) -> list[str]:  # fmt: skip
    """JSON records of one page of events, sorted by any SORTABLE column (ties broken by id, same direction).

    ``matching`` (events matching ``f``) and ``total`` (all events), when known,
    choose the plan: walking the sort index costs about
    (offset + limit) * total / matching probes, sorting the matches about
    ``matching``; the cheaper one is taken.
    """
    desc = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in SORTABLE:
        raise ValueError(f"cannot sort by {name!r}; choose one of {', '.join(SORTABLE)}")
    # Walk the sort index (a covering one: WALKABLE) when that touches fewer
    # entries than sorting every match; SQLite's planner cannot know, we can.
    walk = bool(
        store.backend == "sqlite" and name in WALKABLE and matching and total
        and (offset + limit) * total < matching * matching
    )  # fmt: skip
    values = filter_values(f)

    def build():
        col = events.c[name]
        # Sort and page over ids first, then join only that page's records: the
        # sorter then never carries the (large) JSON records of every match.
        ids = select(events.c.id, col).order_by(*((col.desc(), events.c.id.desc()) if desc else (col, events.c.id)))
        conds = conditions(bound(values), walk=name if walk else None)
        if conds:
            ids = ids.where(and_(*conds))
        page = ids.limit(bindparam("limit")).offset(bindparam("offset")).subquery("page")
        key_col, id_col = page.c[name], page.c.id
        return (
            select(events.c.record)
            .join_from(page, events, events.c.id == page.c.id)
            .order_by(*((key_col.desc(), id_col.desc()) if desc else (key_col, id_col)))
        )

    rows = _run_prepared(store, ("page", tuple(values), sort, walk), build, {**values, "limit": limit, "offset": offset})
    return [r[0] for r in rows]


def estimate_page_cost(limit: int, offset: int, matching: int, total: int) -> int:
    """Rough number of index entries ``select_event_records`` touches (to decide whether it is cheap)."""
    # Either walk a sort index until offset + limit matches are seen, or sort the matches.
    walk = (offset + limit) * total // max(matching, 1)
    return min(walk, matching) + offset + limit


def list_articles(store: Store, since: dt.date | None, until: dt.date | None, source: str | None, limit: int, offset: int) -> tuple[int, list[ArticleRow]]:
    a = articles.c
    conds = []
    if since:
        conds.append(a.date >= since.isoformat())
    if until:
        conds.append(a.date <= until.isoformat())
    if source:
        conds.append(a.source == source)
    where = and_(*conds) if conds else None
    q = select(a.id, a.date, a.title, a.source, a.url, a.n_events, a.n_quotes).order_by(a.date.desc(), a.id).limit(limit).offset(offset)
    n = select(func.count()).select_from(articles)
    if where is not None:
        q, n = q.where(where), n.where(where)
    with store.reader.connect() as conn:
        total = int(conn.execute(n).scalar_one())
        rows = [ArticleRow(r.id, dt.date.fromisoformat(r.date), r.title, r.source, r.url, r.n_events, r.n_quotes) for r in conn.execute(q)]
    return total, rows


def list_actors(store: Store, f: EventFilter = EventFilter(), limit: int = 100, offset: int = 0, prefix: str | None = None,
                code: str | None = None, exact: bool = False) -> list[ActorRow]:  # fmt: skip
    """Actor codes by the number of events they take part in (as actor or recipient), each
    named by its most frequent name. ``code``: that one code only (the actor page uses this,
    so its counts are the list's). An event counts once per role however many of its
    entities carry the code. From the summaries when they can answer ``f``, unless ``exact``."""
    if not exact and summaries.answers(f, typed=False):
        with store.reader.connect() as conn:
            rows = summaries.actor_counts(conn, f, limit, offset, prefix, code)
            names = summaries.most_frequent_names(conn, [r.code for r in rows])
        return [ActorRow(r.code, names.get(r.code), int(r.na or 0), int(r.nr or 0)) for r in rows]
    ee = event_entities.c
    n_actor = func.count(func.distinct(case((ee.role == "actor", ee.event_id))))
    n_recip = func.count(func.distinct(case((ee.role == "recipient", ee.event_id))))
    q = (
        select(ee.code, n_actor.label("na"), n_recip.label("nr"))
        .join(events, events.c.id == ee.event_id)
        .where(ee.code.is_not(None), ee.role.in_(("actor", "recipient")))
        .group_by(ee.code)
        .order_by((n_actor + n_recip).desc(), ee.code)
        .limit(limit)
        .offset(offset)
    )
    conds = build_conditions(f)
    if prefix:
        # Escaped: a '%' or '_' in the prefix is that character, not a wildcard.
        conds.append(ee.code.startswith(prefix.upper(), autoescape=True))
    if code:
        conds.append(ee.code == code)
    if conds:
        q = q.where(and_(*conds))
    with store.reader.connect() as conn:
        rows = list(conn.execute(q))
        names = _most_frequent_names(conn, [r.code for r in rows])
    return [ActorRow(r.code, names.get(r.code), int(r.na or 0), int(r.nr or 0)) for r in rows]


def _most_frequent_names(conn: Connection, codes: list[str]) -> dict[str, str]:
    """{code: the name its entities carry most often (ties: the first alphabetically)}."""
    if not codes:
        return {}
    ee = event_entities.c
    n = func.count()
    q = (
        select(ee.code, ee.entity_name, n.label("n"))
        .where(ee.code.in_(codes), ee.entity_name.is_not(None), ee.role.in_(("actor", "recipient")))
        .group_by(ee.code, ee.entity_name)
        .order_by(ee.code, n.desc(), ee.entity_name)
    )
    out: dict[str, str] = {}
    for code, name, _ in conn.execute(q):
        out.setdefault(code, name)
    return out


def count_edges(store: Store, f: EventFilter = EventFilter(), touching: str | None = None, exact: bool = False,
                min_events: int = 1, limit: int | None = None) -> list[tuple[str, str, int, float]]:  # fmt: skip
    """(actor code, recipient code, distinct events, Goldstein sum) for every actor→recipient pair with at least
    ``min_events`` events, most first, the first ``limit``; with ``touching``, only the pairs that code is in
    (found by index, not by counting every pair). From the summaries when they can answer ``f``, unless
    ``exact``. Sums are rounded (``GOLDSTEIN_DIGITS``) so both ways give the same numbers whatever order they
    added them in. The database applies ``min_events`` and ``limit`` (the network shows 200 of 6,000 pairs:
    turning the rest into Python rows cost more than counting them)."""
    if touching is not None:  # its pairs come from one or two queries, merged and cut here
        rows = sorted(_edges(store, f, touching, exact, 1, None), key=lambda r: (-r[2], r[0], r[1]))
        return [r for r in rows if r[2] >= min_events][:limit]
    return _edges(store, f, None, exact, min_events, limit)


def _edges(store: Store, f: EventFilter, touching: str | None, exact: bool, min_events: int, limit: int | None) -> list[tuple[str, str, int, float]]:
    if not exact and summaries.answers(f):
        with store.reader.connect() as conn:
            found = summaries.pair_counts(conn, f, touching, min_events, limit)
        return [(s, t, n, round(g, GOLDSTEIN_DIGITS)) for s, t, n, g in found]
    act = event_entities.alias("act")
    rec = event_entities.alias("rec")
    conds = build_conditions(f)
    n_events = func.count(func.distinct(events.c.id))

    def pairs(code: ColumnElement[bool] | None) -> Select[Any]:
        q = (
            select(act.c.code.label("source"), rec.c.code.label("target"), n_events.label("n"),
                   func.coalesce(func.sum(events.c.goldstein), 0.0).label("g"))
            .join(act, and_(act.c.event_id == events.c.id, act.c.role == "actor"))
            .join(rec, and_(rec.c.event_id == events.c.id, rec.c.role == "recipient"))
            # '!=' is false when either code is NULL: no IS NOT NULL, whose range on the code index misled the planner.
            .where(act.c.code != rec.c.code)
            .group_by(act.c.code, rec.c.code)
            .order_by(n_events.desc(), act.c.code, rec.c.code)
        )  # fmt: skip
        if min_events > 1:
            q = q.having(n_events >= min_events)
        return q.where(*conds, *([code] if code is not None else [])).limit(limit)

    def events_with(role: str) -> ColumnElement[bool]:
        ee = event_entities.c
        return events.c.id.in_(select(ee.event_id).where(ee.role == role, ee.code == touching))

    # With ``touching``: its pairs as actor, then as recipient, each from the events that carry the code in
    # that role (an OR of the two, or a join SQLite started from the other side, read every pair: 1.2 s at
    # 100k events, now 0.2 s). No pair is in both, as actor and recipient differ.
    if touching is None:
        queries = [pairs(None)]
    else:
        queries = [pairs(and_(act.c.code == touching, events_with("actor"))), pairs(and_(rec.c.code == touching, events_with("recipient")))]
    with store.reader.connect() as conn:
        return [(r.source, r.target, int(r.n), round(float(r.g), GOLDSTEIN_DIGITS)) for query in queries for r in conn.execute(query)]


def count_event_types(store: Store, f: EventFilter = EventFilter()) -> list[tuple[str, int]]:
    q = select(events.c.event, func.count()).group_by(events.c.event).order_by(func.count().desc(), events.c.event)
    conds = build_conditions(f)
    if conds:
        q = q.where(and_(*conds))
    with store.reader.connect() as conn:
        return [(r[0], int(r[1])) for r in conn.execute(q)]


def count_contexts(store: Store, f: EventFilter = EventFilter(), exact: bool = False) -> list[tuple[str, int]]:
    """Events per PLOVER context among those ``f`` selects (an event counts once per context), most first.
    From the summaries when they can answer ``f``, unless ``exact``."""
    if not exact and summaries.answers(f):
        with store.reader.connect() as conn:
            counts = summaries.context_counts(conn, f)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    q = select(events.c.context, func.count()).group_by(events.c.context)
    conds = build_conditions(f)
    if conds:
        q = q.where(and_(*conds))
    found: dict[str, int] = defaultdict(int)
    with store.reader.connect() as conn:
        for joined, n in conn.execute(q):
            for name in (joined or "").split(";"):
                if name:
                    found[name] += int(n)
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))


def select_quote_records(store: Store, speaker_code: str | None, event_id: str | None, limit: int, offset: int) -> list[str]:
    """Quote JSON records by speaker code/identifier or linked event (``Store.iter_quotes`` matches names)."""
    q = select(quotes.c.record).order_by(quotes.c.article_id, quotes.c.id).limit(limit).offset(offset)
    if speaker_code:
        q = q.where(or_(quotes.c.speaker_code == speaker_code, quotes.c.speaker_identifier == speaker_code))
    if event_id:
        q = q.where(quotes.c.event_id == event_id)
    with store.reader.connect() as conn:
        return [r[0] for r in conn.execute(q)]


@dataclass(frozen=True, slots=True)
class PlaceRow:
    place: str
    lat: float
    lon: float
    country: str | None
    n_events: int
    dead: int
    resolution: str | None = None  # country, admin1, …, populated_place, point: how fine the place is


def count_places(
    store: Store, f: EventFilter = EventFilter(), quad: int | None = None, limit: int = 2000, resolutions: Sequence[str] = ()
) -> list[PlaceRow]:
    """Geocoded event places with their number of events and reported dead, busiest first.

    Aggregate statements (``Event.aggregate``) are left out unless ``f`` asks for them:
    a year's tally is not an event at a place, and its dead would be counted twice.
    ``resolutions`` keeps only places that fine (``populated_place``, ``point``): a country's
    events sit at its capital's coordinates and would otherwise top a map of where things happen.
    """
    if f.aggregate is None:
        f = dataclasses.replace(f, aggregate=False)
    c = events.c
    n = func.count()
    q = (
        select(c.place, c.lat, c.lon, func.min(c.place_country).label("cc"), n.label("n"), func.coalesce(func.sum(c.dead), 0).label("dead"),
               func.min(c.place_resolution).label("resolution"))
        .where(c.lat.is_not(None), c.lon.is_not(None))
        .group_by(c.place, c.lat, c.lon)
        .order_by(n.desc(), c.place)
        .limit(limit)
    )
    conds = build_conditions(f)
    if quad is not None:
        conds.append(c.quad_code == quad)
    if resolutions:
        conds.append(c.place_resolution.in_(tuple(resolutions)))
    if conds:
        q = q.where(and_(*conds))
    with store.reader.connect() as conn:
        return [PlaceRow(r.place or "?", float(r.lat), float(r.lon), r.cc, int(r.n), int(r.dead), r.resolution) for r in conn.execute(q)]


def count_matching(store: Store, f: EventFilter) -> int:
    """Like ``Store.count_events`` but with the index-friendly entity match above."""
    values = filter_values(f)

    def build():
        q = select(func.count()).select_from(events)
        conds = conditions(bound(values))
        return q.where(and_(*conds)) if conds else q

    return int(_run_prepared(store, ("count", tuple(values)), build, values)[0][0])
