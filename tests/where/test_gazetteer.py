from __future__ import annotations

import pickle

import pytest

from dyad.where.gazetteer import GazetteerEntry, MemoryGazetteer, fold_name, load_gazetteer


def entry(name: str, feature: str, country: str, pop: int) -> GazetteerEntry:
    return GazetteerEntry(1, name, feature, country, 1.0, 2.0, None, pop)


def test_fold_name_strips_case_accents_apostrophes_and_the() -> None:
    assert fold_name("The  Zaporizhzhia") == "zaporizhzhia"
    assert fold_name("Kyïv") == "kyiv"
    assert fold_name("Sa’eed") == fold_name("Sa'eed") == "sa eed"
    assert fold_name("Al-Bayaa") == "al bayaa"


def test_primary_name_beats_the_same_place_by_alternate() -> None:
    kyiv = entry("Kyiv", "populated_place", "UKR", 100)
    gaz = MemoryGazetteer()
    gaz.add("Kyiv", GazetteerEntry(**{**_fields(kyiv), "primary": False}))
    gaz.add("Kyiv", kyiv)
    found = gaz.lookup("kyiv")
    assert len(found) == 1 and found[0].primary


def test_pickle_round_trip_keeps_lookups() -> None:
    gaz = MemoryGazetteer([("Odesa", entry("Odesa", "populated_place", "UKR", 10))])
    again = pickle.loads(pickle.dumps(gaz))
    assert [e.name for e in again.lookup("ODESA")] == ["Odesa"]
    again.add("Odessa", entry("Odesa", "populated_place", "UKR", 10))
    assert "odessa" in again


def _fields(e: GazetteerEntry) -> dict[str, object]:
    return {f: getattr(e, f) for f in GazetteerEntry.__slots__}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def real() -> MemoryGazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("alias", "name", "country"),
    [("Kiev", "Kyiv", "UKR"), ("Kharkov", "Kharkiv", "UKR"), ("Artemivsk", "Bakhmut", "UKR"),
     ("Odessa", "Odesa", "UKR"), ("Nikolaev", "Mykolayiv", "UKR"), ("Gaza", "Gaza", "PSE")],
)  # fmt: skip
def test_real_gazetteer_knows_common_alternate_spellings(real: MemoryGazetteer, alias: str, name: str, country: str) -> None:
    assert any(e.name == name and e.country == country for e in real.lookup(alias))


def test_real_gazetteer_has_admin1_names_and_extra_places(real: MemoryGazetteer) -> None:
    luhansk = [e for e in real.lookup("Luhansk Oblast") if e.feature == "admin1"]
    assert luhansk and luhansk[0].country == "UKR" and luhansk[0].lat is not None
    west_bank = real.lookup("the West Bank")
    assert west_bank and west_bank[0].country == "PSE"
    assert any(e.feature == "country" and e.country == "SYR" for e in real.lookup("Syria"))


def test_admin2_units_have_coordinates_at_their_seat(real: MemoryGazetteer) -> None:
    district = next(e for e in real.lookup("Kasese") if e.feature == "admin2")
    town = next(e for e in real.lookup("Kasese") if e.feature == "populated_place")
    assert (district.lat, district.lon) == (town.lat, town.lon)
    no_seat = [e for e in real.lookup("Abu Dhabi Municipality") if e.feature == "admin2"]
    assert no_seat and no_seat[0].lat is not None


def test_the_gazetteer_cache_lives_in_the_user_cache_folder(monkeypatch, tmp_path):
    from dyad.where.gazetteer import _cache_path

    monkeypatch.delenv("DYAD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache_path().parent == tmp_path / "xdg" / "dyad"
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path / "mine"))
    assert _cache_path().parent == tmp_path / "mine"
