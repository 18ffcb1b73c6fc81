"""Training the scorer on our own annotated sentences: reproducible, saved and
loaded, used by the Pipeline, ``dyad train`` and ``dyad code --model``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.records import Article
from dyad.scoring.examples import make_examples, read_annotated
from dyad.scoring.model import load_model
from dyad.scoring.train import train_scorer

pytestmark = pytest.mark.model
FIXTURE = Path(__file__).parent / "fixtures" / "annotated.jsonl"
PROBES = ["Rebels shelled a village near the lake.", "The two presidents met for talks.", "The bakery sells bread."]


@pytest.fixture(scope="module")
def examples():
    return make_examples(read_annotated(FIXTURE))


@pytest.fixture(scope="module")
def trained(examples):
    return train_scorer(read_annotated(FIXTURE), examples=examples, version="test")


def probe_rows(examples):
    # Features of sentences parsed like the training ones.
    from dyad.scoring.examples import Annotated

    items = [Annotated(Article(id=f"p{i}", date=dt.date(2020, 1, 1), text=t), f"p{i}", "probe", ()) for i, t in enumerate(PROBES)]
    return [e.features for e in make_examples(items)]


def test_the_same_data_gives_the_same_model(examples, trained, tmp_path):
    again = train_scorer(read_annotated(FIXTURE), examples=list(reversed(examples)), version="test")
    rows = probe_rows(examples)
    assert np.array_equal(trained.probabilities(rows), again.probabilities(rows))
    trained.save(tmp_path / "a.pkl")
    again.save(tmp_path / "b.pkl")
    assert (tmp_path / "a.pkl").read_bytes() == (tmp_path / "b.pkl").read_bytes()
    assert trained.meta == again.meta
    assert (trained.thresholds, trained.default_threshold, trained.override) == (again.thresholds, again.default_threshold, again.override)


def test_a_saved_model_loads_and_predicts_the_same(examples, trained, tmp_path):
    path = tmp_path / "scorer.pkl"
    trained.save(path)
    loaded = load_model(path)
    rows = probe_rows(examples)
    assert np.array_equal(trained.probabilities(rows), loaded.probabilities(rows))
    assert set(loaded.meta) >= {"data_hash", "code_version", "dev"}
    top = [loaded.labels[int(i)] for i in loaded.probabilities(rows).argmax(axis=1)]
    assert top == ["ASSAULT", "CONSULT", "none"]


def test_dyad_train_writes_a_model_that_dyad_code_uses(tmp_path):
    runner = CliRunner()
    model = tmp_path / "m.pkl"
    result = runner.invoke(app, ["train", str(FIXTURE), "--out", str(model)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.split("\n", 1)[1])["data_hash"]
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "a1", "date": "2024-03-02", "text": "Thousands of workers rallied in the capital on Friday."}) + "\n")
    result = runner.invoke(app, ["code", str(article), "--model", str(model), "--no-db", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events] == ["PROTEST"]


def test_explain_prints_the_scorers_top_types_and_weighed_features():
    from dyad.coding.explain import explain_sentence
    from dyad.evaluation.harness import load_pipeline

    trace = explain_sentence("Rebels shelled the town of Arbor.", dt.date(2024, 1, 2), load_pipeline())
    (note,) = [n for n in trace.notes if n.stage == "scorer"]
    assert note.lines[0].startswith("'Rebels shelled the town of Arbor.': ASSAULT")
    assert " from: " in note.lines[1]


def test_the_gate_fits_the_same_bytes_on_the_same_out_of_fold_data(examples):
    from dyad.scoring.gate import Gate, feature_names
    from dyad.scoring.gate_train import train_gate
    from dyad.scoring.train import train_scorer_oof

    first = train_scorer_oof(read_annotated(FIXTURE), examples=examples, version="test")
    again = train_scorer_oof(read_annotated(FIXTURE), examples=list(reversed(examples)), version="test")
    a = train_gate(first.dev, first.dev_probs, first.model)
    b = train_gate(again.dev, again.dev_probs, again.model)
    assert isinstance(a, Gate) and a.names == feature_names() and len(a.coef) == len(a.names)
    assert a.to_json() == b.to_json()
    assert set(a.thresholds) == {"rule", "override", "scorer"} and a.meta["rows"] > 0


def test_dyad_explain_shows_the_gates_decision_and_its_inputs(monkeypatch):
    """A gate whose scorer-path and rule-path thresholds no event reaches: the event is shown blocked, with why."""
    import dyad.scoring.gate as gate_module
    from dyad.scoring.gate import Gate, feature_names

    strict = Gate(feature_names(), (0.0,) * len(feature_names()), 0.0, {"rule": 0.9, "override": 0.9, "scorer": 0.9})
    monkeypatch.setattr(gate_module, "packaged_gate", lambda: strict)
    result = CliRunner().invoke(app, ["explain", "Rebels shelled the town of Arbor on Monday."], terminal_width=400)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # the console wraps long lines
    blocked = text[text.index("Blocked") :]
    assert "ASSAULT" in blocked and "blocked by event gate: P(right) = 0.50 < 0.90 (rule path, score 0." in blocked
    assert "P(no event) 0." in blocked and "sentence 1" in blocked
