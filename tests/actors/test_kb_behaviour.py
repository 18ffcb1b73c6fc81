"""Knowledge-base behaviour from issue #14: nationality when no role covers the
date, fuzzy and transliterated names, historical states, ethnic groups that
are not states. Logic tests first (no model), then a few through the parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.actors.coref import DocMemory
from dyad.actors.entity import person_on
from dyad.actors.entries import Country, Person, Role, historical_note
from dyad.actors.fuzzy import THRESHOLD, FuzzyNames, match_fuzzy, spelling_key, transliteration_key
from dyad.actors.kb import load_knowledge_base
from dyad.errors import ConfigError
from dyad.records import Entity

DAY = dt.date(2023, 5, 1)
BASE = Entity(entity_text="x")


def role(country: str, start: str, end: str | None, sector: str = "GOV") -> Role:
    return Role("office", country, sector, dt.date.fromisoformat(start), end and dt.date.fromisoformat(end))


# -- nationality -----------------------------------------------------------------


def test_a_person_keeps_their_nationality_before_any_role() -> None:
    person = Person("dyad:jane", "Jane Roe", roles=(role("FRA", "2030-01-01", None),), country="FRA")
    entity = person_on(BASE, person, None, DAY)
    assert (entity.code, entity.sector) == ("FRA", None)
    assert "nationality FRA" in (entity.resolution or "")


def test_nationality_comes_from_roles_when_not_given_and_is_never_an_igo() -> None:
    un_chief = Person("dyad:x", "Ex Chief", roles=(role("PRT", "1995-01-01", "2002-01-01"), role("IGO", "2017-01-01", "2022-12-31")))
    assert un_chief.nationality == "PRT"
    entity = person_on(BASE, un_chief, None, DAY)  # after the UN role: a former official of their own country
    assert (entity.code, entity.sector) == ("PRT", "ELI")
    assert Person("dyad:y", "No Roles").nationality is None


def test_people_yaml_country_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("people:\n  - {id: 'dyad:a', name: Ann Example, country: NOR}\n", encoding="utf-8")
    assert load_knowledge_base([good]).people["dyad:a"].country == "NOR"
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {id: 'dyad:b', name: Bo Example, country: Norway}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml:2: country must be three capital letters"):
        load_knowledge_base([bad])


# -- fuzzy and transliterated names --------------------------------------------------


def test_transliteration_keys_merge_spellings_of_one_name() -> None:
    keys = {transliteration_key(n) for n in ("Muammar Gaddafi", "Moammar Gadhafi", "Muammar al-Qaddafi", "Mouammar Kadhafi")}
    assert len(keys) == 1
    assert transliteration_key("Abdel Fattah el-Sisi") == transliteration_key("Abdel Fatah al Sisi")
    assert spelling_key("Vladimir Puttin") == "vladimir putin"


@pytest.fixture(scope="module")
def names() -> FuzzyNames:
    return FuzzyNames(load_knowledge_base())


def test_fuzzy_index_matches_transliterations_and_misspellings_above_the_threshold(names: FuzzyNames) -> None:
    assert names.lookup("Moamar Kadhafi").person.name == "Muammar Gaddafi"  # type: ignore[union-attr]
    assert names.lookup("Moamar Kadhafi").how == "transliteration"  # type: ignore[union-attr]
    blinken = names.lookup("Antony Blinkin")
    assert blinken is not None and blinken.person.name == "Antony Blinken" and blinken.score >= THRESHOLD
    assert "spelling score" in blinken.describe()
    assert names.lookup("Vladimir Potanin") is None  # another man, 87 < 90
    assert names.lookup("Jane Nobody") is None
    assert names.lookup("Gadhafi") is not None  # one word: the surname, by key only


def test_a_fuzzy_surname_names_only_someone_mentioned_or_in_office() -> None:
    kb = load_knowledge_base()
    person, _note, earlier = match_fuzzy("Gadhafi", 5, DocMemory(kb), DAY, kb)
    assert person is None and earlier is None  # Gaddafi held no office in 2023
    memory = DocMemory(kb)
    gaddafi = Entity("Muammar Gaddafi", entity_name="Muammar Gaddafi", code="LBY", sector="ELI",
                     identifier_id="dyad:muammar-gaddafi", kind="person")
    memory.remember(gaddafi, 0)
    _person, note, earlier = match_fuzzy("Gadhafi", 5, memory, DAY, kb)
    assert earlier is gaddafi and "transliteration" in note


# -- historical states -----------------------------------------------------------------


def test_historical_states_have_dates_and_say_so() -> None:
    kb = load_knowledge_base()
    soviet = kb.lookup("Soviet Union").entry
    assert isinstance(soviet, Country) and soviet.code == "SUN"
    assert (soviet.start, soviet.end) == (dt.date(1922, 12, 30), dt.date(1991, 12, 26))
    assert historical_note(soviet, DAY) == "; historical (1922-12-30–1991-12-26), gone by 2023-05-01: a historical reference"
    assert historical_note(soviet, dt.date(1985, 1, 1)) == "; historical (1922-12-30–1991-12-26)"
    for name, code in (("Yugoslavia", "YUG"), ("Czechoslovakia", "CSK"), ("East Germany", "DDR"), ("Zaire", "ZAR"),
                       ("West Germany", "DEU"), ("USSR", "SUN")):
        assert kb.lookup(name).entry.code == code, name  # type: ignore[union-attr]
    assert kb.lookup("European Community").entry.identifier == "EEC"  # type: ignore[union-attr]


def test_a_state_cannot_end_before_it_starts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("countries:\n  - {code: XXA, name: Nowhere, start: 1990-01-01, end: 1980-01-01}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml:2: 'Nowhere' ends"):
        load_knowledge_base([bad])


# -- through the parser ------------------------------------------------------------------
