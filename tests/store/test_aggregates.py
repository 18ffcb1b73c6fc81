"""Aggregate statements (issue #16): "in 2024 the group killed nearly 400" is marked, kept
out of maps and series, and every reader filters by date precision."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import warnings
from pathlib import Path

from legacy_schema import stamp_legacy
from sqlalchemy import text
from store_samples import make_article, make_coded, make_events
from typer.testing import CliRunner

from dyad.analytics import compute_dyad_series
from dyad.cli.main import app
from dyad.records import CodedArticle, Count, EventDate
from dyad.schema import validate_record
from dyad.store import EventFilter, Store
from dyad.store.queries import count_places

runner = CliRunner()


def _tally_article() -> CodedArticle:
    """One article: a day's arrest in Kazan, and a year's tally of arrests there."""
    art = make_article(3)
    day_event = make_events(art)[1]
    tally = dataclasses.replace(
        day_event,
        when=EventDate(dt.date(2022, 1, 1), "year", "In 2022", 0, 7),
        counts=(Count("arrested", 400, "about", "CVL", "nearly 400 protesters"),),
        offsets=dataclasses.replace(day_event.offsets, trigger_start=60, trigger_end=68),
        id="",
    )
    return CodedArticle(article=art, events=(day_event, tally))


def test_a_count_over_a_month_or_more_is_an_aggregate():
    day_event, tally = _tally_article().events
    assert (day_event.aggregate, tally.aggregate) == (False, True)
    assert dataclasses.replace(tally, counts=()).aggregate is False  # "last year they met": one event
    assert dataclasses.replace(tally, when=EventDate(tally.date, "week")).aggregate is False
    record = tally.to_plover()
    validate_record(record)
    assert record["aggregate"] is True


def test_aggregates_stay_out_of_maps_and_series(db_url: str):
    with Store(db_url) as store:
        store.save(_tally_article())
        store.save(make_coded(4))
        kazan = [p for p in count_places(store) if p.place == "Kazan"]
        assert [(p.n_events, p.dead) for p in kazan] == [(2, 0)]  # the two single arrests, not the tally
        assert sum(p.n_events for p in count_places(store, EventFilter(aggregate=True))) == 1
        assert [e.aggregate for e in store.iter_events(EventFilter(aggregate=True))] == [True]
        assert store.count_events(EventFilter(aggregate=False)) == 3
        assert {e.when.precision for e in store.iter_events(EventFilter(date_precision=("year",)))} == {"year"}
        assert store.count_events(EventFilter(date_precision=("day", "article"))) == 3
        # The police (COP) are the actor of every arrest: the tally adds nothing to their series.
        series = compute_dyad_series(store, "COP", "GOV", freq="month")
        assert series.empty or dt.date(2022, 1, 1) not in {d.date() for d in series.index}


def test_an_old_database_gets_the_aggregate_column(sqlite_url: str):
    with Store(sqlite_url) as store:
        store.save(_tally_article())
        with store.engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_events_aggregate"))
            conn.execute(text("ALTER TABLE events DROP COLUMN aggregate"))
            stamp_legacy(conn, 6)
    with Store(sqlite_url) as store:
        assert store.count_events(EventFilter(aggregate=True)) == 1


def test_events_cli_and_api_filter_by_precision_and_aggregate(tmp_path: Path):
    db = str(tmp_path / "agg.sqlite")
    with Store(db) as store:
        store.save(_tally_article())
    only_year = runner.invoke(app, ["events", "--db", db, "--precision", "year", "-f", "jsonl"])
    assert only_year.exit_code == 0, only_year.output
    assert [json.loads(line)["date_precision"] for line in only_year.stdout.splitlines()] == ["year"]
    singles = runner.invoke(app, ["events", "--db", db, "--no-aggregates", "-f", "jsonl"])
    assert [json.loads(line)["aggregate"] for line in singles.stdout.splitlines()] == [False]
    bad = runner.invoke(app, ["events", "--db", db, "--precision", "decade"])
    assert bad.exit_code == 2 and "choose from day, week" in bad.output

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyad.api import create_app

    with TestClient(create_app(db)) as client:
        year = client.get("/events", params={"date_precision": "year"}).json()
        assert [e["date_precision"] for e in year["items"]] == ["year"] and year["total"] == 1
        assert client.get("/events", params={"aggregate": "false"}).json()["total"] == 1
        assert client.get("/events", params={"date_precision": "article,year"}).json()["total"] == 2
        wrong = client.get("/events", params={"date_precision": "decade"})
        assert wrong.status_code == 400 and "choose from" in wrong.json()["error"]["message"]
        assert [p["events"] for p in client.get("/places").json()["items"]] == [1]


def test_busiest_places_can_keep_only_fine_places(db_url: str):
    """A country's events sit at its capital: a map of where things happen can leave them out (issue #15)."""
    art = make_article(5)
    town = make_events(art)[1]
    country = dataclasses.replace(
        town,
        event_loc=dataclasses.replace(town.event_loc, extracted_place="Russia", resolved_place="Russia", geonameid=2017370,
                                      lat=55.75, lon=37.62, resolution="country"),
        offsets=dataclasses.replace(town.offsets, trigger_start=60, trigger_end=68),
        id="",
    )
    with Store(db_url) as store:
        store.save(CodedArticle(article=art, events=(town, country)))
        every = {(p.place, p.resolution) for p in count_places(store)}
        assert every == {("Kazan", "populated_place"), ("Russia", "country")}
        fine = count_places(store, resolutions=("populated_place", "point"))
        assert [(p.place, p.resolution, p.n_events) for p in fine] == [("Kazan", "populated_place", 1)]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyad.api import create_app

    with TestClient(create_app(db_url)) as client:
        items = client.get("/places", params={"resolution": ["populated_place", "point"]}).json()["items"]
        assert [(i["place"], i["resolution"]) for i in items] == [("Kazan", "populated_place")]
        assert client.get("/places", params={"resolution": "village"}).status_code == 422


def test_an_old_database_gets_the_place_resolution_from_its_records(sqlite_url: str):
    with Store(sqlite_url) as store:
        store.save(make_coded(6))
        with store.engine.begin() as conn:
            conn.execute(text("ALTER TABLE events DROP COLUMN place_resolution"))
            stamp_legacy(conn, 9)
    with Store(sqlite_url) as store:
        assert {p.resolution for p in count_places(store)} == {"populated_place"}
