import datetime as dt
import json
from pathlib import Path

import pytest

from dyad.coding.ontology import load_ontology
from dyad.errors import InputError
from dyad.evaluation.petr2 import parse_petr2_line, read_petr2, score_petr2

MINI = Path(__file__).parent / "fixtures" / "petr2_mini.jsonl"


def line(**over):
    row = {"id": "S1", "date": "20150609", "text": "Kenya hosted talks with Somalia.", "codings": [], "noevents": True}
    row.update(over)
    return json.dumps(row)


def test_gold_cameo_maps_to_plover_and_country_codes():
    onto = load_ontology()
    s = parse_petr2_line(line(codings=[{"source": "KENGOV", "target": "---REB", "eventcode": "042"}]), onto, "x")
    (g,) = s.gold
    assert g.event == onto.plover_of("042")[0]
    assert g.actor == frozenset({"KEN"})
    assert g.recipient is None  # country unknown: not scored
    assert g.sentence == (0, len(s.article.text))
    assert s.article.date == dt.date(2015, 6, 9)


def test_cameo_statements_are_not_gold_events():
    s = parse_petr2_line(line(codings=[{"source": "USA", "target": "CHN", "eventcode": "010"}]), load_ontology(), "x")
    assert s.gold == () and s.statements == 1


def coded(*triples):
    return [{"source": a, "target": b, "eventcode": c} for a, b, c in triples]


def test_reciprocal_codings_are_one_plover_event():
    # a meeting of two is two CAMEO codings (A→B, B→A); PLOVER codes it once with both parties
    s = parse_petr2_line(line(codings=coded(("KENGOV", "SOMGOV", "042"), ("SOMGOV", "KENGOV", "043"))), load_ontology(), "x")
    (g,) = s.gold
    # all parties are the actor; the manual names no recipient where a coder names one: not scored
    assert g.actor == frozenset({"KEN", "SOM"}) and g.recipient is None
    assert s.merged == 1


def test_compound_actors_are_one_event_and_unlinked_codings_stay_apart():
    onto = load_ontology()
    three = coded(("USA", "RUS", "040"), ("RUS", "CHE", "040"), ("CHE", "USA", "040"), ("USA", "CHE", "040"))
    (g,) = parse_petr2_line(line(codings=three), onto, "x").gold
    assert g.actor == frozenset({"USA", "RUS", "CHE"}) and g.recipient is None
    # several actors on one recipient are a compound actor, not a reciprocal event
    (g,) = parse_petr2_line(line(codings=coded(("USAOPP", "CHN", "141"), ("GBROPP", "CHN", "141"))), onto, "x").gold
    assert (g.actor, g.recipient) == (frozenset({"USA", "GBR"}), frozenset({"CHN"}))
    # two attacks with no party in common, and a protest sharing a party with one of them: three events
    apart = coded(("SYRREB", "PHL", "190"), ("ISR", "PSE", "190"), ("PSECVL", "ISR", "141"), ("---REB", "---", "190"))
    s = parse_petr2_line(line(codings=apart), onto, "x")
    assert [(e.event, e.actor, e.recipient) for e in s.gold] == [
        ("ASSAULT", frozenset({"SYR"}), frozenset({"PHL"})),
        ("ASSAULT", frozenset({"ISR"}), frozenset({"PSE"})),
        ("PROTEST", frozenset({"PSE"}), frozenset({"ISR"})),
        ("ASSAULT", None, None),
    ]
    assert s.merged == 0


def test_short_dates_are_yymmdd():
    s = parse_petr2_line(line(date="121108"), load_ontology(), "x")
    assert s.article.date == dt.date(2012, 11, 8)


def test_bad_line_names_its_origin():
    with pytest.raises(InputError, match="f.jsonl:3"):
        parse_petr2_line("{not json", load_ontology(), "f.jsonl:3")


def test_scoring_on_hand_made_events(event_factory):
    sentences = read_petr2(MINI)
    assert len(sentences) == 5
    consult = load_ontology().plover_of("040")[0]
    predicted = {
        "INV001_1": (event_factory("INV001_1", consult, actor=("FRA",), recipient=("CHN",)),),
        "INV002_1": (event_factory("INV002_1", "ACCUSE", actor=("ISR",)),),  # wrong type
        "INV004_1": (),  # right: no event
        "INV005_1": (event_factory("INV005_1", "ACCUSE", actor=("UKR",), recipient=("RUS",)),),
    }
    s = score_petr2(sentences, predicted)
    assert s.sentences == 5 and s.gold_events == 4 and s.predicted_events == 3
    assert (s.events.micro.tp, s.events.micro.fp, s.events.micro.fn) == (2, 1, 2)
    assert (s.no_event.correct, s.no_event.total) == (4, 5)  # INV003 has gold but no prediction
    assert (s.no_event_specificity.correct, s.no_event_specificity.total) == (1, 1)
    assert (s.dyads.actor.correct, s.dyads.actor.total) == (1, 2)
    assert (s.dyads.dyad.correct, s.dyads.dyad.total) == (1, 2)
    names = {m.name for m in s.metrics()}
    assert {"petr2.event_macro_f1", "petr2.no_event_accuracy", "petr2.actor_accuracy"} <= names
    assert "PLOVER type" in s.section().text


def test_an_unspecified_yield_matches_either_half_of_yield(event_factory):
    # CAMEO 080 is neither 081-083 (CONCEDE) nor 084-087 (RETREAT): either type is right
    onto = load_ontology()
    s = parse_petr2_line(line(id="Y", codings=coded(("IGOUNOMIL", "SYR", "080"))), onto, "x")
    assert s.yields == frozenset({0})
    retreat = score_petr2([s], {"Y": (event_factory("Y", "RETREAT", actor=("IGO",), recipient=("SYR",)),)})
    assert (retreat.events.micro.tp, retreat.events.micro.fp) == (1, 0)
    concede = score_petr2([s], {"Y": (event_factory("Y", "CONCEDE"),)})
    assert concede.events.micro.tp == 1
    # a specified code keeps its half
    s = parse_petr2_line(line(id="Y", codings=coded(("ISR", "PSE", "081"))), onto, "x")
    assert not s.yields and score_petr2([s], {"Y": (event_factory("Y", "RETREAT"),)}).events.micro.tp == 0
