from __future__ import annotations

import datetime as dt

from explore_factory import Line, make_article

from dyad.store import EventFilter, Store
from dyad.store.queries import EventRow
from dyad.stories import cluster_events, get_story, list_stories, refresh_stories, story_of_event


def _row(i: str, day: int, precision: str = "day", lat: float | None = None, lon: float | None = None, source: str = "S") -> EventRow:
    return EventRow(i, f"art-{i}", dt.date(2023, 3, day), precision, "ASSAULT", 4, -9.0, "RUS", "UKR", None, lat, lon, source)


def test_same_day_reports_in_one_place_are_one_story():
    stories = cluster_events([_row("a", 1, lat=50.0, lon=36.2), _row("b", 2, lat=50.01, lon=36.25, source="T")])
    assert len(stories) == 1
    assert (stories[0].n_mentions, stories[0].n_articles, stories[0].n_sources) == (2, 2, 2)


def test_distant_places_split_a_story():
    assert len(cluster_events([_row("a", 1, lat=50.0, lon=36.2), _row("b", 1, lat=50.45, lon=30.5)])) == 2


def test_date_precision_widens_the_window():
    assert len(cluster_events([_row("a", 1), _row("b", 6)])) == 2
    assert len(cluster_events([_row("a", 1), _row("b", 6, precision="week")])) == 1


def _talks(i: str, actors: tuple[str, ...], recipients: tuple[str, ...], event: str = "CONSULT", place_country: str | None = None) -> EventRow:
    return EventRow(i, f"art-{i}", dt.date(2023, 2, 22), "day", event, 1, 1.0, actors[0] if actors else None,
                    recipients[0] if recipients else None, None, None, None, "S", actors, recipients, place_country)  # fmt: skip


def test_talks_are_one_story_whichever_side_is_named_first():
    assert len(cluster_events([_talks("a", ("CHN",), ("RUS",)), _talks("b", ("RUS",), ("CHN",))])) == 1
    # A visit naming the visitor only is with the country it takes place in.
    assert len(cluster_events([_talks("a", ("CHN",), ("RUS",)), _talks("c", ("CHN",), (), place_country="RUS")])) == 1
    # Directed types keep their direction.
    assert len(cluster_events([_talks("a", ("CHN",), ("RUS",), "ACCUSE"), _talks("b", ("RUS",), ("CHN",), "ACCUSE")])) == 2


def test_dyads_compare_every_actor_country():
    joint = _talks("a", ("CHN", "RUS"), ("USA",), "ACCUSE")
    assert len(cluster_events([joint, _talks("b", ("CHN", "RUS"), ("USA",), "ACCUSE")])) == 1
    assert len(cluster_events([joint, _talks("c", ("CHN",), ("USA",), "ACCUSE")])) == 2


def test_other_dyad_is_another_story():
    other = EventRow("c", "art-c", dt.date(2023, 3, 1), "day", "ASSAULT", 4, -9.0, "UKR", "RUS", None, None, None, "S")
    assert len(cluster_events([_row("a", 1), other])) == 2


def test_story_ids_are_stable_and_counts_are_from_the_store(corpus_store: Store):
    assert refresh_stories(corpus_store) == 8
    total, page = list_stories(corpus_store, EventFilter(actor="RUS", recipient="CHN", event="CONSULT"))
    assert total == 2
    top = page[0]
    assert (top.n_mentions, top.n_articles, top.n_sources, top.place) == (4, 3, 3, "Moscow")
    refresh_stories(corpus_store)
    again = get_story(corpus_store, top.id)
    assert again is not None and again.event_ids == top.event_ids
    assert story_of_event(corpus_store, top.event_ids[0]) == top.id


def test_stories_follow_new_coding(corpus_store: Store):
    before, _ = list_stories(corpus_store)
    corpus_store.save(make_article("new", dt.date(2024, 1, 5), [Line("IND", "AID", "UKR")]))
    after, _ = list_stories(corpus_store)
    assert after == before + 1
