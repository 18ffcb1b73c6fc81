"""Pronouns, definite nouns, apposition and place names the parser takes for
people (needs the model). Sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.actors.resolve import ActorResolver
from dyad.records import Entity, Mention

pytestmark = pytest.mark.model
DAY = dt.date(2024, 5, 2)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _entity(mentions: list[Mention], text: str, nth: int = 0) -> Entity:
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[nth].entities[0]


def _resolve(nlp, resolver: ActorResolver, text: str, day: dt.date = DAY) -> list[Mention]:  # noqa: ANN001
    return resolver.resolve(nlp(text), day)


def test_it_is_the_previous_subject_country(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Moldova accused Romania of delaying the pipeline. It said the delay cost millions.")
    assert _entity(found, "It").code == "MDA"


def test_it_in_the_same_sentence_is_its_subject(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Greece thanked Cyprus on Monday, and Portugal said it would send ships.")
    assert _entity(found, "it").code == "PRT"


def test_empty_it_names_nobody(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Chile recalled its envoy. It is unclear when talks resume.")
    assert all(m.text != "It" for m in found)


def test_they_is_a_group_or_plural_sector_noun(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Hezbollah fired rockets at a base. They said the strike avenged a commander.")
    assert (_entity(found, "They").code, _entity(found, "They").sector) == ("LBN", "REB")
    found = _resolve(nlp, resolver, "Kenya hosted the summit. Nigerian officials arrived late. They said flights were delayed.")
    assert (_entity(found, "They").code, _entity(found, "They").sector) == ("NGA", "GOV")


def test_it_does_not_take_a_plural_sector_noun(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Peruvian farmers blocked roads. Bolivia closed the border. It said trucks must wait.")
    assert _entity(found, "It").code == "BOL"


def test_the_group_is_the_latest_group_in_subject_position(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(
        nlp, resolver,
        "Officials said Hamas had condemned an earlier raid. "
        "On Tuesday, the Baloch Liberation Army attacked a convoy near Quetta. "
        "The militants took hostages. The group said it wanted prisoners freed.",
    )
    for text in ("The militants", "The group", "it"):
        assert _entity(found, text).entity_name == "Balochistan Liberation Army", text


def test_the_council_and_the_court_need_their_word_in_the_name(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Russia vetoed a UN Security Council resolution. The council will vote again.")
    assert _entity(found, "The council").entity_name == "United Nations Security Council"
    found = _resolve(nlp, resolver, "Russia vetoed a resolution. The council will vote again.")
    assert all(m.text != "The council" for m in found)


def test_the_government_takes_the_country_named_before(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Malawi declared a drought emergency. The government asked donors for maize.")
    e = _entity(found, "The government")
    assert (e.code, e.sector) == ("MWI", "GOV")


def test_unknown_person_takes_the_organisation_in_apposition(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(
        nlp, resolver, "Maria Ostrova, secretary general of Doctors Without Borders, condemned the siege."
    )
    person = next(m for m in found if "Ostrova" in m.text).entities[0]
    assert (person.code, person.sector) == ("NGO", "MED")


def test_the_courts_president_is_the_court_named_before(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(
        nlp, resolver,
        "Gambia took Myanmar to the International Court of Justice. "
        "The court's president, Judge Anna Brekke, read the order on Friday.",
    )
    judge = next(m for m in found if "Brekke" in m.text).entities[0]
    assert (judge.code, judge.sector) == ("IGO", "JUD")


def test_a_city_tagged_as_a_person_is_a_place(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp("Drones hit Kharkiv overnight, regional officials said.")
    found = resolver.resolve(doc, DAY)
    assert all("Kharkiv" not in m.text for m in found)
    # A person cue keeps a name that is also a city a person ("Austin", Texas).
    found = _resolve(nlp, resolver, "Coach Austin said he would resign.")
    assert any(m.text == "Austin" and m.entities[0].kind == "person" for m in found)


@pytest.mark.parametrize(
    ("text", "phrase", "code", "sector"),
    [
        ("The Russian dissident was sentenced on Monday.", "The Russian dissident", "RUS", "OPP"),
        ("British companies left the market.", "British companies", "GBR", "BUS"),
        ("Ukrainian officials denied the report.", "Ukrainian officials", "UKR", "GOV"),
        ("Afghan forces retook the district.", "Afghan forces", "AFG", "MIL"),
        ("Somali troops entered the town.", "Somali troops", "SOM", "MIL"),
        ("Iraqi special forces raided a hideout.", "Iraqi special forces", "IRQ", "MIL"),
        ("Kenya sent aid. Forces in Somalia attacked a camp.", "Forces in Somalia", "SOM", "MIL"),
    ],
)
def test_nationality_and_sector_nouns(nlp, resolver: ActorResolver, text: str, phrase: str, code: str, sector: str) -> None:  # noqa: ANN001
    e = _entity(_resolve(nlp, resolver, text), phrase)
    assert (e.code, e.sector) == (code, sector)


def test_troops_in_a_country_keep_their_own_nationality(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "American troops in Somalia trained local units.")
    e = next(m for m in found if "troops" in m.text).entities[0]
    assert (e.code, e.sector) == ("USA", "MIL")


def test_taliban_are_rebels_before_august_2021_and_government_after(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    before = _entity(_resolve(nlp, resolver, "The Taliban attacked a checkpoint.", dt.date(2020, 6, 1)), "The Taliban")
    after = _entity(_resolve(nlp, resolver, "The Taliban closed the schools.", dt.date(2023, 6, 1)), "The Taliban")
    assert (before.code, before.sector) == ("AFG", "REB")
    assert (after.code, after.sector) == ("AFG", "GOV")


def test_subject_pronoun_prefers_the_previous_subject(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(
        nlp, resolver,
        "Emmanuel Macron spoke with Olaf Scholz about the budget. He said the deal was close.",
    )
    assert _entity(found, "He").entity_name == "Emmanuel Macron"


def test_sector_noun_linked_with_a_group_is_the_group(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Militants linked with the Baloch Liberation Army blew up a bridge near Quetta.")
    e = next(m for m in found if m.text.startswith("Militants")).entities[0]
    assert (e.code, e.sector, e.entity_name) == ("PAK", "REB", "Balochistan Liberation Army")


def test_secretary_general_is_no_military_general(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Secretary General Tomas Halvorsen spoke to reporters.")
    e = next(m for m in found if "Halvorsen" in m.text).entities[0]
    assert e.sector != "MIL"


def test_the_president_is_the_person_holding_that_office(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(
        nlp, resolver,
        "Donald Trump spoke with Keir Starmer on Friday. Senators said the president would sign the bill.",
        dt.date(2025, 3, 12),
    )
    assert _entity(found, "the president").entity_name == "Donald Trump"


def test_the_military_takes_the_main_subjects_country(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, '"Ghana expects Togo to act," the military said on Monday.')
    e = _entity(found, "the military")
    assert (e.code, e.sector) == ("GHA", "MIL")


def test_the_country_as_a_setting_is_no_actor(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    found = _resolve(nlp, resolver, "Bolivia declared an emergency. Protests spread across the country.")
    assert all(m.text != "the country" for m in found)
    found = _resolve(nlp, resolver, "Bolivia declared an emergency. The country asked for help.")
    assert _entity(found, "The country").code == "BOL"
