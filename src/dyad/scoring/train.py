"""Train the scorer: out-of-fold probabilities by article-grouped
cross-validation, the hybrid decisions tuned and confidence calibrated on
them, then one fit on everything.

Every training sentence is scored once by a model that did not see its article,
so the thresholds and the calibration read how the scorer does on articles it
has not learned (a single 20% dev split tuned them on 10 VOA articles, and the
scorer memorised the rest: docs/model.md).

Deterministic: the folds hash article ids, inputs are sorted, the model's
seed is fixed. ``train_scorer`` is what ``dyad train`` and ``make model`` call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dyad.scoring.examples import Annotated, Example, data_hash, make_examples, resolve_yield
from dyad.scoring.hybrid import INTENTION, OVERRIDE, RULE, SCORER, allows, intended_types
from dyad.scoring.model import Calibration, ScorerModel, build_estimator
from dyad.scoring.records import NO_EVENT

DEV_FRACTION = 0.2
FOLDS = 5
GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# "Strongly disagrees": the scorer's top type at least this …
OVERRIDE_GRID = (0.8, 0.85, 0.9, 0.95, 1.01)
# … and the rule's type at most this.
RULE_MAX_GRID = (0.01, 0.02, 0.05)
# A rule event is vetoed where the scorer's top label is "no event" and it gives the rule's type under this.
VETO_GRID = (0.0, 0.02, 0.05, 0.1, 0.2)


def is_dev(group: str, fraction: float = DEV_FRACTION) -> bool:
    """The dev split: a fixed hash of the article id (a lone sentence is its own article)."""
    return int(hashlib.sha1(("dyad-scorer-dev-" + group).encode()).hexdigest(), 16) % 1000 < fraction * 1000


def fold_of(group: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of an article: a fixed hash of its id (a lone sentence is its own article)."""
    return int(hashlib.sha1(("dyad-scorer-fold-" + group).encode()).hexdigest(), 16) % folds


Build = Callable[[], Any]  # a fresh, unfitted estimator


def out_of_fold(exs: Sequence[Example], build: Build, folds: int = FOLDS) -> tuple[list[Example], list[dict[str, float]]]:
    """Each example with the probabilities of a model fitted on the other folds' articles
    (an example whose fold's complement has a single label is left out)."""
    held: list[Example] = []
    probs: list[dict[str, float]] = []
    for k in range(folds):
        rows, labels = rows_and_labels([e for e in exs if fold_of(e.group, folds) != k])
        part = [e for e in exs if fold_of(e.group, folds) == k]
        if len(set(labels)) < 2 or not part:
            continue
        model = ScorerModel(estimator=build().fit(rows, labels), labels=tuple(sorted(set(labels))))
        held.extend(part)
        probs.extend(probability_dicts(model, part))
    return held, probs


def rows_and_labels(examples: Sequence[Example]) -> tuple[list[Any], list[str]]:
    """One row per gold type: a sentence with two events teaches both."""
    rows, labels = [], []
    for e in sorted(examples, key=lambda x: x.id):
        for t in e.gold or (NO_EVENT,):
            rows.append(e.features)
            labels.append(t)
    return rows, labels


def simulate(e: Example, probs: dict[str, float], model: ScorerModel) -> list[tuple[str, str, float]]:
    """What ``hybrid.decide`` does to one sentence, from the cached rule output."""
    ranked = sorted(((p, t) for t, p in probs.items() if t != NO_EVENT), reverse=True)
    p_best, best = ranked[0]
    if e.rules:
        types = {t for t, _ in e.rules}
        alone = len(e.rules) == 1 and not e.blocked  # hybrid also allows the predicate's pattern (not cached)
        out = []
        for t, _conf in e.rules:
            p_rule = probs.get(t, 0.0)
            if alone and p_rule <= model.override_rule_max and p_best >= model.override and best not in types:
                out.append((best, OVERRIDE, p_best))
            elif not (p_rule < model.veto and probs.get(NO_EVENT, 0.0) > p_best):
                out.append((t, RULE, p_rule))
        if out:
            return out
        # every rule event vetoed: the sentence is decided as if no pattern fired
    if not allows(e.blocked, best) or p_best < model.threshold(best) or p_best <= probs.get(NO_EVENT, 0.0):
        return []
    return [(intended_types().get(best, best) if INTENTION in e.blocked else best, SCORER, p_best)]


