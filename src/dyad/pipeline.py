"""The Pipeline: parse once, then run the stages over the Doc. CLI, API and
batch runners are thin shells over it.

The parse: the sentences that cannot hold an event are blanked (keeping
offsets) and the model runs without its entity recogniser; the ``entities``
stage then runs the recogniser only where later stages read entities.

The stages (``dyad.stages``) are built once, from one set of shared
resources, in the order ``PipelineOptions.stages`` names them (default
``DEFAULT_STAGES``); each reads and sets declared Doc attributes
(``doc._.mentions``, ``doc._.events`` …). ``Pipeline(stages=…)`` replaces
them with Stage objects of one's own. ``explain`` runs the very same stages
and reports what each decided.
"""

from __future__ import annotations

import bisect
import logging
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.attrs import IDX
from spacy.tokens import Doc

from dyad.nlp.doc_text import remember_text
from dyad.nlp.sections import lead_end, section_bounds, section_text
from dyad.records import Article, CodedArticle, Event, Quote, Rejection
from dyad.settings import Limits
from dyad.stages import DEFAULT_STAGES, Resources, Stage, check_order, stage_factories
from dyad.stages.trace import Trace, trace_doc

log = logging.getLogger(__name__)
# Texts longer than this are parsed in pieces (spaCy refuses more than
# 1,000,000 characters at once, and the parser's memory grows with length).
PIECE_CHARS = 100_000
# The pieces' size: the parse of a 200,000-character text peaks at +334 MB in
# 100,000-character pieces and at +81 MB in 25,000-character ones.
PARSE_PIECE_CHARS = 25_000


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Everything that changes what the pipeline codes."""

    model: str | None = None  # spaCy package name; default: the first that loads
    lexicon: tuple[Path, ...] = ()  # user trigger lexicons merged over ours
    actors: tuple[Path, ...] = ()  # user actor dictionaries merged over ours
    places: tuple[Path, ...] = ()  # user place files (aliases.yaml format) over the gazetteer
    contexts: tuple[Path, ...] = ()  # user context cue files (contexts.yaml format) added to ours
    limits: Limits = field(default_factory=Limits)
    min_confidence: float = 0.0
    # Parse only sentences that may hold an event (nlp/prefilter.py); the
    # others are blanked, keeping offsets. False: parse every sentence.
    prefilter: bool = True
    # Named entities only where later stages read them (coding/regions.py,
    # nlp/entities.py). False: the entity recogniser over the whole text.
    selective_entities: bool = True
    # The stages to run, by registered name (built-in or from a plugin), in order.
    stages: tuple[str, ...] = DEFAULT_STAGES
    # The learned scorer's model file (``dyad train``); None: the one dyad ships.
    scorer_model: Path | None = None
    # The context weights and classifier (``dyad train --contexts``): a folder with weights.json and
    # model.json; None: the ones dyad ships.
    context_model: Path | None = None
    # Keep the events of an imported dictionary's codes that have no PLOVER type (type CAMEO_ONLY,
    # docs/petrarch_import.md): only dyad.coding.petrarch_out writes them. False: no such event.
    cameo_only: bool = False


class Pipeline:
    """Load the model and the data files once; code many articles."""

    def __init__(self, options: PipelineOptions | None = None, stages: Sequence[Stage] | None = None):
        from dyad.actors.kb import load_knowledge_base
        from dyad.coding.lexicon import load_lexicon
        from dyad.coding.ontology import load_ontology
        from dyad.nlp import load_model
        from dyad.plugins import data_files
        from dyad.where.geocoder import Geocoder

        self.options = options or PipelineOptions()
        self.nlp = load_model(self.options.model)
        # Files of installed dyad.data plugins, with the user's own taking precedence:
        # lexicon patterns and place overlays listed first win, actor files listed last do.
        extra = data_files()
        self.resources = Resources(
            options=self.options,
            nlp=self.nlp,
            ontology=load_ontology(),
            lexicon=load_lexicon(self.options.lexicon + extra.lexicon),
            knowledge_base=load_knowledge_base(extra.actors + self.options.actors),
            geocoder=Geocoder(places_files=self.options.places + extra.places),
        )
        self.sentence_filter = _sentence_filter(self.resources) if self.options.prefilter else None
        # The recogniser is left to the ``entities`` stage, which runs it where entities are read.
        selective = self.options.selective_entities and "ner" in self.nlp.pipe_names
        self._deferred = ("ner",) if selective else ()
        self.stages: tuple[Stage, ...] = tuple(stages) if stages is not None else self._build_stages(self.options.stages)
        check_order(self.stages, provided=("article",) if selective else ("article", "ents"))
        # Seconds spent per stage ("parse" is the model), summed over every call.
        self.timings: dict[str, float] = {"parse": 0.0, **{s.name: 0.0 for s in self.stages}}

    def _build_stages(self, names: Sequence[str]) -> tuple[Stage, ...]:
        from dyad.errors import ConfigError

        factories = stage_factories()
        unknown = [n for n in names if n not in factories]
        if unknown:
            raise ConfigError(f"unknown stage {', '.join(map(repr, unknown))}; known: {', '.join(sorted(factories))}")
        return tuple(factories[n].build(self.resources) for n in names)

    # -- public API --------------------------------------------------------
    @property
    def geocoder(self):  # the one shared Geocoder
        return self.resources.geocoder

    def stage(self, name: str) -> Stage:
        """The stage registered under ``name`` in this pipeline."""
        for s in self.stages:
            if s.name == name:
                return s
        raise KeyError(name)

    def code(self, article: Article) -> list[Event]:
        """The events of one article."""
        return list(self.code_article(article).events)

    def code_article(self, article: Article) -> CodedArticle:
        if len(article.text) > self.options.limits.section_chars:
            result = self._code_sections(article)
            if isinstance(result, Rejection):
                raise RuntimeError(result.reason)
            return result
        doc = self.parse(article)
        try:
            self.run(doc, article)
            return collect(doc, article)
        finally:
            release(doc)

    def explain(self, article: Article) -> Trace:
        """Code ``article`` through the same stages and say what each decided."""
        doc = self.parse(article)
        try:
            self.run(doc, article)
            return trace_doc(doc, article, self.stages, collect(doc, article))
        finally:
            release(doc)

    def parse(self, article: Article) -> Doc:
        """The model's parse of the (masked) article, before any stage."""
        start = time.perf_counter()
        if len(article.text) > PIECE_CHARS:
            doc = self._parse_long(article)
        else:
            doc = self.nlp(self._make_doc(article), disable=self._deferred)
        self.timings["parse"] += time.perf_counter() - start
        doc._.article = article
        return doc

    def run(self, doc: Doc, article: Article) -> None:
        """Every stage over one parsed Doc, in order."""
        for stage in self.stages:
            start = time.perf_counter()
            stage(doc, article)
            self.timings[stage.name] += time.perf_counter() - start

    def code_many(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[CodedArticle | Rejection]:
        """Code a stream of articles through ``nlp.pipe``, in input order.

        An article that fails is yielded as a Rejection with the reason; the
        batch goes on. One longer than ``PIECE_CHARS`` is parsed in pieces.
        """
        size = batch_size or self.options.limits.batch_size
        batch: list[Article] = []
        for article in articles:
            if len(article.text) > min(PIECE_CHARS, self.options.limits.section_chars):
                yield from self._code_batch(batch, size)
                batch = []
                yield from self._code_long(article)
                continue
            batch.append(article)
            if len(batch) >= size:
                yield from self._code_batch(batch, size)
                batch = []
        yield from self._code_batch(batch, size)

    # -- internals ---------------------------------------------------------
    def _code_batch(self, batch: list[Article], size: int) -> Iterator[CodedArticle | Rejection]:
        """One ``nlp.pipe`` batch; if the parse fails, each article again on its own, so only the bad one is rejected."""
        if not batch:
            return
        start = time.perf_counter()
        try:
            pairs = ((self._make_doc(a), a) for a in batch)
            chunk = list(self.nlp.pipe(pairs, as_tuples=True, batch_size=size, disable=self._deferred))
        except Exception as exc:  # noqa: BLE001 - the model or tokenizer failed on some article
            if len(batch) > 1:
                for article in batch:
                    yield from self._code_batch([article], size)
                return
            article = batch[0]
            log.debug("parse failed on %s:\n%s", article.id, "".join(traceback.format_exception(exc)))
            yield Rejection(article.origin or article.id, None, f"cannot parse: {exc.__class__.__name__}: {str(exc)[:200]}", article.id)
            return
        finally:
            self.timings["parse"] += time.perf_counter() - start
        yield from self._run_chunk(chunk)

    def _code_long(self, article: Article) -> Iterator[CodedArticle | Rejection]:
        if len(article.text) > self.options.limits.section_chars:
            yield self._code_sections(article)
        else:
            yield from self._code_whole(article)

    def _code_whole(self, article: Article) -> Iterator[CodedArticle | Rejection]:
        try:
            doc = self.parse(article)
        except Exception as exc:  # noqa: BLE001 - as for a batch of one
            yield Rejection(article.origin or article.id, None, f"cannot parse: {exc.__class__.__name__}: {str(exc)[:200]}", article.id)
            return
        yield from self._run_chunk([(doc, article)])

    def _code_sections(self, article: Article) -> CodedArticle | Rejection:
        """A text too long to hold whole, one section at a time (``nlp/sections.py``):
        memory is that of one section and the events found so far."""
        lead = lead_end(article.text, article.caption_end)
        events: list[Event] = []
        quotes: list[Quote] = []
        for start, end in section_bounds(article.text, self.options.limits.section_chars):
            part = replace(article, text=section_text(article.text, lead, start, end))
            (result,) = self._code_whole(part)
            if isinstance(result, Rejection):
                return replace(result, reason=f"{result.reason} (in characters {start}-{end})")
            events.extend(e for e in result.events if start <= e.offsets.trigger_start < end)
            quotes.extend(q for q in result.quotes if start <= q.start < end)
        return CodedArticle(article=article, events=tuple(events), quotes=tuple(quotes))

    def _parse_long(self, article: Article) -> Doc:
        """A text too long to parse at once (spaCy's limit is 1,000,000 characters,
        and memory grows with length): tokenised whole, parsed in pieces that end
        at paragraph or sentence breaks, joined back, so offsets are the text's."""
        doc = self._make_doc(article)
        pieces = [doc[a:b].as_doc() for a, b in piece_bounds(doc, PARSE_PIECE_CHARS)]
        parsed = list(self.nlp.pipe(pieces, batch_size=1, disable=self._deferred))
        return Doc.from_docs(parsed, ensure_whitespace=False)

    def _run_chunk(self, chunk: list[tuple[Doc, Article]]) -> Iterator[CodedArticle | Rejection]:
        """Each stage over the whole chunk (one batch call), then collect; a Doc
        that fails a stage becomes its article's rejection and leaves the chunk."""
        failed: dict[int, str] = {}
        for doc, article in chunk:
            doc._.article = article
        for stage in self.stages:
            live = [(i, pair) for i, pair in enumerate(chunk) if i not in failed]
            if not live:
                break
            start = time.perf_counter()
            errors = stage.pipe([pair for _, pair in live])
            self.timings[stage.name] += time.perf_counter() - start
            for (i, (_, article)), error in zip(live, errors, strict=True):
                if error is not None:
                    log.debug("stage %s failed on %s:\n%s", stage.name, article.id, "".join(traceback.format_exception(error)))
                    failed[i] = f"internal error in stage {stage.name!r}: {error.__class__.__name__}: {error}"
        for i, (doc, article) in enumerate(chunk):
            try:
                if i in failed:
                    yield Rejection(article.origin or article.id, None, failed[i], article.id)
                else:
                    yield collect(doc, article)
            finally:
                release(doc)

    def _make_doc(self, article: Article) -> Doc:
        """The tokenised text to parse: the article, maybe masked, with no sentence
        start where the prefilter joined a quotation to its attribution."""
        # The tokenizer itself, not nlp.make_doc: a long text is tokenised whole and parsed in pieces.
        if self.sentence_filter is None:
            return remember_text(self.nlp.tokenizer(article.text), article.text)
        masked = self.sentence_filter.mask(article.text)
        doc = remember_text(self.nlp.tokenizer(masked.text), masked.text)
        if masked.no_sentence_start or masked.sentence_starts:
            idx = doc.to_array(IDX).tolist()  # without making a Token object per word
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


def piece_bounds(doc: Doc, max_chars: int) -> Iterator[tuple[int, int]]:
    """Token ranges of at most about ``max_chars`` characters covering ``doc``,
    each ending after a paragraph break, else after a sentence's full stop,
    else (one endless sentence) wherever the limit falls."""
    starts = [t.idx for t in doc]
    n = len(doc)
    start = 0
    while start < n:
        end = bisect.bisect_right(starts, starts[start] + max_chars, lo=start)
        if end < n:
            cut = _last_break(doc, start, end)
            end = cut if cut > start else max(end, start + 1)
        yield start, end
        start = end


def _last_break(doc: Doc, start: int, end: int) -> int:
    """The token index after the last paragraph break (else full stop) in ``doc[start:end]``; ``start`` if none."""
    for i in range(end - 1, start, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            return i + 1
    for i in range(end - 1, start, -1):
        if doc[i].text in (".", "!", "?"):
            return i + 1
    return start


def collect(doc: Doc, article: Article) -> CodedArticle:
    """What the stages left on the Doc, as the article's record."""
    drafts = doc._.events or ()
    quotes: tuple[Quote, ...] = doc._.quotes or ()
    return CodedArticle(article=article, events=tuple(d.event for d in drafts), quotes=quotes)


def release(doc: Doc) -> None:
    """Drop the stages' results: spans point back at the Doc, and that cycle
    would keep every Doc alive until a full GC."""
    doc.user_data.clear()


def _sentence_filter(resources: Resources):
    """Lemmas that fire alone, and the words the others need beside them."""
    from dyad.nlp.prefilter import SentenceFilter

    alone: set[str] = set()
    bound: dict[str, set[str]] = {}
    lexicon = resources.lexicon
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
