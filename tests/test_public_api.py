"""The public surface is what ``dyad.__all__`` claims, and settings are documented."""

from __future__ import annotations

import dyad
from dyad.settings import SETTINGS, Limits


def test_all_names_resolve():
    for name in dyad.__all__:
        assert getattr(dyad, name) is not None, name


def test_every_limit_is_a_documented_setting():
    names = {s.name for s in SETTINGS}
    for field in Limits.__dataclass_fields__:
        assert field in names, f"Limits.{field} has no Setting entry"
    for s in SETTINGS:
        assert len(s.help) > 10, s.name


def test_limits_from_environment(monkeypatch):
    monkeypatch.setenv("DYAD_MAX_ARTICLE_BYTES", "1234")
    assert Limits.from_env().max_article_bytes == 1234
