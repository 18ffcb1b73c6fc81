"""Fit the event gate (``gate.py``) on the scorer's out-of-fold decisions.

Every training sentence was scored by a scorer that had not seen its article
(``train.out_of_fold``) and decided by the tuned hybrid (``train.simulate``):
each decided event is a row (its path, score, P(no event) and its sentence's
cues) labelled right or false by the gold. The gate is a logistic regression
over these rows. Its per-path thresholds are chosen on the gate's own
out-of-fold probabilities (the same article folds), for an objective and a
per-source floor (``Setting``) that nested cross-validation chose among
``SETTINGS``, then the gate is fitted once on every row. Deterministic: sorted rows, lbfgs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
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
# An objective: the mean over the sources (PLV, VOA) of F-beta with beta 0.5 (precision
# counts more: a false row costs a user more than a missed one), where no source's macro-F1
# may fall more than a slack below the ungated hybrid's (the rare types' recall is kept).
# Which objective and slack is chosen by nested cross-validation (``choose``, ``SETTINGS``).
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
    if len(set(y.tolist())) < 2:
        # a few folds of a small training set can be all right (or all false): the smoothed rate, no weights
        rate = (y.sum() + 1) / (len(y) + 2)
        return np.zeros(len(feature_names())), float(np.log(rate / (1 - rate)))
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


def source_metric(examples: Sequence[Example], source: str, m: dict[str, Any]) -> float:
    """A source's own metric: macro-F1 where every sentence holds an event (PLV: the question is
    the type), F-beta where some hold none (VOA's whole articles: the question is whether to code)."""
    return m["macro_f1"] if all(e.gold for e in examples if e.source == source) else f_beta(m)


def mean_own_metric(examples: Sequence[Example], per: dict[str, dict[str, Any]]) -> float:
    """The mean over sources of each one's ``source_metric`` (``per``: ``report``'s)."""
    return float(np.mean([source_metric(examples, k, m) for k, m in per.items()]))


def objective(
    examples: Sequence[Example], decisions: Sequence[Sequence[tuple[str, str, float]]], floors: dict[str, float], own: bool = False
) -> float:
    """The mean over sources of F-beta (``own``: of each source's ``source_metric``); -1 where a
    source's macro-F1 is under its floor."""
    per = report(examples, decisions)
    if any(per[k]["macro_f1"] < floors.get(k, -1.0) for k in per):
        return -1.0
    return float(np.mean([source_metric(examples, k, per[k]) if own else f_beta(per[k]) for k in per]))


@dataclass(frozen=True, slots=True)
class Setting:
    """How the thresholds are chosen: the objective and how far a source's macro-F1 may fall
    under the ungated hybrid's (None: no floor). ``gated=False``: no gate at all."""

    own: bool = False
    slack: float | None = MACRO_SLACK
    gated: bool = True

    def describe(self) -> str:
        if not self.gated:
            return "ungated"
        goal = "each source's own metric" if self.own else f"F{BETA}"
        return f"{goal}, slack {'none' if self.slack is None else self.slack}"


# The settings the nested cross-validation chooses among (docs/model.md, sixth round).
SETTINGS = (
    Setting(gated=False),
    *(Setting(own=False, slack=s) for s in (0.0, 0.01, 0.02, 0.04, None)),
    *(Setting(own=True, slack=s) for s in (0.0, 0.01, 0.02, 0.04, None)),
)


def tune_thresholds(
    examples: Sequence[Example], rows: Sequence[Row], p_right: np.ndarray, setting: Setting = Setting()
) -> dict[str, float]:
    """Per-path thresholds (``GATED``; the others stay 0) for ``setting`` by coordinate search (two rounds)
    on out-of-fold P(right); all 0 for an ungated setting."""
    thresholds = dict.fromkeys(PATHS, 0.0)
    if not setting.gated:
        return thresholds
    ungated = report(examples, gated_decisions(len(examples), rows, p_right, {}))
    floors = {} if setting.slack is None else {k: m["macro_f1"] - setting.slack for k, m in ungated.items()}
    best = objective(examples, gated_decisions(len(examples), rows, p_right, thresholds), floors, setting.own)
    for _round in range(2):
        for path in GATED:
            keep = thresholds[path]
            for v in THRESHOLD_GRID:
                thresholds[path] = v
                s = objective(examples, gated_decisions(len(examples), rows, p_right, thresholds), floors, setting.own)
                if s > best + 1e-9:
                    best, keep = s, v
            thresholds[path] = keep
    return thresholds


def subset(examples: Sequence[Example], rows: Sequence[Row], keep: set[int]) -> tuple[list[Example], list[Row]]:
    """The examples whose index is in ``keep`` and their rows, re-indexed."""
    index = {i: n for n, i in enumerate(sorted(keep))}
    sub = [examples[i] for i in sorted(keep)]
    return sub, [replace(r, example=index[r.example]) for r in rows if r.example in index]


def nested(
    examples: Sequence[Example], rows: Sequence[Row], settings: Sequence[Setting] = SETTINGS
) -> dict[Setting, list[list[tuple[str, str, float]]]]:
    """Each setting's decisions when chosen without the sentences they decide: for each fold,
    the gate's out-of-fold P(right) over the other folds, thresholds tuned there, the gate fitted
    on them and applied, with those thresholds, to the fold's events."""
    folds = [fold_of(e.group, FOLDS) for e in examples]
    out: dict[Setting, list[list[tuple[str, str, float]]]] = {s: [[] for _ in examples] for s in settings}
    for k in range(FOLDS):
        inner, inner_rows = subset(examples, rows, {i for i, f in enumerate(folds) if f != k})
        outer = [r for r in rows if folds[r.example] == k]
        if not outer or not inner_rows:
            continue
        p_inner = out_of_fold_p(inner, inner_rows)
        coef, b = fit(inner_rows)
        p_outer = predict(coef, b, outer)
        for s in settings:
            thresholds = tune_thresholds(inner, inner_rows, p_inner, s)
            for r, p in zip(outer, p_outer, strict=True):
                if p >= thresholds.get(r.path, 0.0):
                    out[s][r.example].append((r.event, r.path, r.score))
    return out


def choose(examples: Sequence[Example], rows: Sequence[Row], settings: Sequence[Setting] = SETTINGS) -> tuple[Setting, dict[str, Any]]:
    """The setting whose nested decisions score best by the mean of each source's own metric
    (``source_metric``: PLV macro-F1, VOA F-beta), and every setting's nested report."""
    reports: dict[str, Any] = {}
    best, best_score = settings[0], -1.0
    for s, decisions in nested(examples, rows, settings).items():
        per = report(examples, decisions)
        score = mean_own_metric(examples, per)
        reports[s.describe()] = {"score": round(score, 4), **per}
        if score > best_score + 1e-9:
            best, best_score = s, score
    return best, reports


def train_gate(
    examples: Sequence[Example], probs: Sequence[dict[str, float]], model: ScorerModel, settings: Sequence[Setting] = SETTINGS
) -> Gate:
    """The gate over the tuned hybrid's out-of-fold decisions, its thresholds chosen by the setting
    that did best nested (``choose``), with its measured effect in ``meta``."""
    rows = decision_rows(examples, probs, model)
    p_oof = out_of_fold_p(examples, rows)
    setting, reports = choose(examples, rows, settings)
    thresholds = tune_thresholds(examples, rows, p_oof, setting)
    coef, b = fit(rows)
    n = len(examples)
    meta = {
        "rows": len(rows),
        "right": int(sum(r.right for r in rows)),
        "objective": f"thresholds for {setting.describe()} (sentence level), the setting chosen by nested cross-validation "
        f"on the mean of each source's own metric (macro-F1 where every sentence holds an event, else F{BETA})",
        "nested": {
            name: {"score": r["score"], **{k: {m: v[m] for m in ("macro_f1", "precision", "recall")} for k, v in r.items() if k != "score"}}
            for name, r in reports.items()
        },
        "out_of_fold": {
            "ungated": report(examples, gated_decisions(n, rows, p_oof, {})),
            "gated": report(examples, gated_decisions(n, rows, p_oof, thresholds)),
        },
    }
    return Gate(feature_names(), tuple(round(float(w), 6) for w in coef), round(b, 6), thresholds, meta)
