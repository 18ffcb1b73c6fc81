from __future__ import annotations

from dataclasses import replace

import pytest

from placing import entry

from dyad.where.gazetteer import MemoryGazetteer


@pytest.fixture
def fake_gazetteer() -> MemoryGazetteer:
    """A handful of invented-but-plausible entries that exercise each disambiguation rule."""
    kyiv = entry("Kyiv", "populated_place", "UKR", 2_900_000, province="Kyiv", lat=50.45, lon=30.52)
    odesa_ua = entry("Odesa", "populated_place", "UKR", 1_000_000, province="Odeska oblast")
    odessa_us = entry("Odessa", "populated_place", "USA", 114_000, province="Texas")
    donetsk_city = entry("Donetsk", "populated_place", "UKR", 900_000, province="Donetska oblast")
    donetsk_obl = entry("Donetska oblast", "admin1", "UKR", 6_500_000, primary=False, province="Donetska oblast")
    kreminna = entry("Kreminna", "populated_place", "UKR", 18_000, province="Luhanska oblast", lat=49.05, lon=38.22)
    luhansk_obl = entry("Luhanska oblast", "admin1", "UKR", 2_400_000, primary=False, province="Luhanska oblast")
    moscow = entry("Moscow", "populated_place", "RUS", 10_000_000, province="Moskva", lat=55.75, lon=37.62)
    moscow_us = entry("Moscow", "populated_place", "USA", 25_000, province="Idaho")
    ukraine = entry("Ukraine", "country", "UKR", 40_000_000)
    russia = entry("Russia", "country", "RUS", 144_000_000)
    return MemoryGazetteer(
        [
            ("Kyiv", kyiv),
            ("Kiev", replace(kyiv, primary=False)),
            ("Odesa", odesa_ua),
            ("Odessa", odesa_ua),  # as data/aliases.yaml adds it: a primary name
            ("Odessa", odessa_us),
            ("Donetsk", donetsk_city),
            ("Donetsk", donetsk_obl),
            ("Kreminna", kreminna),
            ("Luhansk", luhansk_obl),
            ("Moscow", moscow),
            ("Moscow", moscow_us),
            ("Ukraine", ukraine),
            ("Russia", russia),
        ]
    )


@pytest.fixture(scope="session")
def geocoder():  # type: ignore[no-untyped-def]
    """The full offline gazetteer (cached pickle), loaded once for the session."""
    from dyad.where.geocoder import Geocoder

    return Geocoder()
