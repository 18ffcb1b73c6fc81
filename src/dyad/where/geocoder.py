"""Resolve a place name to one gazetteer entry and a ``dyad.records.Place``.

Disambiguation, in order of weight:

1. a container the text names ("Paris, Texas", "Charlevoix, Quebec") keeps only
   the candidates inside it (or gives the container itself when none is);
2. a feature word in the text ("the city of X" -> a populated place, "X
   region/oblast/province" -> admin-1);
3. then small additive priors, so a test can pin each: the countries the article
   is about (actors, other places, dateline), a capital, the place's own name
   over an alternate, and log population. The article's country is worth about
   two and a half orders of magnitude of population, so it picks Tripoli in
   Lebanon for a Lebanese story, but a village of 1,000 never beats a capital
   or a city of millions ("Brussels" stays in Belgium when Washington is named).

Names that are institutions rather than places here ("Congress", "Parliament";
``not_places`` in dyad/lang/en/places.yaml) are never geocoded.
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
    fold_name,
    load_gazetteer,
    log_population,
    read_places_file,
)

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
# Arabic article spellings: "al-Raqqa", "Al Raqqah", "ar-Ramadi", "el-Arish".
_AL = re.compile(r"^(?:al|el|ar|as|ad|an|ash|az|at)(?:\s*-\s*|\s+)", re.IGNORECASE)

# Score weights; see the module docstring.
W_FEATURE = 6.0
W_ARTICLE_COUNTRY = 2.8  # a Lebanese story's Tripoli (230,000) beats Libya's capital (1.3M)
W_CAPITAL = 2.0
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
    if entry.capital:
        score += W_CAPITAL
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
        """The gazetteer entries for ``text``, trying it whole, without feature words,
        and with or without an Arabic article ("al-Raqqa" / "Raqqa", "Fallujah" / "Al Fallujah")."""
        name = split_feature_words(text)
        if is_not_place(name.core):
            return name, ()
        bare = _AL.sub("", name.core)
        for key in (text, name.core, bare, f"al {bare}"):
            found = tuple(self.gazetteer.lookup(key))
            if found:
                return name, found
        return name, ()

    def resolve(
        self,
        text: str,
        article_countries: Sequence[str] = (),
        feature: str | None = None,
        container: str | None = None,
        content: str | None = None,
    ) -> GazetteerEntry | None:
        """The best entry for ``text``, or None when the gazetteer does not know it.

        ``container`` is a place the text puts it in ("Texas" of "Paris, Texas");
        "X, Y" inside ``text`` is read the same way. ``content`` is the place the
        text is the container of ("Tbilisi" of "Tbilisi, Georgia": the country).
        """
        if container is None and "," in text:
            text, _, container = (part.strip() for part in text.partition(","))
        name, found = self.find_candidates(text)
        inside: tuple[GazetteerEntry, ...] = ()
        if container:
            inside = tuple(self.find_candidates(container)[1])
            held = tuple(e for e in found if any(_holds(c, e) for c in inside))
            if held:
                found = held
            elif not any(e.feature == "country" for e in found):
                # "Charlevoix, Quebec": at least the province of Quebec, never Michigan's Charlevoix;
                # a region or town after the comma is a list, not a container ("Caucasus, Middle East")
                found = tuple(e for e in inside if e.feature in ("country", "admin1")) or found
        if content and found:
            held = tuple(self.find_candidates(content)[1])
            found = tuple(e for e in found if any(_holds(e, h) for h in held)) or found
        if not found:
            return None
        want = feature or name.feature
        if want is None:
            found = _prefer_towns(found)
        return max(found, key=lambda e: score_entry(e, want, article_countries))

    def geocode(
        self,
        text: str,
        *,
        article_countries: Sequence[str] = (),
        feature: str | None = None,
        container: str | None = None,
        content: str | None = None,
        start: int | None = None,
        end: int | None = None,
        rule: str | None = None,
    ) -> Place:
        """A ``Place`` for ``text``; unresolved (only ``extracted_place``) if unknown."""
        entry = self.resolve(text, article_countries, feature, container, content)
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


def _holds(container: GazetteerEntry, entry: GazetteerEntry) -> bool:
    """Whether ``container`` (a country or province) holds ``entry``."""
    if container.feature not in ("country", "admin1", "admin2") or container.country != entry.country:
        return False
    if container.feature == "country":
        return entry.geonameid != container.geonameid
    return entry.province is not None and fold_name(entry.province) == fold_name(container.province or container.name) \
        and entry.geonameid != container.geonameid


def _prefer_towns(found: Sequence[GazetteerEntry]) -> Sequence[GazetteerEntry]:
    """Without a feature word, a name both a town and the province holding it have is the
    town ("Tehran", "Kaduna"): news names the province with "province" or "region"."""
    towns = {(e.country, fold_name(e.province or "")) for e in found if e.feature == "populated_place" and e.primary}
    return [e for e in found
            if e.feature not in ("admin1", "admin2") or (e.country, fold_name(e.province or e.name)) not in towns]


def is_not_place(name: str) -> bool:
    """Names of institutions that the gazetteer may hold as towns ("Congress", Arizona)."""
    return fold_name(name) in english().places.not_places


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
