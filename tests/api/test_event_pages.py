"""/events pages: both query plans give the same pages; revision 0003 gives every database the API's indexes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from explore_factory import make_random_corpus
from legacy_schema import stamp_legacy
from sqlalchemy import inspect, text

from dyad.store import EventFilter, Store
from dyad.store.migrations import current_revision, head
from dyad.store.queries import count_matching, estimate_page_cost, select_event_records
from dyad.store.schema import EXPLORE_INDEXES


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path_factory.mktemp("pages") / "pages.sqlite"))
    store.save_many(make_random_corpus(600))
    yield store
    store.close()


FILTERS = [
    EventFilter(actor="RUS"),
    EventFilter(actor="RUS", recipient="CHN"),
    EventFilter(recipient="UKR", event="ASSAULT"),
    EventFilter(actor="USA", since=dt.date(2022, 6, 1)),
]


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("sort", ["-date", "date", "-confidence", "goldstein", "actor_code"])
def test_walking_the_sort_index_gives_the_same_page_as_sorting_the_matches(big_store: Store, f: EventFilter, sort: str):
    matching, total = count_matching(big_store, f), count_matching(big_store, EventFilter())
    assert 0 < matching < total
    for offset in (0, matching // 2, max(0, matching - 10)):
        sorted_plan = select_event_records(big_store, f, 25, offset, sort)
        # matching == total makes the walk look cheap, so the probing plan is taken.
        walk_plan = select_event_records(big_store, f, 25, offset, sort, matching=total, total=total)
        assert walk_plan == sorted_plan and sorted_plan


def test_page_cost_prefers_the_cheaper_plan():
    assert estimate_page_cost(50, 0, matching=5000, total=10_000) == 150  # walk 100 entries
    assert estimate_page_cost(50, 0, matching=10, total=1_000_000) == 60  # sort the 10 matches
    assert estimate_page_cost(50, 100_000, matching=200_000, total=1_000_000) > 100_000


def test_revision_0003_adds_the_api_indexes_to_an_older_database(tmp_path: Path):
    db = str(tmp_path / "old.sqlite")
    with Store(db) as store, store.engine.begin() as conn:
        for ix in EXPLORE_INDEXES:
            conn.execute(text(f"DROP INDEX {ix.name}"))
        conn.execute(text("CREATE INDEX ix_explore_ev_confidence ON events (confidence)"))  # what the API used to add
        stamp_legacy(conn, 2)  # as a version-2 database
    with Store(db) as store, store.engine.connect() as conn:
        names = {ix["name"] for table in ("events", "event_entities") for ix in inspect(conn).get_indexes(table)}
        revision = current_revision(conn)
    assert {ix.name for ix in EXPLORE_INDEXES} <= names
    assert "ix_explore_ev_confidence" not in names and revision == head()


def test_the_network_pair_join_reads_entities_by_event(tmp_path: Path):
    """Issue 17: the actor→recipient join seeks each event's recipients through the (event, role, code)
    index, on a new database and on one migrated from version 8."""
    from dyad.store.queries import count_edges
    from dyad.store.schema import PAIR_INDEX

    db = str(tmp_path / "net.sqlite")
    with Store(db) as store, store.engine.begin() as conn:
        conn.execute(text(f"DROP INDEX {PAIR_INDEX.name}"))
        stamp_legacy(conn, 8)  # as a version-8 database
    with Store(db) as store:
        store.save_many(make_random_corpus(200))
        statements: list[tuple[str, object]] = []

        def keep(conn, cursor, statement, parameters, *_):  # type: ignore[no-untyped-def]
            statements.append((statement, parameters))

        from sqlalchemy import event

        event.listen(store.engine, "before_cursor_execute", keep)
        edges = count_edges(store)
        event.remove(store.engine, "before_cursor_execute", keep)
        assert sum(n for _, _, n, _ in edges) == 200  # one actor and one recipient per event
        query, params = next(s for s in statements if s[0].lstrip().upper().startswith("SELECT"))
        with store.engine.connect() as conn:
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + query, params)]
    assert any(PAIR_INDEX.name in step for step in plan), plan
