"""PLV train and VOA train, out of fold (never a test split): the event gate's settings
and the scorer path's "no event" competition, per source, measured plain and nested.

* ``--gate``: every ``gate_train.SETTINGS`` (ungated; F0.5 or each source's own metric,
  with a per-source macro-F1 floor 0 … 0.04 under ungated or none): thresholds tuned on all
  out-of-fold P(right) ("plain", what one tuning reads), and nested (thresholds tuned and the
  gate fitted on 4 folds, measured on the 5th), with the thresholds each fold chose.
* ``--none``: where no pattern codes and the scorer's top type is under its threshold or
  "no event" is likelier, code the top type anyway when P(no event) < τ (``--lead-only``: in an
  article's first sentence only): nested (the hybrid
  tuned on 4 folds, τ chosen there, measured on the 5th), per source.
* ``--per-type``: the scorer path's thresholds per type (as shipped) or one for every type, nested.
* ``--positions``: the gate's position cue on PLV's lone sentences (a lead is position 0).

    .venv/bin/python bench/gate_choice.py --cache DIR [--gate] [--none [--lead-only]] [--per-type] [--positions]

``--cache`` keeps the parsed examples and the out-of-fold scorer (a directory outside the
repository; the file names hold the code's fingerprint).
"""

from __future__ import annotations

import argparse
import copy
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from dyad.scoring.build import cached_examples, pickle_cached, training_items
from dyad.scoring.examples import Example, data_hash, resolve_yield
from dyad.scoring.gate_train import (
    FOLDS,
    SETTINGS,
    decision_rows,
    f_beta,
    gated_decisions,
    mean_own_metric,
    nested,
    out_of_fold_p,
    report,
    subset,
    tune_thresholds,
)
from dyad.scoring.hybrid import SCORER, allows
from dyad.scoring.model import ScorerModel, build_estimator
from dyad.scoring.records import NO_EVENT
from dyad.scoring.train import cross_validate, fold_of, pooled_macro_f1, sentence_prf, simulate, tune

TAUS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)

Decisions = Sequence[Sequence[tuple[str, str, float]]]  # per example: (type, path, score) of each event coded
Probs = Sequence[dict[str, float]]  # per example: the scorer's out-of-fold P(type)


def row(name: str, examples: Sequence[Example], decisions: Decisions) -> str:
    per = report(examples, decisions)
    cells = []
    for src, m in per.items():
        idx = [i for i, e in enumerate(examples) if e.source == src]
        none = sum(1 for i in idx if not decisions[i]) / len(idx)
        cells.append(f"{m['macro_f1']:.3f} {m['precision']:.3f} {m['recall']:.3f} {f_beta(m):.3f} {none:.3f}")
    return f"| {name} | " + " | ".join(cells) + f" | {mean_own_metric(examples, per):.4f} |"


def header(examples: Sequence[Example]) -> str:
    srcs = sorted({e.source for e in examples})
    return "| setting | " + " | ".join(f"{s}: macro P R F0.5 none" for s in srcs) + " | mean own |"


def gate_table(examples: Sequence[Example], probs: Probs, model: ScorerModel) -> None:
    rows = decision_rows(examples, probs, model)
    p = out_of_fold_p(examples, rows)
    print("plain (thresholds tuned on all out-of-fold P(right)):")
    print(header(examples))
    for s in SETTINGS:
        th = tune_thresholds(examples, rows, p, s)
        print(row(f"{s.describe()} {th['override']}/{th['scorer']}", examples, gated_decisions(len(examples), rows, p, th)))
    print("\nnested (chosen on 4 folds, measured on the 5th):")
    print(header(examples))
    for s, d in nested(examples, rows).items():
        print(row(s.describe(), examples, d))
    print("\nthresholds (override/scorer) chosen in each outer fold:")
    folds = [fold_of(e.group, FOLDS) for e in examples]
    for s in SETTINGS:
        chosen = []
        for k in range(FOLDS):
            inner, inner_rows = subset(examples, rows, {i for i, f in enumerate(folds) if f != k})
            th = tune_thresholds(inner, inner_rows, out_of_fold_p(inner, inner_rows), s)
            chosen.append(f"{th['override']}/{th['scorer']}")
        print(f"  {s.describe():40s} {'  '.join(chosen)}")


def with_tau(e: Example, p: dict[str, float], model: ScorerModel, tau: float, lead_only: bool = False) -> list[tuple[str, str, float]]:
    """``simulate``, and where it codes nothing and no rule event stands, the top type when P(no event) < tau
    (``lead_only``: in an article's first sentence only)."""
    out = simulate(e, p, model)
    if out or tau <= 0 or (lead_only and (e.cues is None or e.cues.position > 0)):
        return out
    ranked = sorted(((v, t) for t, v in p.items() if t != NO_EVENT), reverse=True)
    p_best, best = ranked[0]
    if e.rules and any(not (v < model.veto and p.get(NO_EVENT, 0.0) > p_best) for t, v in ((t, p.get(t, 0.0)) for t, _ in e.rules)):
        return out
    if p.get(NO_EVENT, 0.0) < tau and allows(e.blocked, best):
        return [(best, SCORER, p_best)]
    return out


