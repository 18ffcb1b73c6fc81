"""Stories are kept up to date incrementally (issue #17): after new or re-coded articles only the groups
they touch are clustered again, and the stories are those a full clustering gives, on both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt

from explore_factory import make_corpus, make_random_corpus
from sqlalchemy import select

from dyad.store import EventFilter, Store
from dyad.store.schema import stories, story_events
from dyad.stories import ensure_stories, list_stories, refresh_stories, update_stories


def _all_stories(store: Store) -> list[tuple[object, ...]]:
    """Every stored story with its members' ids, articles and groups."""
    with store.reader.connect() as conn:
        rows = sorted(tuple(r) for r in conn.execute(select(stories)))
        members = sorted(tuple(r) for r in conn.execute(select(story_events)))
    return [*rows, *members]


def test_new_articles_cluster_only_their_groups_as_a_full_clustering_would(db_url: str):
    corpus = make_random_corpus(400, seed=3)  # six countries, seven types: groups of many reports
    with Store(db_url) as store:
        store.save_many(corpus[:60])
        ensure_stories(store)  # clusters everything: never built
        assert update_stories(store) == 0  # nothing new
        # New articles, and old ones coded again with other events (one moved to another day and dyad).
        store.save_many(corpus[60:])
        moved = corpus[5]  # its reports now a day late and the other way round: other days, other groups
        store.save(dataclasses.replace(moved, events=tuple(
            dataclasses.replace(e, actor=e.recipient, recipient=e.actor, when=dataclasses.replace(e.when, date=e.when.date + dt.timedelta(days=1)))
            for e in moved.events)))  # fmt: skip
        store.save(dataclasses.replace(corpus[6], events=()))
        touched = update_stories(store)
        assert touched is not None and 0 < touched
        incremental = _all_stories(store)
        refresh_stories(store)
        assert _all_stories(store) == incremental


def test_a_store_that_never_clustered_clusters_everything_once(store: Store):
    store.save_many(make_corpus())
    assert update_stories(store) is None  # never built: everything
    assert update_stories(store) == 0
    assert list_stories(store)[0] == 8


def test_a_date_bound_alone_selects_stories_by_their_first_or_last_report(store: Store):
    store.save_many(make_random_corpus(400, seed=4))
    for bound in ({"since": dt.date(2022, 9, 1)}, {"until": dt.date(2023, 2, 1)}, {"since": dt.date(2023, 12, 31)}):
        # min_confidence (every event has 0.9) keeps the same events but makes the stories be matched by their members.
        by_members = list_stories(store, EventFilter(**bound, min_confidence=0.0), 500, 0)  # type: ignore[arg-type]
        assert list_stories(store, EventFilter(**bound), 500, 0) == by_members  # type: ignore[arg-type]
