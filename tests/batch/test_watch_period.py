from __future__ import annotations

import pytest

from dyad.batch.watch import parse_period


@pytest.mark.parametrize("text,seconds", [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400), ("45", 45), ("0.5m", 30),
                                          ("5 minutes", 300), ("1h", 3600), ("2h30m", 9000), ("1 hour", 3600)])  # fmt: skip
def test_parse_period(text, seconds):
    assert parse_period(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "-5m", "0m", "soon", "15 mins later"])
def test_bad_period(text):
    with pytest.raises(ValueError):
        parse_period(text)
