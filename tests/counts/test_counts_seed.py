"""The killed civilians of the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.counts import count_event

pytestmark = pytest.mark.model
# shared/ sits beside the repository checkout (also in CI)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "2023-02-22-russia-china-moscow.txt"


def test_seed_dead_civilians() -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    from dyad.nlp import load_model

    first, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    doc = load_model()(first.split(" ", 3)[3] + "\n\n" + body.lstrip("\n"))
    sentence = next(s for s in doc.sents if "presidential office" in s.text)
    killed = next(t.i for t in sentence if t.text == "killed")
    said = next(t.i for t in sentence if t.text == "said")
    expected = [("dead", 7, "at_least", "CVL")]
    assert [(c.kind, c.value, c.qualifier, c.group) for c in count_event(doc, killed)] == expected
    # coded on the reporting verb, the sentence still reports the casualties
    assert [(c.kind, c.value, c.qualifier, c.group) for c in count_event(doc, said)] == expected
