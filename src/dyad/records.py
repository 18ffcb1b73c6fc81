"""Typed, frozen records that cross stage boundaries.

Every stage takes and returns these, never loose dicts. Each record that a user
sees carries its evidence: character offsets into ``Article.text``.

``Event.to_plover()`` gives the PLOVER 2.0 JSON event record (manual, table 6.1)
plus dyad's own fields; ``schema/event.schema.json`` describes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any

# The manual's sector for "generic unidentified actors": the actor of an agentless
# event ("seven civilians were killed") or one the knowledge base cannot name.
UNKNOWN_SECTOR = "UNK"
UNKNOWN_KIND = "unknown"

# PLOVER quad classes as GDELT numbers them.
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# EventDate.precision, finest first.
DATE_PRECISIONS = ("day", "week", "month", "season", "year", "article")
# A count of people over a period longer than a week is a tally of many incidents
# ("in 2024 the group killed nearly 400"), not one event: ``Event.aggregate``.
AGGREGATE_PRECISIONS = frozenset({"month", "season", "year"})
TALLY_KINDS = frozenset({"dead", "injured", "arrested"})


def content_hash(text: str) -> str:
    """A stable id for an article that came without one."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One dated news article. ``text`` is what offsets point into.

    For the seed format the caption is the first paragraph of ``text`` and
    ``caption_end`` marks where it stops (it is coded like the body).
    """

    id: str
    date: dt.date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # "file:line" it was read from
    caption_end: int = 0

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that could not be read, with the reason a user can act on."""

    origin: str  # file name (or "-" for stdin)
    line: int | None
    reason: str
    article_id: str | None = None

    def message(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A PLOVER actor/recipient entity object, with how it was resolved."""

    entity_text: str  # the words in the text
    entity_name: str | None = None  # canonical name ("Sergei Lavrov", "Russia")
    code: str | None = None  # ISO 3166 alpha-3, or IGO/NGO/MNC …
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, CVL …
    identifier_id: str | None = None  # stable id, a Wikidata QID where known
    kind: str | None = None  # person, country, organisation, group, sector
    start: int | None = None  # character offsets into the article text
    end: int | None = None
    resolution: str | None = None  # why it resolved this way

    @classmethod
    def unknown(cls, why: str, text: str = "", start: int | None = None, end: int | None = None) -> Entity:
        """The unknown actor: sector ``UNK``, no code. ``text`` holds the words when the
        clause names someone the knowledge base does not know ("the ACLU", "he");
        it is empty, with no offsets, when the text names no one ("were killed")."""
        return cls(entity_text=text, code=None, sector=UNKNOWN_SECTOR, kind=UNKNOWN_KIND, start=start, end=end, resolution=why)

    @property
    def is_unknown(self) -> bool:
        return self.sector == UNKNOWN_SECTOR

    def to_plover(self) -> dict[str, Any]:
        return {
            "entity_text": self.entity_text,
            "entity_name": self.entity_name,
            "code": self.code,
            "sector": self.sector,
            "identifier_id": self.identifier_id,
            "kind": self.kind,
            "offsets": None if self.start is None else [self.start, self.end],
            "resolution": self.resolution,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place (PLOVER ``event_loc``)."""

    extracted_place: str
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    province: str | None = None  # admin-1 name
    country_code: str | None = None  # ISO 3166 alpha-3
    resolution: str | None = None  # region, country, admin1, admin2, populated_place, point
    start: int | None = None
    end: int | None = None
    rule: str | None = None  # which heuristic chose this place

    def to_plover(self) -> dict[str, Any]:
        d = asdict(self)
        d["offsets"] = None if self.start is None else [self.start, self.end]
        del d["start"], d["end"]
        return d


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people dead, injured, arrested, or in a crowd."""

    kind: str  # dead, injured, arrested, crowd
    value: int
    qualifier: str = "exact"  # exact, at_least, about, more_than, at_most, fewer_than
    group: str | None = None  # PLOVER sector of the people counted (CVL …)
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, resolved against the article date."""

    date: dt.date
    precision: str = "article"  # day, week, month, season, year, article
    text: str | None = None  # the phrase that dated it
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class ContextTag:
    """Why an event carries a PLOVER general context: the evidence for it.

    ``level`` is where the evidence was found (``sentence``: the event's own
    sentence, ``paragraph``: its paragraph, ``article``: a topic of the whole
    article); ``start``/``end`` point into ``Article.text`` (None when the
    evidence is not a span of it); ``source`` names the rule (``cue``,
    ``cameo:0312``, ``sector:MIL``, ``actor:ISIS``, ``type:CONSULT``, ``model``).
    """

    name: str
    level: str
    start: int | None
    end: int | None
    text: str
    source: str = "cue"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level": self.level,
            "offsets": None if self.start is None else [self.start, self.end],
            "text": self.text,
            "source": self.source,
        }


