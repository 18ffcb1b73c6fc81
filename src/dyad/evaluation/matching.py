"""Matching predicted events to gold events, and scoring the matched pairs.

The rule, for every gold set:

1. A predicted event can only match a gold event of the same sentence: its
   trigger starts inside the gold sentence span (gold sets of one sentence per
   article use the whole text as the span).
2. First pass: same sentence and same PLOVER type. Among several candidates
   the one whose trigger overlaps the gold trigger wins, then the nearest
   trigger, then the most confident. Each event is used at most once.
3. Second pass (gold with trigger offsets only): a leftover prediction whose
   trigger overlaps a leftover gold trigger is paired as *mistyped*: it still
   counts as a false positive for its type and a false negative for the gold
   type, but its actors and date are compared.

Actors are compared by country: the first three letters of each code (ISO
alpha-3, or IGO/NGO/MNC). A gold side whose country is unknown (``None``,
PETR2's ``---``) is not counted; an empty gold side is right only when the
prediction has no coded entity on that side either.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dyad.evaluation.metrics import PRF, Accuracy, build_prf
from dyad.records import Entity, Event


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event, reduced to what is scored."""

    article_id: str
    event: str  # PLOVER type
    sentence: tuple[int, int]  # character span of its sentence in the article
    trigger: tuple[int, int] | None = None
    actor: frozenset[str] | None = None  # countries; None = unknown, not scored
    recipient: frozenset[str] | None = None
    date: dt.date | None = None
    context: tuple[str, ...] = ()  # PLOVER contexts, general and auxiliary (VOA gold)
    mode: str | None = None  # the manual's mode; None = none given, not scored


@dataclass(frozen=True, slots=True)
class Pair:
    gold: GoldEvent
    predicted: Event
    typed: bool  # same PLOVER type (False: matched on trigger only)


@dataclass(frozen=True, slots=True)
class Matching:
    pairs: tuple[Pair, ...]
    missed: tuple[GoldEvent, ...]
    spurious: tuple[Event, ...]

    def prf(self) -> PRF:
        """Per-type scores: only typed pairs are true positives."""
        tp: Counter[str] = Counter()
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for p in self.pairs:
            if p.typed:
                tp[p.gold.event] += 1
            else:
                fn[p.gold.event] += 1
                fp[p.predicted.event] += 1
        fn.update(g.event for g in self.missed)
        fp.update(e.event for e in self.spurious)
        return build_prf(tp, fp, fn)


def country_of(code: str | None) -> str | None:
    """``USAGOV`` → ``USA``; codes without a country part give None."""
    if not code or len(code) < 3 or code.startswith("---"):
        return None
    return code[:3].upper()


def countries_of(entities: Iterable[Entity]) -> frozenset[str]:
    return frozenset(c for c in (country_of(e.code) for e in entities) if c)


def _in_sentence(e: Event, g: GoldEvent) -> bool:
    return g.sentence[0] <= e.offsets.trigger_start < g.sentence[1]


def _overlaps(e: Event, g: GoldEvent) -> bool:
    return g.trigger is not None and e.offsets.trigger_start < g.trigger[1] and g.trigger[0] < e.offsets.trigger_end


def _rank(e: Event, g: GoldEvent) -> tuple[int, int, float]:
    distance = 0 if g.trigger is None else abs(e.offsets.trigger_start - g.trigger[0])
    return (0 if _overlaps(e, g) else 1, distance, -e.confidence)


def match_events(predicted: Sequence[Event], gold: Sequence[GoldEvent]) -> Matching:
    """Pair predictions with gold events of the same article (see module doc)."""
    free = list(predicted)
    pairs: list[Pair] = []
    left: list[GoldEvent] = []
    # Gold events with a trigger pick first: they are the most specific.
    for g in sorted(gold, key=lambda g: (g.trigger is None, g.trigger or (0, 0))):
        options = [e for e in free if e.article_id == g.article_id and e.event == g.event and _in_sentence(e, g)]
        if options:
            best = min(options, key=lambda e: _rank(e, g))
            free.remove(best)
            pairs.append(Pair(g, best, True))
        else:
            left.append(g)
    missed = []
    for g in left:
        options = [e for e in free if e.article_id == g.article_id and _overlaps(e, g)]
        if options:
            best = min(options, key=lambda e: _rank(e, g))
            free.remove(best)
            pairs.append(Pair(g, best, False))
        else:
            missed.append(g)
    return Matching(tuple(pairs), tuple(missed), tuple(free))


def side_correct(gold: frozenset[str] | None, predicted: Iterable[Entity]) -> bool | None:
    """Whether one side's countries agree; None when gold does not say."""
    if gold is None:
        return None
    pred = countries_of(predicted)
    if not gold:
        return not pred
    return bool(gold & pred)


@dataclass(frozen=True, slots=True)
class DyadScores:
    actor: Accuracy
    recipient: Accuracy
    dyad: Accuracy  # both sides right, over pairs where gold gives both
    date: Accuracy
    mode: Accuracy  # over pairs of the right type whose gold gives a mode


def score_pairs(pairs: Iterable[Pair]) -> DyadScores:
    """Actor, recipient, both, and date accuracy over matched pairs."""
    counts = {k: [0, 0] for k in ("actor", "recipient", "dyad", "date", "mode")}

    def add(key: str, ok: bool) -> None:
        counts[key][0] += int(ok)
        counts[key][1] += 1

    for p in pairs:
        a = side_correct(p.gold.actor, p.predicted.actor)
        r = side_correct(p.gold.recipient, p.predicted.recipient)
        if a is not None:
            add("actor", a)
        if r is not None:
            add("recipient", r)
        if a is not None and r is not None:
            add("dyad", a and r)
        if p.gold.date is not None:
            add("date", p.predicted.when.date == p.gold.date)
        if p.gold.mode is not None and p.typed:
            add("mode", p.predicted.mode == p.gold.mode)
    return DyadScores(*(Accuracy(*counts[k]) for k in ("actor", "recipient", "dyad", "date", "mode")))
