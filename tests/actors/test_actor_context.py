"""Countries for sector-only mentions from the article around them (needs the model).

Sentences are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.actors.context import find_article_country
from dyad.actors.resolve import ActorResolver
from dyad.records import Mention

pytestmark = pytest.mark.model
DAY = dt.date(2024, 5, 2)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _mention(mentions: list[Mention], text: str) -> Mention:
    return next(m for m in mentions if m.text == text)


def test_bare_sector_noun_takes_the_articles_country(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp(
        "Somalia's president visited Somali troops near Mogadishu on Monday. "
        "Later, police arrested two men at a checkpoint."
    )
    police = _mention(resolver.resolve(doc, DAY), "police")
    assert (police.entities[0].code, police.entities[0].sector) == ("SOM", "COP")
    assert "the article's country" in (police.entities[0].resolution or "")


def test_no_country_when_the_article_is_split(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp("Kenya and Uganda signed a trade deal. Police closed the road afterwards.")
    police = _mention(resolver.resolve(doc, DAY), "Police")
    assert police.entities[0].code is None


def test_same_sector_named_just_before(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp(
        "Germany and France held talks in Brussels. Germany hosted them. Iraqi officials described a raid. "
        "The officials said they arrested seven men."
    )
    officials = _mention(resolver.resolve(doc, DAY), "The officials")
    assert officials.entities[0].code == "IRQ"


def test_definite_armed_noun_is_the_last_group(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp("The Baloch Liberation Army claimed the attack on the train. The militants blew up the tracks.")
    militants = _mention(resolver.resolve(doc, DAY), "The militants")
    e = militants.entities[0]
    assert (e.code, e.sector, e.entity_name) == ("PAK", "REB", "Balochistan Liberation Army")


def test_possessive_pronoun_gives_the_country(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp("Chile and Peru met in Lima. Ukraine's President Volodymyr Zelensky said his forces held the line.")
    forces = _mention(resolver.resolve(doc, DAY), "forces")
    assert (forces.entities[0].code, forces.entities[0].sector) == ("UKR", "MIL")


def test_unknown_official_takes_the_articles_country(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    doc = nlp(
        "Guatemala's courts are under pressure. A Guatemalan judge jailed a reporter. "
        "Attorney General Ana Lucia Perez defended the case."
    )
    ag = next(m for m in resolver.resolve(doc, DAY) if "Perez" in m.text)
    assert (ag.entities[0].code, ag.entities[0].sector) == ("GTM", "JUD")


def test_article_country_needs_a_clear_lead(nlp, resolver: ActorResolver) -> None:  # noqa: ANN001
    hits = resolver.matcher_for(nlp("x")).find_hits(nlp("Turkey warned Greece. Turkish ships sailed. Greece objected."))
    assert find_article_country(hits, DAY) is None
    hits = resolver.matcher_for(nlp("x")).find_hits(nlp("Turkey warned Greece. Turkish ships sailed. Ankara said so."))
    assert find_article_country(hits, DAY) == "TUR"