def sentence_prf(examples: Sequence[Example], decisions: Sequence[Sequence[tuple[str, str, float]]]) -> dict[str, Any]:
    """Per-type precision/recall/F1 over sentences (type sets), macro and micro."""
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for e, d in zip(examples, decisions, strict=True):
        pred = {t for t, _, _ in d}
        gold = set(e.gold)
        for t in pred & gold:
            tp[t] = tp.get(t, 0) + 1
        for t in pred - gold:
            fp[t] = fp.get(t, 0) + 1
        for t in gold - pred:
            fn[t] = fn.get(t, 0) + 1
    types = sorted(set(tp) | set(fn))
    f1s = []
    for t in types:
        a, b, c = tp.get(t, 0), fp.get(t, 0), fn.get(t, 0)
        f1s.append(2 * a / (2 * a + b + c) if a else 0.0)
    a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {
        "macro_f1": round(float(np.mean(f1s)) if f1s else 0.0, 4),
        "micro_f1": round(2 * a / (2 * a + b + c) if a else 0.0, 4),
        "precision": round(a / (a + b) if a + b else 0.0, 4),
        "recall": round(a / (a + c) if a + c else 0.0, 4),
    }


def fit_calibration(examples: Sequence[Example], probs: Sequence[dict[str, float]], model: ScorerModel) -> Calibration:
    """Isotonic maps, per path, from the score to how often the type was right on dev."""
    from sklearn.isotonic import IsotonicRegression

    seen: dict[str, tuple[list[float], list[float]]] = {}
    for e, p in zip(examples, probs, strict=True):
        for t, path, score in simulate(e, p, model):
            xs, ys = seen.setdefault(path, ([], []))
            xs.append(score)
            ys.append(1.0 if t in e.gold else 0.0)
    maps = {}
    for path, (xs, ys) in sorted(seen.items()):
        if len(xs) >= 20:
            maps[path] = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(xs, ys)
    return Calibration(maps)


Objective = Callable[[Sequence[Example], Sequence[Sequence[tuple[str, str, float]]]], float]


def pooled_macro_f1(examples: Sequence[Example], decisions: Sequence[Sequence[tuple[str, str, float]]]) -> float:
    """Macro-F1 over every source's sentences together (``tune``'s default objective)."""
    return float(sentence_prf(examples, decisions)["macro_f1"])


def tune(
    examples: Sequence[Example], probs: Sequence[dict[str, float]], model: ScorerModel, per_type: bool = True,
    objective: Objective = pooled_macro_f1,
) -> dict[str, Any]:
    """Hybrid parameters that maximise ``objective`` on dev (macro-F1 over every source's sentences;
    coordinate search on small grids); ``per_type=False``: one scorer-path threshold for every type."""

    def score() -> float:
        model.calibration = fit_calibration(examples, probs, model)
        return objective(examples, [simulate(e, p, model) for e, p in zip(examples, probs, strict=True)])

    best = score()
    for _round in range(2):
        for attr, grid in (
            ("default_threshold", GRID), ("override", OVERRIDE_GRID), ("override_rule_max", RULE_MAX_GRID), ("veto", VETO_GRID)
        ):
            keep = getattr(model, attr)
            for v in grid:
                setattr(model, attr, v)
                s = score()
                if s > best + 1e-9:
                    best, keep = s, v
            setattr(model, attr, keep)
        labels = sorted({t for e in examples for t in e.gold}) if per_type else []
        for t in labels:
            keep = model.thresholds.get(t)
            for v in GRID:
                model.thresholds[t] = v
                s = score()
                if s > best + 1e-9:
                    best, keep = s, v
            if keep is None:
                model.thresholds.pop(t, None)
            else:
                model.thresholds[t] = keep
    model.calibration = fit_calibration(examples, probs, model)
    return {"dev_macro_f1": best}


def probability_dicts(model: ScorerModel, examples: Sequence[Example]) -> list[dict[str, float]]:
    P = model.probabilities([e.features for e in examples])
    return [dict(zip(model.labels, map(float, row), strict=True)) for row in P]


