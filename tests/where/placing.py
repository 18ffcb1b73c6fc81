"""The one helper the event-place tests share: code a sentence's place for one trigger word."""

from __future__ import annotations

from spacy.language import Language

from dyad.records import Mention
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event


def place_of(nlp: Language, geo: Geocoder, text: str, word: str, mentions: tuple[Mention, ...] = ()) -> str | None:
    """The extracted place of the event whose trigger is the first token ``word``."""
    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == word)
    place = locate_event(doc, trigger, mentions, geo)
    return None if place is None else place.extracted_place
