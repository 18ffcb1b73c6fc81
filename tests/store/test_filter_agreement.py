"""Every path that filters events selects the same ones, on both backends.

The paths: ``Store.iter_events``/``count_events`` (``dyad events``, ``dyad
export``), the API's page and count queries and its HTTP parameters, the flat
rows that ``dyad series`` and the stories read, the series itself, and the
stories. The values include what once split them: identifiers longer than
their column, NUL characters (PostgreSQL refuses them) and non-ASCII names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import uuid
import warnings
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from explore_factory import Line, make_article, make_random_corpus

from dyad.analytics import compute_dyad_series
from dyad.records import CodedArticle, Entity
from dyad.store import EventFilter, Store
from dyad.store.queries import count_matching, iter_event_rows, select_event_records
from dyad.stories import list_stories

LONG_ID = "Q" + "9" * 150  # the identifier column keeps 64 characters
LONG_NAME = "The " + "very " * 60 + "long ministry"
LONG_CODE = "XYZ" + "W" * 30  # codes keep 16
LONG_SECTOR = "PARAMILITARYPOLICEFORCE"
NUL_NAME = "Kha\x00rkiv council"
CYRILLIC = "Володимир Зеленський"
HAN = "北京市人民政府"
EMOJI = "🇺🇦 volunteers"

FILTERS = [
    EventFilter(),
    EventFilter(actor="RUS"),
    EventFilter(recipient="UKR"),
    EventFilter(actor="RUS", recipient="UKR"),
    EventFilter(event="assault"),
    EventFilter(since=dt.date(2022, 5, 10), until=dt.date(2022, 9, 20)),
    EventFilter(actor="GOV", event="ASSAULT"),
    EventFilter(recipient="CHN", since=dt.date(2023, 1, 1)),
    EventFilter(actor=LONG_ID),
    EventFilter(recipient=LONG_NAME),
    EventFilter(actor=LONG_CODE),
    EventFilter(recipient=LONG_SECTOR),
    EventFilter(actor=NUL_NAME),
    EventFilter(actor=CYRILLIC),
    EventFilter(recipient=HAN),
    EventFilter(actor=EMOJI, recipient=HAN),
    EventFilter(actor=LONG_ID, recipient=HAN),
    EventFilter(actor=NUL_NAME, recipient=LONG_ID),
    EventFilter(actor=CYRILLIC, event="consult", since=dt.date(2024, 3, 1)),
    EventFilter(context=("military",)),
    EventFilter(context=("economic", "human_security")),
    EventFilter(actor="RUS", recipient="UKR", context=("military",)),
    EventFilter(context=("future",), since=dt.date(2023, 1, 1)),
]
# Filters that must find nothing, on every path, without an error.
EMPTY = [
    EventFilter(event="ASS\x00AULT"),
    EventFilter(article_id="h\x00x" + "y" * 300),
    EventFilter(actor="Kha\x00rkiv"),
    EventFilter(context=("cyber",)),
    EventFilter(context=("human%security",)),  # LIKE's wildcards are taken literally
]
PG_URL = os.environ.get("DYAD_TEST_PG_URL")


def _hostile_articles() -> list[CodedArticle]:
    """Articles whose entities have long, NUL and non-ASCII values (real countries underneath)."""
    specs = [
        ("h1", dt.date(2024, 3, 4), Entity("the ministry", CYRILLIC, "UKR", "GOV", LONG_ID), Entity("Beijing", HAN, "CHN", "GOV")),
        ("h2", dt.date(2024, 3, 5), Entity("volunteers", EMOJI, LONG_CODE, "CVL"), Entity("Beijing", HAN, "CHN", LONG_SECTOR)),
        ("h3", dt.date(2024, 3, 6), Entity("council", NUL_NAME, "UKR", "GOV"), Entity("ministry", LONG_NAME, "RUS", "GOV", LONG_ID)),
        ("h4", dt.date(2024, 3, 7), Entity("he", CYRILLIC, "UKR", "GOV", "Q3881"), Entity("Mr Zelensky", CYRILLIC, "UKR", "GOV")),
    ]
    out = []
    for article_id, day, actor, recipient in specs:
        base = make_article(article_id, day, [Line("UKR", "CONSULT", "CHN", "Kyiv"), Line("UKR", "ASSAULT", "RUS")], "Wire")
        events = tuple(dataclasses.replace(e, actor=(actor,), recipient=(recipient,), id="") for e in base.events)
        out.append(CodedArticle(article=base.article, events=events))
    return out


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path_factory) -> Iterator[Store]:
    if request.param == "sqlite":
        url, schema = str(tmp_path_factory.mktemp("agree") / "a.sqlite"), None
    else:
        if not PG_URL:
            pytest.skip("DYAD_TEST_PG_URL is not set")
        import psycopg

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={quote(f'-csearch_path={schema}')}"
    try:
        with Store(url) as s:
            corpus = make_random_corpus(600) + _hostile_articles()
            for i in range(0, len(corpus), 50):
                s.save_many(corpus[i : i + 50])
            yield s
    finally:
        if schema:
            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="module")
def story_members(store) -> dict[str, str]:
    """{event id: story id} over all stories."""
    _, stories = list_stories(store, EventFilter(), limit=100_000)
    return {e: s.id for s in stories for e in s.event_ids}


def _paths(store: Store, f: EventFilter, story_members: dict[str, str]) -> dict[str, object]:
    via_store = {e.id for e in store.iter_events(f)}
    total, matching = store.count_events(), store.count_events(f)
    out: dict[str, object] = {
        "store": via_store,
        "store count": matching,
        "api page": {json.loads(r)["id"] for r in select_event_records(store, f, limit=10_000, offset=0, sort="date")},
        # With both counts the API may walk the sort index instead of sorting the matches.
        "api walk": {json.loads(r)["id"] for r in select_event_records(store, f, 10_000, 0, "-goldstein", matching, total)},
        "api count": count_matching(store, f),
        "rows": {r.id for r in iter_event_rows(store, f)},
    }
    _, stories = list_stories(store, f, limit=100_000)
    out["stories"] = {s.id for s in stories} == {story_members[e] for e in via_store}
    if f.actor and f.recipient and not (f.event or f.since or f.until):
        series = compute_dyad_series(store, f.actor, f.recipient, freq="day", directed=True, context=f.context)
        out["series"] = int(series["n_events"].sum()) if len(series) else 0
    return out


@pytest.mark.parametrize("f", FILTERS + EMPTY, ids=[str(i) for i in range(len(FILTERS + EMPTY))])
def test_every_path_selects_the_same_events(store, story_members, f):
    got = _paths(store, f, story_members)
    ids, n = got["store"], got["store count"]
    assert got["api page"] == got["api walk"] == got["rows"] == ids
    assert got["api count"] == n == len(ids)  # type: ignore[arg-type]
    assert got["stories"] is True
    if "series" in got:
        assert got["series"] == n


def test_the_filters_are_not_trivially_empty(store):
    counts = [store.count_events(f) for f in FILTERS]
    assert counts[0] >= 600
    assert all(0 < c < counts[0] for c in counts[1:]), list(zip(FILTERS, counts))
    assert [store.count_events(f) for f in EMPTY] == [0] * len(EMPTY)


def test_the_http_api_finds_long_nul_and_unicode_values_and_contexts(store):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyad.api import create_app

    with TestClient(create_app(store.url)) as client:
        for f in FILTERS[8:]:
            params = {k: v for k, v in (("actor", f.actor), ("recipient", f.recipient), ("type", f.event)) if v}
            if f.since:
                params["since"] = f.since.isoformat()
            if f.context:
                params["context"] = list(f.context)
            res = client.get("/events", params={**params, "limit": 500})
            assert res.status_code == 200, res.text
            assert res.json()["total"] == store.count_events(f), params
            stories = client.get("/events", params={**params, "level": "story"}).json()
            assert stories["total"] == list_stories(store, f)[0]
        for a, b in ((LONG_ID, HAN), (NUL_NAME, LONG_ID)):
            series = client.get("/series", params={"actor": a, "recipient": b, "freq": "day", "directed": "true"}).json()
            assert sum(p["n_events"] for p in series["periods"]) == store.count_events(EventFilter(actor=a, recipient=b)) > 0
