"""An actor is never its own recipient through "its"/"their" (sentences are our own)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.actors.resolve import ActorResolver
from dyad.coding import EventCoder

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Russia refused to halt its offensive in Ukraine.",
        "Qatar threatened to end its mediation between Israel and Hamas.",
        "Israel backed down on its plan to annex the West Bank.",
    ],
)
def test_possessive_pronoun_of_the_actor_is_not_the_recipient(nlp, text):
    doc = nlp(text)
    mentions = ActorResolver().resolve(doc, dt.date(2025, 6, 4))
    coded = [c for c in EventCoder().code_doc(doc, mentions) if c.blocked is None]
    assert coded, "the sentence gives an event"
    for c in coded:
        for m in c.recipient:
            assert doc[m.start_token].lower_ not in {"its", "their"}, (c.event, m.text)
