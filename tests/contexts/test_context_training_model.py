"""``dyad code --context-model FOLDER`` codes with the context model in it (model tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli.main import app
from dyad.contexts.model import ContextModel
from dyad.contexts.scoring import Weights
from dyad.contexts.train_model import save_contexts

pytestmark = pytest.mark.model
runner = CliRunner()


def _code(tmp_path: Path, *options: str) -> list[dict]:
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "a1", "date": "2024-03-02", "text": "Russian troops shelled Kreminna on Friday."}) + "\n")
    result = runner.invoke(app, ["code", str(article), *options, "--no-db", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_dyad_code_uses_the_context_model_folder(tmp_path: Path):
    # A model that reads "shelled" as health (absurd on purpose) and rules that give nothing.
    rules = Weights({"bias": -10.0}, threshold=0.5, max_contexts=3, floor=0.9)
    model = ContextModel(("health",), {"health": -5.0}, {"health": {"s:shelled": 10.0}}, threshold=0.5, max_contexts=3, floor=0.9)
    save_contexts(rules, model, tmp_path / "ctx")
    (shipped,) = _code(tmp_path)
    (mine,) = _code(tmp_path, "--context-model", str(tmp_path / "ctx"))
    assert "military" in shipped["context"] and "health" not in shipped["context"]
    assert [c for c in mine["context"] if c not in ("future", "historical", "hypothetical", "negation")] == ["health"]


def test_dyad_code_refuses_a_folder_without_the_files(tmp_path: Path):
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "a1", "date": "2024-03-02", "text": "Troops shelled the town."}) + "\n")
    result = runner.invoke(app, ["code", str(article), "--context-model", str(tmp_path), "--no-db", "--format", "jsonl"])
    assert result.exit_code != 0
    assert "not a context model folder" in result.output + str(result.exception)
