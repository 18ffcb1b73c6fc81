from __future__ import annotations

import pytest

from dyad.batch.watch import parse_period


@pytest.mark.parametrize("text,seconds", [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400), ("45", 45), ("0.5m", 30)])
def test_parse_period(text, seconds):
    assert parse_period(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15 minutes", "-5m"])
def test_bad_period(text):
    with pytest.raises(ValueError):
        parse_period(text)
