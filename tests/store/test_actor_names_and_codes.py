"""Actors are named by their most frequent name, the list and the page count alike, and
codes and types in any case are normalised or rejected with a hint (issue #16)."""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

from store_samples import CHINA, make_article, make_events
from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.records import CodedArticle, Entity
from dyad.store import Store
from dyad.store.queries import list_actors

runner = CliRunner()
BLINKEN = Entity("Blinken", "Antony Blinken", "USA", "GOV", "Q2", "person", 0, 7, "alias")
US = Entity("Washington", "United States", "USA", "GOV", "Q30", "country", 0, 10, "capital city")


def _fill(store: Store) -> None:
    """USA: Blinken once, the United States three times, one event with both as actors."""
    for i, actors in enumerate([(BLINKEN, US), (US,), (US,)], start=1):
        art = make_article(i)
        consult = dataclasses.replace(make_events(art, 1)[0], actor=actors, recipient=(CHINA,), id="")
        store.save(CodedArticle(article=art, events=(consult,)))


def test_an_actor_is_named_by_its_most_frequent_name(sqlite_url: str):
    with Store(sqlite_url) as store:
        _fill(store)
        usa = next(r for r in list_actors(store) if r.code == "USA")
    assert usa.name == "United States"  # not the alphabetically first, "Antony Blinken"
    assert (usa.n_as_actor, usa.n_as_recipient) == (3, 0)  # the event with two US actors counts once


def test_the_actor_list_and_page_agree(tmp_path: Path):
    db = str(tmp_path / "actors.sqlite")
    with Store(db) as store:
        _fill(store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyad.api import create_app

    with TestClient(create_app(db)) as client:
        listed = {r["code"]: r for r in client.get("/actors").json()["items"]}
        for code in ("USA", "CHN"):
            page = client.get(f"/actors/{code}").json()
            assert (page["name"], page["as_actor"], page["as_recipient"]) == (
                listed[code]["name"], listed[code]["as_actor"], listed[code]["as_recipient"])  # fmt: skip
        assert client.get("/actors/usa").json()["as_actor"] == 3  # lower case is the same code
        assert client.get("/events", params={"actor": "usa"}).json()["total"] == 3
        wrong = client.get("/events", params={"type": "CONSLT"})
        assert wrong.status_code == 400 and "did you mean CONSULT" in wrong.json()["error"]["message"]


def test_the_cli_normalises_codes_and_types_and_hints_at_typos(tmp_path: Path):
    db = str(tmp_path / "actors.sqlite")
    with Store(db) as store:
        _fill(store)
    lower = runner.invoke(app, ["events", "--db", db, "--actor", "usa", "--type", "consult", "-f", "jsonl"])
    assert lower.exit_code == 0, lower.output
    assert len(lower.stdout.splitlines()) == 3
    typo = runner.invoke(app, ["events", "--db", db, "--type", "CONSLT"])
    assert typo.exit_code == 2 and "did you mean CONSULT" in typo.output
