"""Every record we emit validates against the published JSON Schema."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from dyad.records import Count, Entity, Event, EventDate, Offsets, Place, event_from_plover
from dyad.schema import load_schema, validate_record
from dyad.schema.build import SCHEMA_FILE, build_event_schema, read_plover_modes, render


def make_event(**over) -> Event:
    base = dict(
        article_id="a1",
        event="ASSAULT",
        mode="heavy-weapons",
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


@pytest.mark.parametrize(
    "field,value",
    [("event", "FIGHT"), ("date_precision", "decade"), ("quad_code", 7), ("mode", "sideAB"), ("mode", "visit"), ("published", "22 Feb")],
)
def test_schema_rejects_bad_values(field, value):
    rec = make_event().to_plover()
    rec[field] = value
    with pytest.raises(jsonschema.ValidationError):
        validate_record(rec)


def test_the_shipped_schema_is_what_the_generator_makes():
    """After editing plover.yaml, run `python -m dyad.schema.build`."""
    assert SCHEMA_FILE.read_text("utf-8") == render(build_event_schema())


def test_event_types_and_modes_come_from_plover_yaml_alone():
    from dyad.coding.ontology import load_ontology

    onto = load_ontology()
    schema = load_schema()
    assert schema["properties"]["event"]["enum"] == list(onto.types)
    assert set(schema["properties"]["mode"]["enum"]) == {None} | {m for t in onto.types.values() for m in t.modes}
    custom = read_plover_modes("types:\n  MEET: {modes: [lunch]}\n  WAVE: {}\n")
    built = build_event_schema(custom)
    assert built["properties"]["event"]["enum"] == ["MEET", "WAVE"]
    assert built["properties"]["mode"]["enum"] == [None, "lunch"]
    assert [rule["then"]["properties"]["mode"]["enum"] for rule in built["allOf"]] == [[None, "lunch"], [None]]


def test_each_type_takes_only_its_own_modes():
    validate_record(make_event(event="CONSULT", mode="visit", cameo="042").to_plover())
    validate_record(make_event(mode=None).to_plover())
    with pytest.raises(jsonschema.ValidationError):
        validate_record(make_event(event="ASSAULT", mode="visit").to_plover())


def test_provenance_is_in_the_record_and_round_trips():
    e = make_event(url="https://example.org/a", source="Example Wire", published=dt.date(2023, 2, 22))
    rec = e.to_plover()
    validate_record(rec)
    assert (rec["url"], rec["source"], rec["published"]) == ("https://example.org/a", "Example Wire", "2023-02-22")
    assert event_from_plover(json.loads(json.dumps(rec))) == e


def test_the_unknown_actor_validates_and_round_trips():
    """Issue 14: an agentless event has the unknown actor (sector UNK, no words, no offsets)."""
    agentless = make_event(actor=(Entity.unknown("no actor named (agentless)"),))
    named = make_event(actor=(Entity.unknown("subject not in the knowledge base", "the ACLU", 0, 8),))
    for e in (agentless, named):
        rec = e.to_plover()
        validate_record(rec)
        assert rec["actor"][0]["sector"] == "UNK" and rec["actor"][0]["code"] is None
        assert event_from_plover(json.loads(json.dumps(rec))) == e
    assert agentless.to_plover()["actor"][0]["offsets"] is None


def test_only_the_unknown_actor_may_have_no_words():
    rec = make_event().to_plover()
    rec["actor"][0]["entity_text"] = ""
    with pytest.raises(jsonschema.ValidationError):
        validate_record(rec)
    rec = make_event(actor=(Entity.unknown("agentless"),)).to_plover()
    rec["actor"][0]["sector"] = "MIL"  # kind unknown is always sector UNK
    with pytest.raises(jsonschema.ValidationError):
        validate_record(rec)


def test_context_values_are_the_manuals_names():
    """Issue #18: a record's context holds only the manual's 37 general contexts and its 4 auxiliary modes."""
    from dyad.contexts.names import AUXILIARY_MODES, CONTEXT_NAMES, GENERAL_CONTEXTS
    from dyad.records import ContextTag

    assert load_schema()["properties"]["context"]["items"]["enum"] == list(CONTEXT_NAMES)
    assert (len(GENERAL_CONTEXTS), AUXILIARY_MODES) == (37, ("future", "historical", "hypothetical", "negation"))
    tag = ContextTag("military", "sentence", 10, 26, "the Russian army", "sector:MIL")
    e = make_event(context=("military", "future"), context_evidence=(tag,))
    validate_record(e.to_plover())
    assert event_from_plover(json.loads(json.dumps(e.to_plover()))) == e
    for bad in (("warfare",), ("military", "military"), ("Military",)):
        with pytest.raises(jsonschema.ValidationError):
            validate_record(make_event(context=bad).to_plover())
    wrong_tag = make_event(context=("military",), context_evidence=(ContextTag("war", "sentence", 0, 3, "war"),)).to_plover()
    with pytest.raises(jsonschema.ValidationError):
        validate_record(wrong_tag)
