"""The editable word lists behind the event-place rules (``data/rules.yaml``)."""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass

import yaml

from dyad.errors import ConfigError


@dataclass(frozen=True, slots=True)
class PlaceRules:
    """Lemmas that change where an event is placed; see ``data/rules.yaml``."""

    topic_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    group_name_words: frozenset[str] = frozenset()
    facility_name_ends: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def load_place_rules() -> PlaceRules:
    """The packaged rule lists, read once per process."""
    text = importlib.resources.files("dyad.where").joinpath("data/rules.yaml").read_text("utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"dyad/where/data/rules.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError("dyad/where/data/rules.yaml must map list names to lists of lemmas")
    return PlaceRules(
        topic_nouns=frozenset(str(w).lower() for w in data.get("topic_nouns") or ()),
        speech_verbs=frozenset(str(w).lower() for w in data.get("speech_verbs") or ()),
        group_name_words=frozenset(str(w).lower() for w in data.get("group_name_words") or ()),
        facility_name_ends=frozenset(str(w).lower() for w in data.get("facility_name_ends") or ()),
    )
