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
