"""Names the parser takes for people that are places ("Kharkiv" tagged PERSON).

A lone name the knowledge base does not know as a person is a place when the
gazetteer knows it as a populated place or an administrative region and
nothing in the text marks a person: no title or honorific before it, no
role word beside it, and no he/she/his/her in its sentence or the next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dyad.actors.kb import KnowledgeBase, normalise
from dyad.actors.patterns import is_honorific
from dyad.lang import english

if TYPE_CHECKING:
    from dyad.actors.entity import Cluster
    from dyad.where.geocoder import Geocoder

_PLACE_FEATURES = frozenset(("populated_place", "admin1", "admin2"))


class PlaceCheck:
    """Decides whether an unknown "person" is a place; the gazetteer loads on first use."""

    def __init__(self, kb: KnowledgeBase, geocoder: Geocoder | None = None):
        self.kb = kb
        self._geocoder = geocoder
        self._cache: dict[str, bool] = {}

    def is_place(self, doc: Doc, cluster: Cluster) -> bool:
        span = doc[cluster.top.start : cluster.top.end]
        if normalise(span.text) in self.kb.surnames or self.kb.lookup(span.text) is not None:
            return False
        if _has_person_cue(doc, cluster):
            return False
        return self._in_gazetteer(span.text)

    def _in_gazetteer(self, name: str) -> bool:
        known = self._cache.get(name)
        if known is None:
            entry = self._gazetteer().resolve(name)
            known = entry is not None and entry.feature in _PLACE_FEATURES
            self._cache[name] = known
        return known

    def _gazetteer(self) -> Geocoder:
        if self._geocoder is None:
            from dyad.where.geocoder import Geocoder  # read-only use of the place stage's gazetteer

            self._geocoder = Geocoder()
        return self._geocoder


def _has_person_cue(doc: Doc, cluster: Cluster) -> bool:
    start = cluster.top.start
    if start > 0 and (is_honorific(doc[start - 1]) or doc[start - 1].ent_type_ == "PERSON"):
        return True
    if any(t.ent_type_ == "PERSON" for t in doc[cluster.top.end : cluster.top.end + 1]):
        return True
    sent = doc[start].sent
    end = sent.end
    if end < len(doc):
        end = doc[end].sent.end
    person = english().pronouns.person
    return any(t.lower_ in person for t in doc[cluster.top.end : end])
