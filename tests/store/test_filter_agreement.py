"""The store's event filter and the API's optimised queries select the same events."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dyad.store import EventFilter, Store
from dyad.store.queries import select_event_records
from explore_factory import make_random_corpus

FILTERS = [
    EventFilter(),
    EventFilter(actor="RUS"),
    EventFilter(recipient="UKR"),
    EventFilter(actor="RUS", recipient="UKR"),
    EventFilter(event="assault"),
    EventFilter(since=dt.date(2022, 5, 10), until=dt.date(2022, 9, 20)),
    EventFilter(actor="GOV", event="ASSAULT"),
    EventFilter(recipient="CHN", since=dt.date(2023, 1, 1)),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(str(tmp_path_factory.mktemp("agree") / "a.sqlite")) as s:
        for coded in make_random_corpus(600):
            s.save(coded)
        yield s


@pytest.mark.parametrize("f", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
def test_both_filters_select_the_same_events(store, f):
    via_store = {e.id for e in store.iter_events(f)}
    records = select_event_records(store, f, limit=10_000, offset=0, sort="date")
    via_api = {json.loads(r)["id"] for r in records}
    assert via_store == via_api
    assert store.count_events(f) == len(via_store)


def test_the_filters_are_not_trivially_empty(store):
    counts = [store.count_events(f) for f in FILTERS]
    assert counts[0] >= 600
    assert all(0 < c < counts[0] for c in counts[1:]), counts
