"""Count patterns on short invented sentences, and the lexicon loader."""

from __future__ import annotations

import pytest

from dyad.counts import load_lexicon, parse_number
from dyad.counts.lexicon import parse_lexicon
from dyad.errors import ConfigError


@pytest.mark.parametrize(
    "text, value",
    [("7", 7), ("1,200", 1200), ("seven", 7), ("twenty-three", 23), ("1.5 million", 1_500_000), ("dozen", None)],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_lexicon_loads_and_documents_vague_numbers() -> None:
    lex = load_lexicon()
    assert lex.vague["dozens"] == 24 and lex.vague["thousands"] == 2000
    assert lex.groups["soldier"] == "MIL" and lex.groups["protester"] == "OPP"
    assert lex.transitive["kill"] == "dead"


def test_lexicon_rejects_unknown_kind() -> None:
    with pytest.raises(ConfigError, match="unknown kind"):
        parse_lexicon({"kinds": {"missing": {"transitive": ["vanish"]}}})
