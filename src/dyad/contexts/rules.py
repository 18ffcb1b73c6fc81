"""Contexts from rules: cue words at three levels, the CAMEO crosswalk, and actors.

The manual says contexts are usually paragraph- or document-level, so an
event's contexts are read at three levels, each with its evidence:

* ``sentence``: a cue in the event's own sentence;
* ``paragraph``: a cue in its paragraph (the blank-line paragraph; in wire copy
  without blank lines, the sentences either side: ``paragraph_window``);
* ``article``: a topic of the whole article, i.e. its cues (``cues`` and the
  looser ``topic`` words) in at least ``article_min_sentences`` sentences and
  ``article_min_share`` of them.

and from what the event itself says: its CAMEO code's context in the crosswalk
(``0312`` → military), its actors' sectors and identities (a state's MIL →
military, JUD → legal, ISIS → terrorism) and, between two states or with an
IGO, its type (a CONSULT is diplomacy). Each source can be switched off, so
each can be measured alone (``evaluation/contexts.py``).

Everything here reads the article's text and the Event records, not the
parse: the prefilter blanks sentences without triggers before parsing, but a
context cue is as good in a sentence with no event as in one with.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dyad.contexts.lexicon import GENERAL_CONTEXTS, LEVELS, ContextLexicon, Cue, cue_key
from dyad.contexts.model import grams
from dyad.nlp.prefilter import split_sentences
from dyad.records import ContextTag, Entity, Event

SOURCES: tuple[str, ...] = ("sentence", "paragraph", "article", "cameo", "sector", "actor", "type")
# Codes that are not a state: their MIL is not a state military, their meeting not diplomacy between states.
NON_STATE = frozenset({"NGO", "MNC", "WST", "UNK", "---"})
_RANK = {name: i for i, name in enumerate(GENERAL_CONTEXTS)}


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in the article text, with the sentence it is in."""

    start: int
    end: int
    text: str
    cues: tuple[Cue, ...]
    sentence: int


@dataclass(frozen=True, slots=True)
class Topic:
    """How much of the article speaks of one context."""

    matches: tuple[CueMatch, ...]  # its cues in the article, in text order (the nearest is the evidence shown)
    share: float  # share of the article's sentences with one of its cues
    rank: int  # 1 = the context with cues in the most sentences
    is_topic: bool  # at least article_min_sentences and article_min_share
    in_title: bool
    strong_sentences: int  # sentences with a strong cue
    strong_share: float  # their share of the article's sentences
    strong_rank: int  # 1 = the context with strong cues in the most sentences (0: none)

    @property
    def features(self) -> dict[str, float]:
        """The article-level features (``FEATURES``) this topic gives each event of the article."""
        out = {"article_share": self.share}
        flags = {
            "article_top1": self.rank == 1,
            "article_top2": self.rank <= 2,
            "article_topic": self.is_topic,
            "title": self.in_title,
            "strong_article": self.strong_sentences >= 2,
            "strong_top2": 0 < self.strong_rank <= 2,
        }
        out.update((f, 1.0) for f, on in flags.items() if on)
        if self.strong_sentences:
            out["strong_share"] = self.strong_share
        return out

    def nearest(self, offset: int) -> CueMatch:
        """The match nearest ``offset`` (the earlier one on a tie)."""
        i = bisect.bisect_left(self.matches, offset, key=lambda m: m.start)
        if i == 0:
            return self.matches[0]
        if i == len(self.matches) or offset - self.matches[i - 1].start <= self.matches[i].start - offset:
            return self.matches[i - 1]
        return self.matches[i]


