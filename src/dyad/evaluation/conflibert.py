"""Score coarse event class and actor spans on ConfliBERT's CAMEO sentences.

Each sentence has a ``pentaclass`` (0 = CAMEO 01-02, 1 = 03-05, 2 = 06-08,
3 = 09-13 and 16, 4 = 14-15 and 17-20) and, for most, the source and target
spans of its event. The sentences carry no date, so each is coded as an
article of a fixed date.

* Class: the sentence's top event (highest confidence) mapped to its
  pentaclass through its CAMEO code (the type's default code when it has
  none); a sentence with no event is predicted ``none``, which counts against
  recall but is not a class of the macro average.
* Class 0 mixes CAMEO 01 public statements, which the PLOVER manual drops
  (no event is the right answer), and 02 appeals (REQUEST). The class-0
  sentences read as statements are listed in ``data/conflibert_statements.yaml``;
  on them "no event" scores as class 0 (``class_macro_f1``, gated). The
  strict CAMEO score, where it is a miss, is ``class_macro_f1_cameo``.
* Spans: the share of gold source (target) spans that overlap an actor
  (recipient) entity of the top event. Gold spans come tokenised ("government
  's request"), so they are located ignoring spaces and apostrophe variants;
  spans that cannot be located are counted and left out.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.coding.ontology import Ontology, load_ontology, pentaclass
from dyad.errors import InputError
from dyad.evaluation.harness import code_articles
from dyad.evaluation.metrics import PRF, Accuracy, Confusion, format_confusion, format_prf, score_labels
from dyad.evaluation.report import Metric, Section
from dyad.records import Article, Entity, Event

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline

ARTICLE_DATE = dt.date(2020, 1, 1)  # the data has no dates; any fixed day will do
CLASSES = ("0", "1", "2", "3", "4")
NONE = "none"
APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class ConfliSentence:
    article: Article
    pentaclass: int
    source: tuple[tuple[int, int], ...]  # located gold spans
    target: tuple[tuple[int, int], ...]
    unlocated: int  # gold spans not found in the text
    statement: bool = False  # a class-0 CAMEO 01 statement: PLOVER codes no event


@dataclass(frozen=True, slots=True)
class ConfliScores:
    sentences: int
    with_events: int
    accuracy: Accuracy
    classes: PRF
    confusion: Confusion  # strict CAMEO labels: a statement given no event is in the "none" column
    cameo_accuracy: Accuracy
    cameo_classes: PRF
    statements: int
    quiet_statements: int  # statements given no event
    source_spans: Accuracy
    target_spans: Accuracy
    unlocated: int
    rejected: int

    def metrics(self) -> tuple[Metric, ...]:
        return (
            Metric("conflibert.class_accuracy", self.accuracy.value, str(self.accuracy).split(" ", 1)[1]),
            Metric("conflibert.class_macro_f1", self.classes.macro_f1, "5 classes; no event is right on CAMEO 01 statements"),
            Metric("conflibert.class_accuracy_cameo", self.cameo_accuracy.value, str(self.cameo_accuracy).split(" ", 1)[1]),
            Metric("conflibert.class_macro_f1_cameo", self.cameo_classes.macro_f1, "5 classes, strict: no event is a miss"),
            Metric("conflibert.coverage", self.with_events / self.sentences if self.sentences else 0.0, f"{self.with_events}/{self.sentences} with an event"),
            Metric("conflibert.source_span_recall", self.source_spans.value, f"{self.source_spans.correct}/{self.source_spans.total}"),
            Metric("conflibert.target_span_recall", self.target_spans.value, f"{self.target_spans.correct}/{self.target_spans.total}"),
        )

    def format(self) -> str:
        return (
            f"  {self.sentences} sentences, {self.with_events} with an event, {self.rejected} rejected, "
            f"{self.unlocated} gold spans not located\n"
            f"  {self.statements} class-0 sentences are CAMEO 01 statements (PLOVER: no event), "
            f"{self.quiet_statements} of them given no event\n"
            + format_prf(self.classes, "pentaclass")
            + "\n"
            + format_confusion(self.confusion)
        )

    def section(self, seconds: float = 0.0, title: str = "ConfliBERT CAMEO (coarse class, actor spans)") -> Section:
        return Section("conflibert", title, self.metrics(), self.format(), seconds)


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, apostrophes unified, and each kept char's offset."""
    chars, offsets = [], []
    for i, ch in enumerate(text.translate(APOSTROPHES)):
        if not ch.isspace():
            chars.append(ch)
            offsets.append(i)
    return "".join(chars), offsets


