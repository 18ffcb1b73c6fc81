"""Issue 14, which words are the actor and the recipient (our own sentences, the real model)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.records import Article, Event

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str, event: str) -> Event:
        events = [e for e in pipeline.code(Article(id="t", date=dt.date(2024, 5, 2), text=text)) if e.event == event]
        assert events, pipeline.code(Article(id="t", date=dt.date(2024, 5, 2), text=text))
        return events[0]

    return run


def test_a_pronoun_actor_is_written_as_its_antecedent_in_the_same_sentence(code):
    text = "The Finnish navy says it has seized a tanker in the Gulf of Finland."
    e = code(text, "COERCE")
    (actor,) = e.actor
    assert (actor.code, actor.sector, actor.entity_text) == ("FIN", "MIL", "The Finnish navy")
    assert (actor.start, actor.end) == (0, len("The Finnish navy"))
    assert "it → The Finnish navy" in e.rule


def test_a_named_party_the_knowledge_base_lacks_is_the_unknown_recipient(code):
    e = code("The Kenyan government will investigate Harvard over its foreign funding.", "ACCUSE")
    (recipient,) = e.recipient
    assert recipient.is_unknown and recipient.code is None
    assert recipient.entity_text == "Harvard" and recipient.start == e.text.index("Harvard")


def test_a_dative_to_holds_the_recipient(code):
    e = code("Norway has granted asylum to Maria Lindqvist.", "AID")
    assert [r.entity_text for r in e.recipient] == ["Maria Lindqvist"]


@pytest.mark.parametrize(
    "text, event",
    [
        ("Jordan condemned attacks on the West Bank.", "ACCUSE"),
        ("Hamas militants attacked the West Bank settlement of Ariel.", "ASSAULT"),
    ],
)
def test_the_west_bank_is_palestinian_not_a_bank(code, text, event):
    e = code(text, event)
    assert {(r.code, r.sector) for r in e.recipient} == {("PSE", None)}


def test_an_agentless_passive_takes_the_doer_of_its_cause_clause(code):
    e = code("Two journalists were released on Friday after President Ruto pardoned them.", "RETREAT")
    assert {(a.code, a.sector) for a in e.actor} == {("KEN", "GOV")}
    assert "subject of the clause that caused it" in e.rule


def test_an_agentless_attack_takes_the_perpetrator_the_article_named_before(pipeline):
    text = "Baloch militants attacked a passenger train in Balochistan on Tuesday. Five soldiers were also killed in the attack."
    events = pipeline.code(Article(id="t", date=dt.date(2024, 5, 2), text=text))
    (killed,) = [e for e in events if e.event == "ASSAULT" and e.event_text == "killed"]
    assert [a.entity_text for a in killed.actor] == ["Baloch militants"]
    assert "the perpetrator named before in the article" in killed.rule


def test_an_agentless_attack_on_the_named_perpetrators_side_stays_unknown(pipeline):
    text = "Israeli jets struck Gaza on Monday. Three Israeli soldiers were killed near the border."
    events = pipeline.code(Article(id="t", date=dt.date(2024, 5, 2), text=text))
    (killed,) = [e for e in events if e.event == "ASSAULT" and e.event_text == "killed"]
    assert all(a.is_unknown for a in killed.actor)


def test_allegations_made_by_a_party_are_that_partys(code):
    e = code("India strongly rejected the allegations made by Pakistan on Monday.", "REJECT")
    assert {r.code for r in e.recipient} == {"PAK"}


@pytest.mark.parametrize(
    "text",
    [
        "The protesters said she attacked them.",
        "A Saudi-led strike on a school bus in Dahyan used a guided bomb.",
        "Three police officers were shot dead in Kano on Sunday.",
    ],
)
def test_no_event_is_coded_with_an_empty_actor(pipeline, text):
    """The scorer's events too: the unknown actor when no mention is the doer ("she" with no antecedent)."""
    events = pipeline.code(Article(id="t", date=dt.date(2024, 5, 2), text=text))
    assert all(e.actor for e in events), [(e.event, e.rule) for e in events]
