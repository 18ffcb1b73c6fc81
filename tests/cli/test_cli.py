"""The command line: help everywhere, the seed as JSONL, the VOA corpus stored once."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.schema import validate_record
from dyad.store import Store

runner = CliRunner()


def command_names():
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands) + [g.name for g in app.registered_groups]


def test_every_command_has_help():
    names = command_names()
    assert {"code", "events", "quotes", "watch"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage" in result.output


def test_usage_error_exits_2():
    assert runner.invoke(app, ["code"]).exit_code == 2
    assert runner.invoke(app, ["events", "--since", "yesterday"]).exit_code == 2


@pytest.mark.model
def test_code_seed_as_jsonl_validates(seed_path, tmp_path):
    result = runner.invoke(app, ["code", str(seed_path), "--format", "jsonl", "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records
    for r in records:
        validate_record(r)
    assert any(r["event"] == "CONSULT" and r["date"] == "2023-02-22" for r in records)


@pytest.mark.model
@pytest.mark.slow
def test_voa_corpus_is_stored_once(shared, tmp_path):
    db = str(tmp_path / "voa.sqlite")
    voa = str(shared / "data" / "voa" / "voa_stories.jsonl")
    first = runner.invoke(app, ["code", voa, "--db", db, "--format", "csv", "--output", str(tmp_path / "e.csv"), "-j", "1"])
    assert first.exit_code == 0, first.output
    with Store(db) as store:
        counts = store.counts()
    assert counts.articles == 89 and counts.rejections == 0 and counts.events > 100
    again = runner.invoke(app, ["code", voa, "--db", db, "--format", "jsonl", "-j", "1"])
    assert again.exit_code == 0
    with Store(db) as store:
        assert store.counts() == counts
    events = runner.invoke(app, ["events", "--db", db, "--type", "ASSAULT", "--format", "jsonl"])
    assert events.exit_code == 0 and all(json.loads(x)["event"] == "ASSAULT" for x in events.stdout.splitlines())


@pytest.mark.model
def test_user_places_file_geocodes_a_place_the_gazetteer_lacks(tmp_path):
    places = tmp_path / "places.yaml"
    places.write_text(
        "places:\n  - {name: Zorvania Camp, country: KE, feature: populated_place, lat: 1.25, lon: 38.5, population: 5000}\n"
    )
    article = tmp_path / "2024-03-05-camp.txt"
    article.write_text("Rebels attacked the Zorvania Camp on Monday, killing three soldiers, the army said.")
    result = runner.invoke(app, ["code", str(article), "--no-db", "--format", "jsonl", "--places", str(places)])
    assert result.exit_code == 0, result.output
    locs = [json.loads(x)["event_loc"] for x in result.stdout.splitlines() if x.startswith("{")]
    assert any(loc and loc["lat"] == 1.25 and loc["country_code"] == "KEN" for loc in locs), locs


@pytest.mark.model
def test_events_of_the_unknown_actor_are_listed_by_actor_unk(tmp_path):
    """Issue 14: an agentless attack is stored with the unknown actor, and `--actor UNK` finds it."""
    db = str(tmp_path / "unk.sqlite")
    article = tmp_path / "2024-03-05-market.txt"
    article.write_text("Five traders were killed in the market of Zorvania on Monday. Kenya's president condemned Russia.")
    assert runner.invoke(app, ["code", str(article), "--db", db, "--format", "jsonl", "-j", "1"]).exit_code == 0
    listed = runner.invoke(app, ["events", "--db", db, "--actor", "UNK", "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    records = [json.loads(x) for x in listed.stdout.splitlines()]
    assert [r["event"] for r in records] == ["ASSAULT"]
    assert records[0]["actor"][0]["sector"] == "UNK" and records[0]["actor"][0]["kind"] == "unknown"


def test_events_export_and_series_filter_by_context(tmp_path):
    from explore_factory import make_corpus

    db = str(tmp_path / "c.sqlite")
    with Store(db) as store:
        store.save_many(make_corpus())
    military = runner.invoke(app, ["events", "--db", db, "--context", "military", "--format", "jsonl"])
    assert military.exit_code == 0, military.output
    assert sorted(json.loads(x)["event"] for x in military.stdout.splitlines()) == ["ASSAULT", "ASSAULT", "THREATEN"]
    either = runner.invoke(app, ["events", "--db", db, "--context", "Economic", "--context", "human_security", "-f", "jsonl"])
    assert sorted(json.loads(x)["event"] for x in either.stdout.splitlines()) == ["AGREE", "AID"]
    table = runner.invoke(app, ["events", "--db", db, "--type", "THREATEN"])
    assert "military, future" in table.stdout
    out = tmp_path / "m.csv"
    assert runner.invoke(app, ["export", "--db", db, "--context", "military", "--format", "csv", "-o", str(out)]).exit_code == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and {r["context"] for r in rows} == {"military", "military;future"}
    series = runner.invoke(app, ["series", "RUS", "CHN", "--db", db, "--freq", "month", "--context", "diplomatic", "--csv"])
    assert series.exit_code == 0, series.output
    assert sum(int(line.split(",")[1]) for line in series.stdout.splitlines()[1:]) == 6
    bad = runner.invoke(app, ["events", "--db", db, "--context", "warfare"])
    assert bad.exit_code == 2 and "terrorism" in bad.output  # the error lists the known names