def locate_span(text: str, span: str) -> tuple[int, int] | None:
    """Character offsets of a (tokenised) gold span in the raw text."""
    hay, offsets = normalise_with_map(text)
    needle = normalise_with_map(span)[0]
    at = hay.find(needle) if needle else -1
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def load_statements() -> frozenset[str]:
    """Ids of the class-0 sentences that are CAMEO 01 statements (data/conflibert_statements.yaml)."""
    import yaml

    text = resources.files("dyad.evaluation.data").joinpath("conflibert_statements.yaml").read_text(encoding="utf-8")
    return frozenset(str(i) for i in yaml.safe_load(text)["statements"])


def parse_conflibert_line(line: str, origin: str, statements: frozenset[str] = frozenset()) -> ConfliSentence:
    try:
        row = json.loads(line)
        text = row["text"]
        spans: dict[str, list[tuple[int, int]]] = {"source": [], "target": []}
        unlocated = 0
        for side in spans:
            for s in row.get(f"{side}_spans") or []:
                at = locate_span(text, s)
                if at is None:
                    unlocated += 1
                else:
                    spans[side].append(at)
        article = Article(id=str(row["id"]), date=ARTICLE_DATE, text=text, origin=origin)
        klass = int(row["pentaclass"])
        statement = klass == 0 and article.id in statements
        return ConfliSentence(article, klass, tuple(spans["source"]), tuple(spans["target"]), unlocated, statement)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{origin}: not a ConfliBERT CAMEO line ({exc})") from exc


def read_conflibert(path: Path, limit: int | None = None) -> list[ConfliSentence]:
    """The first ``limit`` sentences (deterministic), all when None."""
    out: list[ConfliSentence] = []
    statements = load_statements()
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if limit is not None and len(out) >= limit:
                break
            if line.strip():
                out.append(parse_conflibert_line(line, f"{path}:{n}", statements))
    return out


def top_event(events: Sequence[Event]) -> Event | None:
    """Highest confidence; ties go to the earliest trigger (events come sorted)."""
    return max(events, key=lambda e: e.confidence, default=None)


def class_of(event: Event | None, onto: Ontology) -> str:
    if event is None:
        return NONE
    return str(pentaclass(event.cameo or onto.default_cameo(event.event)))


def _hits(gold: Sequence[tuple[int, int]], entities: Sequence[Entity]) -> int:
    spans = [(e.start, e.end) for e in entities if e.start is not None and e.end is not None]
    return sum(any(s < ge and gs < e for s, e in spans) for gs, ge in gold)


def score_conflibert(sentences: Sequence[ConfliSentence], predicted: dict[str, tuple[Event, ...]], rejected: int = 0) -> ConfliScores:
    onto = load_ontology()
    gold_labels, pred_labels, plover_labels = [], [], []
    src = [0, 0]
    tgt = [0, 0]
    for s in sentences:
        top = top_event(predicted.get(s.article.id, ()))
        gold_labels.append(str(s.pentaclass))
        pred_labels.append(class_of(top, onto))
        plover_labels.append(gold_labels[-1] if s.statement and top is None else pred_labels[-1])
        src[0] += _hits(s.source, top.actor) if top else 0
        tgt[0] += _hits(s.target, top.recipient) if top else 0
        src[1] += len(s.source)
        tgt[1] += len(s.target)
    cameo_accuracy, cameo_prf, confusion = score_labels(gold_labels, pred_labels, CLASSES)
    accuracy, prf, _ = score_labels(gold_labels, plover_labels, CLASSES)
    return ConfliScores(
        sentences=len(sentences),
        with_events=sum(label != NONE for label in pred_labels),
        accuracy=accuracy,
        classes=prf,
        confusion=confusion,
        cameo_accuracy=cameo_accuracy,
        cameo_classes=cameo_prf,
        statements=sum(s.statement for s in sentences),
        quiet_statements=sum(s.statement and p == NONE for s, p in zip(sentences, pred_labels, strict=True)),
        source_spans=Accuracy(*src),
        target_spans=Accuracy(*tgt),
        unlocated=sum(s.unlocated for s in sentences),
        rejected=rejected,
    )


def evaluate_conflibert(path: Path, limit: int | None = None, pipeline: Pipeline | None = None) -> ConfliScores:
    """Code the sentences (the first ``limit``) and score them."""
    sentences = read_conflibert(path, limit)
    coded = code_articles((s.article for s in sentences), pipeline)
    return score_conflibert(sentences, coded.events, len(coded.rejected))
