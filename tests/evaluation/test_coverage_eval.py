import json
from pathlib import Path

import pytest

from dyad.coding.ontology import load_ontology
from dyad.errors import InputError
from dyad.evaluation.coverage import DEV_FILE, TEST_FILE, describe_errors, packaged_path, parse_coverage_line, read_coverage, score_coverage

MINI = Path(__file__).parent / "fixtures" / "coverage_mini.jsonl"


def test_gold_type_comes_from_the_crosswalk_and_statements_are_not_events():
    s1, s2, s3 = read_coverage(MINI)
    assert s1.gold is not None and s1.gold.event == "AGREE"
    assert s1.gold.actor == frozenset({"JPN"}) and s1.gold.recipient == frozenset({"PHL"})
    assert s2.gold is None  # CAMEO 010 has no PLOVER type
    assert s3.gold is None


def test_scores_over_all_sixteen_types(event_factory):
    sentences = read_coverage(MINI)
    predicted = {
        "C1": (event_factory("C1", "AGREE", actor=("JPN",), recipient=("PHL",)),),
        "C3": (event_factory("C3", "ASSAULT", actor=("RUS",)),),
    }
    scores = score_coverage(sentences, predicted)
    assert len(scores.events.classes) == 16
    assert scores.events.get("AGREE").tp == 1
    assert scores.events.get("ASSAULT").fp == 1
    assert scores.events.macro_f1 == pytest.approx(1 / 16)
    assert scores.no_event_specificity.correct == 1 and scores.no_event_specificity.total == 2
    assert scores.dyads.dyad.value == 1.0
    assert {m.name for m in scores.metrics()} >= {"coverage.event_macro_f1", "coverage.dyad_accuracy"}
    errors = describe_errors(sentences, predicted)
    assert len(errors) == 1 and errors[0].startswith("C3")


def test_wrong_recipient_counts_against_the_dyad(event_factory):
    sentences = read_coverage(MINI)[:1]
    scores = score_coverage(sentences, {"C1": (event_factory("C1", "AGREE", actor=("JPN",), recipient=("CHN",)),)})
    assert scores.dyads.actor.value == 1.0 and scores.dyads.recipient.value == 0.0


def test_a_bad_line_names_its_origin():
    with pytest.raises(InputError, match="x.jsonl:3"):
        parse_coverage_line('{"id": "A"}', load_ontology(), "x.jsonl:3")


@pytest.mark.parametrize("name", [DEV_FILE, TEST_FILE])
def test_packaged_sets_cover_every_plover_type(name):
    rows = [json.loads(line) for line in packaged_path(name).read_text(encoding="utf-8").splitlines()]
    sentences = read_coverage(packaged_path(name))
    types = {s.gold.event for s in sentences if s.gold is not None}
    assert types == set(load_ontology().types)
    assert sum(r["noevent"] for r in rows) >= len(rows) // 20
    assert len({r["id"] for r in rows}) == len(rows)
