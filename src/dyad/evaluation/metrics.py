"""Classification metrics as frozen records: per-class P/R/F1, macro-F1,
accuracy and a confusion matrix, with a plain-text printer.

Counts are kept, not just ratios, so a reader can see how few items a score
rests on (a 1.0 F1 over two items says little).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


def divide(num: float, den: float) -> float:
    """A ratio that is 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


@dataclass(frozen=True, slots=True)
class ClassScore:
    """True positives, false positives and false negatives of one label."""

    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return divide(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return divide(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return divide(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def support(self) -> int:
        """How many gold items carry this label."""
        return self.tp + self.fn


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int
    total: int

    @property
    def value(self) -> float:
        return divide(self.correct, self.total)

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.correct}/{self.total})"


@dataclass(frozen=True, slots=True)
class PRF:
    """Per-class scores. Macro averages run over labels seen in gold or
    predictions; micro scores pool the counts."""

    classes: tuple[ClassScore, ...]

    @property
    def macro_f1(self) -> float:
        return divide(sum(c.f1 for c in self.classes), len(self.classes))

    @property
    def macro_precision(self) -> float:
        return divide(sum(c.precision for c in self.classes), len(self.classes))

    @property
    def macro_recall(self) -> float:
        return divide(sum(c.recall for c in self.classes), len(self.classes))

    @property
    def micro(self) -> ClassScore:
        return ClassScore("micro", sum(c.tp for c in self.classes), sum(c.fp for c in self.classes), sum(c.fn for c in self.classes))

    def get(self, label: str) -> ClassScore:
        for c in self.classes:
            if c.label == label:
                return c
        return ClassScore(label)


@dataclass(frozen=True, slots=True)
class Confusion:
    """``counts[i][j]``: gold ``labels[i]`` predicted as ``labels[j]``."""

    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def count(self, gold: str, predicted: str) -> int:
        return self.counts[self.labels.index(gold)][self.labels.index(predicted)]


def build_prf(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> PRF:
    """Per-class scores from per-label counts (labels sorted by name)."""
    labels = sorted(set(tp) | set(fp) | set(fn))
    return PRF(tuple(ClassScore(label, tp[label], fp[label], fn[label]) for label in labels))


def score_labels(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None
) -> tuple[Accuracy, PRF, Confusion]:
    """Single-label classification: one predicted label per gold item.

    ``labels`` fixes the classes the per-class scores (and so macro-F1) run
    over, so a "none" prediction counts against recall without becoming a
    class of its own; the confusion matrix keeps every label seen.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    seen = tuple(sorted(set(gold) | set(predicted)))
    cells = Counter(zip(gold, predicted, strict=True))
    confusion = Confusion(seen, tuple(tuple(cells[(g, p)] for p in seen) for g in seen))
    correct = sum(tp.values())
    prf = build_prf(tp, fp, fn)
    if labels is not None:
        prf = PRF(tuple(prf.get(label) for label in labels))
    return Accuracy(correct, len(gold)), prf, confusion


def format_prf(prf: PRF, title: str = "label") -> str:
    """A table of per-class precision, recall, F1 and support, then macro and micro."""
    width = max([len(title), 8, *(len(c.label) for c in prf.classes)])
    lines = [f"  {title:<{width}}  {'P':>5}  {'R':>5}  {'F1':>5}  {'gold':>5}  {'pred':>5}"]
    for c in prf.classes:
        lines.append(f"  {c.label:<{width}}  {c.precision:5.2f}  {c.recall:5.2f}  {c.f1:5.2f}  {c.support:5d}  {c.tp + c.fp:5d}")
    m = prf.micro
    lines.append(f"  {'micro':<{width}}  {m.precision:5.2f}  {m.recall:5.2f}  {m.f1:5.2f}  {m.support:5d}  {m.tp + m.fp:5d}")
    lines.append(f"  {'macro':<{width}}  {prf.macro_precision:5.2f}  {prf.macro_recall:5.2f}  {prf.macro_f1:5.2f}")
    return "\n".join(lines)


def format_confusion(conf: Confusion) -> str:
    """Rows are gold labels, columns predictions."""
    width = max([6, *(len(label) for label in conf.labels)])
    head = " " * (width + 4) + " ".join(f"{label:>{width}}" for label in conf.labels)
    # A label only ever predicted ("none") has an empty gold row: leave it out.
    rows = [f"  {label:<{width}}  " + " ".join(f"{n:>{width}d}" for n in row) for label, row in zip(conf.labels, conf.counts, strict=True) if any(row)]
    return "\n".join(["  gold \\ predicted", head, *rows])
