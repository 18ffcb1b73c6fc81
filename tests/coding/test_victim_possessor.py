"""The possessor of a violent act done to a person is its victim, not its author (sentences are our own)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.actors.resolve import ActorResolver
from dyad.coding import EventCoder

pytestmark = pytest.mark.model


def coded(nlp, text):
    doc = nlp(text)
    mentions = ActorResolver().resolve(doc, dt.date(2025, 3, 14))
    return [c for c in EventCoder().code_doc(doc, mentions) if c.blocked is None]


def test_person_possessor_of_a_killing_is_the_recipient(nlp):
    (c,) = [c for c in coded(nlp, "The president confirmed Abu Khadija's killing in a post on Friday.") if c.event == "ASSAULT"]
    assert [e.sector for m in c.actor for e in m.entities] == ["UNK"]  # the unknown actor
    assert [m.text for m in c.recipient] == ["Abu Khadija"]


def test_state_possessor_of_an_attack_is_the_actor(nlp):
    (c,) = [c for c in coded(nlp, "Russia's attack on Kharkiv killed three people.") if c.event == "ASSAULT"]
    assert {e.code for m in c.actor for e in m.entities} == {"RUS"}
