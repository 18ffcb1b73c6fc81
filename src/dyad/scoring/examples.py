"""Training examples: annotated sentences, parsed by the pipeline, with their
features, gold types and what the rules code in them.

Two sources:

* annotated JSONL, one sentence a line (PLV's format is accepted as it is):
  ``{"id": "…", "text": "…", "event": "ASSAULT"}``; ``"event": "none"`` (or
  null, or an empty ``"events": []``) marks a sentence with no event;
  ``"events": ["ASSAULT", "PROTEST"]`` a sentence with several. PLV's
  ``YIELD`` (today's RETREAT and CONCEDE) is kept as it is and resolved in
  ``resolve_yield``.
* the VOA gold (``evaluation/data/voa_dev_gold.jsonl``) with its corpus: every
  sentence of an annotated article, with the types of the gold events whose
  trigger it holds (none: a no-event sentence).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import InputError
from dyad.records import Article
from dyad.scoring.features import SentenceFeatures, sentence_features
from dyad.scoring.gate import GateCues, gate_cues, position_of, sentence_positions
from dyad.scoring.records import NO_EVENT

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dyad.coding.triggers import TriggerMatch
    from dyad.pipeline import Pipeline

YIELD = "YIELD"
YIELD_TYPES = ("RETREAT", "CONCEDE")
FIXED_DATE = dt.date(2020, 1, 1)  # sentences without a date: one fixed day keeps role lookups deterministic


@dataclass(frozen=True, slots=True)
class Annotated:
    """One annotated text: an article (a lone sentence, or a whole article with
    gold per sentence) and its gold events as (trigger character offset, type)."""

    article: Article
    group: str  # what the dev split keeps together (the article)
    source: str
    events: tuple[tuple[int, str], ...]  # (offset of the trigger or sentence, type)
    per_sentence: bool = False  # an article with gold per sentence; False: one annotated sentence


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    group: str
    source: str
    features: SentenceFeatures
    gold: tuple[str, ...]  # PLOVER types; () = no event
    rules: tuple[tuple[str, float], ...]  # the rules' unblocked events here: (type, confidence)
    blocked: tuple[str, ...]  # what the blocked predicate or patterns here say (hybrid.blocked_kinds): () none
    kept: bool  # the prefilter lets the sentence be parsed
    cues: GateCues | None = None  # what the event gate reads of the sentence (scoring/gate.py)
    patterns: tuple[str, ...] = ()  # the rule that coded each of ``rules`` (its pattern), for error analysis

    @property
    def label(self) -> str:
        return self.gold[0] if self.gold else NO_EVENT


def read_annotated(path: Path) -> list[Annotated]:
    """Annotated JSONL (see the module doc), one sentence a line."""
    out: list[Annotated] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = str(row["text"])
                if "events" in row:
                    types = [str(e).upper() for e in row["events"] or ()]
                else:
                    ev = row.get("event")
                    types = [] if ev in (None, "", NO_EVENT) else [str(ev).upper()]
                date = dt.date.fromisoformat(str(row["date"])[:10]) if row.get("date") else FIXED_DATE
                ident = str(row.get("id") or f"{path.name}:{n}")
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise InputError(f"{path}:{n}: not an annotated sentence ({exc})") from exc
            article = Article(id=ident, date=date, text=text, origin=f"{path}:{n}")
            out.append(Annotated(article, ident, path.stem, tuple((0, t) for t in types)))
    return out


def read_voa(corpus: Path, gold_path: Path | None = None, split: str = "train") -> list[Annotated]:
    """The annotated VOA articles of one split, with their gold events."""
    from dyad.evaluation.voa_gold import read_voa_gold, select_split
    from dyad.ingest import read_articles

    gold = select_split(read_voa_gold(gold_path), split)
    wanted = set(gold.article_ids)
    articles = sorted((a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in wanted), key=lambda a: a.id)
    by_article: dict[str, list[tuple[int, str]]] = {}
    for g in gold.events:
        by_article.setdefault(g.article_id, []).append(((g.trigger or g.sentence)[0], g.event))
    return [Annotated(a, a.id, "voa", tuple(sorted(by_article.get(a.id, ()))), per_sentence=True) for a in articles]


def data_hash(items: Sequence[Annotated]) -> str:
    """A hash of the training texts and labels, in a fixed order."""
    h = hashlib.sha256()
    for a in sorted(items, key=lambda x: (x.source, x.article.id)):
        h.update(json.dumps([a.source, a.article.id, a.article.text, a.events]).encode())
    return h.hexdigest()[:16]


def rules_pipeline() -> Pipeline:
    """Every sentence parsed (no prefilter), the rule stages only."""
    from dyad.pipeline import Pipeline, PipelineOptions
    from dyad.stages import DEFAULT_STAGES

    rules = DEFAULT_STAGES[: DEFAULT_STAGES.index("events") + 1]
    return Pipeline(PipelineOptions(prefilter=False, stages=tuple(s for s in rules if s != "scorer")))


def make_examples(items: Iterable[Annotated], pipeline: Pipeline | None = None) -> list[Example]:
    """Parse each text, code it with the rules, and cut it into sentence examples."""
    from dyad.nlp.prefilter import SentenceFilter
    from dyad.pipeline import _sentence_filter, release
    from dyad.scoring.hybrid import blocked_kinds

    pipe = pipeline or rules_pipeline()
    keep: SentenceFilter = _sentence_filter(pipe.resources)
    lexicon = pipe.resources.lexicon
    out: list[Example] = []
    for item in items:
        doc = pipe.parse(item.article)
        try:
            pipe.run(doc, item.article)
            sents = [s for s in doc.sents if s.text.strip()]
            starts = sentence_positions(item.article.text)
            labelled = None if item.per_sentence else labelled_part(sents, doc._.triggers or (), {t for _, t in item.events})
            for k, sent in enumerate(sents):
                a, b = sent.start_char, sent.end_char
                if item.per_sentence:
                    gold = tuple(sorted({t for off, t in item.events if a <= off < b}))
                elif k == labelled:
                    gold = tuple(sorted({t for _, t in item.events}))
                else:
                    continue  # a lone annotated sentence the parser split: one part carries the label
                drafts = [d for d in doc._.events or () if sent.start <= d.head < sent.end]
                rules = tuple((d.event.event, d.event.confidence) for d in drafts)
                inside = [c for c in doc._.candidates or () if sent.start <= c.trigger_head < sent.end]
                blocked = blocked_kinds(doc, sent, inside, lexicon)
                out.append(
                    Example(
                        id=f"{item.article.id}#{k}",
                        group=item.group,
                        source=item.source,
                        features=sentence_features(sent, doc._.triggers or (), lexicon),
                        gold=gold,
                        rules=rules,
                        blocked=blocked,
                        kept=k < 2 or keep.may_hold_event(sent.text),
                        cues=gate_cues(sent, position_of(starts, sent.start_char), lexicon, doc._.mentions or ()),
                        patterns=tuple(d.event.rule for d in drafts),
                    )
                )
        finally:
            release(doc)
    return out


def labelled_part(sents: Sequence[Span], triggers: Sequence[TriggerMatch], types: set[str]) -> int:
    """Which part of an annotated sentence the parser split carries its label: the
    one holding a trigger of a gold type, else the longest."""
    for k, sent in enumerate(sents):
        if any(sent.start <= m.head.i < sent.end and any(p.event in types for p in m.patterns) for m in triggers):
            return k
    return max(range(len(sents)), key=lambda k: (len(sents[k]), -k)) if sents else 0


def resolve_yield(ex: Example) -> Example:
    """PLV's YIELD is RETREAT or CONCEDE: the one the rules or the lexicon name, else RETREAT."""
    if YIELD not in ex.gold:
        return ex
    named = [t for t, _ in ex.rules if t in YIELD_TYPES] + [c.split(":", 1)[1] for c in ex.features.parse if c.startswith("lex:")]
    choice = next((t for t in named if t in YIELD_TYPES), YIELD_TYPES[0])
    from dataclasses import replace

    return replace(ex, gold=tuple(sorted({choice if t == YIELD else t for t in ex.gold})))
