"""Read-only JSON endpoints: articles, events with evidence, actors, series, network, quotes, stories, places.

Lists answer ``{"total", "limit", "offset", "items"}``; ``limit`` is capped at
MAX_PAGE (a larger one is a 422, not a silent cut).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from dyad.analytics import Freq, Level
from dyad.analytics.series import count_dyad_periods
from dyad.api.evidence import build_evidence
from dyad.api.state import AppState
from dyad.coding.ontology import check_event_type
from dyad.contexts.names import CONTEXT_NAMES
from dyad.errors import ConfigError, NotFoundError
from dyad.records import DATE_PRECISIONS
from dyad.store import EventFilter, Store
from dyad.store.filters import normalise_code
from dyad.store.queries import (
    SORTABLE,
    count_contexts,
    count_edges,
    count_event_types,
    count_places,
    estimate_page_cost,
    list_actors,
    list_articles,
    select_event_records,
    select_quote_records,
)
from dyad.stories import get_story, list_stories, story_of_event
from dyad.where.gazetteer import FEATURES as PLACE_RESOLUTIONS

if TYPE_CHECKING:
    pass

MAX_PAGE = 500
INLINE_COST = 20_000  # index entries a page may touch and still be read on the event loop
SORT_PATTERN = "^-?(" + "|".join(SORTABLE) + ")$"

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Since = Annotated[dt.date | None, Query(description="First date, YYYY-MM-DD.")]
Until = Annotated[dt.date | None, Query(description="Last date, YYYY-MM-DD.")]
# Long enough for any identifier or name the store keeps (filters.py fits values as stored).
MAX_FILTER = 1000
Code = Annotated[str | None, Query(max_length=MAX_FILTER, description="Country/IGO code (RUS), sector (MIL), identifier or name.")]
EventType = Annotated[str | None, Query(alias="type", max_length=16, pattern="^[A-Za-z_]+$", description="PLOVER event type (any case).")]
ContextName = Enum("ContextName", {n: n for n in CONTEXT_NAMES}, type=str)  # type: ignore[misc]
Contexts = Annotated[list[ContextName] | None, Query(alias="context", description="PLOVER context (military …); repeat for any of several.")]
PlaceResolution = Enum("PlaceResolution", {n: n for n in PLACE_RESOLUTIONS}, type=str)  # type: ignore[misc]
Resolutions = Annotated[
    list[PlaceResolution] | None, Query(alias="resolution", description="Place resolution to keep (populated_place, point …); repeat for several.")
]


def _contexts(values: Sequence[Enum] | None) -> tuple[str, ...]:
    return tuple(v.value for v in values or ())


Precision = Annotated[
    str | None,
    Query(max_length=80, pattern="^[a-z,]+$", description="Date precisions to keep, comma-separated: day, week, month, season, year, article."),
]
Aggregate = Annotated[
    bool | None,
    Query(description="false: leave out aggregate statements (tallies over a month or more); true: only those; absent: both."),
]


def event_filter(actor: str | None = None, recipient: str | None = None, type_: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, precision: str | None = None, aggregate: bool | None = None,
                 context: tuple[str, ...] = ()) -> EventFilter:  # fmt: skip
    """The filter of a request; an unknown type or precision is a 400 with a hint, never an empty page."""
    precisions = tuple(p for p in (precision or "").split(",") if p)
    unknown = [p for p in precisions if p not in DATE_PRECISIONS]
    if unknown:
        raise ConfigError(f"unknown date_precision {', '.join(map(repr, unknown))}; choose from {', '.join(DATE_PRECISIONS)}")
    event = check_event_type(type_) if type_ else None
    return EventFilter(actor=actor, recipient=recipient, event=event, since=since, until=until, date_precision=precisions,
                       aggregate=aggregate, context=context)  # fmt: skip


class LevelParam(str, Enum):
    event = "event"
    story = "story"


def _store(request: Request) -> Store:
    return request.app.state.dyad.store


def _cached(request: Request, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """This path and query's answer, computed once per store state (``ResultCache``)."""
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
    return request.app.state.dyad.results.get(key, compute)


