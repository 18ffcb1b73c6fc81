"""Fixtures shared by the whole suite: the shared data folder, the model, a pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "2023-02-22-russia-china-moscow.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("the seed article ../shared/seed is not available")
    return SEED


@pytest.fixture(scope="session")
def nlp():
    from dyad.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def pipeline():
    from dyad.pipeline import Pipeline

    return Pipeline()
