"""Issue 14, actors the article names elsewhere: a person's later surname, the one armed group
it names, the state of a domestic act, a metonym that only ends a longer name, "the agency"
(our own sentences, the real model)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.actors.resolve import ActorResolver
from dyad.records import Article, Event

pytestmark = pytest.mark.model
DAY = dt.date(2024, 5, 2)


def _events(pipeline, text: str, event: str) -> list[Event]:  # noqa: ANN001
    return [e for e in pipeline.code(Article(id="t", date=DAY, text=text)) if e.event == event]


def test_a_later_surname_is_the_person_named_with_a_role_before(pipeline):
    """The knowledge base knows no "Wanyiri"; the first mention's role and nationality say who he is."""
    text = (
        "Kenyan interior ministry spokesman Kamau Wanyiri spoke to reporters in Nairobi on Monday. "
        "Wanyiri rejected the report by the opposition."
    )
    (e,) = [x for x in _events(pipeline, text, "REJECT") if x.event_text.startswith("rejected")]
    (actor,) = e.actor
    assert (actor.entity_text, actor.code, actor.sector) == ("Wanyiri", "KEN", "GOV")
    assert "named earlier" in (actor.resolution or "")


def test_a_word_that_is_no_earlier_persons_surname_stays_unknown(nlp):
    mentions = ActorResolver().resolve(nlp("Kamau Wanyiri met Otieno in Nairobi."), DAY)
    assert not any(m.text == "Otieno" and any(e.code for e in m.entities) for m in mentions)


def test_an_agentless_attack_takes_the_one_armed_group_the_article_names(pipeline):
    text = (
        "Al-Shabab controls large parts of rural southern Somalia. "
        "Twelve civilians were killed in a market in Mogadishu on Friday."
    )
    (e,) = [x for x in _events(pipeline, text, "ASSAULT") if x.event_text.startswith("killed")]
    assert [(a.code, a.sector) for a in e.actor] == [("SOM", "REB")]
    assert "the armed group named before" in e.rule


def test_an_agentless_attack_stays_unknown_when_two_armed_groups_are_named(pipeline):
    text = (
        "Al-Shabab and Boko Haram control large parts of the countryside. "
        "Twelve civilians were killed in a market in Mogadishu on Friday."
    )
    (e,) = [x for x in _events(pipeline, text, "ASSAULT") if x.event_text.startswith("killed")]
    assert all(a.is_unknown for a in e.actor)


def test_an_agentless_attack_on_the_groups_own_fighters_is_not_the_groups(pipeline):
    text = (
        "Al-Shabab controls large parts of rural southern Somalia. "
        "Twelve al-Shabab fighters were killed near Kismayo on Friday."
    )
    for e in _events(pipeline, text, "ASSAULT"):
        assert all(a.code is None or a.sector != "REB" for a in e.actor), e.rule


def test_an_agentless_domestic_act_takes_the_articles_country(pipeline):
    """Nothing in the sentence names a state: the deporting state is the article's."""
    text = (
        "Thailand's government faces criticism from Thai rights groups. "
        "Thai officials defended the policy in Bangkok on Monday. "
        "Forty Uyghurs were deported last month."
    )
    (e,) = _events(pipeline, text, "COERCE")
    assert [a.code for a in e.actor] == ["THA"]
    assert "the article's country (domestic act)" in (e.actor[0].resolution or "")


@pytest.mark.parametrize(
    "text, name",
    [
        ("The standing committee of the National People's Congress voted to amend the law.", "Congress"),
        ("Polat Sayim, of the World Uyghur Congress, urged the countries to keep their offers open.", "Congress"),
    ],
)
def test_a_metonym_ending_a_longer_unknown_name_is_not_the_state(nlp, text, name):
    mentions = ActorResolver().resolve(nlp(text), DAY)
    assert not any(e.code == "USA" for m in mentions for e in m.entities), [(m.text, m.entities) for m in mentions]


@pytest.mark.parametrize("text", ["The U.S. Congress voted on the bill.", "Congress voted on the bill on Friday."])
def test_the_metonym_alone_or_with_its_country_is_the_state(nlp, text):
    mentions = ActorResolver().resolve(nlp(text), DAY)
    assert any(e.code == "USA" and e.sector == "LEG" for m in mentions for e in m.entities)


def test_the_agency_is_the_un_agency_named_before(nlp):
    text = "The head of UNICEF spoke on Thursday. The UNICEF director said the agency needs more money."
    mentions = ActorResolver().resolve(nlp(text), DAY)
    (agency,) = [m for m in mentions if m.text == "the agency"]
    assert [e.code for e in agency.entities] == ["IGO"]


def test_an_agentless_arrest_placed_in_a_country_is_written_as_that_place(pipeline):
    """PLV marks the place as the source of "was arrested in Rwanda": the unknown actor of that state."""
    text = "Victoire Mugisha, leader of an opposition party, was arrested in Rwanda."
    (e,) = _events(pipeline, text, "COERCE")
    (actor,) = e.actor
    assert (actor.code, actor.sector, actor.entity_text) == ("RWA", "UNK", "Rwanda")
    assert (actor.start, actor.end) == (text.index("Rwanda"), text.index("Rwanda") + len("Rwanda"))


@pytest.mark.parametrize(
    "text, words, code",
    [
        ("China's U.N. ambassador told reporters that Beijing opposed the meeting.", "China's U.N. ambassador", "CHN"),
        ("The Iranian UN delegation walked out of the hall.", "The Iranian UN delegation", "IRN"),
        ("The UN envoy to Syria met the president.", "The UN envoy", "IGO"),
    ],
)
def test_a_states_envoy_to_an_organisation_is_the_states(nlp, text, words, code):
    mentions = ActorResolver().resolve(nlp(text), DAY)
    (m,) = [m for m in mentions if m.text == words]
    assert [e.code for e in m.entities] == [code]
