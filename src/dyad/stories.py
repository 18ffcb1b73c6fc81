"""Story events: the records that report one real-world event, clustered.

A news event is reported in many sentences and articles; GDELT counts each
report (NumMentions) but never says which reports are the same event. Here
two event records belong to one story when they have

- the same PLOVER type and the same dyad: the set of country codes of all
  actors and the set of all recipients (not only the first of each). Types
  flagged ``undirected`` in the ontology (coding/data/plover.yaml) compare
  one set of both sides, so "China holds talks with Russia" and "Russia
  welcomes China" report one meeting;
- dates that agree within their precision (a "last week" date is a window of
  seven days, an article-date fallback two days, a day-precision date one);
- places within ``MAX_KM`` of each other when both have coordinates.

Clustering is single-link within a (type, actor, recipient) group walked in
date order, so a chain of daily reports of a week-long siege stays one story.

Stories are derived data: ``refresh_stories(store)`` recomputes the
``stories`` and ``story_events`` tables (``store/schema.py``, created by
migration 0004) from the events (in one transaction)
and records a fingerprint of the events table; ``ensure_stories(store)``
refreshes only when that fingerprint changed, so readers (the API) call it
before every story query and pay one small query when nothing changed.

A story id is ``s-`` + a hash of its earliest member event id, so it is
stable across refreshes as long as that first report stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, func, select

from dyad.store import EventFilter, Store
from dyad.store.filters import build_conditions
from dyad.store.queries import EventRow, fingerprint, iter_event_rows
from dyad.store.schema import events, stories, stories_meta, story_events

MAX_KM = 100.0


# Half-width in days of the window a date of each precision stands for.
PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "season": 92, "year": 366, "article": 2}

@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event and how widely it was reported."""

    id: str
    event: str
    actor_code: str | None
    recipient_code: str | None
    date_first: dt.date
    date_last: dt.date
    quad_code: int | None
    goldstein: float | None
    place: str | None
    lat: float | None
    lon: float | None
    n_mentions: int  # event records (sentences) that report it
    n_articles: int
    n_sources: int  # distinct sources (falls back to the article when unknown)
    first_event_id: str
    event_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "event": self.event,
            "actor_code": self.actor_code,
            "recipient_code": self.recipient_code,
            "date_first": self.date_first.isoformat(),
            "date_last": self.date_last.isoformat(),
            "quad_code": self.quad_code,
            "goldstein": self.goldstein,
            "place": self.place,
            "lat": self.lat,
            "lon": self.lon,
            "n_mentions": self.n_mentions,
            "n_articles": self.n_articles,
            "n_sources": self.n_sources,
            "first_event_id": self.first_event_id,
            "event_ids": list(self.event_ids),
        }


def compute_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _window(r: EventRow) -> int:
    return PRECISION_DAYS.get(r.date_precision, 2)


def _same_story(cluster: Sequence[EventRow], r: EventRow) -> bool:
    """Does ``r`` agree in date with some member and in place with every placed member?"""
    dated = any(abs((r.date - m.date).days) <= max(_window(r), _window(m)) for m in cluster)
    if not dated:
        return False
    if r.lat is None or r.lon is None:
        return True
    return all(m.lat is None or m.lon is None or compute_distance_km(r.lat, r.lon, m.lat, m.lon) <= MAX_KM for m in cluster)


def _make_story(members: Sequence[EventRow]) -> Story:
    first = min(members, key=lambda m: (m.date, m.id))
    placed = [m for m in members if m.lat is not None and m.lon is not None]
    # The most reported place names the story; coordinates are its members' mean.
    names: dict[str, int] = defaultdict(int)
    for m in members:
        if m.place:
            names[m.place] += 1
    place = max(sorted(names), key=lambda k: names[k]) if names else None
    gold = [m.goldstein for m in members if m.goldstein is not None]
    return Story(
        id="s-" + hashlib.sha1(first.id.encode()).hexdigest()[:12],
        event=first.event,
        actor_code=first.actor_code,
        recipient_code=first.recipient_code,
        date_first=min(m.date for m in members),
        date_last=max(m.date for m in members),
        quad_code=first.quad_code,
        goldstein=gold[0] if gold else None,
        place=place,
        lat=round(sum(m.lat for m in placed) / len(placed), 4) if placed else None,  # type: ignore[misc]
        lon=round(sum(m.lon for m in placed) / len(placed), 4) if placed else None,  # type: ignore[misc]
        n_mentions=len(members),
        n_articles=len({m.article_id for m in members}),
        n_sources=len({m.source or f"article:{m.article_id}" for m in members}),
        first_event_id=first.id,
        event_ids=tuple(sorted(m.id for m in members)),
    )


@functools.cache
def undirected_types() -> frozenset[str]:
    """Types whose two sides do the same thing: A meeting or cooperating with B is B
    meeting or cooperating with A, whichever side a report names first."""
    from dyad.coding.ontology import load_ontology  # here: dyad.coding would load spaCy with the stories

    return load_ontology().with_flag("undirected")


def build_dyad_key(r: EventRow) -> tuple[object, ...]:
    """What two reports must share to be one story: the type and the countries on each side."""
    actors = frozenset(r.actor_codes or ([r.actor_code] if r.actor_code else []))
    recipients = frozenset(r.recipient_codes or ([r.recipient_code] if r.recipient_code else []))
    if r.event not in undirected_types():
        return (r.event, actors, recipients)
    sides = actors | recipients
    # A meeting reported with one side only ("Wang Yi's visit", in Moscow) is
    # with the country it takes place in.
    if r.place_country and not (actors and recipients):
        sides |= {r.place_country}
    return (r.event, sides)


