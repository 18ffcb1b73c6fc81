"""Evaluation runs that code text, and so need the spaCy model."""

from __future__ import annotations

import pytest
from test_eval_petr2 import MINI

from dyad.evaluation.petr2 import evaluate_petr2


@pytest.mark.model
def test_petr2_end_to_end_on_five_sentences():
    s = evaluate_petr2(MINI, limit=5)
    assert s.sentences == 5 and s.gold_events == 4 and s.rejected == 0
    # A model run must give real, bounded numbers and find some event.
    assert s.predicted_events > 0
    for m in s.metrics():
        assert 0.0 <= m.value <= 1.0
