"""Test-only mentions built from spaCy NER, until the actor resolver is used.

Surnames ("Mr Lavrov") are linked to the full name seen earlier ("Sergei
Lavrov") so tests can check which entity a quote goes to. This stand-in lives
here, never in src.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dyad.records import Entity, Mention

# shared/ sits beside the repository checkout (also in CI)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "2023-02-22-russia-china-moscow.txt"
_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "group"}


def mentions_from_ner(doc: Doc) -> list[Mention]:
    """One mention per PERSON/ORG/GPE/NORP entity; a one-word name takes the earlier full name."""
    full_names: dict[str, str] = {}
    out = []
    for ent in doc.ents:
        if ent.label_ not in _KINDS:
            continue
        words = [t for t in ent if t.text not in ("’s", "'s")]
        name = " ".join(t.text for t in words)
        if ent.label_ == "PERSON":
            if len(words) == 1:  # "Mr Lavrov", "Mr Wang": the earlier full name with that word
                name = full_names.get(words[0].text, name)
            else:
                for word in words:
                    full_names.setdefault(word.text, name)
        entity = Entity(entity_text=ent.text, entity_name=name, kind=_KINDS[ent.label_], start=ent.start_char, end=ent.end_char)
        out.append(Mention(ent.start, ent.end, ent.root.i, (entity,), ent.text))
    return out


@pytest.fixture(scope="session")
def ner_mentions():  # type: ignore[no-untyped-def]
    return mentions_from_ner


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dyad.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_doc(nlp) -> tuple[dt.date, Doc]:  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip("seed article not available")
    first, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    _, _, day, caption = first.split(" ", 3)
    return dt.date.fromisoformat(day), nlp(caption + "\n\n" + body.lstrip("\n"))
