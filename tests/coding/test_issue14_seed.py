"""Issue 14 on the user's seed article, through the whole pipeline: sector-only
victims get a country, and "they" is the forces, not the officials before."""

from __future__ import annotations

import pytest

from dyad.ingest import read_articles
from dyad.records import Article, Event

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def events(pipeline, seed_path) -> list[Event]:
    (article,) = [a for a in read_articles([seed_path]) if isinstance(a, Article)]
    return pipeline.code(article)


def sides(entities) -> set[tuple[str | None, str | None]]:
    return {(e.code, e.sector) for e in entities}


def test_seven_civilians_are_ukrainian_victims_of_an_unknown_attacker(events):
    """"Ukraine's presidential office said … at least seven civilians were killed"."""
    (killed,) = [e for e in events if e.event == "ASSAULT" and e.event_text == "killed"]
    assert sides(killed.recipient) == {("UKR", "CVL")}
    assert sides(killed.actor) == {(None, "UNK")} and killed.actor[0].entity_text == ""


def test_donetsk_shelling_is_by_the_kremlins_forces(events):
    """"accused the Kremlin's forces of … as they pummelled cities": RUS MIL, on Ukraine."""
    (pummelled,) = [e for e in events if e.event == "ASSAULT" and e.event_text == "pummelled"]
    assert sides(pummelled.actor) == {("RUS", "MIL")}
    assert {e.code for e in pummelled.recipient} == {"UKR"}  # the Donetsk region, fronted on "accused"
