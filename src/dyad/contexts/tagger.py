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
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.contexts.lexicon import AUXILIARY_MODES, GENERAL_CONTEXTS, ContextLexicon, load_context_lexicon
from dyad.contexts.model import MODEL_FILE, NO_EVIDENCE, ContextModel, grams, load_context_model, shared_features, sigmoid
from dyad.contexts.rules import (
    SOURCES,
    ArticleText,
    Evidence,
    crosswalk_contexts,
    cue_evidence,
    event_evidence,
    paragraph_span,
    read_article,
)
from dyad.contexts.scoring import WEIGHTS_FILE, Weights, load_fitted_weights, parse_weights
from dyad.errors import ConfigError
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
    # The learned classifier (``model.py``) for the common contexts; the weights decide the others.
    model: ContextModel | None = None

    @classmethod
    def from_ontology(
        cls,
        ontology: Ontology,
        lexicon: ContextLexicon | None = None,
        sources: Iterable[str] = SOURCES,
        weights: Weights | None = None,
        fitted: bool = True,
        model: ContextModel | None = None,
    ) -> ContextTagger:
        """``weights`` if given; else the shipped fitted weights (``fitted``); else the lexicon's hand-set ones.
        The shipped classifier is used with the shipped weights only (``fitted`` and no ``weights``)."""
        lex = lexicon or load_context_lexicon()
        raw = {code: c.context for code, c in ontology.cameo.items() if c.context}
        crosswalk = {code: crosswalk_contexts(code, raw, lex) for code in raw}
        chosen = weights or (load_fitted_weights() if fitted else None) or hand_weights(lex)
        if model is None and fitted and weights is None:
            model = load_context_model()
        return cls(lex, {k: v for k, v in crosswalk.items() if v}, chosen, frozenset(sources), model)

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
        return tuple(tag for tag, _ in self.scored(event, art))

    def scored(self, event: Event, art: ArticleText) -> list[tuple[ContextTag, float]]:
        """The contexts the event carries, each with its evidence and probability, most probable first."""
        evidence = self.evidence(event, art)
        if self.model is None:
            return [(ev.tag, p) for ev, p in self.weights.choose(evidence)]
        model, found = self.model, {ev.name: ev for ev in evidence}
        shared = self.shared_features(event, art)
        z = model.logits(shared, {name: ev.features for name, ev in found.items()}, self.weights)
        candidates = [(c, sigmoid(v), model.threshold) for c, v in z.items()]
        candidates += [(ev.name, self.weights.probability(ev), self.weights.threshold) for ev in evidence if ev.name not in z]
        candidates.sort(key=lambda x: (-x[1], x[0]))
        chosen = [(c, p) for c, p, need in candidates if p >= need][: model.max_contexts]
        if not chosen and candidates and candidates[0][1] >= model.floor:
            chosen = [candidates[0][:2]]
        return [(found[c].tag if c in found else self.model_tag(c, event, art, shared), p) for c, p in chosen]

    def explain(self, event: Event, art: ArticleText) -> list[str]:
        """Each context the event carries: probability, evidence, and the classifier's strongest features."""
        found = {ev.name: ev.features for ev in self.evidence(event, art)}
        shared = self.shared_features(event, art) if self.model is not None else {}
        out = []
        for tag, p in self.scored(event, art):
            line = f"{tag.name} p={p:.2f} ({tag.level}: '{tag.text}', {tag.source})"
            if self.model is not None and tag.name in self.model.contexts:
                top = self.model.top_features(tag.name, shared, found.get(tag.name, NO_EVIDENCE), self.weights)
                line += " model: " + ", ".join(f"{f} {w:+.2f}" for f, w in top)
            out.append(line)
        return out

    def shared_features(self, event: Event, art: ArticleText, kinds: Iterable[str] | None = None) -> dict[str, float]:
        """The classifier's features of one event: the word 1-2 grams of its sentence, paragraph and
        the title (those of ``kinds``: by default those the model uses, all without one) and its type."""
        if kinds is None:
            kinds = self.model.word_kinds if self.model is not None else "spt"
        s_start, s_end = event.offsets.sentence_start, event.offsets.sentence_end
        paragraph: set[str] = set()
        if "p" in kinds:
            first, last = art.sentence_of(s_start), art.sentence_of(max(s_start, s_end - 1))
            a, b = paragraph_span(art, first, last, self.lexicon.settings)
            paragraph = paragraph.union(*(art.sentence_grams(i) for i in range(a, b)))
        sentence = grams(art.text[s_start:s_end]) if "s" in kinds else ()
        return shared_features(sentence, paragraph, art.title_grams if "t" in kinds else (), event.event)

    def model_tag(self, name: str, event: Event, art: ArticleText, shared: dict[str, float]) -> ContextTag:
        """The evidence shown for a context only the classifier gave: its strongest n-gram of the
        sentence or paragraph where it is in the text, else the trigger."""
        assert self.model is not None
        top = self.model.top_features(name, shared, NO_EVIDENCE, self.weights, k=5)
        s_start, s_end = event.offsets.sentence_start, event.offsets.sentence_end
        lo, hi = art.text.rfind("\n\n", 0, s_start), art.text.find("\n\n", s_end)
        for feature, _ in top:
            kind, _, gram = feature.partition(":")
            if kind not in ("s", "p"):
                continue
            where = (s_start, s_end) if kind == "s" else (max(0, lo), len(art.text) if hi < 0 else hi)
            span = locate(gram, art.text, *where, near=event.offsets.trigger_start)
            if span is not None:
                level = "sentence" if s_start <= span[0] < s_end else "paragraph"
                return ContextTag(name, level, span[0], span[1], art.text[span[0] : span[1]], f"model:{feature}")
        start, end = event.offsets.trigger_start, event.offsets.trigger_end
        why = top[0][0] if top else "bias"
        return ContextTag(name, "sentence", start, end, art.text[start:end], f"model:{why}")

    def tag(self, text: str, events: Sequence[Event], title: str | None = None) -> tuple[Event, ...]:
        """The events with their contexts and evidence."""
        if not events:
            return ()
        art = self.read(text, title)
        return tuple(with_contexts(e, self.tags_for(e, art)) for e in events)


def locate(gram: str, text: str, start: int, end: int, near: int) -> tuple[int, int] | None:
    """Where the words of ``gram`` stand in ``text[start:end]``, the occurrence nearest ``near``."""
    import re

    pattern = re.compile(r"(?<![\w'’-])" + r"\W+".join(re.escape(w) for w in gram.split()) + r"(?![\w'’-])", re.IGNORECASE)
    spans = [(m.start() + start, m.end() + start) for m in pattern.finditer(text[start:end])]
    return min(spans, key=lambda s: abs(s[0] - near)) if spans else None


def load_trained(folder: Path) -> tuple[Weights, ContextModel]:
    """The weights and classifier ``dyad train --contexts`` wrote into ``folder``."""
    paths = Path(folder) / Path(WEIGHTS_FILE).name, Path(folder) / Path(MODEL_FILE).name
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ConfigError(f"{folder}: not a context model folder (no {', '.join(missing)}; `dyad train --contexts` writes both)")
    weights, model = load_fitted_weights(paths[0]), load_context_model(paths[1])
    assert weights is not None and model is not None  # both files exist
    return weights, model


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
