"""The summary tables (issue #17) give the API's aggregates exactly what the exact queries give, on both
backends: after saves, after re-coding articles, and when revisions 0011 and 0012 build them for an existing database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from alembic import command
from explore_factory import make_random_corpus
from sqlalchemy import delete, func, inspect, select, text

from dyad.records import CodedArticle
from dyad.store import EventFilter, Store
from dyad.store.migrations import config, current_revision, head
from dyad.store.queries import count_contexts, count_edges, list_actors
from dyad.store.schema import SUMMARY_TABLES, summary_pair_totals
from dyad.store.summaries import VALUES, answers

CODES = ("RUS", "CHN", "UKR", "USA", "A%B", None)  # None: an entity without a code; '%': a LIKE wildcard
NAMES = ("Russia", "Moscow", "Kremlin", None)
CONTEXTS = ("military", "diplomatic", "economic")


def random_articles(rng: random.Random, n_articles: int) -> list[CodedArticle]:
    """Articles whose events have one to three actors and recipients with repeated, missing and shared codes."""
    out = []
    for c in make_random_corpus(n_articles * 3, seed=rng.randrange(10**6), per_article=3):
        events = []
        for e in c.events:

            def entities(base, rng=rng):  # type: ignore[no-untyped-def]
                return tuple(dataclasses.replace(base, code=rng.choice(CODES), entity_name=rng.choice(NAMES)) for _ in range(rng.randint(1, 3)))

            events.append(dataclasses.replace(e, actor=entities(e.actor[0]), recipient=entities(e.recipient[0]),
                                              goldstein=rng.choice([e.goldstein, None, 2.5]),
                                              context=tuple(rng.sample(CONTEXTS, rng.randint(0, 2)))))  # fmt: skip
        out.append(dataclasses.replace(c, events=tuple(events)))
    return out


FILTERS = (
    EventFilter(),
    EventFilter(since=dt.date(2022, 7, 1)),
    EventFilter(until=dt.date(2022, 12, 31)),
    EventFilter(event="ASSAULT"),
    EventFilter(event="consult", since=dt.date(2022, 3, 1), until=dt.date(2023, 6, 30)),
)


def assert_summaries_agree(store: Store) -> None:
    for f in FILTERS:
        assert answers(f) and answers(f, typed=False) == (f.event is None)
        for kwargs in ({}, {"prefix": "R"}, {"prefix": "A%"}, {"code": "RUS"}, {"limit": 2, "offset": 1}):
            args = {"limit": 500, **kwargs}
            assert list_actors(store, f, **args) == list_actors(store, f, exact=True, **args), (f, kwargs)
        assert count_edges(store, f) == count_edges(store, f, exact=True), f
        assert count_edges(store, f, touching="RUS") == count_edges(store, f, touching="RUS", exact=True), f
        for touching in (None, "RUS"):  # min_events and limit cut by the database: the same pairs as cut afterwards
            every = count_edges(store, f, touching=touching)
            for min_events, limit in ((2, None), (1, 3), (2, 2)):
                want = [e for e in every if e[2] >= min_events][:limit]
                for exact in (False, True):
                    assert count_edges(store, f, touching=touching, exact=exact, min_events=min_events, limit=limit) == want, (f, touching, exact)
        assert count_contexts(store, f) == count_contexts(store, f, exact=True), f
    with store.reader.connect() as conn:
        for table in SUMMARY_TABLES:  # nothing left at zero by re-coding
            assert conn.execute(select(func.count()).select_from(table).where(table.c[VALUES[table][0]] <= 0)).scalar_one() == 0


def test_summaries_answer_as_the_exact_queries_after_saves_and_recoding(store: Store):
    rng = random.Random(5)
    store.save_many(random_articles(rng, 40))
    assert count_edges(store) and list_actors(store) and count_contexts(store)  # something to compare
    assert_summaries_agree(store)
    # The same article ids coded again (other events) and some new ones: summaries follow, one article at a time too.
    again = random_articles(rng, 60)
    store.save_many(again[:30])
    for coded in again[30:]:
        store.save(coded)
    assert_summaries_agree(store)
    # An article coded again with no events takes its counts away.
    for coded in again:
        store.save(dataclasses.replace(coded, events=(), quotes=()))
    assert count_edges(store) == [] and list_actors(store) == [] and count_contexts(store) == []
    assert_summaries_agree(store)


def test_filters_the_summaries_cannot_answer_use_the_exact_query(store: Store):
    store.save_many(random_articles(random.Random(9), 20))
    for f in (EventFilter(actor="RUS"), EventFilter(context=("military",)), EventFilter(aggregate=False)):
        assert not answers(f)
        assert count_edges(store, f) == count_edges(store, f, exact=True)
        assert count_contexts(store, f) == count_contexts(store, f, exact=True)


def test_the_migration_builds_the_summaries_of_an_existing_database(db_url: str):
    with Store(db_url) as store:
        store.save_many(random_articles(random.Random(3), 30))
        expected = (list_actors(store, limit=500), count_edges(store), count_contexts(store))
        # The database as revision 0010 left it: no summary rows, revision 0011 not applied.
        with store.engine.begin() as conn:
            for table in SUMMARY_TABLES:
                conn.execute(delete(table))
            conn.execute(text("UPDATE alembic_version SET version_num = '0010'"))
        assert count_edges(store) == []
    with Store(db_url) as store:
        assert (list_actors(store, limit=500), count_edges(store), count_contexts(store)) == expected
        assert_summaries_agree(store)


def test_the_pair_totals_revision_goes_down_and_up_again(db_url: str):
    """Revision 0012 (the pairs over all time, for /network without dates): downgrade drops the table,
    the next open upgrades again and fills it from the day-level pairs."""
    with Store(db_url) as store:
        store.save_many(random_articles(random.Random(4), 30))
        expected = {f: count_edges(store, f) for f in FILTERS}
        assert expected[EventFilter()]
        with store.engine.begin() as conn:
            command.downgrade(config(conn), "0011")
        with store.engine.connect() as conn:
            assert current_revision(conn) == "0011" and not inspect(conn).has_table(summary_pair_totals.name)
    with Store(db_url) as store:
        with store.engine.connect() as conn:
            assert current_revision(conn) == head() == "0012" and inspect(conn).has_table(summary_pair_totals.name)
        assert {f: count_edges(store, f) for f in FILTERS} == expected
        assert_summaries_agree(store)
