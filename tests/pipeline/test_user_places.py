"""A place from the user's --places file reaches every stage that reads places:
the event's location, the coder's place recipient and the actor resolver's
place check share the Pipeline's one geocoder (issue #12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.pipeline import Pipeline, PipelineOptions
from dyad.records import Article

pytestmark = pytest.mark.model

# A village no gazetteer has (invented for this test); the tagger takes it for a person.
PLACES = "places:\n  - {name: Zarechnye Dvory, country: UA, feature: populated_place, lat: 49.1, lon: 37.9, population: 1200}\n"
TEXT = "Russian troops shelled Zarechnye Dvory on Tuesday, local officials said."


@pytest.fixture(scope="module")
def with_places(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    path = Path(tmp_path_factory.mktemp("places")) / "places.yaml"
    path.write_text(PLACES, encoding="utf-8")
    return Pipeline(PipelineOptions(places=(path,)))


def test_user_place_gives_the_location_and_the_recipients_country(with_places: Pipeline) -> None:
    [event] = with_places.code(Article(id="p1", date=dt.date(2023, 2, 22), text=TEXT))
    assert event.event == "ASSAULT" and [a.code for a in event.actor] == ["RUS"]
    assert event.event_loc is not None
    assert (event.event_loc.resolved_place, event.event_loc.country_code) == ("Zarechnye Dvory", "UKR")
    assert [(r.code, r.entity_text) for r in event.recipient] == [("UKR", "Zarechnye Dvory")]


def test_every_place_reading_stage_shares_the_one_geocoder(with_places: Pipeline) -> None:
    geocoder = with_places.resources.geocoder
    assert with_places.stage("where").geocoder is geocoder  # type: ignore[attr-defined]
    assert with_places.stage("coder").coder.places.geocoder is geocoder  # type: ignore[attr-defined]
    assert with_places.stage("actors").resolver.places._gazetteer() is geocoder  # type: ignore[attr-defined]


def test_without_the_file_the_name_is_not_geocoded(pipeline: Pipeline) -> None:
    [event] = pipeline.code(Article(id="p1", date=dt.date(2023, 2, 22), text=TEXT))
    # "shelled X" names a place, but no gazetteer knows it: no coordinates, no country, no recipient code
    loc = event.event_loc
    assert loc is None or (loc.geonameid is None and loc.country_code is None and loc.lat is None)
    assert all(r.code is None for r in event.recipient)
