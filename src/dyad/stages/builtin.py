"""dyad's own stages, in their default order. Each is a thin shell over the
module that holds its logic; each reads and sets declared Doc attributes.

    triggers  → doc._.triggers, doc._.evaluations   (coding.triggers, coding.evaluative)
    scorer    → doc._.scores                        (scoring: the learned scorer, registered in scoring/stage.py)
    entities  → doc.ents where later stages read them (coding.regions, nlp.entities)
    actors    → doc._.mentions                        (actors.resolve)
    coder     → doc._.candidates                      (coding.extract)
    events    → doc._.events                          (records.Event from candidates)
    when      → each event's date                     (when)
    where     → each event's place                    (where)
    counts    → each event's counts                   (counts)
    contexts  → each event's contexts and evidence    (contexts; registered in contexts/stage.py)
    quotes    → doc._.quotes                          (quotes)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dyad.coding.ontology import CAMEO_ONLY
from dyad.nlp.doc_text import doc_text
from dyad.stages.base import Resources, Stage, register_stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyad.records import Article, Candidate, Event, Mention, Quote

DEFAULT_STAGES: tuple[str, ...] = ("triggers", "scorer", "entities", "actors", "coder", "modes", "events", "when", "where", "counts", "contexts", "quotes")


@dataclass(frozen=True, slots=True)
class DraftEvent:
    """An event on its way through the stages, with the candidate it came from
    (the date, place and count stages read its trigger token)."""

    candidate: Candidate
    event: Event

    @property
    def head(self) -> int:
        return self.candidate.trigger_head


@register_stage
class TriggerStage(Stage):
    """Lexicon triggers and evaluative predicates, found once per Doc."""

    name = "triggers"
    assigns = ("triggers", "evaluations")

    def __init__(self, resources: Resources):
        from dyad.coding.evaluative import load_evaluative_words

        self.lexicon = resources.lexicon
        self.words = load_evaluative_words()

    def __call__(self, doc: Doc, article: Article) -> None:
        from dyad.coding.evaluative import find_evaluations
        from dyad.coding.triggers import find_triggers

        doc._.triggers = tuple(find_triggers(doc, self.lexicon))
        doc._.evaluations = tuple(find_evaluations(doc, self.words, self.lexicon))

    def describe(self, doc: Doc) -> list[str]:
        return [f"trigger '{' '.join(doc[i].text for i in m.words)}' → {', '.join(sorted({p.event for p in m.patterns}))}"
                for m in doc._.triggers or ()]


@register_stage
class EntityStage(Stage):
    """Named entities only in the sentences later stages read (a no-op when the
    model's recogniser already ran over the whole text)."""

    name = "entities"
    requires = ("triggers", "evaluations")
    assigns = ("ents",)

    def __init__(self, resources: Resources):
        from dyad.nlp.entities import RegionEntities

        self.lexicon = resources.lexicon
        selective = resources.options.selective_entities and "ner" in resources.nlp.pipe_names
        self.entities = RegionEntities(resources.nlp) if selective else None

    def __call__(self, doc: Doc, article: Article) -> None:
        self._annotate([doc])

    def pipe(self, docs: Sequence[tuple[Doc, Article]]) -> list[BaseException | None]:
        """One recogniser pass over the whole batch; when it fails, Doc by Doc."""
        try:
            self._annotate([d for d, _ in docs])
            return [None] * len(docs)
        except Exception:  # noqa: BLE001 - retried one by one so one bad Doc fails alone
            return super().pipe(docs)

    def _annotate(self, docs: list[Doc]) -> None:
        from dyad.coding.regions import find_entity_ranges

        if self.entities is None:
            return
        ranges = [find_entity_ranges(d, self.lexicon, triggers=d._.triggers, evaluations=d._.evaluations) for d in docs]
        self.entities.annotate(docs, ranges)


@register_stage
class ActorStage(Stage):
    """Actor mentions resolved to country, sector and identity at the article date."""

    name = "actors"
    requires = ("ents",)
    assigns = ("mentions",)

    def __init__(self, resources: Resources):
        from dyad.actors.resolve import ActorResolver

        self.resolver = ActorResolver(resources.knowledge_base, geocoder=resources.geocoder)

    def __call__(self, doc: Doc, article: Article) -> None:
        doc._.mentions = tuple(self.resolver.resolve(doc, article.date))


@register_stage
class CoderStage(Stage):
    """Event candidates from the lexicon's triggers and the parse, with what blocked the others."""

    name = "coder"
    requires = ("triggers", "evaluations", "mentions")
    assigns = ("candidates",)

    def __init__(self, resources: Resources):
        from dyad.coding.extract import EventCoder
        from dyad.coding.mentions import PlaceFinder

        # A dictionary used alone names every party; PETRARCH knows no gazetteer places.
        places = PlaceFinder(resources.geocoder, enabled=not resources.knowledge_base.alone)
        self.coder = EventCoder(lexicon=resources.lexicon, ontology=resources.ontology, places=places)
        self.resources = resources

    def __call__(self, doc: Doc, article: Article) -> None:
        candidates = self.coder.code_doc(doc, doc._.mentions, doc._.triggers, doc._.evaluations)
        if doc._.scores is not None:  # the scorer stage ran: the hybrid decisions (scoring/hybrid.py)
            from dyad.scoring.gate import packaged_gate
            from dyad.scoring.hybrid import decide

            # the shipped gate learned the shipped scorer's scores: a model of one's own (--model) goes ungated
            gate = packaged_gate() if self.resources.options.scorer_model is None else None
            candidates = decide(doc, candidates, self.scorer_model(), self.coder, doc._.mentions, gate)
        from dyad.coding.antecedents import with_authors

        # "Beijing denies the allegations": the reaction is to whoever made them, told before
        doc._.candidates = tuple(with_authors(doc, candidates))

    def scorer_model(self):  # the scorer stage's model, loaded once per file
        from dyad.scoring.stage import model_for

        return model_for(self.resources)


@register_stage
class ModeStage(Stage):
    """ASSAULT modes from the instrument the clause names: "killed in a drone strike" is drone."""

    name = "modes"
    requires = ("candidates",)
    assigns = ("candidates",)

    def __init__(self, resources: Resources):
        from dyad.coding.instruments import InstrumentModes

        self.instruments = InstrumentModes(resources.ontology)

    def __call__(self, doc: Doc, article: Article) -> None:
        doc._.candidates = tuple(self.instruments.refine(doc, c) for c in doc._.candidates)


@register_stage
class EventStage(Stage):
    """Events from the unblocked candidates: type, CAMEO, actors, evidence; one per trigger and type."""

    name = "events"
    requires = ("candidates",)
    assigns = ("events",)

    def __init__(self, resources: Resources):
        self.ontology = resources.ontology
        self.min_confidence = resources.options.min_confidence
        self.max_sentence_tokens = resources.options.limits.max_sentence_tokens
        self.cameo_only = resources.options.cameo_only

    def __call__(self, doc: Doc, article: Article) -> None:
        parsed = doc_text(doc)
        drafts: dict[str, DraftEvent] = {}
        for c in doc._.candidates:
            if c.blocked is not None or c.confidence < self.min_confidence:
                continue
            if c.event == CAMEO_ONLY and not self.cameo_only:
                continue  # no PLOVER event: only petrarch_out asks for these
            if len(doc[c.trigger_head].sent) > self.max_sentence_tokens:
                continue
            draft = DraftEvent(c, self._build(doc, article, c, parsed))
            seen = drafts.get(draft.event.id)
            if seen is None or draft.event.confidence > seen.event.confidence:
                drafts[draft.event.id] = draft
        doc._.events = tuple(sorted(drafts.values(), key=lambda d: (d.event.offsets.trigger_start, d.event.event)))

    def _build(self, doc: Doc, article: Article, c: Candidate, parsed: str) -> Event:
        from dyad.records import Event, EventDate, Offsets

        sent_start, sent_end = sentence_bounds(doc, c.trigger_head, parsed)
        trig = sorted(c.trigger_tokens) or [c.trigger_head]
        t_start, t_end = doc[trig[0]].idx, doc[trig[-1]].idx + len(doc[trig[-1]])
        return Event(
            article_id=article.id,
            event=c.event,
            mode=c.mode,
            cameo=c.cameo or None,  # a CAMEO-only event of a dictionary's own code may have none
            goldstein=self.ontology.goldstein_of(c.cameo or None),
            quad_code=self.ontology.quad_of(c.event),
            actor=tuple(e for m in c.actor for e in m.entities),
            recipient=tuple(e for m in c.recipient for e in m.entities),
            reported_by=tuple(e for m in c.reported_by for e in m.entities),
            # Undated until the date stage reads the text: the article's date, said to be only that.
            when=EventDate(date=article.date, precision="article"),
            event_text=" ".join(doc[i].text for i in trig),
            # From the article, not the Doc: the parsed text may have blanked sentences.
            text=article.text[sent_start:sent_end],
            offsets=Offsets(sent_start, sent_end, t_start, t_end),
            rule=c.rule,
            confidence=c.confidence,
            context=c.context,
        )


@register_stage
class DateStage(Stage):
    """Each event's date, from the date phrase that governs its trigger."""

    name = "when"
    requires = ("events",)

    def __init__(self, resources: Resources):
        pass

    def __call__(self, doc: Doc, article: Article) -> None:
        from dyad.when import date_event, is_historical

        dated = []
        for d in doc._.events:
            when = date_event(doc, d.head, article.date)
            context = d.event.context
            if is_historical(when, article.date) and "historical" not in context:
                context = (*context, "historical")  # the manual's auxiliary mode, kept in context
            dated.append(replace(d, event=replace(d.event, when=when, context=context)))
        doc._.events = tuple(dated)



@register_stage
class PlaceStage(Stage):
    """Each event's place, geocoded with the pipeline's gazetteer."""

    name = "where"
    requires = ("events", "mentions")

    def __init__(self, resources: Resources):
        self.geocoder = resources.geocoder

    def __call__(self, doc: Doc, article: Article) -> None:
        from dyad.where.locate import locate_event

        if not doc._.events:
            return
        countries = article_countries(doc._.mentions)
        doc._.events = tuple(
            replace(d, event=replace(d.event, event_loc=locate_event(doc, d.head, doc._.mentions, self.geocoder, countries)))
            for d in doc._.events
        )

    def describe(self, doc: Doc) -> list[str]:
        """Each event's place and the picker's score for every candidate place of its sentence."""
        from dyad.where.locate import picker_scores

        lines = []
        for d in doc._.events or ():
            loc = d.event.event_loc
            chosen = f"{loc.extracted_place} ({loc.rule})" if loc else "none"
            lines.append(f"event at '{doc[d.head].text}' → place {chosen}")
            scores = picker_scores(doc, d.head)
            for s in scores.candidates if scores else ():
                c = s.candidate
                lines.append(f"    {doc[c.span.start : c.span.end].text}: picker {s.probability:.2f}, rules' tier {c.tier_name}"
                             + (" (rules' choice)" if c.rule_choice else ""))
            if scores:
                lines.append(f"    no place of its own: picker {scores.none_probability:.2f}")
        return lines


@register_stage
class CountStage(Stage):
    """Each event's dead, injured, arrested and crowd counts."""

    name = "counts"
    requires = ("events",)

    def __init__(self, resources: Resources):
        pass

    def __call__(self, doc: Doc, article: Article) -> None:
        from dyad.counts import count_event

        doc._.events = tuple(replace(d, event=replace(d.event, counts=count_event(doc, d.head))) for d in doc._.events)


@register_stage
class QuoteStage(Stage):
    """Direct quotations, their speakers, and the event each belongs to."""

    name = "quotes"
    requires = ("mentions", "events")
    assigns = ("quotes",)

    def __init__(self, resources: Resources):
        pass

    def __call__(self, doc: Doc, article: Article) -> None:
        from dyad.quotes import extract_quotes

        quotes = extract_quotes(doc, doc._.mentions, article.id, article.text)
        doc._.quotes = tuple(link_quotes(quotes, [d.event for d in doc._.events]))


def sentence_bounds(doc: Doc, token: int, text: str) -> tuple[int, int]:
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


def article_countries(mentions: Sequence[Mention]) -> list[str]:
    """Country codes named in the article, most mentioned first (for geocoding)."""
    counts: dict[str, int] = {}
    for m in mentions:
        for e in m.entities:
            if e.code and len(e.code) == 3 and e.code.isalpha() and e.code not in {"IGO", "NGO", "MNC", "WST"}:
                counts[e.code] = counts.get(e.code, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


def link_quotes(quotes: Sequence[Quote], events: Sequence[Event]) -> list[Quote]:
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


from dyad.contexts import stage as _contexts_stage  # noqa: E402, F401 - registers the contexts stage
from dyad.scoring import stage as _scorer_stage  # noqa: E402,F401 - registers the ``scorer`` stage
