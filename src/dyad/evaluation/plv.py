"""Score full extraction on the PLV sentences (../shared/data/plv): every
sentence holds one labelled event with its source and target spans.

Full extraction: the sentence goes in alone (no spans given) and the top
event (highest confidence, earliest trigger on a tie) is compared with the
gold type. Gold ``YIELD`` is the older name covering today's RETREAT and
CONCEDE, so either prediction counts as YIELD. Macro-F1 runs over the 15 gold
labels; a sentence with no event counts against recall.

Dyads: among the events of the gold type (the top one of them), does an
actor entity overlap the gold source span (``<s>…</s>`` in ``marked_text``),
and a recipient entity the target span (``<t>…</t>``)? Counted over all
sentences that have that span, so a missed event is a miss.

Only the test file is scored by ``make eval``: the train file is for training.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import InputError
from dyad.evaluation.harness import code_articles
from dyad.evaluation.metrics import PRF, Accuracy, Confusion, format_confusion, format_prf, score_labels
from dyad.evaluation.report import Metric, Section
from dyad.records import Article, Entity, Event

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline

NONE = "none"
# PLV's labels: the 16 PLOVER types with RETREAT and CONCEDE under their old name.
YIELD = "YIELD"
OLD_NAMES = {"RETREAT": YIELD, "CONCEDE": YIELD}
# PLV carries no dates; one fixed day keeps role lookups deterministic.
PLV_DATE = dt.date(2020, 1, 1)
_MARK = re.compile(r"</?[st]>")
# The reliability bins of the top event's confidence, and the level whose precision is gated.
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0)
CONFIDENT = 0.8


@dataclass(frozen=True, slots=True)
class PlvSentence:
    article: Article
    event: str  # gold label (YIELD for RETREAT/CONCEDE)
    modality: str
    source: tuple[int, int] | None  # character span in article.text
    target: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class PlvScores:
    sentences: int
    no_event: int
    accuracy: Accuracy
    classes: PRF
    confusion: Confusion
    actor: Accuracy  # gold-type event's actor overlaps the source span
    recipient: Accuracy  # gold-type event's recipient overlaps the target span
    rejected: int
    # Reliability of the top event's confidence: (low, high, events, right) per bin.
    reliability: tuple[tuple[float, float, int, int], ...] = ()

    @property
    def confident(self) -> Accuracy:
        """Top events with confidence ≥ CONFIDENT: how many have the gold type."""
        rows = [r for r in self.reliability if r[0] >= CONFIDENT]
        return Accuracy(sum(r[3] for r in rows), sum(r[2] for r in rows))

    @property
    def no_event_rate(self) -> float:
        return self.no_event / self.sentences if self.sentences else 0.0

    def metrics(self, prefix: str = "plv") -> tuple[Metric, ...]:
        m = self.classes.micro
        return (
            Metric(f"{prefix}.event_macro_f1", self.classes.macro_f1, f"{len(self.classes.classes)} labels"),
            Metric(f"{prefix}.event_accuracy", self.accuracy.value, str(self.accuracy)),
            Metric(f"{prefix}.event_micro_f1", m.f1, f"tp={m.tp} fp={m.fp} fn={m.fn}"),
            Metric(f"{prefix}.no_event_rate", self.no_event_rate, f"{self.no_event}/{self.sentences}"),
            Metric(f"{prefix}.actor_overlap", self.actor.value, str(self.actor)),
            Metric(f"{prefix}.recipient_overlap", self.recipient.value, str(self.recipient)),
            Metric(f"{prefix}.confident_precision", self.confident.value, f"{self.confident} at confidence >= {CONFIDENT}"),
        )

    def format(self) -> str:
        head = f"  {self.sentences} sentences, {self.no_event} with no event, {self.rejected} rejected"
        table = ["  confidence   events  right", *(f"  {lo:.1f}-{hi:.1f}   {n:7d}  {r / n if n else 0.0:5.2f}" for lo, hi, n, r in self.reliability)]
        return "\n".join((head, format_prf(self.classes, "PLV type"), format_confusion(self.confusion), "\n".join(table)))

    def section(self, seconds: float = 0.0, prefix: str = "plv", title: str = "PLV test (full extraction)") -> Section:
        # "no event" is lower-is-better: gate it as its complement
        metrics = [m for m in self.metrics(prefix) if not m.name.endswith("no_event_rate")]
        metrics.append(Metric(f"{prefix}.with_event_rate", 1.0 - self.no_event_rate, f"{self.sentences - self.no_event}/{self.sentences}"))
        return Section(prefix, title, tuple(metrics), self.format(), seconds)


def parse_plv_line(line: str, origin: str) -> PlvSentence:
    try:
        row = json.loads(line)
        text, marked = str(row["text"]), str(row["marked_text"])
        source, target = _spans(marked)
        label = str(row["event"]).upper()
        article = Article(id=str(row["id"]), date=PLV_DATE, text=_MARK.sub("", marked), origin=origin)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a PLV line ({exc})", origin) from exc
    if article.text != text:
        # The marks are the only difference; where they are not, offsets would lie.
        raise InputError("marked_text without its marks differs from text", origin)
    return PlvSentence(article, label, str(row.get("modality") or ""), source, target)


def _spans(marked: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Offsets of <s>…</s> and <t>…</t> in the text with every mark removed."""
    found: dict[str, tuple[int, int]] = {}
    open_at: dict[str, int] = {}
    plain = 0
    for m in re.finditer(r"</?([st])>|[^<]+|<", marked):
        tag = m.group(1)
        if tag is None:
            plain += len(m.group())
        elif m.group().startswith("</"):
            if tag in open_at:
                found[tag] = (open_at.pop(tag), plain)
        else:
            open_at[tag] = plain
    return found.get("s"), found.get("t")


