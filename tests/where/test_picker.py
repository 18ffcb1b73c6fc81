"""The learned place picker: its shipped model, its features, and how locate_event uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event, picker_scores, sentence_candidates
from dyad.where.picker import MODEL_PATH, PickerModel, candidate_features, load_picker
from dyad.where.rules import load_place_rules


def test_shipped_model_is_small_portable_json() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < data["threshold"] < 1.0 and data["unranked_threshold"] >= data["threshold"]
    assert 50 < len(data["weights"]) < 5000 and MODEL_PATH.stat().st_size < 200_000
    model = load_picker()
    assert model is not None and model.threshold == data["threshold"]


def test_probability_is_a_logistic_of_the_weights() -> None:
    model = PickerModel({"a": 2.0, "b": -1.0}, 0.5, 0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828459045**-0.5))
    assert model.probability({"a": 1.0, "b": 1.0}) == pytest.approx(1 / (1 + 2.718281828459045**-1.5))
    assert model.probability({"unknown": 1.0}) == model.probability({})


def test_load_picker_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert load_picker(tmp_path / "none.json") is None


def _candidates(nlp: Language, geo: Geocoder, text: str, word: str):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    cands, choice = sentence_candidates(doc, trigger, set(), geo, False, load_place_rules())
    return doc, trigger, cands, choice


@pytest.mark.model
def test_features_see_preposition_actor_modifier_and_rule_choice(nlp: Language, geocoder: Geocoder) -> None:
    text = "Russian forces shelled the town of Kreminna in the Luhansk region on Monday."
    doc, trigger, cands, choice = _candidates(nlp, geocoder, text, "shelled")
    names = [doc[c.span.start : c.span.end].text for c in cands]
    assert "Kreminna" in names and choice is not None
    feats = {n: candidate_features(doc, trigger, c, i, len(cands), False) for i, (n, c) in enumerate(zip(names, cands, strict=True))}
    assert names == ["Kreminna", "Luhansk"]
    assert {"rule_choice", "tier=clause", "cdep=dobj", "under_trigger", "after"} <= set(feats["Kreminna"])
    assert {"prev=of", "next=in", "trig=shell", "trig=shell|cdep=dobj", "freq=1"} <= set(feats["Kreminna"])
    assert {"gprep=in", "site_modifier", "gaz=admin1", "last"} <= set(feats["Luhansk"])
    assert "rule_choice" not in feats["Luhansk"]


@pytest.mark.model
def test_a_place_modifying_an_actor_is_marked(nlp: Language, geocoder: Geocoder) -> None:
    doc, trigger, cands, _ = _candidates(nlp, geocoder, "The Kharkiv governor accused Moscow of shelling the city.", "accused")
    kharkiv = next(i for i, c in enumerate(cands) if doc[c.span.start].text == "Kharkiv")
    feats = candidate_features(doc, trigger, cands[kharkiv], kharkiv, len(cands), False)
    assert "modifies_noun" in feats and "site_modifier" not in feats


@pytest.mark.model
def test_locate_event_keeps_the_picker_scores_for_explain(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("Rebels attacked a checkpoint near the town of Kreminna on Monday.")
    trigger = next(t.i for t in doc if t.text == "attacked")
    place = locate_event(doc, trigger, (), geocoder)
    assert place is not None and place.extracted_place == "Kreminna"
    scores = picker_scores(doc, trigger)
    assert [doc[s.candidate.span.start : s.candidate.span.end].text for s in scores] == ["Kreminna"]
    assert 0.0 <= scores[0].probability <= 1.0


@pytest.mark.model
def test_rules_alone_when_the_picker_is_off(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("Rebels attacked a checkpoint near the town of Kreminna on Monday.")
    trigger = next(t.i for t in doc if t.text == "attacked")
    place = locate_event(doc, trigger, (), geocoder, picker=False)
    assert place is not None and place.extracted_place == "Kreminna" and place.rule == "clause"
    assert picker_scores(doc, trigger) == ()
