"""The Pipeline: parse once, then resolve actors, find events, and attach
their date, place, counts and quotes. CLI, API and batch runners are thin
shells over it.

The parse: the sentences that cannot hold an event are blanked (keeping
offsets), the model runs without its entity recogniser, and the recogniser
then runs only where the later stages read entities (coding/regions.py,
nlp/entities.py) — the same events at a fraction of its cost.

Stages (each a plain function or small class over a spaCy Doc):
    ActorResolver.resolve   → Mention records          (dyad.actors)
    EventCoder.code_doc     → Candidate records        (dyad.coding)
    date_event / locate_event / count_event            (dyad.when, dyad.where, dyad.counts)
    extract_quotes          → Quote records            (dyad.quotes)
"""

from __future__ import annotations

import bisect
import itertools
import logging
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc

from dyad.actors.kb import load_knowledge_base
from dyad.actors.resolve import ActorResolver
from dyad.coding.extract import EventCoder
from dyad.coding.regions import find_entity_ranges
from dyad.coding.lexicon import Lexicon, load_lexicon
from dyad.coding.ontology import load_ontology
from dyad.counts import count_event
from dyad.nlp import load_model
from dyad.nlp.entities import RegionEntities
from dyad.nlp.prefilter import SentenceFilter
from dyad.quotes import extract_quotes
from dyad.records import Article, Candidate, CodedArticle, Event, Mention, Offsets, Quote, Rejection
from dyad.settings import Limits
from dyad.when import date_event
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Everything that changes what the pipeline codes."""

    model: str | None = None  # spaCy package name; default: the first that loads
    lexicon: tuple[Path, ...] = ()  # user trigger lexicons merged over ours
    actors: tuple[Path, ...] = ()  # user actor dictionaries merged over ours
    places: tuple[Path, ...] = ()  # user place files (aliases.yaml format) over the gazetteer
    limits: Limits = field(default_factory=Limits)
    min_confidence: float = 0.0
    # Parse only sentences that may hold an event (nlp/prefilter.py); the
    # others are blanked, keeping offsets. False: parse every sentence.
    prefilter: bool = True
    # Named entities only where later stages read them (coding/regions.py,
    # nlp/entities.py). False: the entity recogniser over the whole text.
    selective_entities: bool = True


class Pipeline:
    """Load the model and the data files once; code many articles."""

    def __init__(self, options: PipelineOptions | None = None):
        self.options = options or PipelineOptions()
        self.nlp = load_model(self.options.model)
        self.ontology = load_ontology()
        self.resolver = ActorResolver(load_knowledge_base(self.options.actors))
        self.coder = EventCoder(lexicon=load_lexicon(self.options.lexicon), ontology=self.ontology)
        self.geocoder = Geocoder(places_files=self.options.places)
        self.sentence_filter = _sentence_filter(self.coder.lexicon) if self.options.prefilter else None
        selective = self.options.selective_entities and "ner" in self.nlp.pipe_names
        self.entities = RegionEntities(self.nlp) if selective else None
        self._deferred = ("ner",) if selective else ()

    # -- public API --------------------------------------------------------
    def code(self, article: Article) -> list[Event]:
        """The events of one article."""
        return list(self.code_article(article).events)

    def code_article(self, article: Article) -> CodedArticle:
        return self.code_doc(self.parse(article), article)

    def parse(self, article: Article) -> Doc:
        """The Doc ``code_doc`` reads: the masked parse with entities where they are read."""
        doc = self.nlp(self._make_doc(article), disable=self._deferred)
        self._add_entities([doc])
        return doc

    def code_many(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[CodedArticle | Rejection]:
        """Code a stream of articles through ``nlp.pipe``, in input order.

        An article that fails is yielded as a Rejection with the reason; the
        batch goes on.
        """
        size = batch_size or self.options.limits.batch_size
        pairs = ((self._make_doc(a), a) for a in articles)
        parsed = self.nlp.pipe(pairs, as_tuples=True, batch_size=size, disable=self._deferred)
        while chunk := list(itertools.islice(parsed, size)):
            failed = self._add_entities_each([doc for doc, _ in chunk])
            for (doc, article), error in zip(chunk, failed, strict=True):
                if error is None:
                    yield self._guarded(doc, article)
                else:
                    doc.user_data.clear()
                    yield Rejection(article.origin or article.id, None, f"internal error while finding entities: {error}", article.id)

    def code_doc(self, doc: Doc, article: Article) -> CodedArticle:
        mentions = self.resolver.resolve(doc, article.date)
        candidates = self.coder.code_doc(doc, mentions)
        countries = _article_countries(mentions)
        parsed = doc.text  # once per Doc: Doc.text joins every token on each access
        events = self._dedupe(
            self._build_event(doc, article, c, mentions, countries, parsed)
            for c in candidates
            if c.blocked is None and c.confidence >= self.options.min_confidence and self._sentence_ok(doc, c)
        )
        quotes = _link_quotes(extract_quotes(doc, mentions, article.id, article.text), events)
        return CodedArticle(article=article, events=tuple(events), quotes=tuple(quotes))

    # -- internals ---------------------------------------------------------
    def _add_entities(self, docs: Sequence[Doc]) -> None:
        """Named entities in the sentences the later stages read."""
        if self.entities is not None:
            self.entities.annotate(docs, [find_entity_ranges(d, self.coder.lexicon) for d in docs])

    def _add_entities_each(self, docs: Sequence[Doc]) -> list[str | None]:
        """``_add_entities`` for a batch; when it fails, Doc by Doc, so one bad Doc fails alone."""
        try:
            self._add_entities(docs)
            return [None] * len(docs)
        except Exception:  # noqa: BLE001 - retried one by one below to find the culprit
            log.debug("entities for a batch failed; retrying one by one", exc_info=True)
        errors: list[str | None] = []
        for doc in docs:
            try:
                self._add_entities([doc])
                errors.append(None)
            except Exception as exc:  # noqa: BLE001 - recorded as that article's rejection
                errors.append(f"{exc.__class__.__name__}: {exc}")
        return errors

    def _make_doc(self, article: Article) -> Doc:
        """The tokenised text to parse: the article, maybe masked, with no sentence
        start where the prefilter joined a quotation to its attribution."""
        if self.sentence_filter is None:
            return self.nlp.make_doc(article.text)
        masked = self.sentence_filter.mask(article.text)
        doc = self.nlp.make_doc(masked.text)
        if masked.no_sentence_start or masked.sentence_starts:
            idx = [t.idx for t in doc]
            for start in masked.sentence_starts:
                i = bisect.bisect_left(idx, start)
                if 0 < i < len(doc) and doc[i].idx == start:
                    doc[i].is_sent_start = True
            for start, end in masked.no_sentence_start:
                i = bisect.bisect_right(idx, start)  # tokens that begin after ``start``
                while i < len(doc) and doc[i].idx < end:
                    doc[i].is_sent_start = False
                    i += 1
        return doc

    def _guarded(self, doc: Doc, article: Article) -> CodedArticle | Rejection:
        try:
            return self.code_doc(doc, article)
        except Exception as exc:  # one bad article must not stop a batch
            log.debug("coding %s failed:\n%s", article.id, traceback.format_exc())
            return Rejection(article.origin or article.id, None, f"internal error while coding: {exc.__class__.__name__}: {exc}", article.id)
        finally:
            # Stages cache spans in user_data; spans point back at the Doc, and
            # that cycle would keep every Doc alive until a full GC. Break it.
            doc.user_data.clear()

    def _sentence_ok(self, doc: Doc, c: Candidate) -> bool:
        return len(doc[c.trigger_head].sent) <= self.options.limits.max_sentence_tokens

    def _build_event(
        self, doc: Doc, article: Article, c: Candidate, mentions: Sequence[Mention], countries: Sequence[str], parsed: str
    ) -> Event:
        sent_start, sent_end = _sentence_bounds(doc, c.trigger_head, parsed)
        trig = sorted(c.trigger_tokens) or [c.trigger_head]
        t_start, t_end = doc[trig[0]].idx, doc[trig[-1]].idx + len(doc[trig[-1]])
        return Event(
            article_id=article.id,
            event=c.event,
            mode=c.mode,
            cameo=c.cameo,
            goldstein=self.ontology.goldstein_of(c.cameo),
            quad_code=self.ontology.quad_of(c.event),
            actor=tuple(e for m in c.actor for e in m.entities),
            recipient=tuple(e for m in c.recipient for e in m.entities),
            reported_by=tuple(e for m in c.reported_by for e in m.entities),
            when=date_event(doc, c.trigger_head, article.date),
            event_text=" ".join(doc[i].text for i in trig),
            # From the article, not the Doc: the parsed text may have blanked sentences.
            text=article.text[sent_start:sent_end],
            offsets=Offsets(sent_start, sent_end, t_start, t_end),
            rule=c.rule,
            confidence=c.confidence,
            context=c.context,
            event_loc=locate_event(doc, c.trigger_head, mentions, self.geocoder, countries),
            counts=count_event(doc, c.trigger_head),
        )

    @staticmethod
    def _dedupe(events: Iterable[Event]) -> list[Event]:
        """One record per id: two rules firing on one trigger give one event."""
        seen: dict[str, Event] = {}
        for e in events:
            if e.id not in seen or e.confidence > seen[e.id].confidence:
                seen[e.id] = e
        return sorted(seen.values(), key=lambda e: (e.offsets.trigger_start, e.event))


def _sentence_filter(lexicon: Lexicon) -> SentenceFilter:
    """Lemmas that fire alone, and the words the others need beside them."""
    alone: set[str] = set()
    bound: dict[str, set[str]] = {}
    for table in (lexicon.verbs, lexicon.nouns):
        for lemma, patterns in table.items():
            for p in patterns:
                # A light verb needs its object ("hold talks"), a phrasal verb its particle ("go on").
                needed = p.objects or frozenset(p.particles)
                if needed:
                    bound.setdefault(lemma, set()).update(needed)
                else:
                    alone.add(lemma)
    return SentenceFilter(alone, {k: frozenset(v) for k, v in bound.items()})


def _sentence_bounds(doc: Doc, token: int, text: str) -> tuple[int, int]:
    """Character bounds of the token's sentence, without surrounding whitespace.

    ``text`` is ``doc.text``, built once by the caller (it joins every token),
    where blanked neighbours are spaces to strip.
    """
    sent = doc[token].sent
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _article_countries(mentions: Sequence[Mention]) -> list[str]:
    """Country codes named in the article, most mentioned first (for geocoding)."""
    counts: dict[str, int] = {}
    for m in mentions:
        for e in m.entities:
            if e.code and len(e.code) == 3 and e.code.isalpha() and e.code not in {"IGO", "NGO", "MNC", "WST"}:
                counts[e.code] = counts.get(e.code, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


def _link_quotes(quotes: Sequence[Quote], events: Sequence[Event]) -> list[Quote]:
    """A quote belongs to an event in its sentence whose actor or source is the speaker."""
    out = []
    for q in quotes:
        match = None
        if q.speaker is not None:
            for e in events:
                in_sentence = e.offsets.sentence_start <= q.start < e.offsets.sentence_end
                speakers = {(x.entity_name or x.entity_text) for x in (*e.actor, *e.reported_by)}
                if in_sentence and (q.speaker.entity_name or q.speaker.entity_text) in speakers:
                    match = e.id
                    break
        out.append(replace(q, event_id=match) if match else q)
    return out
