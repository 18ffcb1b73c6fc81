"""Ways to make the context classifier generalise, compared by grouped cross-validation on the VOA train split.

    .venv/bin/python bench/contexts_cv.py [--shared ../shared] [--cache DIR]

Every number is 5-fold cross-validation grouped by article (``train_model.fold_of``)
over the VOA gold's train split only; the test split is never read. In each fold
the rules' shared weights are refitted on the other folds, as ``dyad train --contexts``
fits them. Compared, each against the shipped settings (word features of the
sentence and title, C 0.3, threshold 0.2, at most 3):

* regularisation (C) and which word features (none, sentence, + title);
* fewer memorisable features: a word kept only when seen in ≥ 5 or ≥ 8 train articles (3 ships);
* per-context thresholds, chosen on inner cross-validation of the training folds (nested, so the
  held-out fold never picks its own threshold);
* context propagation to the article: each event's rules' probability of the context averaged
  over the article's events (``propagated, rules``), or the classifier's own out-of-fold
  probabilities averaged over the article's other events (``propagated, stacked``), as a feature;
* blends: ``a`` × the rules' probability + (1 − ``a``) × the classifier's;
* more training data: the PLV train sentences with annotated contexts (``contexts/plv.py``) added
  to every fold's fit (never scored) at a weight, marked as PLV (``train_model.PLV_FEATURE``).

``--per-context`` prints precision, recall and F1 of each of the 10 most frequent contexts for the
shipped settings. Prints micro-F1 over (event, context) decisions, the lowest and the mean F1 of the 10 most
frequent contexts, and how many contexts are given against the gold's count.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from dyad.coding.ontology import load_ontology
from dyad.contexts import train_model as tm
from dyad.contexts.model import sigmoid
from dyad.contexts.names import GENERAL_CONTEXTS
from dyad.contexts.plv import PLV_SENTENCES, plv_examples
from dyad.contexts.scoring import Weights
from dyad.contexts.tagger import ContextTagger
from dyad.contexts.train import cached_examples, fit_rule_weights
from dyad.contexts.train_model import Row

# context → the classifier's probability, or ("rules", p) for a context it has no model of
Probs = dict[str, "float | tuple[str, float]"]
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


def probabilities(train: Sequence[Row], test: Sequence[Row], rules: Weights, c: float = 0.3, words: str = "st", min_articles: int = 3,
                  extra: Sequence[Row] = ()) -> list[Probs]:  # fmt: skip
    kept, tm.MIN_ARTICLES = tm.MIN_ARTICLES, min_articles
    try:
        model = tm.fit_model([*train, *extra], tm.common_contexts(train, GENERAL_CONTEXTS), c, rules, True, words)
    finally:
        tm.MIN_ARTICLES = kept
    out = []
    for r in test:
        got: Probs = {name: sigmoid(z) for name, z in model.logits(r.shared, r.evidence, rules).items()}
        got.update((name, ("rules", rules.probability_of(f))) for name, f in r.evidence.items() if name not in got)
        out.append(got)
    return out


def decide(probs: Sequence[Probs], threshold: float, k: int = 3, rules_threshold: float = 0.25, floor: float = 0.1,
           per_context: dict[str, float] | None = None) -> list[set[str]]:  # fmt: skip
    """``train_model.predict``'s decision over given probabilities (with optional per-context thresholds)."""
    out = []
    for got in probs:
        cands = sorted(((name, p[1], rules_threshold) if isinstance(p, tuple) else (name, p, (per_context or {}).get(name, threshold))
                        for name, p in got.items()), key=lambda x: (-x[1], x[0]))  # fmt: skip
        chosen = [name for name, p, need in cands if p >= need][:k]
        if not chosen and cands and cands[0][1] >= floor:
            chosen = [cands[0][0]]
        out.append(set(chosen))
    return out


def folds(rows: Sequence[Row], part: Callable[[str], int], n: int) -> list[tuple[list[int], list[int]]]:
    return [([i for i, r in enumerate(rows) if part(r.article_id) != k], [i for i, r in enumerate(rows) if part(r.article_id) == k]) for k in range(n)]


def inner_part(article_id: str) -> int:
    return int(hashlib.sha1(("dyad-context-inner-" + article_id).encode()).hexdigest(), 16) % 4


def out_of_fold(rows: Sequence[Row], base: Weights, fit: Callable[[list[Row], list[Row], Weights], list[Probs]],
                part: Callable[[str], int] = tm.fold_of, n: int = tm.FOLDS) -> list[Probs]:  # fmt: skip
    out: list[Probs] = [{} for _ in rows]
    for train_idx, test_idx in folds(rows, part, n):
        train = [rows[i] for i in train_idx]
        for i, p in zip(test_idx, fit(train, [rows[i] for i in test_idx], tm.rule_weights(train, base)), strict=True):
            out[i] = p
    return out


