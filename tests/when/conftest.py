"""Fixtures for the date tests: the parsed seed article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc

# shared/ sits beside the repository checkout (also in CI)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "2023-02-22-russia-china-moscow.txt"


def read_seed() -> tuple[dt.date, str]:
    """Split the seed file's first line (" date YYYY-MM-DD <caption>") from the body."""
    first, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    _, _, day, caption = first.split(" ", 3)
    return dt.date.fromisoformat(day), caption + "\n\n" + body.lstrip("\n")


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dyad.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed(nlp) -> tuple[dt.date, Doc]:  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip("seed article not available")
    day, text = read_seed()
    return day, nlp(text)
