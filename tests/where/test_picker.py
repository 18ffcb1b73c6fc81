"""The learned place picker: its shipped model, its features, and how locate_event uses it."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from dyad.where.picker import MODEL_PATH, Candidate, PickerModel, Scored, Scores, load_picker
from dyad.where.spans import PlaceSpan


def test_shipped_model_is_small_portable_json() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert -5.0 < data["threshold"] < 5.0 and data["version"] == "picker-2"
    assert 50 < len(data["weights"]) < 6000 and MODEL_PATH.stat().st_size < 200_000
    assert any(k.startswith("none|") for k in data["weights"]) and "none|bias" in data["weights"]
    model = load_picker()
    assert model is not None and model.threshold == data["threshold"]


def test_score_is_the_weighted_sum_of_the_features() -> None:
    model = PickerModel({"a": 2.0, "b": -1.0}, 0.0)
    assert model.score({}) == 0.0
    assert model.score({"a": 1.0, "b": 1.0}) == pytest.approx(1.0)
    assert model.score({"a": 0.5, "unknown": 3.0}) == pytest.approx(1.0)


def _cand(start: int, actor: bool = False) -> Candidate:
    """A candidate for the choice logic alone (its parse is never looked at: an actor is never chosen,
    and a non-actor whose phrase is not a prepositional object may be)."""
    tok = SimpleNamespace(dep_="dobj")
    return Candidate(PlaceSpan(start, start + 1, None, "ner"), tok, tok, None, 0, actor, False, False, 0,  # type: ignore[arg-type]
                     None, False, False, False, False, False)


def test_best_candidate_must_beat_none_by_the_margin() -> None:
    a, b = Scored(_cand(1), 0.5, 2.0), Scored(_cand(5), 0.2, 1.0)
    scores = Scores((a, b), 0.3, 1.5)
    assert scores.best(0.0) is a  # 2.0 - 1.5 >= 0
    assert scores.best(0.5) is a and scores.best(0.6) is None
    assert scores.best(-1.0) is a  # a negative margin lets a candidate below "none" win
    # a candidate the picker may not choose (an actor) never wins, however high its score
    actor = Scored(_cand(0, actor=True), 0.0, 9.0, eligible=False)
    assert Scores((actor, b), 0.5, 1.5).best(-1.0) is b
    assert Scores((actor,), 1.0, 0.0).best(-5.0) is None


def test_load_picker_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert load_picker(tmp_path / "none.json") is None
