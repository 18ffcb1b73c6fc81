"""The learned place picker: its shipped model, its features, and how locate_event uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.where.picker import MODEL_PATH, PickerModel, load_picker


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
