"""Every record we emit validates against the published JSON Schema."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from dyad.records import Count, Entity, Event, EventDate, Offsets, Place, event_from_plover
from dyad.schema import load_schema, validate_record


def make_event(**over) -> Event:
    base = dict(
        article_id="a1",
        event="ASSAULT",
        mode="aerial",
        cameo="195",
        goldstein=-10.0,
        quad_code=4,
        actor=(Entity("the Russian army", "Russia", "RUS", "MIL", None, "country", 10, 26, "adjective+sector"),),
        recipient=(Entity("civilians", None, None, "CVL", None, "sector", 40, 49),),
        when=EventDate(dt.date(2023, 2, 21), "day", "on Tuesday", 60, 70),
        event_text="attacked",
        text="The Russian army attacked civilians on Tuesday.",
        offsets=Offsets(0, 48, 27, 35),
        rule="verb:attack",
        confidence=0.8,
        event_loc=Place("Kreminna", "Kreminna", 704138, 49.05, 38.22, "Luhansk", "UKR", "populated_place", 1, 9, "clause"),
        counts=(Count("dead", 7, "at_least", "CVL", "at least seven civilians", 3, 20),),
    )
    base.update(over)
    return Event(**base)


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_hand_made_event_validates_and_round_trips():
    e = make_event()
    rec = e.to_plover()
    validate_record(rec)
    assert rec["size"]["dead"] == 7
    back = event_from_plover(json.loads(json.dumps(rec)))
    assert back == e


def test_event_ids_are_stable_and_distinct():
    assert make_event().id == make_event().id
    assert make_event().id != make_event(event="COERCE").id


@pytest.mark.parametrize("field,value", [("event", "FIGHT"), ("date_precision", "decade"), ("quad_code", 7)])
def test_schema_rejects_bad_values(field, value):
    rec = make_event().to_plover()
    rec[field] = value
    with pytest.raises(jsonschema.ValidationError):
        validate_record(rec)
