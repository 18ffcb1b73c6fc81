"""The specific place wins over the place that contains it, whichever way the sentence orders them."""

from __future__ import annotations

import pytest
from placing import place_of
from spacy.language import Language

from dyad.where.geocoder import Geocoder

pytestmark = pytest.mark.model


def test_known_city_before_neighbourhood_of_is_the_container(nlp: Language, geocoder: Geocoder) -> None:
    text = "Two traders were shot dead in the west Kabul neighbourhood of Karte Seh on Sunday."
    assert place_of(nlp, geocoder, text, "shot") == "Karte Seh"


def test_known_city_after_neighbourhood_of_is_the_container(nlp: Language, geocoder: Geocoder) -> None:
    text = "A car bomb exploded in a market in the Khair Khana neighbourhood of Kabul, killing four people."
    assert place_of(nlp, geocoder, text, "exploded") == "Khair Khana"


def test_town_of_a_province_without_name_after_of_is_the_town(nlp: Language, geocoder: Geocoder) -> None:
    text = "Rebels attacked a police post in Cizre town of the southeastern province of Sirnak on Monday."
    assert place_of(nlp, geocoder, text, "attacked") == "Cizre"


def test_appositive_town_near_a_known_city_is_the_town(nlp: Language, geocoder: Geocoder) -> None:
    text = "Jets bombed a bridge in Tal Aswad, a small town near Mosul, on Tuesday."
    assert place_of(nlp, geocoder, text, "bombed") == "Tal Aswad"


def test_district_inside_a_known_city_is_the_district(nlp: Language, geocoder: Geocoder) -> None:
    text = "Police patrolled the Orangi district in western Karachi after the riots."
    assert place_of(nlp, geocoder, text, "patrolled") == "Orangi"


def test_place_measured_from_a_city_is_the_place(nlp: Language, geocoder: Geocoder) -> None:
    text = "A soldier was shot in Umm Jarb, 60 kilometres north of Baghdad, on Monday."
    assert place_of(nlp, geocoder, text, "shot") == "Umm Jarb"


def test_building_in_a_city_gives_the_city(nlp: Language, geocoder: Geocoder) -> None:
    text = "Volunteers patrol the street near the Temple of Literature in downtown Hanoi every night."
    assert place_of(nlp, geocoder, text, "patrol") == "Hanoi"


def test_named_region_of_a_known_city_is_the_region(nlp: Language, geocoder: Geocoder) -> None:
    text = "The army launched an offensive in the East Ghouta region of rural Damascus on Monday."
    assert place_of(nlp, geocoder, text, "launched") == "East Ghouta"


def test_district_of_a_possessive_province_is_the_district(nlp: Language, geocoder: Geocoder) -> None:
    text = "Taliban fighters attacked a checkpoint in Kandahar province's Arghandab district on Monday."
    assert place_of(nlp, geocoder, text, "attacked") == "Arghandab"