def with_article_feature(rows: Sequence[Row], probs: Sequence[Probs], leave_self_out: bool) -> list[Row]:
    """Each row's evidence with ``article_events``: the mean probability of the context over the
    events of its article (the gold-position ones and the matched ones apart, as they are coded apart)."""
    groups: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[(r.article_id, r.matched)].append(i)
    out = list(rows)
    for idx in groups.values():
        total: Counter[str] = Counter()
        for i in idx:
            total.update({name: p[1] if isinstance(p, tuple) else p for name, p in probs[i].items()})
        for i in idx:
            own = probs[i]
            n = len(idx) - (1 if leave_self_out else 0)
            evidence = {}
            for name, f in rows[i].evidence.items():
                p = own.get(name, 0.0)
                mine = (p[1] if isinstance(p, tuple) else p) if leave_self_out else 0.0
                evidence[name] = {**f, "article_events": (total[name] - mine) / max(1, n)}
            out[i] = replace(rows[i], evidence=evidence)
    return out


def propagated_rules(train: list[Row], test: list[Row], rules: Weights) -> list[Probs]:
    def rules_probs(rs: Sequence[Row]) -> list[Probs]:
        return [{name: rules.probability_of(f) for name, f in r.evidence.items()} for r in rs]

    return probabilities(with_article_feature(train, rules_probs(train), False), with_article_feature(test, rules_probs(test), False), rules)


def propagated_stacked(train: list[Row], test: list[Row], rules: Weights) -> list[Probs]:
    inner = out_of_fold(train, rules, lambda a, b, w: probabilities(a, b, w), inner_part, 4)
    first = probabilities(train, test, rules)
    return probabilities(with_article_feature(train, inner, True), with_article_feature(test, first, True), rules)


def context_f1(rows: Sequence[Row], predicted: Sequence[set[str]], name: str) -> float:
    tp = sum(1 for r, p in zip(rows, predicted, strict=True) if name in r.gold and name in p)
    wrong = sum(1 for r, p in zip(rows, predicted, strict=True) if (name in r.gold) != (name in p))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def per_context_thresholds(rows: Sequence[Row], probs: Sequence[Probs], base: float) -> dict[str, float]:
    """For each modelled context the threshold with the best F1 of that context (ties: the shared one)."""
    chosen: dict[str, float] = {}
    for name in sorted({n for got in probs for n, p in got.items() if not isinstance(p, tuple)}):
        best = (context_f1(rows, decide(probs, base, per_context=chosen), name), base)
        for t in THRESHOLDS:
            f1 = context_f1(rows, decide(probs, base, per_context={**chosen, name: t}), name)
            if f1 > best[0]:
                best = (f1, t)
        chosen[name] = best[1]
    return chosen


def nested_per_context(rows: Sequence[Row], base: Weights, threshold: float) -> list[set[str]]:
    out: list[set[str]] = [set() for _ in rows]
    for train_idx, test_idx in folds(rows, tm.fold_of, tm.FOLDS):
        train = [rows[i] for i in train_idx]
        rules = tm.rule_weights(train, base)
        inner = out_of_fold(train, rules, lambda a, b, w: probabilities(a, b, w), inner_part, 4)
        chosen = per_context_thresholds(train, inner, threshold)
        for i, p in zip(test_idx, decide(probabilities(train, [rows[i] for i in test_idx], rules), threshold, per_context=chosen), strict=True):
            out[i] = p
    return out


