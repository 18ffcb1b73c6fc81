"""The learned context classifier (``contexts/model.py``, ``train_model.py``), on hand-built
events and weights (no spaCy model)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from context_events import event_at, two_context_rows

from dyad.coding.ontology import load_ontology
from dyad.contexts.lexicon import GENERAL_CONTEXTS
from dyad.contexts.model import ContextModel, grams, load_context_model, parse_model
from dyad.contexts.scoring import Weights
from dyad.contexts.tagger import ContextTagger
from dyad.contexts.train_model import Row, fit_model, predict
from dyad.errors import ConfigError

ONTOLOGY = load_ontology()
RULES = Weights({"bias": -4.0, "sentence": 5.0}, threshold=0.5)


def hand_model(**weights: dict[str, float]) -> ContextModel:
    contexts = tuple(c for c in GENERAL_CONTEXTS if c in weights)
    return ContextModel(contexts, dict.fromkeys(contexts, -3.0), weights, threshold=0.5, max_contexts=3, floor=1.0)


def test_grams_are_lower_cased_words_and_word_pairs_without_digits():
    assert grams("Troops shelled 3 villages near Kharkiv's border") == {
        "troops", "shelled", "villages", "near", "kharkiv's", "border",
        "troops shelled", "shelled villages", "villages near", "near kharkiv's", "kharkiv's border",
    }  # fmt: skip


def test_a_context_only_the_model_gives_shows_its_strongest_word_in_the_text():
    model = hand_model(health={"s:syringe": 4.0}, military={"s:troops": 4.0})
    tagger = replace(ContextTagger.from_ontology(ONTOLOGY, weights=RULES), model=model)
    text = "Officials said the syringe shipment reached Goma on Monday."
    event = tagger.tag(text, [event_at(text, text, "reached", "AID")])[0]
    assert event.context == ("health",)
    (tag,) = event.context_evidence
    assert (tag.level, tag.text, tag.source) == ("sentence", "syringe", "model:s:syringe")
    assert text[tag.start : tag.end] == tag.text


def test_the_model_weighs_the_rules_evidence_per_context():
    # The same sentence cue: trusted for one context, distrusted for the other.
    model = hand_model(diplomatic={"rule": 1.0, "ev:sentence": 2.0}, economic={"rule": 1.0, "ev:sentence": -3.0})
    trusting = {"diplomatic": {"bias": 1.0, "sentence": 1.0}, "economic": {"bias": 1.0, "sentence": 1.0}}
    z = model.logits({}, trusting, RULES)
    assert z["diplomatic"] == pytest.approx(-3.0 + (-4.0 + 5.0) + 2.0)
    assert z["economic"] == pytest.approx(-3.0 + (-4.0 + 5.0) - 3.0)
    # No evidence: the rules' logit is their bias.
    assert model.logits({}, {}, RULES)["diplomatic"] == pytest.approx(-3.0 - 4.0)


def test_contexts_without_a_model_keep_the_rules_weighing():
    model = hand_model(health={"s:vaccine": 4.0})
    tagger = replace(ContextTagger.from_ontology(ONTOLOGY, weights=RULES), model=model)
    text = "The court sentenced the journalist on Monday."
    got = {t.name: t.source for t in tagger.tags_for(event_at(text, text, "sentenced", "COERCE"), tagger.read(text))}
    assert got.get("legal", "").startswith("cue:")


def test_explain_gives_probability_evidence_and_weights():
    model = hand_model(military={"s:troops": 4.0, "rule": 1.0})
    tagger = replace(ContextTagger.from_ontology(ONTOLOGY, weights=RULES), model=model)
    text = "Russian troops shelled the town."
    (line,) = [x for x in tagger.explain(event_at(text, text, "shelled", "ASSAULT"), tagger.read(text)) if x.startswith("military")]
    assert "p=" in line and "'troops'" in line and "s:troops +4.00" in line


def test_the_file_round_trips_and_names_only_manual_contexts(tmp_path):
    model = hand_model(cyber={"s:hackers": 1.25, "ev:sentence": 0.5}, military={"type:ASSAULT": 0.75})
    path = tmp_path / "m.json"
    model.save(path)
    again = load_context_model(path)
    assert again is not None and again.to_json() == model.to_json()
    raw = json.loads(path.read_text())
    raw["contexts"]["warfare"] = raw["contexts"].pop("cyber")
    with pytest.raises(ConfigError, match="warfare"):
        parse_model(raw, "m.json", GENERAL_CONTEXTS)


def _rows() -> list[Row]:
    return two_context_rows(40, 8)


def test_fitting_is_deterministic_and_learns_the_words():
    rows = _rows()
    first = fit_model(rows, ("military", "economic"), 1.0, RULES, True, "s")
    second = fit_model(rows, ("military", "economic"), 1.0, RULES, True, "s")
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())
    assert first.weights["military"]["s:troops"] > 0 > first.weights["economic"]["s:troops"]
    assert predict(rows[:2], first, RULES, 0.5, 3) == [{"military"}, {"economic"}]


def test_the_shipped_model_loads_with_its_recipe():
    model = load_context_model()
    assert model is not None and model.contexts and set(model.contexts) <= set(GENERAL_CONTEXTS)
    assert 0 < model.threshold < 1 and model.meta["settings"]["threshold"] == model.threshold
    assert "train split only" in model.meta["gold"]
