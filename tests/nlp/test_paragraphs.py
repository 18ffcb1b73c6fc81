from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_caption_without_full_stop_is_its_own_sentence(nlp):
    doc = nlp("Thousands of protesters march through the capital\n\nPolice arrested 40 demonstrators on Saturday.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Thousands of protesters march through the capital"
    assert sents[1].startswith("Police arrested")
