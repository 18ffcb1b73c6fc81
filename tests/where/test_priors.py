"""The geocoder's priors, on a small hand-built gazetteer (no model, no GeoNames)."""

from __future__ import annotations

from dyad.where.gazetteer import MemoryGazetteer
from dyad.where.geocoder import Geocoder

from placing import entry


def _gazetteer() -> MemoryGazetteer:
    brussels = entry("Brussels", "populated_place", "BEL", 1_019_022, capital=True, province="Brussels")
    brussels_wi = entry("Brussels", "populated_place", "USA", 1_110, province="Wisconsin")
    tripoli_ly = entry("Tripoli", "populated_place", "LBY", 1_300_000, capital=True, province="Tarabulus")
    tripoli_lb = entry("Tripoli", "populated_place", "LBN", 230_000, province="North")
    paris = entry("Paris", "populated_place", "FRA", 2_138_551, capital=True, province="Ile-de-France")
    paris_tx = entry("Paris", "populated_place", "USA", 24_782, province="Texas")
    texas = entry("Texas", "admin1", "USA", 22_000_000, province="Texas")
    quebec = entry("Quebec", "admin1", "CAN", 10_600_000, province="Quebec")
    quebec_city = entry("Quebec", "populated_place", "CAN", 531_902, province="Quebec")
    charlevoix_mi = entry("Charlevoix", "populated_place", "USA", 2_540, province="Michigan")
    gulf_png = entry("Gulf", "admin1", "PNG", 6_358, province="Gulf")
    gulf = entry("Persian Gulf", "region", None, 60_000_000)  # type: ignore[arg-type]
    congress = entry("Congress", "populated_place", "USA", 1_975, province="Arizona")
    raqqa = entry("Ar Raqqah", "populated_place", "SYR", 531_952, province="Ar Raqqah")
    tehran = entry("Tehran", "populated_place", "IRN", 7_153_309, capital=True, province="Tehran")
    tehran_p = entry("Tehran", "admin1", "IRN", 12_012_993, province="Tehran")
    georgia = entry("Georgia", "country", "GEO", 3_700_000)
    georgia_us = entry("Georgia", "admin1", "USA", 4_770_000, province="Georgia")
    tbilisi = entry("Tbilisi", "populated_place", "GEO", 1_100_000, capital=True, province="Tbilisi")
    return MemoryGazetteer([
        ("Brussels", brussels), ("Brussels", brussels_wi), ("Tripoli", tripoli_ly), ("Tripoli", tripoli_lb),
        ("Paris", paris), ("Paris", paris_tx), ("Texas", texas), ("Quebec", quebec), ("Quebec", quebec_city),
        ("Charlevoix", charlevoix_mi), ("Gulf", gulf_png), ("Gulf", gulf), ("Congress", congress),
        ("Ar Raqqah", raqqa), ("Raqqa", raqqa), ("Tehran", tehran), ("Tehran", tehran_p),
        ("Georgia", georgia), ("Georgia", georgia_us), ("Tbilisi", tbilisi),
    ])  # fmt: skip


def test_a_village_in_the_article_country_never_beats_a_capital() -> None:
    geo = Geocoder(_gazetteer())
    assert geo.resolve("Brussels", article_countries=("USA",)).country == "BEL"  # type: ignore[union-attr]


def test_the_article_country_picks_between_cities() -> None:
    geo = Geocoder(_gazetteer())
    assert geo.resolve("Tripoli").country == "LBY"  # type: ignore[union-attr]
    assert geo.resolve("Tripoli", article_countries=("LBN",)).country == "LBN"  # type: ignore[union-attr]


def test_a_container_in_the_text_wins() -> None:
    geo = Geocoder(_gazetteer())
    assert geo.resolve("Paris").country == "FRA"  # type: ignore[union-attr]
    assert geo.resolve("Paris, Texas").country == "USA"  # type: ignore[union-attr]
    assert geo.resolve("Paris", container="Texas").country == "USA"  # type: ignore[union-attr]


def test_a_container_that_holds_no_candidate_gives_the_container() -> None:
    found = Geocoder(_gazetteer()).resolve("Charlevoix, Quebec")
    assert (found.name, found.feature) == ("Quebec", "admin1")  # type: ignore[union-attr]


def test_the_place_before_the_comma_picks_its_container() -> None:
    geo = Geocoder(_gazetteer())
    assert geo.resolve("Georgia", article_countries=("USA",), content="Tbilisi").country == "GEO"  # type: ignore[union-attr]


def test_regions_and_water_bodies_are_their_own_features() -> None:
    place = Geocoder(_gazetteer()).geocode("the Gulf")
    assert (place.resolved_place, place.resolution, place.country_code) == ("Persian Gulf", "region", None)


def test_institutions_are_not_geocoded() -> None:
    geo = Geocoder(_gazetteer())
    assert geo.resolve("Congress") is None
    assert geo.geocode("the Congress").resolution is None


def test_arabic_article_spellings_match() -> None:
    geo = Geocoder(_gazetteer())
    for name in ("al-Raqqa", "al - Raqqa", "Al Raqqa", "Raqqa"):
        assert geo.resolve(name).name == "Ar Raqqah", name  # type: ignore[union-attr]


def test_a_bare_name_is_the_town_not_the_province_named_after_it() -> None:
    geo = Geocoder(_gazetteer())
    assert geo.resolve("Tehran").feature == "populated_place"  # type: ignore[union-attr]
    assert geo.resolve("Tehran province").feature == "admin1"  # type: ignore[union-attr]
