"""Fit the event gate (``gate.py``) on the scorer's out-of-fold decisions.

Every training sentence was scored by a scorer that had not seen its article
(``train.out_of_fold``) and decided by the tuned hybrid (``train.simulate``):
each decided event is a row (its path, score, P(no event) and its sentence's
cues) labelled right or false by the gold. The gate is a logistic regression
over these rows. Its per-path thresholds are chosen on the gate's own
out-of-fold probabilities (the same article folds), for the objective below,
then the gate is fitted once on every row. Deterministic: sorted rows, lbfgs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dyad.scoring.examples import Example
from dyad.scoring.gate import PATHS, Gate, feature_names, gate_vector
from dyad.scoring.hybrid import OVERRIDE, SCORER
from dyad.scoring.model import ScorerModel
from dyad.scoring.records import NO_EVENT
from dyad.scoring.train import FOLDS, fold_of, sentence_prf, simulate

THRESHOLD_GRID = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
C = 1.0
# The objective: the mean over the sources (PLV, VOA) of F-beta with beta 0.5 (precision
# counts more: a false row costs a user more than a missed one), where no source's macro-F1
# may fall more than this below the ungated hybrid's (the rare types' recall is kept).
BETA = 0.5
MACRO_SLACK = 0.02
# The paths the gate may block. Not the rule path: its thresholds blocked right events in sentences
# that hold two ("accused the Kremlin's forces … as they pummelled cities": the scorer's mass is on
# ACCUSE, the pattern's ASSAULT gets 0.05), among them the seed article's checked events.
GATED = (OVERRIDE, SCORER)


@dataclass(frozen=True, slots=True)
class Row:
    example: int  # index into the examples
    event: str
    path: str
    score: float
    x: tuple[float, ...]
    right: bool


def decision_rows(examples: Sequence[Example], probs: Sequence[dict[str, float]], model: ScorerModel) -> list[Row]:
    rows = []
    for i, (e, p) in enumerate(zip(examples, probs, strict=True)):
        if e.cues is None:
            continue
        for t, path, score in simulate(e, p, model):
            x = tuple(gate_vector(e.cues, path, score, p.get(NO_EVENT, 0.0)))
            rows.append(Row(i, t, path, score, x, t in e.gold))
    return rows


def fit(rows: Sequence[Row]) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    X = np.array([r.x for r in rows])
    y = np.array([r.right for r in rows])
    lr = LogisticRegression(C=C, max_iter=5000).fit(X, y)
    return lr.coef_[0], float(lr.intercept_[0])


def predict(coef: np.ndarray, intercept: float, rows: Sequence[Row]) -> np.ndarray:
    X = np.array([r.x for r in rows]).reshape(len(rows), -1)
    return 1.0 / (1.0 + np.exp(-(X @ coef + intercept)))


def out_of_fold_p(examples: Sequence[Example], rows: Sequence[Row]) -> np.ndarray:
    """Each row's P(right) from a gate fitted on the other folds' articles."""
    out = np.zeros(len(rows))
    folds = np.array([fold_of(examples[r.example].group, FOLDS) for r in rows])
    for k in range(FOLDS):
        inside = [int(i) for i in np.flatnonzero(folds == k)]
        train = [rows[int(i)] for i in np.flatnonzero(folds != k)]
        if not inside:
            continue
        coef, b = fit(train)
        out[inside] = predict(coef, b, [rows[i] for i in inside])
    return out


def gated_decisions(
    n: int, rows: Sequence[Row], p_right: np.ndarray, thresholds: dict[str, float]
) -> list[list[tuple[str, str, float]]]:
    out: list[list[tuple[str, str, float]]] = [[] for _ in range(n)]
    for r, p in zip(rows, p_right, strict=True):
        if p >= thresholds.get(r.path, 0.0):
            out[r.example].append((r.event, r.path, r.score))
    return out


def f_beta(m: dict[str, Any], beta: float = BETA) -> float:
    p, r = m["precision"], m["recall"]
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def report(examples: Sequence[Example], decisions: Sequence[Sequence[tuple[str, str, float]]]) -> dict[str, Any]:
    """Sentence-level scores per source, and precision per path."""
    out: dict[str, Any] = {}
    for src in sorted({e.source for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.source == src]
        m = sentence_prf([examples[i] for i in idx], [decisions[i] for i in idx])
        paths = {}
        for path in PATHS:
            made = [(t, examples[i]) for i in idx for t, pa, _ in decisions[i] if pa == path]
            right = sum(t in e.gold for t, e in made)
            paths[path] = f"{right}/{len(made)}"
        out[src] = {**m, "right_by_path": paths}
    return out


def objective(examples: Sequence[Example], decisions: Sequence[Sequence[tuple[str, str, float]]], floors: dict[str, float]) -> float:
    per = report(examples, decisions)
    if any(per[k]["macro_f1"] < floors[k] for k in per):
        return -1.0
    return float(np.mean([f_beta(per[k]) for k in per]))


def tune_thresholds(examples: Sequence[Example], rows: Sequence[Row], p_right: np.ndarray) -> dict[str, float]:
    """Per-path thresholds (``GATED``; the others stay 0) by coordinate search (two rounds) on out-of-fold P(right)."""
    ungated = report(examples, gated_decisions(len(examples), rows, p_right, {}))
    floors = {k: m["macro_f1"] - MACRO_SLACK for k, m in ungated.items()}
    thresholds = dict.fromkeys(PATHS, 0.0)
    best = objective(examples, gated_decisions(len(examples), rows, p_right, thresholds), floors)
    for _round in range(2):
        for path in GATED:
            keep = thresholds[path]
            for v in THRESHOLD_GRID:
                thresholds[path] = v
                s = objective(examples, gated_decisions(len(examples), rows, p_right, thresholds), floors)
                if s > best + 1e-9:
                    best, keep = s, v
            thresholds[path] = keep
    return thresholds


def train_gate(examples: Sequence[Example], probs: Sequence[dict[str, float]], model: ScorerModel) -> Gate:
    """The gate over the tuned hybrid's out-of-fold decisions, with its measured effect in ``meta``."""
    rows = decision_rows(examples, probs, model)
    p_oof = out_of_fold_p(examples, rows)
    thresholds = tune_thresholds(examples, rows, p_oof)
    coef, b = fit(rows)
    n = len(examples)
    meta = {
        "rows": len(rows),
        "right": int(sum(r.right for r in rows)),
        "objective": f"mean over sources of F{BETA} (sentence level), each source's macro-F1 at most {MACRO_SLACK} under ungated",
        "out_of_fold": {
            "ungated": report(examples, gated_decisions(n, rows, p_oof, {})),
            "gated": report(examples, gated_decisions(n, rows, p_oof, thresholds)),
        },
    }
    return Gate(feature_names(), tuple(round(float(w), 6) for w in coef), round(b, 6), thresholds, meta)