def _page(total: int | None, limit: int, offset: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/articles", tags=["articles"])
def get_articles(request: Request, since: Since = None, until: Until = None, source: Annotated[str | None, Query(max_length=200)] = None,
                 limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
    """Stored articles, newest first."""
    total, rows = list_articles(_store(request), since, until, source, limit, offset)
    items = [{"id": r.id, "date": r.date.isoformat(), "title": r.title, "source": r.source, "url": r.url,
              "n_events": r.n_events, "n_quotes": r.n_quotes} for r in rows]  # fmt: skip
    return _page(total, limit, offset, items)


@router.get("/articles/{article_id}", tags=["articles"])
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article's text with its events and quotes."""
    store = _store(request)
    art = store.get_article(article_id)
    evs = [e.to_plover() for e in store.iter_events(EventFilter(article_id=article_id))]
    qs = [q.to_json() for q in store.iter_quotes(article_id=article_id)]
    return {"id": art.id, "date": art.date.isoformat(), "title": art.title, "source": art.source, "url": art.url,
            "text": art.text, "events": evs, "quotes": qs}  # fmt: skip


@router.get("/events", tags=["events"])
async def get_events(
    request: Request,
    actor: Code = None,
    recipient: Code = None,
    type_: EventType = None,
    since: Since = None,
    until: Until = None,
    context: Contexts = None,
    date_precision: Precision = None,
    aggregate: Aggregate = None,
    level: LevelParam = LevelParam.event,
    sort: Annotated[str, Query(pattern=SORT_PATTERN, description="date, confidence, goldstein …; '-' for descending.")] = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Events (or, with ``level=story``, the stories they form) matching the filters."""
    state = request.app.state.dyad
    f = event_filter(actor, recipient, type_, since, until, date_precision, aggregate, context=_contexts(context))
    if level is LevelParam.story:

        def compute() -> dict[str, Any]:
            total, stories = list_stories(state.store, f, limit, offset)
            return _page(total, limit, offset, [s.to_json() for s in stories])

        # Cached like /stories: a page of stories with a member filter costs two queries over the members.
        return JSONResponse(await run_in_threadpool(_cached, request, compute))
    # The API's hottest path. With SQLite and both counts cached, a cheap page is
    # read right here on the event loop (a thread hop costs more than the query);
    # anything that must count or may scan far goes to the thread pool.
    if state.store.backend == "sqlite":
        state.counts.refresh()
        matching, total = state.counts.peek(f), state.counts.peek(EventFilter())
        if matching is not None and total is not None and estimate_page_cost(limit, offset, matching, total) <= INLINE_COST:
            return _render_events_page(state, f, limit, offset, sort)
    return await run_in_threadpool(_render_events_page, state, f, limit, offset, sort)


def _render_events_page(state: AppState, f: EventFilter, limit: int, offset: int, sort: str) -> Response:
    if state.store.backend != "sqlite":
        state.counts.refresh()
    matching, total = state.counts.count(f), state.counts.count(EventFilter())
    records = select_event_records(state.store, f, limit, offset, sort, matching, total)
    # Records are stored as JSON text: splice them into the page as they are
    # rather than parse and re-encode them.
    head = json.dumps({"total": matching, "limit": limit, "offset": offset})[:-1]
    return Response(f'{head}, "items": [{",".join(records)}]}}', media_type="application/json")


@router.get("/events/{event_id}", tags=["events"])
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event with its evidence: the article text around it and the spans it rests on."""
    store = _store(request)
    event = store.get_event(event_id)
    evidence = build_evidence(event, store.get_article(event.article_id))
    quotes = [q.to_json() for q in store.iter_quotes(article_id=event.article_id) if q.event_id == event.id]
    return {"event": event.to_plover(), "story_id": story_of_event(store, event.id), "evidence": evidence.to_json(), "quotes": quotes}


@router.get("/contexts", tags=["events"])
def get_contexts(request: Request, actor: Code = None, recipient: Code = None, type_: EventType = None, since: Since = None,
                 until: Until = None) -> dict[str, Any]:  # fmt: skip
    """The context facet: events per PLOVER context among those the filters select, most first."""

    def compute() -> dict[str, Any]:
        rows = count_contexts(_store(request), EventFilter(actor=actor, recipient=recipient, event=type_, since=since, until=until))
        return {"items": [{"context": name, "events": n} for name, n in rows]}

    return _cached(request, compute)


@router.get("/stories", tags=["stories"])
def get_stories(request: Request, actor: Code = None, recipient: Code = None, type_: EventType = None, since: Since = None,
                until: Until = None, context: Contexts = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
    """Real-world events: reports of one event clustered, most widely reported first."""

    def compute() -> dict[str, Any]:
        f = event_filter(actor, recipient, type_, since, until, context=_contexts(context))
        total, stories = list_stories(_store(request), f, limit, offset)
        return _page(total, limit, offset, [s.to_json() for s in stories])

    return _cached(request, compute)


@router.get("/stories/{story_id}", tags=["stories"])
def get_story_detail(request: Request, story_id: str) -> dict[str, Any]:
    store = _store(request)
    story = get_story(store, story_id)
    if story is None:
        raise NotFoundError(f"no story {story_id!r}")
    return {**story.to_json(), "events": [store.get_event(i).to_plover() for i in story.event_ids[:MAX_PAGE]]}


@router.get("/actors", tags=["actors"])
def get_actors(request: Request, q: Annotated[str | None, Query(max_length=16, description="Code prefix.")] = None,
               since: Since = None, until: Until = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
    """Actor codes by the number of events they take part in."""

    def compute() -> dict[str, Any]:
        rows = list_actors(_store(request), EventFilter(since=since, until=until), limit, offset, prefix=q)
        items = [{"code": r.code, "name": r.name, "as_actor": r.n_as_actor, "as_recipient": r.n_as_recipient, "events": r.n_events} for r in rows]
        # total is null when a full page came back: more may follow (counting them would cost a second scan).
        return _page(len(items) + offset if len(items) < limit else None, limit, offset, items)

    return _cached(request, compute)


@router.get("/actors/{code}", tags=["actors"])
def get_actor(request: Request, code: str, since: Since = None, until: Until = None) -> dict[str, Any]:
    """One actor: its event counts, partners (both directions) and event types."""
    code = normalise_code(code)

    def compute() -> dict[str, Any]:
        store = _store(request)
        # The list's own query for one code, so the page's counts are the list's.
        found = list_actors(store, EventFilter(since=since, until=until), limit=1, code=code)
        if not found:
            raise NotFoundError(f"no events with actor {code!r}")
        row = found[0]
        edges = count_edges(store, EventFilter(since=since, until=until), touching=code)
        out = [{"code": t, "events": n, "goldstein_sum": g} for s, t, n, g in edges if s == code]
        inc = [{"code": s, "events": n, "goldstein_sum": g} for s, t, n, g in edges if t == code]
        types = count_event_types(store, EventFilter(actor=code, since=since, until=until))
        return {"code": code, "name": row.name, "as_actor": row.n_as_actor, "as_recipient": row.n_as_recipient, "events": row.n_events,
                "targets": out[:20], "sources": inc[:20], "types": [{"event": t, "events": n} for t, n in types]}  # fmt: skip

    return _cached(request, compute)


@router.get("/series", tags=["analytics"])
def get_series(
    request: Request,
    actor: Annotated[str, Query(max_length=MAX_FILTER)],
    recipient: Annotated[str, Query(max_length=MAX_FILTER)],
    freq: Freq = Freq.week,
    directed: bool = False,
    level: LevelParam = LevelParam.event,
    since: Since = None,
    until: Until = None,
    context: Contexts = None,
) -> dict[str, Any]:
    """Counts by PLOVER type and quad class and Goldstein sums per period between two actors."""

    def compute() -> dict[str, Any]:
        types, found = count_dyad_periods(_store(request), actor, recipient, freq, directed, since, until, Level(level.value), _contexts(context))
        periods = [{"period": p.start.isoformat(), "n_events": p.n_events, "goldstein_sum": p.goldstein_sum,
                    "goldstein_mean": None if p.goldstein_mean is None else round(p.goldstein_mean, 3), "quads": p.quads, "types": p.types}
                   for p in found]  # fmt: skip
        return {"actor": actor, "recipient": recipient, "freq": freq.value, "directed": directed, "level": level.value,
                "types": types, "periods": periods}  # fmt: skip

    return _cached(request, compute)


@router.get("/network", tags=["analytics"])
def get_network(request: Request, since: Since = None, until: Until = None, type_: EventType = None,
                min_events: Annotated[int, Query(ge=1)] = 1, limit: Limit = 200) -> dict[str, Any]:  # fmt: skip
    """The actor network: directed edges weighted by the number of events."""

    def compute() -> dict[str, Any]:
        edges = count_edges(_store(request), EventFilter(since=since, until=until, event=type_), min_events=min_events, limit=limit)
        weight: dict[str, int] = {}
        for s, t, n, _ in edges:
            weight[s] = weight.get(s, 0) + n
            weight[t] = weight.get(t, 0) + n
        nodes = [{"code": c, "events": n} for c, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
        return {"nodes": nodes, "edges": [{"source": s, "target": t, "events": n, "goldstein_sum": g} for s, t, n, g in edges]}

    return _cached(request, compute)


@router.get("/places", tags=["analytics"])
def get_places(request: Request, actor: Code = None, recipient: Code = None, type_: EventType = None, since: Since = None,
               until: Until = None, context: Contexts = None, date_precision: Precision = None,
               quad: Annotated[int | None, Query(ge=1, le=4)] = None, limit: Annotated[int, Query(ge=1, le=5000)] = 2000,
               resolution: Resolutions = None) -> dict[str, Any]:  # fmt: skip
    """Geocoded event places with event counts (``quad=4`` for material conflict: where the fighting is;
    ``resolution=populated_place&resolution=point`` for towns and sites only, not countries at their capitals).

    Aggregate statements are left out: a year's tally is not an event at a place."""

    def compute() -> dict[str, Any]:
        f = event_filter(actor, recipient, type_, since, until, date_precision, context=_contexts(context))
        rows = count_places(_store(request), f, quad, limit, _contexts(resolution))
        return {"items": [{"place": r.place, "lat": r.lat, "lon": r.lon, "country": r.country, "resolution": r.resolution,
                           "events": r.n_events, "dead": r.dead} for r in rows]}

    return _cached(request, compute)


@router.get("/quotes", tags=["quotes"])
def get_quotes(request: Request, speaker: Annotated[str | None, Query(max_length=200, description="Name substring, code or identifier.")] = None,
               code: Annotated[str | None, Query(max_length=64, description="Speaker country/IGO code or identifier only (no name match).")] = None,
               article_id: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
    """Direct quotations with their speakers."""
    store = _store(request)
    if code:
        # An actor's page: 'RUS' must not match a speaker named Russell.
        quotes = [json.loads(r) for r in select_quote_records(store, code, None, limit, offset)]
    else:
        quotes = [q.to_json() for q in store.iter_quotes(speaker=speaker, article_id=article_id, limit=limit, offset=offset)]
    return _page(len(quotes) + offset if len(quotes) < limit else None, limit, offset, quotes)
