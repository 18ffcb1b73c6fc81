from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.evaluation.place import evaluate_places, normalise_span, read_place_records

ROWS = [  # invented sentences in the event_location format
    {"id": "a", "text": "Rebels attacked a checkpoint near the town of Kreminna on Monday.", "verb": ["attacked"], "location": ["Kreminna"]},
    {"id": "b", "text": "Police arrested five men after the protest.", "verb": ["arrested"], "location": []},
    {"id": "c", "text": "Troops shelled villages in the Donetsk region overnight.", "verb": ["shelled"], "location": ["Donetsk"]},
]  # fmt: skip


def write(tmp_path: Path) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_normalise_span() -> None:
    assert normalise_span("Al - Zara") == normalise_span("al-Zara") == "al-zara"
    assert normalise_span("the West Bank") == "west bank"


def test_read_limit_is_a_prefix(tmp_path: Path) -> None:
    assert [r.id for r in read_place_records(write(tmp_path), limit=2)] == ["a", "b"]


@pytest.mark.model
def test_evaluate_places_scores_a_small_file(tmp_path: Path) -> None:
    scores = evaluate_places(write(tmp_path))
    assert (scores.n, scores.n_located, scores.n_no_verb) == (3, 2, 0)
    assert scores.accuracy == 1.0 and scores.unlocated_accuracy == 1.0