def per_context(rows: Sequence[Row], predicted: Sequence[set[str]], top: Sequence[str]) -> None:
    """Precision, recall and F1 of each of ``top`` (and micro-F1), cross-validated."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for r, p in zip(rows, predicted, strict=True):
        tp.update(r.gold & p)
        fp.update(p - r.gold)
        fn.update(r.gold - p)
    print(f"micro-F1 {tm.scores(rows, predicted, top)['micro_f1']:.3f}")
    print("| context | P | R | F1 | gold | given |\n|---|---|---|---|---|---|")
    for n in top:
        f1 = 2 * tp[n] / (2 * tp[n] + fp[n] + fn[n]) if tp[n] else 0.0
        print(f"| {n} | {tp[n] / max(1, tp[n] + fp[n]):.2f} | {tp[n] / max(1, tp[n] + fn[n]):.2f} | {f1:.2f} | {tp[n] + fn[n]} | {tp[n] + fp[n]} |")


def blend(model: Sequence[Probs], rules: Sequence[Probs], a: float) -> list[Probs]:
    out = []
    for m, r in zip(model, rules, strict=True):
        got: Probs = {}
        for name, p in m.items():
            rp = r.get(name, 0.0)
            got[name] = p if isinstance(p, tuple) else a * (rp if isinstance(rp, float) else rp[1]) + (1 - a) * p
        out.append(got)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    from dyad.evaluation.run import VOA

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--cache", type=Path, default=None, help="keep the coded examples here between runs (outside the repository)")
    ap.add_argument("--plv-only", action="store_true", help="print only the shipped settings and the PLV lines")
    ap.add_argument("--per-context", action="store_true", help="print only P/R/F1 per frequent context of the shipped settings (PLV weight 2, threshold 0.25)")
    args = ap.parse_args(argv)
    articles, examples = cached_examples(args.shared / VOA, args.cache)
    base = fit_rule_weights(articles, examples)
    rows = tm.sorted_rows(ContextTagger.from_ontology(load_ontology(), weights=base), articles, examples)
    top = tm.top_contexts(rows)
    gold = sum(len(r.gold) for r in rows)
    print(f"{len(rows)} examples, {len({r.article_id for r in rows})} train articles; top 10: {', '.join(top)}")

    def line(name: str, predicted: Sequence[set[str]]) -> None:
        s = tm.scores(rows, predicted, top)
        mean = sum(s["f1"].values()) / len(s["f1"])
        lowest = tm._lowest(s).split()[0]
        print(f"| {name} | {s['micro_f1']:.3f} | {s['top_min_f1']:.2f} ({lowest}) | {mean:.3f} | {sum(map(len, predicted))} / {gold} |", flush=True)

    if args.per_context:
        plv = tm.weighted(tm.sorted_rows(ContextTagger.from_ontology(load_ontology(), weights=base), *plv_examples(args.shared / PLV_SENTENCES)), 2.0)
        per_context(rows, decide(out_of_fold(rows, base, lambda a, b, w: probabilities(a, b, w, extra=plv)), 0.25), top)
        return
    print("| decision (5-fold CV by article, train split) | micro-F1 | lowest top-10 F1 | mean top-10 F1 | given / gold |")
    print("|---|---|---|---|---|")
    rules_only = out_of_fold(rows, base, lambda a, b, w: [{n: ("rules", w.probability_of(f)) for n, f in r.evidence.items()} for r in b])
    line("rules alone (threshold 0.25)", decide(rules_only, 0.25))
    shipped = out_of_fold(rows, base, lambda a, b, w: probabilities(a, b, w))
    for t in (0.2, 0.25, 0.3):
        line(f"classifier, VOA only, threshold {t}", decide(shipped, t))
    plv = tm.sorted_rows(ContextTagger.from_ontology(load_ontology(), weights=base), *plv_examples(args.shared / PLV_SENTENCES))
    for weight in (1.0, 2.0, 3.0):
        more = tm.weighted(plv, weight)
        with_plv = out_of_fold(rows, base, lambda a, b, w, x=more: probabilities(a, b, w, extra=x))
        for t in (0.2, 0.25):
            line(f"classifier + {len(plv)} PLV sentences at weight {weight}, threshold {t}", decide(with_plv, t))
    if args.plv_only:
        return
    line("classifier, at most 2 contexts", decide(shipped, 0.2, k=2))
    for c in (0.1, 1.0):
        line(f"classifier, C {c}", decide(out_of_fold(rows, base, lambda a, b, w, c=c: probabilities(a, b, w, c=c)), 0.2))
    for words in ("", "s"):
        line(f"classifier, word features '{words}'", decide(out_of_fold(rows, base, lambda a, b, w, x=words: probabilities(a, b, w, words=x)), 0.2))
    for n in (5, 8):
        line(f"classifier, words of ≥ {n} articles", decide(out_of_fold(rows, base, lambda a, b, w, n=n: probabilities(a, b, w, min_articles=n)), 0.2))
    line("classifier, per-context thresholds (nested CV)", nested_per_context(rows, base, 0.2))
    line("classifier + article propagation of the rules", decide(out_of_fold(rows, base, propagated_rules), 0.2))
    line("classifier + article propagation, stacked", decide(out_of_fold(rows, base, propagated_stacked), 0.2))
    rules_probs = [{n: p[1] for n, p in got.items() if isinstance(p, tuple)} for got in rules_only]
    for a in (0.25, 0.5, 0.75):
        for t in (0.2, 0.3):
            line(f"blend: {a} × rules + {1 - a} × classifier, threshold {t}", decide(blend(shipped, rules_probs, a), t))


if __name__ == "__main__":
    main()