def own_score(examples: Sequence[Example], decisions: Decisions) -> float:
    return mean_own_metric(examples, report(examples, decisions))


def none_table(examples: Sequence[Example], probs: Probs, model: ScorerModel, lead_only: bool = False) -> None:
    folds = [fold_of(e.group, FOLDS) for e in examples]
    by_tau = {t: [[] for _ in examples] for t in TAUS}
    chosen = {"pooled macro-F1": [[] for _ in examples], "mean own metric": [[] for _ in examples]}
    picked: dict[str, list[float]] = {name: [] for name in chosen}
    for k in range(FOLDS):
        inner = [i for i, f in enumerate(folds) if f != k]
        outer = [i for i, f in enumerate(folds) if f == k]
        m = copy.deepcopy(model)
        m.thresholds = {}
        tune([examples[i] for i in inner], [probs[i] for i in inner], m)
        inner_ex = [examples[i] for i in inner]
        scores: dict[str, list[float]] = {name: [] for name in chosen}
        for t in TAUS:
            d = [with_tau(examples[i], probs[i], m, t, lead_only) for i in inner]
            scores["pooled macro-F1"].append(sentence_prf(inner_ex, d)["macro_f1"])
            scores["mean own metric"].append(own_score(inner_ex, d))
            for i in outer:
                by_tau[t][i] = with_tau(examples[i], probs[i], m, t, lead_only)
        for name, s in scores.items():
            best_t = TAUS[int(np.argmax(s))]
            picked[name].append(best_t)
            for i in outer:
                chosen[name][i] = by_tau[best_t][i]
    print(f"{'leads only; ' if lead_only else ''}nested, no gate (the hybrid tuned on 4 folds; τ chosen there: {picked}):")
    print(header(examples))
    for t in TAUS:
        print(row(f"τ = {t}", examples, by_tau[t]))
    for name, d in chosen.items():
        print(row(f"τ chosen per fold by {name}", examples, d))


def per_type_table(examples: Sequence[Example], probs: Probs, model: ScorerModel) -> None:
    """The scorer path's thresholds per type or one for all, each tuned on 4 folds, measured on the 5th."""
    folds = [fold_of(e.group, FOLDS) for e in examples]
    print("nested, no gate: the hybrid tuned on 4 folds with per-type thresholds or one default, for pooled macro-F1 or the mean own metric:")
    print(header(examples))
    for per_type, objective in ((True, pooled_macro_f1), (False, pooled_macro_f1), (True, own_score), (False, own_score)):
        decisions = [[] for _ in examples]
        chosen = []
        for k in range(FOLDS):
            inner = [i for i, f in enumerate(folds) if f != k]
            m = copy.deepcopy(model)
            m.thresholds = {}
            tune([examples[i] for i in inner], [probs[i] for i in inner], m, per_type=per_type, objective=objective)
            chosen.append(f"{m.default_threshold}/{len(m.thresholds)}")
            for i, f in enumerate(folds):
                if f == k:
                    decisions[i] = simulate(examples[i], probs[i], m)
        name = f"{'per type' if per_type else 'one threshold'}, {objective.__name__}"
        print(row(f"{name} (default/n per-type: {' '.join(chosen)})", examples, decisions))


def positions(examples: Sequence[Example]) -> None:
    plv = [e for e in examples if e.source != "voa" and e.cues is not None]
    print(f"PLV sentences by the gate's position cue: {Counter(e.cues.position for e in plv)}")
    voa = [e for e in examples if e.source == "voa" and e.cues is not None]
    print(f"VOA sentences at position 0: {sum(e.cues.position == 0 for e in voa)} of {len(voa)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--none", action="store_true")
    ap.add_argument("--positions", action="store_true")
    ap.add_argument("--per-type", action="store_true", help="per-type scorer thresholds or one, nested")
    ap.add_argument("--lead-only", action="store_true", help="--none: in an article's first sentence only")
    args = ap.parse_args()
    items = training_items(args.shared)
    # the newest parse of these items (this script's own edits to scoring/ need no re-parse: --cache is yours)
    parsed = sorted(args.cache.glob(f"examples-{data_hash(items)}-*.pkl"), key=lambda f: f.stat().st_mtime)
    exs = pickle_cached(parsed[-1], list) if parsed else cached_examples(items, args.cache)
    exs = sorted((resolve_yield(e) for e in exs), key=lambda e: e.id)
    name = f"trained-{(parsed[-1].stem if parsed else data_hash(items))}.pkl"
    trained, _metrics = pickle_cached(args.cache / name, lambda: cross_validate(exs, build_estimator))
    if args.positions:
        positions(trained.dev)
    if args.gate:
        gate_table(trained.dev, trained.dev_probs, trained.model)
    if args.per_type:
        per_type_table(trained.dev, trained.dev_probs, trained.model)
    if args.none:
        none_table(trained.dev, trained.dev_probs, trained.model, args.lead_only)


if __name__ == "__main__":
    main()
