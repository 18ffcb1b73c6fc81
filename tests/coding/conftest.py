"""Test fixtures for the event coder.

The actor resolver is built in parallel; until it exists these tests make
Mentions from spaCy's named entities with a small name table of our own
(test-only, never used by dyad itself).
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.records import Entity, Mention

# surface form (lower case) → (code, sector, kind)
NAMES: dict[str, tuple[str, str | None, str]] = {
    "russia": ("RUS", None, "country"),
    "russian": ("RUS", None, "country"),
    "moscow": ("RUS", "GOV", "country"),
    "kremlin": ("RUS", "GOV", "organisation"),
    "china": ("CHN", None, "country"),
    "chinese": ("CHN", None, "country"),
    "beijing": ("CHN", "GOV", "country"),
    "us": ("USA", None, "country"),
    "the us": ("USA", None, "country"),
    "washington": ("USA", "GOV", "country"),
    "ukraine": ("UKR", None, "country"),
    "ukrainian": ("UKR", None, "country"),
    "nato": ("IGO", None, "organisation"),
    "france": ("FRA", None, "country"),
    "french": ("FRA", None, "country"),
    "germany": ("DEU", None, "country"),
    "iran": ("IRN", None, "country"),
    "israel": ("ISR", None, "country"),
    "japan": ("JPN", None, "country"),
    "india": ("IND", None, "country"),
    "pakistan": ("PAK", None, "country"),
    "egypt": ("EGY", None, "country"),
    "israeli": ("ISR", None, "country"),
    "ankara": ("TUR", "GOV", "country"),
    "security council": ("IGO", None, "organisation"),
    "national security council": ("RUS", "GOV", "organisation"),
    "sergei lavrov": ("RUS", "GOV", "person"),
    "lavrov": ("RUS", "GOV", "person"),
    "wang yi": ("CHN", "GOV", "person"),
    "wang": ("CHN", "GOV", "person"),
    "wang’s": ("CHN", "GOV", "person"),
    "vladimir putin": ("RUS", "GOV", "person"),
    "putin": ("RUS", "GOV", "person"),
    "nikolai patrushev": ("RUS", "GOV", "person"),
    "pavlo kyrylenko": ("UKR", "GOV", "person"),
    "serhii haidai": ("UKR", "GOV", "person"),
    "antony blinken": ("USA", "GOV", "person"),
    "emmanuel macron": ("FRA", "GOV", "person"),
    "macron": ("FRA", "GOV", "person"),
}
LABELS = {"GPE", "NORP", "PERSON", "ORG"}


def mentions_from_ents(doc: Doc) -> list[Mention]:
    """One Mention per named entity the table knows; others are left out."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        key = ent.text.lower().removeprefix("the ").strip()
        key = NAMES.get(key) and key or ent.text.lower()
        if key not in NAMES:
            continue
        code, sector, kind = NAMES[key]
        entity = Entity(
            entity_text=ent.text,
            entity_name=ent.text,
            code=code,
            sector=sector,
            kind=kind,
            start=ent.start_char,
            end=ent.end_char,
            resolution="test name table",
        )
        out.append(Mention(ent.start, ent.end, ent.root.i, (entity,), ent.text))
    return out


@pytest.fixture(scope="session")
def nlp() -> Language:
    from dyad.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def to_mentions():
    """The NER-based mention builder, for tests that parse their own text."""
    return mentions_from_ents


@pytest.fixture(scope="module")
def code(nlp, to_mentions):
    """Code a sentence with the rule coder alone: (type, CAMEO, actor codes, recipient codes) per unblocked event."""
    from sides import codes_of

    from dyad.coding import EventCoder

    coder = EventCoder()

    def run(text: str) -> list[tuple[str, str, str, str]]:
        doc = nlp(text)
        return [
            (c.event, c.cameo or "", codes_of(c.actor), codes_of(c.recipient))
            for c in coder.code_doc(doc, to_mentions(doc))
            if c.blocked is None
        ]

    return run
