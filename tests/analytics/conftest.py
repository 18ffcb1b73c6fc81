from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from explore_factory import make_corpus

from dyad.store import Store


@pytest.fixture
def corpus_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "explore.sqlite"))
    store.save_many(make_corpus())
    yield store
    store.close()
