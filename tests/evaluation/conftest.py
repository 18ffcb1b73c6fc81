"""Fixtures for the evaluation tests: hand-made Event records (no model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dyad.records import Entity, Event, EventDate, Offsets

DAY = dt.date(2024, 3, 5)


def make_event(
    article_id: str,
    event: str,
    trigger: tuple[int, int] = (10, 15),
    sentence: tuple[int, int] = (0, 100),
    actor: tuple[str, ...] = (),
    recipient: tuple[str, ...] = (),
    confidence: float = 0.8,
    cameo: str | None = None,
    date: dt.date = DAY,
    actor_spans: tuple[tuple[int, int], ...] = (),
    recipient_spans: tuple[tuple[int, int], ...] = (),
) -> Event:
    def side(codes: tuple[str, ...], spans: tuple[tuple[int, int], ...]) -> tuple[Entity, ...]:
        out = [Entity(entity_text=c, code=c) for c in codes]
        out += [Entity(entity_text="span", start=s, end=e) for s, e in spans]
        return tuple(out)

    return Event(
        article_id=article_id,
        event=event,
        mode=None,
        cameo=cameo,
        goldstein=None,
        quad_code=None,
        actor=side(actor, actor_spans),
        recipient=side(recipient, recipient_spans),
        when=EventDate(date),
        event_text="trigger",
        text="sentence",
        offsets=Offsets(sentence[0], sentence[1], trigger[0], trigger[1]),
        rule="test",
        confidence=confidence,
    )


@pytest.fixture
def event_factory() -> Callable[..., Event]:
    return make_event