def cluster_events(rows: Iterable[EventRow]) -> list[Story]:
    """Group event rows into stories (see the module docstring for the rule)."""
    groups: dict[tuple[object, ...], list[EventRow]] = defaultdict(list)
    for r in rows:
        groups[build_dyad_key(r)].append(r)
    out: list[Story] = []
    for members in groups.values():
        members.sort(key=lambda m: (m.date, m.id))
        open_clusters: list[list[EventRow]] = []
        for r in members:
            # A cluster whose last report is older than the widest window cannot match.
            horizon = r.date - dt.timedelta(days=2 * max(PRECISION_DAYS.values()))
            home = next((c for c in reversed(open_clusters) if c[-1].date >= horizon and _same_story(c, r)), None)
            if home is None:
                open_clusters.append([r])
            else:
                home.append(r)
        out.extend(_make_story(c) for c in open_clusters)
    out.sort(key=lambda s: (s.date_first, s.id))
    return out


_refresh_lock = threading.Lock()


def refresh_stories(store: Store) -> int:
    """Recompute the stories tables from the events; return the number of stories."""
    with _refresh_lock:
        mark = fingerprint(store)
        found = cluster_events(iter_event_rows(store))
        with store.engine.begin() as conn:
            conn.execute(delete(story_events))
            conn.execute(delete(stories))
            if found:
                conn.execute(stories.insert(), [_story_row(s) for s in found])
                conn.execute(story_events.insert(), [{"story_id": s.id, "event_id": e} for s in found for e in s.event_ids])
            conn.execute(delete(stories_meta).where(stories_meta.c.key == "fingerprint"))
            conn.execute(stories_meta.insert().values(key="fingerprint", value=mark))
        return len(found)


def ensure_stories(store: Store) -> None:
    """Refresh the stories tables if the events changed since the last refresh."""
    mark = fingerprint(store)
    with store.reader.connect() as conn:
        stored = conn.execute(select(stories_meta.c.value).where(stories_meta.c.key == "fingerprint")).scalar()
    if stored != mark:
        refresh_stories(store)


def _story_row(s: Story) -> dict[str, object]:
    d = s.to_json()
    del d["event_ids"]
    return d


def _story_from_row(r, event_ids: tuple[str, ...] = ()) -> Story:
    # Columns and fields share names: a new Story field is one column in the table, not another line here.
    row = r._mapping
    values = {f.name: row[f.name] for f in dataclasses.fields(Story) if f.name in row}
    values.update(date_first=dt.date.fromisoformat(r.date_first), date_last=dt.date.fromisoformat(r.date_last), event_ids=event_ids)
    return Story(**values)


def _story_conditions(f: EventFilter, first: ColumnElement[bool] | None = None) -> list[ColumnElement[bool]]:
    """A story matches when one of its member events matches ``f`` and its first event matches ``first``."""
    out: list[ColumnElement[bool]] = []
    conds = build_conditions(f)
    if conds:
        members = select(story_events.c.story_id).join(events, events.c.id == story_events.c.event_id).where(and_(*conds))
        out.append(stories.c.id.in_(members))
    if first is not None:
        out.append(stories.c.first_event_id.in_(select(events.c.id).where(first)))
    return out


def list_stories(store: Store, f: EventFilter = EventFilter(), limit: int = 50, offset: int = 0) -> tuple[int, list[Story]]:
    """(total, one page of stories) matching ``f``, most reported first, then newest."""
    ensure_stories(store)
    conds = _story_conditions(f)
    q = select(stories).order_by(stories.c.n_sources.desc(), stories.c.n_mentions.desc(), stories.c.date_first.desc(), stories.c.id)
    n = select(func.count()).select_from(stories)
    if conds:
        q, n = q.where(and_(*conds)), n.where(and_(*conds))
    with store.reader.connect() as conn:
        total = int(conn.execute(n).scalar_one())
        rows = list(conn.execute(q.limit(limit).offset(offset)))
        ids = [r.id for r in rows]
        members: dict[str, list[str]] = defaultdict(list)
        if ids:
            for sid, eid in conn.execute(select(story_events.c.story_id, story_events.c.event_id).where(story_events.c.story_id.in_(ids))):
                members[sid].append(eid)
    return total, [_story_from_row(r, tuple(sorted(members[r.id]))) for r in rows]


def get_story(store: Store, story_id: str) -> Story | None:
    ensure_stories(store)
    with store.reader.connect() as conn:
        row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
        if row is None:
            return None
        ids = tuple(sorted(conn.execute(select(story_events.c.event_id).where(story_events.c.story_id == story_id)).scalars()))
    return _story_from_row(row, ids)


def story_of_event(store: Store, event_id: str) -> str | None:
    ensure_stories(store)
    with store.reader.connect() as conn:
        return conn.execute(select(story_events.c.story_id).where(story_events.c.event_id == event_id)).scalar()


def iter_all_stories(store: Store, f: EventFilter = EventFilter(), first: ColumnElement[bool] | None = None) -> list[Story]:
    """Every story matching ``f`` (for analytics at story level), without member ids.

    ``first``: a condition on events that the story's first report must meet
    (``series`` counts a story for the dyad it was first reported with).
    """
    ensure_stories(store)
    q = select(stories).order_by(stories.c.date_first, stories.c.id)
    conds = _story_conditions(f, first)
    if conds:
        q = q.where(and_(*conds))
    with store.reader.connect() as conn:
        return [_story_from_row(r) for r in conn.execute(q)]
