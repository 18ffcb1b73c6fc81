"""Events built by hand over a text (no model): what the context tagger reads."""

from __future__ import annotations

import datetime as dt

from dyad.contexts.train_model import Row
from dyad.records import Entity, Event, EventDate, Offsets


def event_at(text: str, sentence: str, trigger: str, event: str = "CONSULT", *, actor: tuple[Entity, ...] = (),
             recipient: tuple[Entity, ...] = (), cameo: str | None = None, context: tuple[str, ...] = ()) -> Event:
    """An event whose sentence is the first ``sentence`` in ``text`` and whose trigger is ``trigger`` in it."""
    s = text.index(sentence)
    t = text.index(trigger, s)
    return Event("a1", event, None, cameo, None, None, actor, recipient, EventDate(dt.date(2025, 3, 1)), trigger,
                 sentence, Offsets(s, s + len(sentence), t, t + len(trigger)), "test", 1.0, context=context)


def two_context_rows(n: int, articles: int) -> list[Row]:
    """Training rows for two contexts told apart by their sentence words: ``n`` rows over ``articles`` articles."""
    rows = []
    for i in range(n):
        military = i % 2 == 0
        shared = {("s:troops" if military else "s:trade"): 1.0, "s:said": 1.0, f"type:{'ASSAULT' if military else 'AGREE'}": 1.0}
        evidence = {"military": {"bias": 1.0, "sentence": 1.0}} if military or i % 5 == 0 else {}
        rows.append(Row(f"a{i % articles}", frozenset({"military"} if military else {"economic"}), shared, evidence, False))
    return rows
