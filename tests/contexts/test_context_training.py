"""Training the context model: ``train_context_model``, the folder ``dyad train --contexts``
writes and the tagger reading it (hand-built rows; no spaCy model; ``dyad code --context-model``:
test_context_training_model.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from context_events import event_at, two_context_rows
from typer.testing import CliRunner

from dyad.batch.fingerprint import configuration_fingerprint
from dyad.cli.main import app
from dyad.coding.ontology import load_ontology
from dyad.contexts.scoring import Weights
from dyad.contexts.tagger import ContextTagger, load_trained
from dyad.contexts.train import save_weights
from dyad.contexts.train_model import Row, save_contexts, train_context_model
from dyad.errors import ConfigError
from dyad.pipeline import PipelineOptions

RULES = Weights({"bias": -4.0, "sentence": 5.0}, threshold=0.5, max_contexts=3, floor=0.1)
runner = CliRunner()


def _rows() -> list[Row]:
    return two_context_rows(60, 10)


def test_the_same_rows_give_the_same_files(tmp_path: Path):
    lines: list[str] = []
    first = save_contexts(RULES, train_context_model(_rows(), RULES, lines.append), tmp_path / "one")
    second = save_contexts(RULES, train_context_model(_rows(), RULES, lambda _: None), tmp_path / "two")
    assert [p.name for p in first] == ["weights.json", "model.json"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert any("cross-validation" in line for line in lines)
    weights, model = load_trained(tmp_path / "one")
    assert {f: w for f, w in weights.weights.items() if w} == RULES.weights and model.contexts == ("military", "economic")
    assert model.meta["settings"]["threshold"] == model.threshold
    assert model.meta["script"] == "dyad train --contexts"


def test_the_trained_folder_decides_the_contexts(tmp_path: Path):
    weights, model = load_trained(save_contexts(RULES, train_context_model(_rows(), RULES, lambda _: None), tmp_path)[0].parent)
    tagger = ContextTagger.from_ontology(load_ontology(), weights=weights, model=model)
    text = "Troops said they crossed the river. Officials said trade grew."
    tagged = tagger.tag(text, [event_at(text, "Troops said", "crossed", "ASSAULT"), event_at(text, "Officials said", "grew", "AGREE")])
    assert tagged[0].context[:1] == ("military",) and "economic" in tagged[1].context


def test_a_folder_without_both_files_is_an_error(tmp_path: Path):
    save_weights(RULES, tmp_path / "weights.json")
    with pytest.raises(ConfigError, match="model.json"):
        load_trained(tmp_path)


def test_the_fingerprint_follows_the_context_model_files(tmp_path: Path):
    save_contexts(RULES, train_context_model(_rows(), RULES, lambda _: None), tmp_path)
    base = configuration_fingerprint(PipelineOptions(context_model=tmp_path))
    assert configuration_fingerprint(PipelineOptions(context_model=tmp_path)) == base != configuration_fingerprint(PipelineOptions())
    save_weights(replace(RULES, threshold=0.4), tmp_path / "weights.json")
    assert configuration_fingerprint(PipelineOptions(context_model=tmp_path)) != base


@pytest.mark.parametrize(
    ("args", "message"),
    [(["train", "--contexts"], "--voa-corpus"), (["train", "--contexts", "x.jsonl", "--voa-corpus", "v.jsonl"], "no FILE"), (["train"], "FILE")],
)
def test_dyad_train_says_what_it_needs(args: list[str], message: str):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