@dataclass(frozen=True)  # no slots: title_grams is cached on the instance
class ArticleText:
    """One article's sentences, paragraphs and cue matches, computed once for all its events."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]  # sentence index ranges [a, b); empty: no blank lines
    matches: tuple[CueMatch, ...]  # in text order
    topics: dict[str, Topic]  # every context with a cue in the article
    topic_features: dict[str, dict[str, float]] = field(default_factory=dict)  # Topic.features, computed once
    title: str = ""
    grams: dict[int, frozenset[str]] = field(default_factory=dict)  # sentence index → its word 1-2 grams, as asked

    def __post_init__(self) -> None:
        self.topic_features.update((name, t.features) for name, t in self.topics.items())

    @functools.cached_property
    def title_grams(self) -> frozenset[str]:
        return frozenset(grams(self.title))

    def sentence_grams(self, i: int) -> frozenset[str]:
        """The word 1-2 grams of sentence ``i`` (the classifier's paragraph features), computed once."""
        found = self.grams.get(i)
        if found is None:
            a, b = self.sentences[i]
            found = self.grams[i] = frozenset(grams(self.text[a:b]))
        return found

    @functools.cached_property
    def starts(self) -> tuple[int, ...]:
        return tuple(a for a, _ in self.sentences)

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def read_article(text: str, lexicon: ContextLexicon, title: str | None = None) -> ArticleText:
    """Sentences, paragraphs, cue matches and the article's topics."""
    sentences = tuple(split_sentences(text)) or ((0, len(text)),)
    starts = [a for a, _ in sentences]
    matches = []
    for m in lexicon.pattern.finditer(text):
        cues = cue_key(m.group(0), lexicon)
        if cues:
            matches.append(CueMatch(m.start(), m.end(), m.group(0), cues, max(0, bisect.bisect_right(starts, m.start()) - 1)))
    paragraphs = _paragraphs(text, sentences)
    in_title: set[str] = set()
    for m in lexicon.pattern.finditer(title or ""):
        in_title.update(c.context for c in cue_key(m.group(0), lexicon))
    topics = _topics(matches, len(sentences), lexicon, in_title)
    return ArticleText(text, sentences, paragraphs, tuple(matches), topics, title=title or "")


def _paragraphs(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sentence index ranges of the blank-line paragraphs (none in one-block text)."""
    if "\n\n" not in text and "\n \n" not in text:
        return ()
    out, first = [], 0
    for i in range(1, len(sentences)):
        gap = text[sentences[i - 1][1] : sentences[i][0]]
        if gap.count("\n") >= 2:
            out.append((first, i))
            first = i
    out.append((first, len(sentences)))
    return tuple(out)


def _topics(matches: Sequence[CueMatch], n_sentences: int, lexicon: ContextLexicon, in_title: set[str]) -> dict[str, Topic]:
    """Each context with cues in the article: how widely, and whether it is a main topic."""
    where: dict[str, set[int]] = {}
    strong: dict[str, set[int]] = {}
    found: dict[str, list[CueMatch]] = {}
    for m in matches:
        for c in m.cues:
            where.setdefault(c.context, set()).add(m.sentence)
            found.setdefault(c.context, []).append(m)
            if c.strong:
                strong.setdefault(c.context, set()).add(m.sentence)
    need = max(lexicon.settings["article_min_sentences"], lexicon.settings["article_min_share"] * n_sentences)
    ranked = sorted(where, key=lambda name: (-len(where[name]), _RANK[name]))
    strong_rank = {name: i + 1 for i, name in enumerate(sorted(strong, key=lambda name: (-len(strong[name]), _RANK[name])))}
    return {
        name: Topic(tuple(found[name]), len(where[name]) / n_sentences, i + 1, len(where[name]) >= need, name in in_title,
                    len(strong.get(name, ())), len(strong.get(name, ())) / n_sentences, strong_rank.get(name, 0))
        for i, name in enumerate(ranked)
    }


def paragraph_span(art: ArticleText, first: int, last: int, settings: Mapping[str, float]) -> tuple[int, int]:
    """Sentence index range [a, b) of the paragraph around sentences first..last.

    A blank-line block longer than ``paragraph_max_sentences`` is a page, not a paragraph (text
    pasted without breaks): the sentences either side are read instead, so an event's paragraph
    stays a few sentences and an article's cost stays linear in its length."""
    window = int(settings["paragraph_window"])
    for a, b in art.paragraphs:
        if a <= first < b:
            if b - a <= int(settings["paragraph_max_sentences"]):
                return a, max(b, last + 1)
            break
    return max(0, first - window), min(len(art.sentences), last + 1 + window)


# The evidence features of one (event, context) pair; a linear weighing of them
# (``scoring.py``) decides. ``bias`` is always 1.
FEATURES: tuple[str, ...] = (
    "bias", "sentence", "sentence2", "paragraph", "paragraph2", "strong_sentence", "strong_paragraph", "strong_article", "strong_share",
    "strong_top2", "article_share",
    "article_top1", "article_top2", "article_topic", "title", "cameo", "sector", "actor", "type",
)  # fmt: skip


@dataclass(slots=True)
class Evidence:
    """What speaks for one context of one event: feature values, and the most
    local tag (the span a user is shown)."""

    name: str
    features: dict[str, float]
    tag: ContextTag

    def add(self, feature: str, value: float, tag: ContextTag) -> None:
        self.features[feature] = max(self.features.get(feature, 0.0), value)
        if LEVELS.index(tag.level) < LEVELS.index(self.tag.level):
            self.tag = tag


def _add(found: dict[str, Evidence], feature: str, value: float, tag: ContextTag) -> None:
    ev = found.get(tag.name)
    if ev is None:
        found[tag.name] = Evidence(tag.name, {"bias": 1.0, feature: value}, tag)
    else:
        ev.add(feature, value, tag)


def paragraph_text_span(event: Event, art: ArticleText, lexicon: ContextLexicon) -> tuple[int, int]:
    """Character span of the event's paragraph (its sentence and the ones around it)."""
    s_start, s_end = event.offsets.sentence_start, event.offsets.sentence_end
    first, last = art.sentence_of(s_start), art.sentence_of(max(s_start, s_end - 1))
    a, b = paragraph_span(art, first, last, lexicon.settings)
    return min(s_start, art.sentences[a][0]), max(s_end, art.sentences[b - 1][1])


def cue_evidence(event: Event, art: ArticleText, lexicon: ContextLexicon, sources: frozenset[str], found: dict[str, Evidence]) -> None:
    """Cue words in the event's sentence and paragraph, and the article's topics."""
    s_start, s_end = event.offsets.sentence_start, event.offsets.sentence_end
    first, last = art.sentence_of(s_start), art.sentence_of(max(s_start, s_end - 1))
    p_first, p_end = paragraph_span(art, first, last, lexicon.settings)
    trigger = event.offsets.trigger_start
    phrases: dict[tuple[str, str], set[str]] = {}
    # Only the matches from the paragraph's first sentence to the next one's start can
    # be in the sentence or paragraph (bisect: most of an article's matches are not).
    lo = min(s_start, art.sentences[p_first][0] if p_first else 0)
    hi = max(s_end, art.sentences[p_end][0] if p_end < len(art.sentences) else len(art.text))
    near = art.matches[bisect.bisect_left(art.matches, lo, key=lambda m: m.start) : bisect.bisect_left(art.matches, hi, key=lambda m: m.start)]
    # Nearest cue to the trigger first, so each context's evidence is the closest one.
    for m in sorted(near, key=lambda m: abs(m.start - trigger)):
        in_sentence = s_start <= m.start and m.end <= s_end
        level = "sentence" if in_sentence else "paragraph" if p_first <= m.sentence < p_end else None
        if level is None or level not in sources:
            continue
        for c in m.cues:
            if c.topic:
                continue
            seen = phrases.setdefault((c.context, level), set())
            seen.add(c.phrase)
            tag = ContextTag(c.context, level, m.start, m.end, m.text, f"cue:{c.phrase}")
            _add(found, level, 1.0, tag)
            if len(seen) >= 2:
                _add(found, level + "2", 1.0, tag)
            if c.strong:
                _add(found, f"strong_{level}", 1.0, tag)
    if "article" in sources:
        for name, topic in art.topics.items():
            m = topic.nearest(trigger)
            phrase = next(c.phrase for c in m.cues if c.context == name)
            features = art.topic_features[name]
            ev = found.get(name)
            if ev is None:
                found[name] = Evidence(name, {"bias": 1.0, **features}, ContextTag(name, "article", m.start, m.end, m.text, f"topic:{phrase}"))
            else:  # its sentence or paragraph evidence stays the span shown
                for f, v in features.items():
                    ev.features[f] = max(ev.features.get(f, 0.0), v)


def is_state(e: Entity) -> bool:
    """A country's (or an IGO's) actor, not a group, company or unknown."""
    return bool(e.code) and len(e.code) == 3 and e.code not in NON_STATE  # type: ignore[arg-type]


def event_evidence(event: Event, text: str, lexicon: ContextLexicon, crosswalk: tuple[str, ...], sources: frozenset[str],
                   found: dict[str, Evidence]) -> None:  # fmt: skip
    """Evidence from the event itself: its CAMEO code's context, its actors, its type."""
    tags: list[tuple[str, ContextTag]] = []
    # The span's own text: a trigger's words may skip some ("allow … inspections").
    trig = (event.offsets.trigger_start, event.offsets.trigger_end, text[event.offsets.trigger_start : event.offsets.trigger_end])
    if "cameo" in sources:
        for name in crosswalk:
            tags.append(("cameo", ContextTag(name, "sentence", *trig, f"cameo:{event.cameo}")))
    people = (*event.actor, *event.recipient)
    for e in people:
        if "sector" in sources and e.sector in lexicon.sectors and (e.sector != "MIL" or is_state(e)):
            for name in lexicon.sectors[e.sector]:
                tags.append(("sector", ContextTag(name, "sentence", e.start, e.end, _span(text, e), f"sector:{e.sector}")))
        if "actor" in sources and e.identifier_id in lexicon.actors:
            for name in lexicon.actors[e.identifier_id]:
                tags.append(("actor", ContextTag(name, "sentence", e.start, e.end, _span(text, e), f"actor:{e.identifier_id}")))
    if "type" in sources and event.event in lexicon.types and _between_states(event):
        for name in lexicon.types[event.event]:
            tags.append(("type", ContextTag(name, "sentence", *trig, f"type:{event.event}")))
    for feature, tag in tags:
        _add(found, feature, 1.0, tag)


def _span(text: str, e: Entity) -> str:
    return e.entity_text if e.start is None or e.end is None else text[e.start : e.end]


def _between_states(event: Event) -> bool:
    """Two different states (or a state and an IGO) on the two sides."""
    actors = {e.code[:3] for e in event.actor if is_state(e)}  # type: ignore[index]
    recipients = {e.code[:3] for e in event.recipient if is_state(e)}  # type: ignore[index]
    return bool(actors and recipients and actors != recipients)


def crosswalk_contexts(cameo: str | None, ontology_lookup: dict[str, tuple[str, ...]], lexicon: ContextLexicon) -> tuple[str, ...]:
    """The manual's names for a CAMEO code's crosswalk contexts (``humanitarian`` → ``human_security``)."""
    if not cameo:
        return ()
    names = (lexicon.crosswalk.get(c, c) for c in ontology_lookup.get(cameo, ()))
    return tuple(n for n in names if n in _RANK)
