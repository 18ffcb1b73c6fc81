import datetime as dt
import json

import pytest

from dyad.errors import InputError
from dyad.evaluation.voa_gold import parse_voa_gold, score_voa


def gold_lines():
    head = {"article_id": "9", "annotated": True, "n_events": 2}
    quiet = {"article_id": "10", "annotated": True, "n_events": 0}
    ev = {"article_id": "9", "sentence_start": 0, "sentence_end": 60, "trigger_start": 10, "trigger_end": 16,
          "trigger": "struck", "event": "ASSAULT", "mode": "aerial", "actor": [{"code": "ISR", "sector": "MIL", "name": "Israel"}],
          "recipient": [{"code": "LBN", "sector": None, "name": "Lebanon"}], "date": "2024-03-04", "date_precision": "day", "place": None}  # fmt: skip
    ev2 = dict(ev, trigger_start=70, trigger_end=75, sentence_start=61, sentence_end=120, event="consult", recipient=[], date=None)
    return [json.dumps(x) for x in (head, ev, ev2, quiet)]


def test_parse_headers_and_events():
    g = parse_voa_gold(gold_lines(), "gold")
    assert g.article_ids == ("9", "10")
    assert len(g.events) == 2
    assert g.events[0].actor == frozenset({"ISR"}) and g.events[0].trigger == (10, 16)
    assert g.events[1].event == "CONSULT" and g.events[1].recipient == frozenset()
    assert g.events[0].date == dt.date(2024, 3, 4)


def test_bad_gold_line_names_its_line():
    with pytest.raises(InputError, match="gold:2"):
        parse_voa_gold(['{"article_id": "1", "annotated": true}', '{"article_id": "1", "event": "AID"}'], "gold")


def test_scoring(event_factory):
    g = parse_voa_gold(gold_lines(), "gold")
    predicted = {
        "9": (event_factory("9", "ASSAULT", trigger=(10, 16), actor=("ISR",), recipient=("LBN",), date=dt.date(2024, 3, 4)),),
        "10": (event_factory("10", "AID"),),
    }
    s = score_voa(g, predicted, missing=())
    assert s.articles == 2 and s.gold_events == 2 and s.predicted_events == 2
    assert s.events.get("ASSAULT").tp == 1
    assert s.events.get("CONSULT").fn == 1
    assert s.events.get("AID").fp == 1
    assert (s.dyads.dyad.correct, s.dyads.dyad.total) == (1, 1)
    assert (s.dyads.date.correct, s.dyads.date.total) == (1, 1)


def test_missing_articles_are_left_out(event_factory):
    s = score_voa(parse_voa_gold(gold_lines(), "gold"), {}, missing=("9",))
    assert s.articles == 1 and s.gold_events == 0 and s.missing_articles == ("9",)
