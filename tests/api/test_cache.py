from __future__ import annotations

import datetime as dt

import pytest
from explore_factory import Line, make_article
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from dyad.api import create_app
from dyad.api.cache import CountCache, ResultCache
from dyad.store import EventFilter, Store
from dyad.store.schema import EXPLORE_INDEXES


def test_counts_are_cached_until_another_connection_writes(db: str):
    with Store(db) as reader, Store(db) as writer:
        cache = CountCache(reader)
        rus = EventFilter(actor="RUS")
        cache.refresh()
        assert cache.peek(rus) is None
        first = cache.count(rus)
        cache.refresh()
        assert cache.peek(rus) == first  # nothing changed: the count is kept
        writer.save(make_article("z1", dt.date(2024, 5, 1), [Line("RUS", "AID", "IND")]))
        cache.refresh()
        assert cache.peek(rus) is None  # a commit elsewhere drops it
        assert cache.count(rus) == first + 1
        cache.close()


def test_count_cache_is_bounded(db: str):
    with Store(db) as store:
        cache = CountCache(store, max_entries=2)
        cache.refresh()
        for code in ("RUS", "CHN", "UKR"):
            cache.count(EventFilter(actor=code))
        assert cache.peek(EventFilter(actor="RUS")) is None
        assert cache.peek(EventFilter(actor="UKR")) is not None
        cache.close()


def test_events_total_follows_new_coding(client: TestClient, db: str):
    before = client.get("/events", params={"actor": "IND"}).json()["total"]
    assert client.get("/events", params={"actor": "IND"}).json()["total"] == before  # served from the cache
    with Store(db) as writer:
        writer.save(make_article("z2", dt.date(2024, 5, 2), [Line("IND", "AID", "UKR")]))
    after = client.get("/events", params={"actor": "IND"}).json()
    assert after["total"] == before + 1 and after["items"][0]["id"].startswith("z2")


def test_sort_breaks_ties_by_id_in_the_same_direction(client: TestClient):
    asc = [e["id"] for e in client.get("/events", params={"sort": "confidence", "limit": 500}).json()["items"]]
    desc = [e["id"] for e in client.get("/events", params={"sort": "-confidence", "limit": 500}).json()["items"]]
    assert asc == sorted(asc) and desc == asc[::-1]  # every event has confidence 0.9


@pytest.mark.postgres
def test_postgresql_counts_follow_commits_and_has_the_api_indexes(pg_db: str):
    with Store(pg_db) as reader, Store(pg_db) as writer:
        cache = CountCache(reader)
        cache.refresh()
        first = cache.count(EventFilter(actor="RUS"))
        writer.save(make_article("z3", dt.date(2024, 5, 3), [Line("RUS", "AID", "IND")]))
        cache.refresh()
        assert cache.count(EventFilter(actor="RUS")) == first + 1
        with reader.engine.connect() as conn:
            names = {ix["name"] for t in ("events", "event_entities") for ix in inspect(conn).get_indexes(t)}
        assert {ix.name for ix in EXPLORE_INDEXES} <= names
        cache.close()


@pytest.mark.postgres
def test_postgresql_events_pages(pg_db: str):
    with TestClient(create_app(pg_db)) as client:
        page = client.get("/events", params={"actor": "RUS", "recipient": "CHN", "sort": "-date", "limit": 2}).json()
        assert page["total"] == 5 and [e["date"] for e in page["items"]] == ["2023-04-03", "2023-03-14"]


def test_an_aggregate_is_computed_once_for_clients_asking_together_and_again_after_a_write(db: str):
    import threading
    import time

    from dyad.store.queries import count_edges

    with Store(db) as reader, Store(db) as writer:
        results = ResultCache(CountCache(reader))
        runs: list[int] = []

        def network() -> list[tuple[str, str, int, float]]:
            runs.append(1)
            time.sleep(0.2)  # a slow aggregate: the other callers arrive while it runs
            return count_edges(reader)

        answers: list[object] = []
        threads = [threading.Thread(target=lambda: answers.append(results.get(("/network", ()), network))) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(runs) == 1 and len(answers) == 8 and all(a == answers[0] for a in answers)
        writer.save(make_article("z9", dt.date(2024, 5, 3), [Line("IND", "AID", "UKR")]))
        after = results.get(("/network", ()), network)
        assert len(runs) == 2 and ("IND", "UKR", 1, 7.0) in after


def test_the_network_page_follows_new_coding(client: TestClient, db: str):
    before = client.get("/network").json()["edges"]
    assert client.get("/network").json()["edges"] == before  # the cached answer
    with Store(db) as writer:
        writer.save(make_article("z3", dt.date(2024, 5, 4), [Line("IND", "THREATEN", "FRA")]))
    edges = client.get("/network").json()["edges"]
    assert {"source": "IND", "target": "FRA", "events": 1, "goldstein_sum": -6.0} in edges
