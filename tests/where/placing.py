"""Helpers the place tests share: code a sentence's place for one trigger word; a gazetteer entry."""

from __future__ import annotations

from spacy.language import Language

from dyad.records import Mention
from dyad.where.gazetteer import GazetteerEntry
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event


def place_of(nlp: Language, geo: Geocoder, text: str, word: str, mentions: tuple[Mention, ...] = ()) -> str | None:
    """The extracted place of the event whose trigger is the first token ``word``."""
    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == word)
    place = locate_event(doc, trigger, mentions, geo)
    return None if place is None else place.extracted_place


def entry(name: str, feature: str, country: str, pop: int, primary: bool = True, **kw: object) -> GazetteerEntry:
    return GazetteerEntry(
        geonameid=kw.get("geonameid", abs(hash((name, country, feature))) % 10_000_000),  # type: ignore[arg-type]
        name=name,
        feature=feature,
        country=country,
        lat=kw.get("lat", 1.0),  # type: ignore[arg-type]
        lon=kw.get("lon", 2.0),  # type: ignore[arg-type]
        province=kw.get("province"),  # type: ignore[arg-type]
        population=pop,
        primary=primary,
        capital=bool(kw.get("capital", False)),
    )