@dataclass(frozen=True)
class Trained:
    """A tuned model and the out-of-fold sentences and probabilities it was tuned on (the event gate's data)."""

    model: ScorerModel
    dev: list[Example]
    dev_probs: list[dict[str, float]]


def cross_validate(exs: Sequence[Example], build: Build) -> tuple[Trained, dict[str, Any]]:
    """Hybrid settings tuned and calibrated on out-of-fold probabilities, and what they reach there:
    a model with no estimator yet (``train_scorer`` fits it on everything) with the out-of-fold sentences
    and probabilities it was tuned on (what the event gate trains on), and its metrics."""
    held, held_probs = out_of_fold(exs, build)
    kept = [i for i, e in enumerate(held) if e.kept]  # the prefilter's sentences: the ones the scorer sees
    dev, dev_probs = [held[i] for i in kept], [held_probs[i] for i in kept]
    model = ScorerModel(estimator=None, labels=tuple(sorted({t for e in exs for t in e.gold or (NO_EVENT,)})))
    tuned = tune(dev, dev_probs, model)
    decisions = [simulate(e, p, model) for e, p in zip(dev, dev_probs, strict=True)]
    rules_only = [[(t, RULE, 1.0) for t, _ in e.rules] for e in dev]
    by_source = {}
    for src in sorted({e.source for e in dev}):
        idx = [i for i, e in enumerate(dev) if e.source == src]
        by_source[src] = {
            "sentences": len(idx),
            "hybrid": sentence_prf([dev[i] for i in idx], [decisions[i] for i in idx]),
            "rules": sentence_prf([dev[i] for i in idx], [rules_only[i] for i in idx]),
            "event_auc": event_auc([dev[i] for i in idx], [dev_probs[i] for i in idx]),
        }
    metrics = {"sentences": len(dev), "dev": {"all": sentence_prf(dev, decisions), **by_source, **tuned}}
    return Trained(model, dev, dev_probs), metrics


def event_auc(examples: Sequence[Example], probs: Sequence[dict[str, float]]) -> float | None:
    """How well P(event) = 1 − P(no event) ranks sentences with a gold event above those without (ROC AUC)."""
    from sklearn.metrics import roc_auc_score

    y = [1 if e.gold else 0 for e in examples]
    if len(set(y)) < 2:
        return None
    return round(float(roc_auc_score(y, [1.0 - p.get(NO_EVENT, 0.0) for p in probs])), 4)


def train_scorer(
    items: Sequence[Annotated], c: float = 4.0, examples: Sequence[Example] | None = None, version: str = "", refit: bool = True,
    meaning: float = 0.0,
) -> ScorerModel:
    """A tuned, calibrated model from annotated texts (parsed here unless ``examples`` are given).

    ``refit=False`` leaves the dev split (``is_dev``) out of everything: the model is cross-validated,
    tuned and fitted on the other articles, so dev stays unseen, for analysis (``voa_errors --part dev``).
    ``meaning`` > 0 adds the static sentence embedding to the features at that weight."""
    return train_scorer_oof(items, c, examples, version, refit, meaning).model


def train_scorer_oof(
    items: Sequence[Annotated], c: float = 4.0, examples: Sequence[Example] | None = None, version: str = "", refit: bool = True,
    meaning: float = 0.0,
) -> Trained:
    """``train_scorer``, with the out-of-fold data it tuned on."""
    exs = [resolve_yield(e) for e in (examples if examples is not None else make_examples(items))]
    exs.sort(key=lambda e: e.id)
    if not refit:
        exs = [e for e in exs if not is_dev(e.group)]

    def build() -> Any:
        return build_estimator(c=c, meaning=meaning)

    trained, metrics = cross_validate(exs, build)
    model = trained.model
    rows, labels = rows_and_labels(exs)
    model.estimator = build().fit(rows, labels)
    model.meta = {
        "data_hash": data_hash(items),
        "code_version": version,
        "examples": len(exs),
        "dev_sentences": metrics["sentences"],
        "folds": FOLDS,
        "c": c,
        "meaning": meaning,
        "refit": refit,
        "dev": metrics["dev"],
    }
    return trained