def read_plv(path: Path, limit: int | None = None) -> list[PlvSentence]:
    out: list[PlvSentence] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                out.append(parse_plv_line(line, f"{path}:{n}"))
            if limit is not None and len(out) >= limit:
                break
    return out


def label_of(event: Event | None) -> str:
    if event is None:
        return NONE
    return OLD_NAMES.get(event.event, event.event)


def top_event(events: Sequence[Event]) -> Event | None:
    """Highest confidence; ties go to the earliest trigger (events come sorted)."""
    return max(events, key=lambda e: e.confidence, default=None)


def overlaps(span: tuple[int, int], entities: Sequence[Entity]) -> bool:
    return any(e.start is not None and e.end is not None and e.start < span[1] and span[0] < e.end for e in entities)


def score_plv(sentences: Sequence[PlvSentence], predicted: dict[str, tuple[Event, ...]], rejected: int = 0) -> PlvScores:
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    actor, recipient = [0, 0], [0, 0]
    bins = [[lo, hi, 0, 0] for lo, hi in zip(BINS, BINS[1:], strict=False)]
    for s in sentences:
        events = predicted.get(s.article.id, ())
        gold_labels.append(s.event)
        top = top_event(events)
        pred_labels.append(label_of(top))
        if top is not None:
            row = next(b for b in bins if b[0] <= top.confidence < b[1] or b[1] == BINS[-1])
            row[2] += 1
            row[3] += label_of(top) == s.event
        typed = top_event([e for e in events if label_of(e) == s.event])
        if s.source is not None:
            actor[1] += 1
            actor[0] += typed is not None and overlaps(s.source, typed.actor)
        if s.target is not None:
            recipient[1] += 1
            recipient[0] += typed is not None and overlaps(s.target, typed.recipient)
    labels = sorted(set(gold_labels))
    accuracy, prf, confusion = score_labels(gold_labels, pred_labels, labels)
    return PlvScores(
        sentences=len(sentences),
        no_event=sum(p == NONE for p in pred_labels),
        accuracy=accuracy,
        classes=prf,
        confusion=confusion,
        actor=Accuracy(*actor),
        recipient=Accuracy(*recipient),
        rejected=rejected,
        reliability=tuple((lo, hi, int(n), int(r)) for lo, hi, n, r in bins),  # the counts are ints already
    )


def evaluate_plv(path: Path, limit: int | None = None, pipeline: Pipeline | None = None) -> PlvScores:
    """Code the sentences (the first ``limit``) one article each and score them."""
    sentences = read_plv(path, limit)
    coded = code_articles((s.article for s in sentences), pipeline)
    return score_plv(sentences, coded.events, len(coded.rejected))
