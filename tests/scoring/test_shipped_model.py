"""The scorer model that ships in the package."""

from __future__ import annotations

from dyad.coding.ontology import load_ontology
from dyad.scoring.model import load_model, packaged_model_path
from dyad.scoring.records import NO_EVENT


def test_the_shipped_model_is_small_and_covers_every_plover_type():
    path = packaged_model_path()
    assert path.stat().st_size <= 40 * 1024 * 1024
    model = load_model(path)
    assert set(model.labels) == set(load_ontology().types) | {NO_EVENT}
    assert set(model.meta) >= {"data_hash", "code_version", "dev", "examples"}
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())
