"""The context tagger: gather every piece of evidence, weigh it, apply it to an article's events.

    tagger = ContextTagger.from_ontology(load_ontology())
    events = tagger.tag(article.text, events, title=article.title)   # context + context_evidence

``rules.py`` gathers the evidence for each context (cues at three levels, the
crosswalk, actors, type), ``scoring.py`` weighs it. The auxiliary modes the
coder put in ``context`` (``future``, ``historical`` …) are kept, after the
general contexts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dyad.contexts.lexicon import AUXILIARY_MODES, GENERAL_CONTEXTS, ContextLexicon, load_context_lexicon
from dyad.contexts.rules import SOURCES, ArticleText, Evidence, crosswalk_contexts, cue_evidence, event_evidence, read_article
from dyad.contexts.scoring import Weights, load_fitted_weights, parse_weights
from dyad.records import ContextTag, Event

if TYPE_CHECKING:
    from dyad.coding.ontology import Ontology


@dataclass(frozen=True)
class ContextTagger:
    """The lexicon, the crosswalk, the sources in use and the weights that decide."""

    lexicon: ContextLexicon
    crosswalk: dict[str, tuple[str, ...]]  # CAMEO code → its crosswalk contexts (as the manual names them)
    weights: Weights
    sources: frozenset[str] = frozenset(SOURCES)

    @classmethod
    def from_ontology(
        cls,
        ontology: Ontology,
        lexicon: ContextLexicon | None = None,
        sources: Iterable[str] = SOURCES,
        weights: Weights | None = None,
        fitted: bool = True,
    ) -> ContextTagger:
        """``weights`` if given; else the shipped fitted weights (``fitted``); else the lexicon's hand-set ones."""
        lex = lexicon or load_context_lexicon()
        raw = {code: c.context for code, c in ontology.cameo.items() if c.context}
        crosswalk = {code: crosswalk_contexts(code, raw, lex) for code in raw}
        chosen = weights or (load_fitted_weights() if fitted else None) or hand_weights(lex)
        return cls(lex, {k: v for k, v in crosswalk.items() if v}, chosen, frozenset(sources))

    def read(self, text: str, title: str | None = None) -> ArticleText:
        return read_article(text, self.lexicon, title)

    def evidence(self, event: Event, art: ArticleText) -> list[Evidence]:
        """Everything that speaks for each context of one event."""
        found: dict[str, Evidence] = {}
        cue_evidence(event, art, self.lexicon, self.sources, found)
        event_evidence(event, art.text, self.lexicon, self.crosswalk.get(event.cameo or "", ()), self.sources, found)
        return list(found.values())

    def tags_for(self, event: Event, art: ArticleText) -> tuple[ContextTag, ...]:
        """The evidence shown for each context the event carries, most probable first."""
        return tuple(ev.tag for ev, _ in self.weights.choose(self.evidence(event, art)))

    def tag(self, text: str, events: Sequence[Event], title: str | None = None) -> tuple[Event, ...]:
        """The events with their contexts and evidence."""
        if not events:
            return ()
        art = self.read(text, title)
        return tuple(with_contexts(e, self.tags_for(e, art)) for e in events)


def hand_weights(lexicon: ContextLexicon) -> Weights:
    """The weights set by hand in the lexicon file (the rules alone)."""
    return parse_weights(lexicon.weights, lexicon.weights_origin or "contexts.yaml")


def with_contexts(event: Event, tags: Sequence[ContextTag]) -> Event:
    """``event`` with the general contexts of ``tags`` (in order), then the
    auxiliary modes it already had; anything else it had is replaced, so
    every value is one of the manual's names."""
    general = list(dict.fromkeys(t.name for t in tags if t.name in GENERAL_CONTEXTS))
    auxiliary = [c for c in dict.fromkeys(event.context) if c in AUXILIARY_MODES]
    return replace(event, context=(*general, *auxiliary), context_evidence=tuple(t for t in tags if t.name in general))


def general_contexts(names: Iterable[str]) -> frozenset[str]:
    """The general contexts among ``names`` (what the evaluation scores)."""
    return frozenset(n for n in names if n in GENERAL_CONTEXTS and n not in AUXILIARY_MODES)
