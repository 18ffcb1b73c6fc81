"""The count lexicon (``data/lexicon.yaml``) as a typed, frozen object."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ConfigError

KINDS = ("dead", "injured", "arrested", "crowd")
QUALIFIERS = ("exact", "at_least", "about", "more_than", "at_most", "fewer_than")


@dataclass(frozen=True, slots=True)
class CountLexicon:
    """Lemmas that make a number a count, and the words around numbers."""

    transitive: dict[str, str]  # verb lemma → kind; the people counted are its object
    intransitive: dict[str, str]  # verb lemma → kind; the people counted are its subject
    words: dict[str, str]  # "dead", "deaths", "crowd" → kind
    toll_words: frozenset[str]
    groups: dict[str, str]  # noun lemma or phrase → PLOVER sector
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # word sequence → qualifier, longest first
    vague: dict[str, int]  # "dozens" → 24
    not_people: frozenset[str]
    vague_first_words: frozenset[str] = frozenset()  # a fast test before matching "tens of thousands"


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"count lexicon: {where} must be a list of strings")
    return [v.lower() for v in value]


def parse_lexicon(data: Any) -> CountLexicon:
    """Build a ``CountLexicon`` from the parsed YAML, checking its shape."""
    if not isinstance(data, dict):
        raise ConfigError("count lexicon: the top level must be a mapping")
    transitive: dict[str, str] = {}
    intransitive: dict[str, str] = {}
    words: dict[str, str] = {}
    for kind, entry in (data.get("kinds") or {}).items():
        if kind not in KINDS:
            raise ConfigError(f"count lexicon: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        for lemma in _strings(entry.get("transitive", []), f"{kind}.transitive"):
            transitive[lemma] = kind
        for lemma in _strings(entry.get("intransitive", []), f"{kind}.intransitive"):
            intransitive[lemma] = kind
        for word in _strings(entry.get("words", []), f"{kind}.words"):
            words.setdefault(word, kind)
    groups = {
        word: sector for sector, nouns in (data.get("groups") or {}).items() for word in _strings(nouns, sector)
    }
    qualifiers = []
    for qualifier, phrases in (data.get("qualifiers") or {}).items():
        if qualifier not in QUALIFIERS:
            raise ConfigError(f"count lexicon: unknown qualifier {qualifier!r}")
        qualifiers += [(tuple(p.split()), qualifier) for p in _strings(phrases, qualifier)]
    qualifiers.sort(key=lambda q: -len(q[0]))
    vague = {str(k).lower(): int(v) for k, v in (data.get("vague") or {}).items()}
    return CountLexicon(
        transitive=transitive,
        intransitive=intransitive,
        words=words,
        toll_words=frozenset(_strings(data.get("toll_words", []), "toll_words")),
        groups=groups,
        qualifiers=tuple(qualifiers),
        vague=vague,
        not_people=frozenset(_strings(data.get("not_people", []), "not_people")),
        vague_first_words=frozenset(key.split()[0] for key in vague),
    )


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> CountLexicon:
    """The packaged lexicon, or the YAML file at ``path``."""
    if path is None:
        text = resources.files("dyad.counts").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))
