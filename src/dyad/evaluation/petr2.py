"""Score event types and actors on the PETR2 gold-standard validation sentences.

Each line is one dated sentence with CAMEO codings (source and target
Phoenix actor codes, ``eventcode``). Gold CAMEO codes are mapped to PLOVER
through the packaged crosswalk; CAMEO 01 public statements have no PLOVER
type, so such codings are not gold events (a prediction on them is a false
positive, as PLOVER does not code statements).

CAMEO coders expand one event into one dyadic coding per pair of actors: "the
US, Russia and Switzerland met" is six 040 codings, a meeting of two is two
(A→B and B→A), "US and British activists protested" two. PLOVER codes such
compound and reciprocal events once, with lists of entities (manual, section
"Compound and Reciprocal Actors"), so the codings of one sentence that share
a PLOVER type and are linked through a shared country (a common source or
target, or a mirrored pair) are one gold event whose actor and recipient are
the union of their sources and targets (for a reciprocal event, where the
parties act on each other, the manual names them all as the actor and no
recipient, so its recipient is not scored). A predicted event matches a gold
event of the same sentence with the same PLOVER type (see ``matching``);
actors are then compared by country. CAMEO 080 "Yield, not specified" is
neither of the manual's halves (081-083 CONCEDE, 084-087 RETREAT), so either
type matches it, as PLV's YIELD does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.coding.ontology import Ontology, load_ontology, normalise_cameo
from dyad.errors import InputError
from dyad.evaluation.harness import code_articles
from dyad.evaluation.matching import DyadScores, GoldEvent, Matching, country_of, match_events, score_pairs
from dyad.evaluation.metrics import PRF, Accuracy, format_prf
from dyad.evaluation.plv import OLD_NAMES
from dyad.evaluation.report import Metric, Section
from dyad.records import Article, Event

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline


UNSPECIFIED_YIELD = frozenset({"08", "080"})
YIELD_TYPES = frozenset(OLD_NAMES)  # the manual's halves of CAMEO 08, PLV's YIELD: CONCEDE and RETREAT


@dataclass(frozen=True, slots=True)
class Petr2Sentence:
    article: Article
    gold: tuple[GoldEvent, ...]
    statements: int  # CAMEO 01 codings, which PLOVER does not code
    merged: int = 0  # codings folded into another one's compound or reciprocal event
    yields: frozenset[int] = frozenset()  # indices into gold of CAMEO 080 codings: CONCEDE or RETREAT


@dataclass(frozen=True, slots=True)
class Petr2Scores:
    sentences: int
    gold_events: int
    predicted_events: int
    statements: int
    merged: int
    events: PRF
    no_event: Accuracy  # sentence level: "has a PLOVER event" agrees
    no_event_specificity: Accuracy  # gold no-event sentences given no event
    dyads: DyadScores
    rejected: int

    def metrics(self) -> tuple[Metric, ...]:
        micro = self.events.micro
        return (
            Metric("petr2.event_macro_f1", self.events.macro_f1, f"{len(self.events.classes)} types"),
            Metric("petr2.event_micro_f1", micro.f1, f"tp={micro.tp} fp={micro.fp} fn={micro.fn}"),
            Metric("petr2.event_precision", micro.precision),
            Metric("petr2.event_recall", micro.recall),
            Metric("petr2.no_event_accuracy", self.no_event.value, f"{self.no_event.correct}/{self.no_event.total}"),
            Metric("petr2.no_event_specificity", self.no_event_specificity.value, f"{self.no_event_specificity.correct}/{self.no_event_specificity.total}"),
            Metric("petr2.actor_accuracy", self.dyads.actor.value, f"{self.dyads.actor.correct}/{self.dyads.actor.total}"),
            Metric("petr2.recipient_accuracy", self.dyads.recipient.value, f"{self.dyads.recipient.correct}/{self.dyads.recipient.total}"),
            Metric("petr2.dyad_accuracy", self.dyads.dyad.value, f"{self.dyads.dyad.correct}/{self.dyads.dyad.total}"),
        )

    def format(self) -> str:
        return (
            f"  {self.sentences} sentences, {self.gold_events} gold PLOVER events "
            f"({self.statements} CAMEO 01 statements not gold, {self.merged} dyadic codings folded into compound or "
            f"reciprocal events), {self.predicted_events} predicted, "
            f"{self.rejected} rejected\n" + format_prf(self.events, "PLOVER type")
        )

    def section(self, seconds: float = 0.0) -> Section:
        return Section("petr2", "PETR2 GSR validation (event type, actors)", self.metrics(), self.format(), seconds)


def parse_petr2_line(line: str, onto: Ontology, origin: str) -> Petr2Sentence:
    try:
        row = json.loads(line)
        article = Article(id=str(row["id"]), date=parse_petr_date(str(row["date"])), text=row["text"], origin=origin)
        codings: list[Coding] = []
        statements = 0
        for c in row.get("codings") or []:
            plover = onto.plover_of(str(c["eventcode"]))[0]
            if plover is None:
                statements += 1
                continue
            unspecified = normalise_cameo(str(c["eventcode"])) in UNSPECIFIED_YIELD
            codings.append(Coding(plover, _side(c.get("source")), _side(c.get("target")), unspecified))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{origin}: not a PETR2 gold line ({exc})") from exc
    groups = merge_codings(codings)
    gold = tuple(
        GoldEvent(
            article_id=article.id,
            event=group[0].plover,
            sentence=(0, len(article.text)),
            actor=_union(c.source for c in group),
            recipient=None if is_reciprocal(group) else _union(c.target for c in group),
            date=article.date,
        )
        for group in groups
    )
    yields = frozenset(i for i, g in enumerate(groups) if all(c.unspecified_yield for c in g))
    return Petr2Sentence(article, gold, statements, len(codings) - len(gold), yields)


@dataclass(frozen=True, slots=True)
class Coding:
    """One dyadic CAMEO coding, reduced to its PLOVER type and countries."""

    plover: str
    source: frozenset[str] | None
    target: frozenset[str] | None
    unspecified_yield: bool = False

    @property
    def countries(self) -> frozenset[str]:
        return (self.source or frozenset()) | (self.target or frozenset())


def merge_codings(codings: list[Coding]) -> list[list[Coding]]:
    """Codings of one PLOVER type linked through a shared country, in input order.

    One compound or reciprocal event ("A and B met", "A and B protested
    against C") becomes one group; codings that share no country stay apart
    ("A attacked B and C attacked D" is two events)."""
    groups: list[list[int]] = []  # indices into codings, each group in input order
    for i, c in enumerate(codings):
        linked = [g for g in groups if codings[g[0]].plover == c.plover and any(c.countries & codings[j].countries for j in g)]
        groups = [g for g in groups if g not in linked]
        groups.append(sorted([i, *(j for g in linked for j in g)]))
    return [[codings[j] for j in g] for g in sorted(groups)]


def is_reciprocal(group: list[Coding]) -> bool:
    """Parties acting on each other ("A met B": A→B and B→A). The manual makes them all the
    actor with no recipient, a CAMEO coder one the recipient of the other: either is right,
    so the recipient is not scored (the actor is: any of the parties)."""
    sources = _union(c.source for c in group) or frozenset()
    targets = _union(c.target for c in group) or frozenset()
    return len(group) > 1 and bool(sources & targets)


def _union(sides: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The countries of a merged side; None when no coding names one."""
    known = [s for s in sides if s is not None]
    return frozenset().union(*known) if known else None


def parse_petr_date(value: str) -> dt.date:
    """PETRARCH dates are YYYYMMDD; one record has the older YYMMDD form."""
    return dt.datetime.strptime(value, "%Y%m%d" if len(value) == 8 else "%y%m%d").date()


def _side(code: str | None) -> frozenset[str] | None:
    country = country_of(code)
    return None if country is None else frozenset({country})


def read_petr2(path: Path, limit: int | None = None) -> list[Petr2Sentence]:
    """The first ``limit`` sentences of the file (all when None)."""
    onto = load_ontology()
    out: list[Petr2Sentence] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if limit is not None and len(out) >= limit:
                break
            if line.strip():
                out.append(parse_petr2_line(line, onto, f"{path}:{n}"))
    return out


def score_petr2(sentences: list[Petr2Sentence], predicted: dict[str, tuple[Event, ...]], rejected: int = 0) -> Petr2Scores:
    """Score predictions (events per sentence id) against the gold sentences."""
    gold = [g for s in sentences for g in either_yield(s, predicted.get(s.article.id, ()))]
    events = [e for s in sentences for e in predicted.get(s.article.id, ())]
    matching: Matching = match_events(events, gold)
    agree = sum(bool(s.gold) == bool(predicted.get(s.article.id)) for s in sentences)
    empty = [s for s in sentences if not s.gold]
    quiet = sum(not predicted.get(s.article.id) for s in empty)
    return Petr2Scores(
        sentences=len(sentences),
        gold_events=len(gold),
        predicted_events=len(events),
        statements=sum(s.statements for s in sentences),
        merged=sum(s.merged for s in sentences),
        events=matching.prf(),
        no_event=Accuracy(agree, len(sentences)),
        no_event_specificity=Accuracy(quiet, len(empty)),
        dyads=score_pairs(p for p in matching.pairs if p.typed),
        rejected=rejected,
    )


def either_yield(sentence: Petr2Sentence, events: tuple[Event, ...]) -> tuple[GoldEvent, ...]:
    """The gold events, an unspecified yield taking the half of YIELD the sentence's events give."""
    given = {e.event for e in events} & YIELD_TYPES
    if not sentence.yields or len(given) != 1:
        return sentence.gold
    (half,) = given
    return tuple(replace(g, event=half) if i in sentence.yields else g for i, g in enumerate(sentence.gold))


def evaluate_petr2(path: Path, limit: int | None = None, pipeline: Pipeline | None = None) -> Petr2Scores:
    """Code the PETR2 sentences with the pipeline and score them."""
    sentences = read_petr2(path, limit)
    coded = code_articles((s.article for s in sentences), pipeline)
    return score_petr2(sentences, coded.events, len(coded.rejected))
