"""CLI tests that code text and so need the spaCy model (the rest of the CLI's tests run without it)."""

from __future__ import annotations

import json

import pytest
from test_cli import runner
from test_exit_codes import run

from dyad.cli.main import app
from dyad.schema import validate_record
from dyad.store import Store

GOOD = {"id": "a1", "date": "2023-02-22", "text": "Russia's foreign minister met his Chinese counterpart in Moscow on Tuesday."}


@pytest.mark.slow
@pytest.mark.model
def test_code_exits_0_when_all_read_and_3_when_some_rejected(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD) + "\n")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({**GOOD, "id": "a2"}) + "\nnot json\n" + json.dumps({**GOOD, "id": "a3", "date": "2999-01-01"}) + "\n")
    db = str(tmp_path / "x.sqlite")
    ok = run("code", str(good), "--db", db, "-f", "jsonl")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout.splitlines()[0])["article_id"] == "a1"
    bad = run("code", str(mixed), "--db", db, "-f", "jsonl")
    assert bad.returncode == 3, bad.stderr
    assert "mixed.jsonl:2: not valid JSON" in bad.stderr
    assert "mixed.jsonl:3: date 2999-01-01 is in the future" in bad.stderr
    from dyad.store import Store

    with Store(db) as store:
        assert {r.line for r in store.iter_rejections()} == {2, 3}
        assert store.counts().articles == 2


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
