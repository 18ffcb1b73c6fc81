"""Resolve a place name to one gazetteer entry and a ``dyad.records.Place``.

Disambiguation, in order of weight (each a small additive score so a test can
pin it): a feature word in the text ("the city of X" -> a populated place, "X
region/oblast/province" -> admin-1), the countries the article mentions,
whether the name is the place's own name or only an alternate, and population.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.lang import english
from dyad.records import Place
from dyad.where.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    LayeredGazetteer,
    load_gazetteer,
    log_population,
    read_places_file,
)

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)

# Score weights; see the module docstring.
W_FEATURE = 6.0
W_ARTICLE_COUNTRY = 4.0
W_PRIMARY = 2.0
W_COUNTRY = 3.0  # a bare name that is a country's is nearly always the country
P_ADMIN1 = 1.5  # without a feature word, "Donetsk" is the city, not the oblast
P_ADMIN2 = 3.0


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place name split from its feature words: "the city of Kreminna"."""

    core: str
    feature: str | None  # the feature the words ask for, if any


def split_feature_words(text: str) -> PlaceName:
    """Split "the city of X" / "X region" into the bare name and the feature asked for
    (the feature words: dyad/lang/en/places.yaml)."""
    text = " ".join(text.split())
    places = english().places
    m = _leading().match(text)
    if m:
        return PlaceName(text[m.end() :], places.feature_words_before[m["word"].lower()])
    words = _ARTICLE.sub("", text).split(" ")
    if len(words) > 1 and words[-1].lower() in places.feature_words_after:
        return PlaceName(" ".join(words[:-1]), places.feature_words_after[words[-1].lower()])
    return PlaceName(_ARTICLE.sub("", text), None)


@functools.cache
def _leading() -> re.Pattern[str]:
    """"the city of", "the province of": a feature word before "of"."""
    words = "|".join(re.escape(w) for w in english().places.feature_words_before)
    return re.compile(rf"^(?:the\s+)?(?P<word>{words})\s+of\s+", re.IGNORECASE)


def score_entry(
    entry: GazetteerEntry, feature: str | None, article_countries: Sequence[str]
) -> float:
    score = log_population(entry)
    if entry.primary:
        score += W_PRIMARY
    if entry.country and entry.country in article_countries:
        score += W_ARTICLE_COUNTRY
    if feature is not None:
        if entry.feature == feature:
            score += W_FEATURE
        elif feature == "admin2" and entry.feature == "admin1":
            score += W_FEATURE / 2  # "X district" is often a province in English copy
        elif feature == "admin1" and entry.feature == "admin2":
            score += W_FEATURE / 2
    elif entry.feature == "country":
        score += W_COUNTRY
    elif entry.feature == "admin1":
        score -= P_ADMIN1
    elif entry.feature == "admin2":
        score -= P_ADMIN2
    return score


class Geocoder:
    """Name -> ``Place``. The gazetteer is injected; by default the full offline one.

    ``places_files`` are the user's YAML files in the format of the packaged
    data/aliases.yaml; a name they define (alias or new place) is looked up
    there only, so a user can also override which place a name means.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, places_files: Sequence[str | os.PathLike[str]] = ()):
        self._gazetteer = gazetteer
        self._places_files = tuple(places_files)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None or self._places_files:
            base = self._gazetteer or load_gazetteer()
            overlays = [read_places_file(path, base) for path in self._places_files]
            self._gazetteer = LayeredGazetteer(base, overlays) if overlays else base
            self._places_files = ()
        return self._gazetteer

    def find_candidates(self, text: str) -> tuple[PlaceName, tuple[GazetteerEntry, ...]]:
        """The gazetteer entries for ``text``, trying it whole and without feature words."""
        name = split_feature_words(text)
        for key in (text, name.core):
            found = tuple(self.gazetteer.lookup(key))
            if found:
                return name, found
        return name, ()

    def resolve(
        self,
        text: str,
        article_countries: Sequence[str] = (),
        feature: str | None = None,
    ) -> GazetteerEntry | None:
        """The best entry for ``text``, or None when the gazetteer does not know it."""
        name, found = self.find_candidates(text)
        if not found:
            return None
        want = feature or name.feature
        return max(found, key=lambda e: score_entry(e, want, article_countries))

    def geocode(
        self,
        text: str,
        *,
        article_countries: Sequence[str] = (),
        feature: str | None = None,
        start: int | None = None,
        end: int | None = None,
        rule: str | None = None,
    ) -> Place:
        """A ``Place`` for ``text``; unresolved (only ``extracted_place``) if unknown."""
        entry = self.resolve(text, article_countries, feature)
        if entry is None:
            return Place(extracted_place=text, start=start, end=end, rule=rule)
        return Place(
            extracted_place=text,
            resolved_place=entry.name,
            geonameid=entry.geonameid,
            lat=entry.lat,
            lon=entry.lon,
            province=entry.province if entry.feature != "country" else None,
            country_code=entry.country,
            resolution=entry.feature,
            start=start,
            end=end,
            rule=rule,
        )

    def country_of(self, text: str) -> str | None:
        """The alpha-3 code when ``text`` names a country ("Ukraine", "Britain")."""
        _, found = self.find_candidates(text)
        for entry in found:
            if entry.feature == "country":
                return entry.country
        return None


def geocode_text(
    text: str,
    *,
    geocoder: Geocoder | None = None,
    article_countries: Sequence[str] = (),
    feature: str | None = None,
) -> Place | None:
    """Look up one place name directly; None when the gazetteer does not know it."""
    place = (geocoder or Geocoder()).geocode(
        text, article_countries=article_countries, feature=feature, start=0, end=len(text), rule="direct"
    )
    return place if place.resolution is not None else None