def context_tag_from_json(d: dict[str, Any]) -> ContextTag:
    offsets = d.get("offsets") or (None, None)
    return ContextTag(d["name"], d["level"], offsets[0], offsets[1], d.get("text", ""), d.get("source", "cue"))


@dataclass(frozen=True, slots=True)
class Offsets:
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: PLOVER type and mode, CAMEO code, and its evidence."""

    article_id: str
    event: str  # PLOVER type
    mode: str | None
    cameo: str | None
    goldstein: float | None
    quad_code: int | None
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    when: EventDate
    event_text: str  # trigger words
    text: str  # the sentence
    offsets: Offsets
    rule: str
    confidence: float
    context: tuple[str, ...] = ()
    event_loc: Place | None = None
    counts: tuple[Count, ...] = ()
    reported_by: tuple[Entity, ...] = ()  # "X said Y attacked Z": X
    # Provenance: the article it was reported in (``CodedArticle`` fills these).
    url: str | None = None
    source: str | None = None  # the outlet
    published: dt.date | None = None  # the article's date
    # The evidence for each general context in ``context`` (contexts stage);
    # auxiliary modes (future …) in ``context`` have none.
    context_evidence: tuple[ContextTag, ...] = ()
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            # Stable across runs: re-coding an article gives the same ids.
            key = f"{self.article_id}|{self.offsets.trigger_start}|{self.offsets.trigger_end}|{self.event}|{self.mode}"
            key += "|" + ",".join(e.entity_text for e in self.actor)
            key += "|" + ",".join(e.entity_text for e in self.recipient)
            object.__setattr__(self, "id", f"{self.article_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}")

    @property
    def date(self) -> dt.date:
        return self.when.date

    @property
    def aggregate(self) -> bool:
        """A statement that sums many incidents over a month or more: kept, but out of counts and maps."""
        return self.when.precision in AGGREGATE_PRECISIONS and any(c.kind in TALLY_KINDS for c in self.counts)

    def size(self) -> dict[str, int | None]:
        out: dict[str, int | None] = {"dead": None, "injured": None, "arrested": None, "crowd": None}
        for c in self.counts:
            if c.kind in out and (out[c.kind] is None or c.value > out[c.kind]):  # type: ignore[operator]
                out[c.kind] = c.value
        return out

    def to_plover(self) -> dict[str, Any]:
        """The PLOVER 2.0 JSON event record, with dyad's additions."""
        return {
            "id": self.id,
            "date": self.when.date.isoformat(),
            "actor": [e.to_plover() for e in self.actor],
            "recipient": [e.to_plover() for e in self.recipient],
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "event_loc": None if self.event_loc is None else self.event_loc.to_plover(),
            "size": self.size(),
            "event_text": self.event_text,
            "text": self.text,
            "quad_code": self.quad_code,
            # dyad's own fields
            "article_id": self.article_id,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "date_precision": self.when.precision,
            "aggregate": self.aggregate,
            "date_text": self.when.text,
            "date_offsets": None if self.when.start is None else [self.when.start, self.when.end],
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "offsets": asdict(self.offsets),
            "counts": [asdict(c) for c in self.counts],
            "reported_by": [e.to_plover() for e in self.reported_by],
            "url": self.url,
            "source": self.source,
            "published": None if self.published is None else self.published.isoformat(),
            "context_evidence": [t.to_json() for t in self.context_evidence],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation with its speaker."""

    article_id: str
    text: str  # the quoted words, without quote marks
    start: int
    end: int
    speaker: Entity | None
    sentence: str
    event_id: str | None = None
    rule: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", f"{self.article_id}-q{self.start}")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "offsets": [self.start, self.end],
            "speaker": None if self.speaker is None else self.speaker.to_plover(),
            "sentence": self.sentence,
            "event_id": self.event_id,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """What the pipeline makes of one article.

    Events without provenance get the article's (url, outlet, date) here, where
    an article and its events meet, so every export and the API can cite it.
    """

    article: Article
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        a = self.article
        if any(e.published is None for e in self.events):
            stamped = tuple(e if e.published is not None else replace(e, url=a.url, source=a.source, published=a.date) for e in self.events)
            object.__setattr__(self, "events", stamped)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention in a parsed spaCy Doc, resolved to one or more entities.

    Token indices are into the Doc (``end_token`` exclusive); ``head_token`` is
    the syntactic head of the span, which the event coder attaches to triggers.
    "the US and Nato" is one mention with two entities.
    """

    start_token: int
    end_token: int
    head_token: int
    entities: tuple[Entity, ...]
    text: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event found in a parsed Doc, before its date, place and counts.

    ``trigger_head`` is the token the event's clause hangs on (the verb, or the
    event noun); ``trigger_tokens`` are all the trigger words ("held talks
    with"). A candidate with ``blocked`` set (negation, modality, missing actor
    …) is kept only so ``dyad explain`` can show why it was not coded.
    """

    trigger_head: int
    trigger_tokens: tuple[int, ...]
    event: str  # PLOVER type
    mode: str | None
    cameo: str | None
    actor: tuple[Mention, ...]
    recipient: tuple[Mention, ...]
    rule: str
    confidence: float
    context: tuple[str, ...] = ()
    reported_by: tuple[Mention, ...] = ()
    blocked: str | None = None


def entity_from_plover(d: dict[str, Any]) -> Entity:
    offsets = d.get("offsets") or (None, None)
    return Entity(
        entity_text=d["entity_text"],
        entity_name=d.get("entity_name"),
        code=d.get("code"),
        sector=d.get("sector"),
        identifier_id=d.get("identifier_id"),
        kind=d.get("kind"),
        start=offsets[0],
        end=offsets[1],
        resolution=d.get("resolution"),
    )


def event_from_plover(d: dict[str, Any]) -> Event:
    """Rebuild an Event from its JSON record (exports and the store round-trip)."""
    loc = d.get("event_loc")
    place = None
    if loc:
        lo = loc.get("offsets") or (None, None)
        place = Place(
            **{k: loc.get(k) for k in ("extracted_place", "resolved_place", "geonameid", "lat", "lon", "province", "country_code", "resolution", "rule")},
            start=lo[0],
            end=lo[1],
        )
    return Event(
        id=d["id"],
        article_id=d["article_id"],
        event=d["event"],
        mode=d.get("mode"),
        cameo=d.get("cameo"),
        goldstein=d.get("goldstein"),
        quad_code=d.get("quad_code"),
        actor=tuple(entity_from_plover(e) for e in d.get("actor", [])),
        recipient=tuple(entity_from_plover(e) for e in d.get("recipient", [])),
        when=EventDate(
            date=dt.date.fromisoformat(d["date"]),
            precision=d.get("date_precision") or "article",
            text=d.get("date_text"),
            start=(d.get("date_offsets") or (None, None))[0],
            end=(d.get("date_offsets") or (None, None))[1],
        ),
        event_text=d["event_text"],
        text=d["text"],
        offsets=Offsets(**d["offsets"]),
        rule=d["rule"],
        confidence=d["confidence"],
        context=tuple(d.get("context", [])),
        event_loc=place,
        counts=tuple(Count(**c) for c in d.get("counts", [])),
        reported_by=tuple(entity_from_plover(e) for e in d.get("reported_by", [])),
        url=d.get("url"),
        source=d.get("source"),
        published=dt.date.fromisoformat(d["published"]) if d.get("published") else None,
        context_evidence=tuple(context_tag_from_json(t) for t in d.get("context_evidence") or ()),
    )


def quote_from_json(d: dict[str, Any]) -> Quote:
    return Quote(
        id=d["id"],
        article_id=d["article_id"],
        text=d["text"],
        start=d["offsets"][0],
        end=d["offsets"][1],
        speaker=None if d.get("speaker") is None else entity_from_plover(d["speaker"]),
        sentence=d["sentence"],
        event_id=d.get("event_id"),
        rule=d.get("rule", ""),
    )


@dataclass(frozen=True, slots=True)
class ArticleCopy:
    """``article`` repeats the already coded ``original_id`` (Jaccard ``similarity``)."""

    article: Article
    original_id: str
    similarity: float
