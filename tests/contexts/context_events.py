"""Events built by hand over a text (no model): what the context tagger reads."""

from __future__ import annotations

import datetime as dt

from dyad.records import Entity, Event, EventDate, Offsets


def event_at(text: str, sentence: str, trigger: str, event: str = "CONSULT", *, actor: tuple[Entity, ...] = (),
             recipient: tuple[Entity, ...] = (), cameo: str | None = None, context: tuple[str, ...] = ()) -> Event:
    """An event whose sentence is the first ``sentence`` in ``text`` and whose trigger is ``trigger`` in it."""
    s = text.index(sentence)
    t = text.index(trigger, s)
    return Event("a1", event, None, cameo, None, None, actor, recipient, EventDate(dt.date(2025, 3, 1)), trigger,
                 sentence, Offsets(s, s + len(sentence), t, t + len(trigger)), "test", 1.0, context=context)
