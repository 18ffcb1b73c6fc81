from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import ConfigError
from dyad.where.gazetteer import MemoryGazetteer
from dyad.where.geocoder import Geocoder, geocode_text, split_feature_words


def test_split_feature_words() -> None:
    assert split_feature_words("the city of Kreminna").core == "Kreminna"
    assert split_feature_words("the city of Kreminna").feature == "populated_place"
    assert split_feature_words("Luhansk region").feature == "admin1"
    assert split_feature_words("Betong district").core == "Betong"
    assert split_feature_words("Moscow").feature is None


def test_population_wins_without_other_evidence(fake_gazetteer: MemoryGazetteer) -> None:
    place = Geocoder(fake_gazetteer).geocode("Moscow")
    assert place.country_code == "RUS" and place.resolution == "populated_place"


def test_article_countries_outweigh_population(fake_gazetteer: MemoryGazetteer) -> None:
    geo = Geocoder(fake_gazetteer)
    assert geo.resolve("Odessa").country == "UKR"  # type: ignore[union-attr]
    assert geo.resolve("Odessa", article_countries=("USA",)).country == "USA"  # type: ignore[union-attr]


def test_feature_words_pick_the_oblast_or_the_city(fake_gazetteer: MemoryGazetteer) -> None:
    geo = Geocoder(fake_gazetteer)
    assert geo.resolve("Donetsk").feature == "populated_place"  # type: ignore[union-attr]
    assert geo.resolve("Donetsk region").feature == "admin1"  # type: ignore[union-attr]
    assert geo.resolve("Donetsk", feature="admin1").feature == "admin1"  # type: ignore[union-attr]
    assert geo.resolve("the city of Donetsk").feature == "populated_place"  # type: ignore[union-attr]


def test_alternate_name_resolves_to_the_canonical_place(fake_gazetteer: MemoryGazetteer) -> None:
    place = Geocoder(fake_gazetteer).geocode("Kiev", start=3, end=7, rule="test")
    assert place.resolved_place == "Kyiv" and place.extracted_place == "Kiev"
    assert (place.start, place.end, place.rule) == (3, 7, "test")


def test_unknown_name_is_unresolved(fake_gazetteer: MemoryGazetteer) -> None:
    geo = Geocoder(fake_gazetteer)
    assert geo.geocode("Atlantis").resolution is None
    assert geocode_text("Atlantis", geocoder=geo) is None
    assert geocode_text("Kiev", geocoder=geo).resolved_place == "Kyiv"  # type: ignore[union-attr]


def test_country_of(fake_gazetteer: MemoryGazetteer) -> None:
    geo = Geocoder(fake_gazetteer)
    assert geo.country_of("Ukraine") == "UKR"
    assert geo.country_of("Kreminna") is None


def test_user_places_file_adds_aliases_and_places(fake_gazetteer: MemoryGazetteer, tmp_path: Path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text(
        "aliases:\n  - {alias: Krasnyi Liman, name: Kreminna, country: UA}\n"
        "places:\n  - {name: Camp Alpha, country: UA, lat: 48.5, lon: 37.9, aliases: [Alpha Base]}\n"
        "  - {name: Moscow, country: US, lat: 46.73, lon: -117.0, population: 25000}\n",
        encoding="utf-8",
    )
    geo = Geocoder(fake_gazetteer, places_files=[path])
    assert geo.resolve("Krasnyi Liman").name == "Kreminna"  # type: ignore[union-attr]
    camp = geo.geocode("Alpha Base")
    assert (camp.resolved_place, camp.lat, camp.country_code) == ("Camp Alpha", 48.5, "UKR")
    assert geo.resolve("Moscow").country == "USA"  # type: ignore[union-attr]  # the user's file overrides
    assert geo.resolve("Kyiv").name == "Kyiv"  # type: ignore[union-attr]  # the rest is unchanged


def test_bad_places_file_is_a_config_error(fake_gazetteer: MemoryGazetteer, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("places:\n  - {name: Nowhere}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lat"):
        _ = Geocoder(fake_gazetteer, places_files=[path]).gazetteer
    with pytest.raises(ConfigError, match="cannot read"):
        _ = Geocoder(fake_gazetteer, places_files=[tmp_path / "missing.yaml"]).gazetteer
