"""The actor network and the busiest actors and event types of a period."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dyad.store import EventFilter, Store
from dyad.store.queries import count_edges, count_event_types, list_actors


def compute_actor_network(
    store: Store, since: dt.date | None = None, until: dt.date | None = None, event: str | None = None, min_events: int = 1
) -> pd.DataFrame:
    """Directed edges actor → recipient weighted by the number of events.

    Columns: ``source``, ``target``, ``events``, ``goldstein_sum``; heaviest
    first. An event with two actors and one recipient adds one to each edge.
    """
    rows = count_edges(store, EventFilter(since=since, until=until, event=event), min_events=min_events)
    return pd.DataFrame(rows, columns=["source", "target", "events", "goldstein_sum"])


def compute_top_actors(store: Store, since: dt.date | None = None, until: dt.date | None = None, n: int = 10) -> pd.DataFrame:
    """Columns: ``code``, ``name``, ``as_actor``, ``as_recipient``, ``events``; busiest first."""
    rows = list_actors(store, EventFilter(since=since, until=until), limit=n)
    return pd.DataFrame(
        [(r.code, r.name, r.n_as_actor, r.n_as_recipient, r.n_events) for r in rows],
        columns=["code", "name", "as_actor", "as_recipient", "events"],
    )


def compute_top_event_types(
    store: Store, since: dt.date | None = None, until: dt.date | None = None, actor: str | None = None, n: int = 10
) -> pd.DataFrame:
    """Columns: ``event``, ``events``, ``share`` (of all events matching); most frequent first."""
    rows = count_event_types(store, EventFilter(since=since, until=until, actor=actor))
    frame = pd.DataFrame(rows, columns=["event", "events"])
    total = int(frame["events"].sum()) if len(frame) else 0
    frame["share"] = frame["events"] / total if total else 0.0
    return frame.head(n).reset_index(drop=True)
