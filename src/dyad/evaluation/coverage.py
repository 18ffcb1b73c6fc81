"""Score the coder on dyad's own CAMEO coverage sentences: one or two short,
invented wire-style sentences for every CAMEO code, plus no-event sentences.

Each JSONL line is one dated sentence::

    {"id": "dev-001", "date": "2025-06-09", "text": "...", "cameo": "0231",
     "event": "REQUEST", "actor": ["LKA"], "recipient": ["IGO"], "noevent": false}

The gold PLOVER type comes from ``cameo`` through the packaged crosswalk (the
``event`` field is what its writer read there; CAMEO 01 statements have none,
so a prediction on them is a false positive, as for no-event sentences).
Per-type scores run over all 16 PLOVER types, so a type the coder never gets
right counts 0 in the macro-F1. An empty actor or recipient list means the
writer did not name that side: it is not scored.

    python -m dyad.evaluation.coverage src/dyad/evaluation/data/cameo_coverage_dev.jsonl [--show]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.coding.ontology import Ontology, load_ontology
from dyad.errors import InputError
from dyad.evaluation.harness import code_articles
from dyad.evaluation.matching import DyadScores, GoldEvent, countries_of, match_events, score_pairs
from dyad.evaluation.metrics import PRF, Accuracy, format_prf
from dyad.evaluation.report import Metric, Section
from dyad.records import Article, Event

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline

DEV_FILE = "cameo_coverage_dev.jsonl"
TEST_FILE = "cameo_coverage_test.jsonl"


@dataclass(frozen=True, slots=True)
class CoverageSentence:
    article: Article
    cameo: str | None
    gold: GoldEvent | None  # None: no PLOVER event (no-event or CAMEO 01 statement)


@dataclass(frozen=True, slots=True)
class CoverageScores:
    sentences: int
    gold_events: int
    predicted_events: int
    events: PRF  # over the 16 PLOVER types
    no_event_specificity: Accuracy  # sentences with no gold event given none
    dyads: DyadScores
    rejected: int
    prefix: str = "coverage"

    @property
    def macro_f1(self) -> float:
        return self.events.macro_f1

    def metrics(self) -> tuple[Metric, ...]:
        micro = self.events.micro
        p = self.prefix
        return (
            Metric(f"{p}.event_macro_f1", self.events.macro_f1, f"{len(self.events.classes)} types"),
            Metric(f"{p}.event_micro_f1", micro.f1, f"tp={micro.tp} fp={micro.fp} fn={micro.fn}"),
            Metric(f"{p}.event_macro_precision", self.events.macro_precision),
            Metric(f"{p}.event_macro_recall", self.events.macro_recall),
            Metric(f"{p}.no_event_specificity", self.no_event_specificity.value, str(self.no_event_specificity)),
            Metric(f"{p}.actor_accuracy", self.dyads.actor.value, str(self.dyads.actor)),
            Metric(f"{p}.recipient_accuracy", self.dyads.recipient.value, str(self.dyads.recipient)),
            Metric(f"{p}.dyad_accuracy", self.dyads.dyad.value, str(self.dyads.dyad)),
        )

    def summary(self) -> str:
        return (
            f"  {self.sentences} sentences, {self.gold_events} gold PLOVER events, "
            f"{self.predicted_events} predicted, {self.rejected} rejected\n" + format_prf(self.events, "PLOVER type")
        )

    def section(self, title: str, seconds: float = 0.0) -> Section:
        return Section(self.prefix, title, self.metrics(), self.summary(), seconds)


def parse_coverage_line(line: str, onto: Ontology, origin: str) -> CoverageSentence:
    try:
        row = json.loads(line)
        text = str(row["text"])
        article = Article(id=str(row["id"]), date=dt.date.fromisoformat(str(row["date"])), text=text, origin=origin)
        cameo = row.get("cameo")
        event = None if row.get("noevent") else (onto.plover_of(str(cameo))[0] if cameo else row.get("event"))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{origin}: not a coverage gold line ({exc})") from exc
    if event is not None and event not in onto.types:
        raise InputError(f"{origin}: unknown PLOVER type {event!r}")
    gold = None
    if event is not None:
        gold = GoldEvent(
            article_id=article.id,
            event=event,
            sentence=(0, len(text)),
            actor=side(row.get("actor")),
            recipient=side(row.get("recipient")),
            date=article.date,
        )
    return CoverageSentence(article, None if cameo is None else str(cameo), gold)


def side(codes: list[str] | None) -> frozenset[str] | None:
    """Countries of one side; an empty list is "not named", so not scored."""
    return frozenset(c[:3].upper() for c in codes) if codes else None


def read_coverage(path: Path) -> list[CoverageSentence]:
    onto = load_ontology()
    with path.open(encoding="utf-8") as f:
        return [parse_coverage_line(line, onto, f"{path}:{n}") for n, line in enumerate(f, start=1) if line.strip()]


def score_coverage(
    sentences: list[CoverageSentence], predicted: dict[str, tuple[Event, ...]], rejected: int = 0, prefix: str = "coverage"
) -> CoverageScores:
    gold = [s.gold for s in sentences if s.gold is not None]
    events = [e for s in sentences for e in predicted.get(s.article.id, ())]
    matching = match_events(events, gold)
    prf = matching.prf()
    types = tuple(load_ontology().types)
    empty = [s for s in sentences if s.gold is None]
    quiet = sum(not predicted.get(s.article.id) for s in empty)
    return CoverageScores(
        sentences=len(sentences),
        gold_events=len(gold),
        predicted_events=len(events),
        events=PRF(tuple(prf.get(t) for t in types)),
        no_event_specificity=Accuracy(quiet, len(empty)),
        dyads=score_pairs(p for p in matching.pairs if p.typed),
        rejected=rejected,
        prefix=prefix,
    )


def packaged_path(name: str) -> Path:
    return Path(str(resources.files("dyad.evaluation.data").joinpath(name)))


def evaluate_coverage(path: Path, pipeline: Pipeline | None = None, prefix: str = "coverage") -> CoverageScores:
    """Code the coverage sentences with the pipeline and score them."""
    if not path.is_file():
        raise InputError(f"{path}: gold file not found")
    sentences = read_coverage(path)
    coded = code_articles((s.article for s in sentences), pipeline)
    return score_coverage(sentences, coded.events, len(coded.rejected), prefix)


def describe_errors(sentences: list[CoverageSentence], predicted: dict[str, tuple[Event, ...]]) -> list[str]:
    """One line per sentence whose type or dyad is wrong (for ``--show``)."""
    out = []
    for s in sentences:
        preds = predicted.get(s.article.id, ())
        got = ", ".join(f"{e.event}/{e.cameo} {sorted(countries_of(e.actor))}->{sorted(countries_of(e.recipient))}" for e in preds)
        g = s.gold
        want = "none" if g is None else f"{g.event}/{s.cameo} {sorted(g.actor or ())}->{sorted(g.recipient or ())}"
        ok = (g is None and not preds) or (
            g is not None
            and any(
                e.event == g.event
                and (g.actor is None or g.actor & countries_of(e.actor))
                and (g.recipient is None or g.recipient & countries_of(e.recipient))
                for e in preds
            )
        )
        if not ok:
            out.append(f"{s.article.id}  want {want} | got {got or 'none'} | {s.article.text}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyad.evaluation.coverage", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, nargs="?", default=packaged_path(DEV_FILE))
    parser.add_argument("--show", action="store_true", help="list the sentences coded wrongly")
    args = parser.parse_args(argv)
    sentences = read_coverage(args.path)
    coded = code_articles(s.article for s in sentences)
    scores = score_coverage(sentences, coded.events, len(coded.rejected))
    if args.show:
        print("\n".join(describe_errors(sentences, coded.events)))
    print(scores.summary())
    for m in scores.metrics():
        print(f"  {m.name:<36} {m.value:6.3f}  {m.detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
