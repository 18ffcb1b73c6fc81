"""PLV scoring: spans from marked_text, YIELD as RETREAT or CONCEDE, the top event, span overlap."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dyad.errors import InputError
from dyad.evaluation.plv import NONE, parse_plv_line, score_plv
from dyad.records import Entity, Event, EventDate, Offsets


def line(marked: str, event: str = "ACCUSE") -> str:
    text = marked.replace("<s>", "").replace("</s>", "").replace("<t>", "").replace("</t>", "")
    return json.dumps({"id": "p1", "text": text, "marked_text": marked, "event": event, "modality": "past"})


def test_spans_are_offsets_in_the_unmarked_text():
    s = parse_plv_line(line("Then <s>Ankara</s> accused <t>the EU</t> of bias."), "f:1")
    assert s.article.text == "Then Ankara accused the EU of bias."
    assert s.source is not None and s.target is not None
    assert s.article.text[slice(*s.source)] == "Ankara" and s.article.text[slice(*s.target)] == "the EU"


def test_text_must_be_the_marked_text_without_marks():
    row = json.loads(line("<s>Ankara</s> accused <t>the EU</t>."))
    row["text"] = "Something else."
    with pytest.raises(InputError):
        parse_plv_line(json.dumps(row), "f:1")


def event(kind: str, conf: float, actor: tuple[int, int] | None = None, recipient: tuple[int, int] | None = None) -> Event:
    def side(span: tuple[int, int] | None) -> tuple[Entity, ...]:
        return () if span is None else (Entity("x", start=span[0], end=span[1]),)

    return Event("p1", kind, None, None, None, None, side(actor), side(recipient), EventDate(dt.date(2020, 1, 1)), "t", "s",
                 Offsets(0, 10, 0, 1), "rule", conf)  # fmt: skip


def test_yield_matches_retreat_or_concede_and_the_top_event_decides():
    s = parse_plv_line(line("<s>Troops</s> left <t>the town</t>.", "YIELD"), "f:1")
    scores = score_plv([s], {"p1": (event("CONCEDE", 0.9, (0, 6), (12, 20)), event("ASSAULT", 0.5))})
    assert scores.accuracy.correct == 1 and scores.actor.correct == 1 and scores.recipient.correct == 1
    scores = score_plv([s], {"p1": (event("CONCEDE", 0.4, (0, 6)), event("ASSAULT", 0.5))})
    assert scores.accuracy.correct == 0
    assert scores.actor.correct == 1  # the gold-type event's actor still overlaps the source
    assert score_plv([s], {}).no_event == 1 and score_plv([s], {}).confusion.count("YIELD", NONE) == 1
