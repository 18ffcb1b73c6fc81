"""The store on both backends: saving replaces, re-runs add nothing, filters, credentials."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError
from store_samples import RUSSIA, make_coded

from dyad.errors import NotFoundError, StoreError
from dyad.records import CodedArticle, Entity, Rejection
from dyad.store import EventFilter, Store, redact


def test_save_then_read_back_the_same_events(store):
    coded = make_coded(1, n_events=3)
    store.save(coded)
    back = list(store.iter_events(EventFilter(article_id=coded.article.id)))
    assert sorted(back, key=lambda e: e.id) == sorted(coded.events, key=lambda e: e.id)
    assert store.get_article(coded.article.id) == coded.article
    assert [q.id for q in store.iter_quotes(article_id=coded.article.id)] == [coded.quotes[0].id]


def test_saving_an_article_twice_adds_nothing(store):
    coded = make_coded(1, n_events=4)
    for _ in range(3):
        store.save(coded)
    c = store.counts()
    assert (c.articles, c.events, c.quotes) == (1, 4, 1)


def test_an_article_with_more_rows_than_one_insert_is_stored_whole(store, monkeypatch):
    """Issue 17: rows go in chunks (an article of 50,000 events never builds them all); every chunk lands."""
    import dyad.store.store as store_module

    monkeypatch.setattr(store_module, "ROWS_PER_INSERT", 3)
    coded = make_coded(1, n_events=8)
    store.save(coded)
    back = list(store.iter_events(EventFilter(article_id=coded.article.id)))
    assert sorted(back, key=lambda e: e.id) == sorted(coded.events, key=lambda e: e.id)  # actors and recipients too
    assert store.counts().events == 8


def test_recoding_replaces_the_earlier_events(store):
    store.save(make_coded(1, n_events=4))
    fewer = make_coded(1, n_events=1)
    store.save(fewer)
    assert [e.id for e in store.iter_events()] == [fewer.events[0].id]
    assert store.counts().events == 1


def test_save_many_is_all_or_nothing(store):
    good = make_coded(1)
    bad_event = dataclasses.replace(make_coded(2).events[0], article_id="no-such-article")
    bad = CodedArticle(article=make_coded(2).article, events=(bad_event,))
    with pytest.raises(IntegrityError):  # the event's article_id is no article: a foreign-key violation
        store.save_many([good, bad])
    assert store.counts().articles == 0


def test_rejections_are_recorded_once_per_origin_line_and_reason(store):
    r = Rejection("corpus.jsonl", 7, "not valid JSON", None)
    store.save_rejection(r)
    store.save_rejection(r)
    store.save_rejection(Rejection("corpus.jsonl", 8, "not valid JSON", None))
    assert list(store.iter_rejections())[0] == r
    assert store.counts().rejections == 2


def test_hostile_strings_are_stored_on_every_backend(store):
    """NUL characters and very long identifiers come from user files; PostgreSQL refuses NUL in text."""
    long_id = "x" * 150
    ent = dataclasses.replace(RUSSIA, identifier_id=long_id, entity_text="Mos\x00cow")
    coded = make_coded(3)
    ev = dataclasses.replace(coded.events[0], actor=(ent,), id="")
    store.save(CodedArticle(article=dataclasses.replace(coded.article, title="a\x00b"), events=(ev,)))
    store.save_rejection(Rejection("bad\x00name.jsonl", 1, "reason with \x00 NUL", "id\x00x"))
    back = next(store.iter_events())
    assert back.actor[0].identifier_id == long_id
    assert store.count_events(EventFilter(actor=long_id)) == 1
    assert store.counts().rejections == 1


def test_filters(store):
    store.save(make_coded(1, n_events=2, date=dt.date(2023, 2, 22)))
    store.save(make_coded(2, n_events=2, date=dt.date(2024, 1, 5)))
    assert store.count_events() == 4
    assert store.count_events(EventFilter(actor="RUS")) == 2
    assert store.count_events(EventFilter(actor="COP")) == 2
    assert store.count_events(EventFilter(recipient="NATO")) == 2
    assert store.count_events(EventFilter(event="coerce")) == 2
    assert store.count_events(EventFilter(since=dt.date(2024, 1, 1))) == 2
    assert store.count_events(EventFilter(until=dt.date(2023, 12, 31))) == 2
    # A filter value is data, never SQL.
    assert store.count_events(EventFilter(actor="RUS' OR '1'='1")) == 0
    assert store.count_events(EventFilter(event="x'); DROP TABLE events; --")) == 0
    assert store.counts().events == 4


def test_not_found(store):
    with pytest.raises(NotFoundError):
        store.get_event("nope")
    with pytest.raises(NotFoundError):
        store.get_article("nope")


def test_order_is_stable_and_by_date(store):
    for i in (5, 3, 9):
        store.save(make_coded(i, n_events=2, date=dt.date(2023, 1, i)))
    dates = [e.date for e in store.iter_events()]
    assert dates == sorted(dates)
    assert [e.id for e in store.iter_events()] == [e.id for e in store.iter_events()]


def test_two_stores_on_one_database_see_each_other(db_url):
    with Store(db_url) as a, Store(db_url) as b:
        a.save(make_coded(1))
        assert b.counts().articles == 1


# -- credentials -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://dyad:s3cret@db.example.org:5432/events",
        "postgresql+psycopg://dyad:s3cret@db.example.org/events",
        "postgres://dyad:s3cret@localhost/events?sslmode=require",
        "postgresql://dyad:s3c:r@t!@host/db",
        "postgresql://:s3cret@host/db",
    ],
)
def test_redact_hides_the_password(url):
    shown = redact(url)
    assert "s3c" not in shown and "t!" not in shown
    assert ":***@" in shown and shown.split("@")[-1] == url.split("@")[-1]


def test_redact_stays_hand_written_because_make_url_leaks_after_an_unencoded_at():
    # Issue 16 asked for make_url(...).render_as_string(hide_password=True) instead; it splits
    # 'p@ss@host' at the first '@' and shows the password's tail: 'bob:***@ss@db.example/x'.
    from sqlalchemy.engine import make_url

    url = "postgresql://bob:p@ss@db.example/x"
    assert "ss@db" in make_url(url).render_as_string(hide_password=True)
    assert redact(url) == "postgresql://bob:***@db.example/x"


def test_redact_keeps_urls_without_password():
    assert redact("postgresql://host/db") == "postgresql://host/db"
    assert redact("dyad.sqlite") == "dyad.sqlite"


def test_a_failing_connection_never_prints_the_password():
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    with pytest.raises(StoreError) as err:
        Store("postgresql://dyad:topsecret@127.0.0.1:9/nowhere?connect_timeout=2")
    assert "topsecret" not in str(err.value)
    assert "127.0.0.1" in str(err.value)


def test_a_wrong_password_never_prints_it(pg_url):
    bad = pg_url.replace("dyad-ci", "wrong-pass-42", 1)
    with pytest.raises(StoreError) as err:
        Store(bad)
    assert "wrong-pass-42" not in str(err.value)


def test_the_unknown_actor_is_stored_and_found_by_its_sector(store):
    """Issue 14: `dyad events --actor UNK` finds the events of an unnamed actor."""
    coded = make_coded(4, n_events=2)
    agentless = dataclasses.replace(coded.events[0], actor=(Entity.unknown("no actor named (agentless)"),), id="")
    store.save(dataclasses.replace(coded, events=(agentless, coded.events[1])))
    assert store.count_events(EventFilter(actor="UNK")) == 1
    (back,) = store.iter_events(EventFilter(actor="UNK"))
    assert back.actor == agentless.actor and back.actor[0].entity_text == "" and back.actor[0].start is None


# -- retries ------------------------------------------------------------------


def test_a_write_refused_as_locked_is_tried_again_and_others_are_not(tmp_path):
    from sqlalchemy.exc import OperationalError

    calls: list[int] = []

    def locked_twice(conn):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        store._save(conn, make_coded(1), None)

    with Store(str(tmp_path / "retry.sqlite")) as store:
        store._retry(locked_twice)
        assert len(calls) == 3 and store.counts().articles == 1  # the third try's transaction committed

        calls.clear()

        def always_locked(conn):
            calls.append(1)
            raise OperationalError("INSERT", {}, Exception("database is locked"))

        with pytest.raises(StoreError, match="cannot write to .*database is locked"):
            store._retry(always_locked, attempts=3)
        assert len(calls) == 3

        calls.clear()

        def broken(conn):
            calls.append(1)
            raise OperationalError("INSERT", {}, Exception("no such table: nowhere"))

        with pytest.raises(StoreError, match="no such table"):
            store._retry(broken)
        assert len(calls) == 1
