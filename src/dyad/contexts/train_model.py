"""Train the context classifier (``data/model.json``) on the VOA gold's train split.

    dyad train --contexts --voa-corpus ../shared/data/voa/voa_stories.jsonl --out DIR [--compare]
    python -m dyad.contexts.train_model --shared ../shared [--out DIR] [--cache DIR] [--compare]

Both fit the rules' shared weights (``train.py``, ``weights.json``) first, then
this classifier over them, and write the two files (``make model`` writes them
into the package). The examples are those of ``train.py``: every gold event of
a train article at its gold position, and the pipeline's events matched to
gold events; the test split is never read. The settings (word features, C,
threshold, how many contexts an event may carry) are chosen by 5-fold
cross-validation grouped by article over the train split; ``--compare`` prints
the rules alone, the n-gram model alone, their union and the model with the
rules' evidence as features (cross-validated, and on the scorer's fixed dev
part). The shipped model is then refitted on the whole train split with the
chosen settings. Deterministic: sorted examples and features, liblinear with a
fixed seed, weights rounded in the file.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.contexts.model import MODEL_FILE, NO_EVIDENCE, ContextModel, evidence_features, sigmoid
from dyad.contexts.scoring import Weights, fit_weights
from dyad.contexts.tagger import ContextTagger

if TYPE_CHECKING:
    from dyad.contexts.train import Example
    from dyad.records import Article

# A context needs this many positive train events to get its own model.
MIN_POSITIVE = 20
# Features seen in fewer train articles are dropped (a word of one story teaches nothing).
MIN_ARTICLES = 3
C_GRID = (0.1, 0.3)
THRESHOLD_GRID = (0.2, 0.25, 0.3, 0.35, 0.4)
MAX_GRID = (2, 3)
# How much a PLV sentence (``plv.py``) weighs in the classifier's fit against a VOA event (0: not used).
PLV_WEIGHT_GRID = (0.0, 1.0, 2.0)
# Set on PLV rows only (never at run time): each context's model learns apart how often a lone
# sentence carries it, so PLV's rates do not move the bias VOA events are scored with.
PLV_FEATURE = "source:plv"
TOP = 10


@dataclass(frozen=True, slots=True)
class Row:
    """One example as the classifier and the rules see it."""

    article_id: str
    gold: frozenset[str]
    shared: dict[str, float]
    evidence: dict[str, dict[str, float]]  # context → the rules' features
    matched: bool  # a pipeline event (else the gold event at its gold position)
    weight: float = 1.0  # in the classifier's fit (a PLV sentence's weight, ``plv.py``)


def make_rows(tagger: ContextTagger, articles: dict[str, Article], examples: Sequence[Example]) -> list[Row]:
    read = {a: tagger.read(art.text, art.title) for a, art in articles.items()}
    rows = []
    for ex in examples:
        art = read[ex.article_id]
        evidence = {ev.name: ev.features for ev in tagger.evidence(ex.event, art)}
        rows.append(Row(ex.article_id, ex.gold, tagger.shared_features(ex.event, art), evidence, ex.event.rule != "gold"))
    return rows


def fit_model(rows: Sequence[Row], contexts: Sequence[str], c: float, rules: Weights | None, use_evidence: bool = True, words: str = "spt") -> ContextModel:
    """One L2 logistic regression per context (liblinear, deterministic); ``words``: which
    word features (sentence, paragraph, title) it reads."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # A feature counts once per article: a word of one story teaches its topic, not the context's.
    counts = Counter(f for f, _ in {(f, r.article_id) for r in rows for f in r.shared})
    kinds = tuple(f"{k}:" for k in words)
    keep = {f for f, n in counts.items() if n >= MIN_ARTICLES and (f.startswith(kinds) or not f.startswith(("s:", "p:", "t:")))}
    bias, weights = {}, {}
    for name in contexts:
        x_dicts = []
        for r in rows:
            d = {f: v for f, v in r.shared.items() if f in keep}
            if use_evidence:
                d.update(evidence_features(r.evidence.get(name, NO_EVIDENCE), rules))
            x_dicts.append(d)
        vec = DictVectorizer(sort=True)
        x = vec.fit_transform(x_dicts).tocsr()
        x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit indices
        y = [name in r.gold for r in rows]
        clf = LogisticRegression(C=c, solver="liblinear", random_state=13, max_iter=1000).fit(x, y, sample_weight=[r.weight for r in rows])
        bias[name] = float(clf.intercept_[0])
        weights[name] = {str(f): float(w) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True) if abs(w) >= 1e-3}
    return ContextModel(tuple(contexts), bias, weights)


def predict(rows: Sequence[Row], model: ContextModel | None, fallback: Weights | None, threshold: float, k: int) -> list[set[str]]:
    """Each row's contexts: modelled ones by the model, the others by the rules' weights (if any)."""
    out = []
    for r in rows:
        cands = []
        if model is not None:
            z = model.logits(r.shared, r.evidence, fallback)
            cands += [(c, sigmoid(v), threshold) for c, v in z.items()]
        known = set(model.contexts) if model is not None else set()
        if fallback is not None:
            for name, feats in r.evidence.items():
                if name not in known:
                    p = fallback.probability_of(feats)
                    cands.append((name, p, fallback.threshold))
        cands.sort(key=lambda x: (-x[1], x[0]))
        chosen = [c for c, p, need in cands if p >= need][:k]
        if not chosen and cands and fallback is not None and cands[0][1] >= fallback.floor:
            chosen = [cands[0][0]]
        out.append(set(chosen))
    return out


def scores(rows: Sequence[Row], predicted: Sequence[set[str]], top: Sequence[str] = ()) -> dict[str, Any]:
    """Micro-F1 (all rows, matched rows) and the lowest F1 of the ``top`` contexts."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    mt = mf = 0
    for r, p in zip(rows, predicted, strict=True):
        tp.update(r.gold & p)
        fp.update(p - r.gold)
        fn.update(r.gold - p)
        if r.matched:
            mt += 2 * len(r.gold & p)
            mf += len(p ^ r.gold)
    a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
    f1 = {n: 2 * tp[n] / (2 * tp[n] + fp[n] + fn[n]) if tp[n] else 0.0 for n in set(tp) | set(fn) | set(fp)}
    return {
        "micro_f1": round(2 * a / (2 * a + b + c) if a else 0.0, 4),
        "matched_micro_f1": round(mt / (mt + mf) if mt else 0.0, 4),
        "top_min_f1": round(min((f1.get(n, 0.0) for n in top), default=0.0), 4),
        "f1": {n: round(f1.get(n, 0.0), 3) for n in top},
    }


def top_contexts(rows: Sequence[Row], n: int = TOP) -> tuple[str, ...]:
    counts = Counter(c for r in rows if not r.matched for c in r.gold)
    return tuple(c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def common_contexts(rows: Sequence[Row], order: Sequence[str]) -> tuple[str, ...]:
    counts = Counter(c for r in rows if not r.matched for c in r.gold)
    return tuple(c for c in order if counts[c] >= MIN_POSITIVE)


def rule_weights(rows: Sequence[Row], base: Weights) -> Weights:
    """The rules' shared weights refitted on ``rows`` (as ``train.py`` fits them on the whole split)."""
    pairs = [(feats, name in r.gold) for r in rows for name, feats in r.evidence.items()]
    return replace(base, weights=fit_weights(pairs))


FOLDS = 5
WORD_GRID = ("", "s", "st", "spt")  # which word features: none, sentence, + title, + paragraph


def fold_of(article_id: str) -> int:
    """Cross-validation folds by a fixed hash of the article id."""
    return int(hashlib.sha1(("dyad-context-fold-" + article_id).encode()).hexdigest(), 16) % FOLDS


Predictor = Callable[[Sequence[Row], Sequence[Row], Weights], list[set[str]]]


def held_out(rows: Sequence[Row], base: Weights, predictor: Predictor, part: Callable[[Row], int]) -> list[set[str]]:
    """Each row's prediction by a model fitted without its part (the rules' weights refitted too)."""
    out: list[set[str]] = [set() for _ in rows]
    for k in sorted({part(r) for r in rows}):
        idx = [i for i, r in enumerate(rows) if part(r) == k]
        train = [r for r in rows if part(r) != k]
        for i, p in zip(idx, predictor(train, [rows[i] for i in idx], rule_weights(train, base)), strict=True):
            out[i] = p
    return out


def variants(settings: dict[str, Any], extra: Sequence[Row] = ()) -> dict[str, Predictor]:
    """The ways of deciding compared on dev, under the chosen settings (``extra``: the PLV rows)."""
    from dyad.contexts.names import GENERAL_CONTEXTS

    c, t, k, words = settings["c"], settings["threshold"], settings["max_contexts"], settings["words"]
    plv = weighted(extra, settings.get("plv_weight", 0.0))

    def rules(train: Sequence[Row], test: Sequence[Row], fb: Weights) -> list[set[str]]:
        return predict(test, None, fb, fb.threshold, fb.max_contexts)

    def alone(train: Sequence[Row], test: Sequence[Row], fb: Weights) -> list[set[str]]:
        return predict(test, fit_model(train, common_contexts(train, GENERAL_CONTEXTS), c, None, False, "spt"), None, t, k)

    def union(train: Sequence[Row], test: Sequence[Row], fb: Weights) -> list[set[str]]:
        return [a | b for a, b in zip(rules(train, test, fb), alone(train, test, fb), strict=True)]

    def with_evidence(w: str, more: Sequence[Row] = ()) -> Predictor:
        return lambda train, test, fb: predict(test, fit_model([*train, *more], common_contexts(train, GENERAL_CONTEXTS), c, fb, True, w), fb, t, k)

    out = {
        "rules alone (the shared weighing of the cue evidence)": rules,
        "model alone (n-grams of sentence, paragraph, title; type)": alone,
        "union of the two": union,
        "model with the rules' evidence, no words": with_evidence(""),
        f"model with the rules' evidence and words '{words}'{'' if plv else ' (ships)'}": with_evidence(words),
    }
    if plv:
        out[f"the same with the PLV sentences at weight {settings['plv_weight']} (ships)"] = with_evidence(words, plv)
    return out


def weighted(extra: Sequence[Row], weight: float) -> list[Row]:
    """The extra (PLV) rows at ``weight`` in the fit, marked with ``PLV_FEATURE``; none at 0."""
    return [replace(r, weight=weight, shared={**r.shared, PLV_FEATURE: 1.0}) for r in extra] if weight > 0 else []


def choose(rows: Sequence[Row], base: Weights, top: Sequence[str], report: Callable[[str], None], extra: Sequence[Row] = ()) -> dict[str, Any]:
    """The settings with the best cross-validated micro-F1 plus lowest F1 of the 10 most frequent
    contexts (the issue's two targets), over the train split's articles. ``extra`` rows (PLV
    sentences) join every fold's fit at each weight of ``PLV_WEIGHT_GRID``, never its scoring;
    the rules' weights and which contexts get a model come from the VOA rows alone."""
    from dyad.contexts.names import GENERAL_CONTEXTS

    preds: dict[tuple[str, float, float, int, float], list[set[str]]] = {}
    for k in range(FOLDS):
        train = [r for r in rows if fold_of(r.article_id) != k]
        idx = [i for i, r in enumerate(rows) if fold_of(r.article_id) == k]
        test = [rows[i] for i in idx]
        fb = rule_weights(train, base)
        for w in PLV_WEIGHT_GRID if extra else (0.0,):
            for words in WORD_GRID:
                for c in C_GRID:
                    model = fit_model([*train, *weighted(extra, w)], common_contexts(train, GENERAL_CONTEXTS), c, fb, True, words)
                    for t in THRESHOLD_GRID:
                        for m in MAX_GRID:
                            got = preds.setdefault((words, c, t, m, w), [set() for _ in rows])
                            for i, p in zip(idx, predict(test, model, fb, t, m), strict=True):
                                got[i] = p
    ranked = sorted(((scores(rows, p, top), key) for key, p in preds.items()), key=lambda x: (-x[0]["micro_f1"] - x[0]["top_min_f1"], x[1]))
    s, (words, c, t, m, w) = ranked[0]
    report(f"chosen by {FOLDS}-fold cross-validation: words '{words}', C {c}, threshold {t}, max {m}, PLV weight {w} → {s}")
    return {"words": words, "c": c, "threshold": t, "max_contexts": m, "plv_weight": w}


def compare(rows: Sequence[Row], base: Weights, settings: dict[str, Any], top: Sequence[str], report: Callable[[str], None],
            extra: Sequence[Row] = ()) -> dict[str, Any]:  # fmt: skip
    """Micro-F1 of each way of deciding, on the fixed dev part (``scoring.train.is_dev``; its own
    most frequent contexts) and by cross-validation."""
    from dyad.scoring.train import is_dev

    dev = [r for r in rows if is_dev(r.article_id)]
    train = [r for r in rows if not is_dev(r.article_id)]
    out = {}
    for name, predictor in variants(settings, extra).items():
        on_dev = scores(dev, predictor(train, dev, rule_weights(train, base)), top_contexts(dev))
        cv = scores(rows, held_out(rows, base, predictor, lambda r: fold_of(r.article_id)), top)
        out[name] = {"dev": on_dev, "cv": cv}
        report(f"{name:62s} dev {on_dev['micro_f1']:.3f} (lowest top-10 {on_dev['top_min_f1']:.2f}); "
               f"cross-validated {cv['micro_f1']:.3f} (lowest top-10 {cv['top_min_f1']:.2f}, {_lowest(cv)})")
    return out


def _lowest(s: dict[str, Any]) -> str:
    name = min(s["f1"], key=lambda n: (s["f1"][n], n)) if s["f1"] else ""
    return f"{name} {s['f1'].get(name, 0.0):.2f}"


def sorted_rows(tagger: ContextTagger, articles: dict[str, Article], examples: Sequence[Example]) -> list[Row]:
    """``make_rows`` in a fixed order (the fit is the same for the same examples)."""
    return sorted(make_rows(tagger, articles, examples), key=lambda r: (r.article_id, r.matched, sorted(r.shared)))


def train_context_model(rows: Sequence[Row], fallback: Weights, report: Callable[[str], None] = print,
                        with_comparison: bool = False, extra: Sequence[Row] = ()) -> ContextModel:  # fmt: skip
    """Choose the settings by cross-validation on the train split, then fit on all of it
    (and on the ``extra`` PLV rows at the chosen weight)."""
    from dyad.contexts.names import GENERAL_CONTEXTS
    from dyad.contexts.plv import labels_digest
    from dyad.evaluation.voa_gold import default_gold_path

    report(f"{len(rows)} examples from {len({r.article_id for r in rows})} train articles; {len(extra)} PLV sentences")
    top = top_contexts(rows)
    settings = choose(rows, fallback, top, report, extra)
    comparison = compare(rows, fallback, settings, top, report, extra) if with_comparison else {}
    contexts = common_contexts(rows, GENERAL_CONTEXTS)
    plv = weighted(extra, settings["plv_weight"])
    model = fit_model([*rows, *plv], contexts, settings["c"], fallback, True, settings["words"])
    gold_sha = hashlib.sha1(default_gold_path().read_bytes()).hexdigest()[:12]
    meta = {
        "script": "dyad train --contexts",
        "gold": f"voa_dev_gold.jsonl sha1:{gold_sha}, train split only",
        "examples": len(rows),
        "plv": f"{len(plv)} PLV train sentences ({labels_digest()}) at weight {settings['plv_weight']}" if plv else "none",
        "method": f"one L2 logistic regression per context with ≥ {MIN_POSITIVE} gold events (liblinear); "
                  f"word features seen in ≥ {MIN_ARTICLES} articles; settings by {FOLDS}-fold cross-validation by article",
        "settings": settings,
        "comparison": {k: {part: {"micro_f1": v[part]["micro_f1"], "top_min_f1": v[part]["top_min_f1"]} for part in v} for k, v in comparison.items()},
    }
    return ContextModel(model.contexts, model.bias, model.weights, settings["threshold"], settings["max_contexts"], fallback.floor, meta)


def train_contexts(corpus: Path, cache: Path | None = None, report: Callable[[str], None] = print,
                   with_comparison: bool = False, plv: Path | None = None) -> tuple[Weights, ContextModel]:  # fmt: skip
    """The rules' shared weights, then the classifier over them, both fitted on the VOA gold's
    train split (its articles read from ``corpus``); ``cache`` keeps the coded examples. With
    ``plv`` (PLV's train JSONL) the classifier may also learn from its sentences whose contexts
    are annotated (``plv.py``), at the weight cross-validation chooses."""
    from dyad.coding.ontology import load_ontology
    from dyad.contexts.plv import plv_examples
    from dyad.contexts.train import cached_examples, fit_rule_weights

    articles, examples = cached_examples(corpus, cache)
    weights = fit_rule_weights(articles, examples)
    tagger = ContextTagger.from_ontology(load_ontology(), weights=weights)
    extra = sorted_rows(tagger, *plv_examples(plv)) if plv is not None else []
    model = train_context_model(sorted_rows(tagger, articles, examples), weights, report, with_comparison, extra)
    return weights, model


def save_contexts(weights: Weights, model: ContextModel, folder: Path) -> tuple[Path, Path]:
    """``weights.json`` and ``model.json`` in ``folder`` (what ``dyad code --context-model`` reads)."""
    from dyad.contexts.scoring import WEIGHTS_FILE
    from dyad.contexts.train import save_weights

    paths = folder / Path(WEIGHTS_FILE).name, folder / Path(MODEL_FILE).name
    save_weights(weights, paths[0])
    model.save(paths[1])
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    from dyad.contexts.plv import PLV_SENTENCES
    from dyad.evaluation.run import VOA

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder with data/voa")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / Path(MODEL_FILE).parent, help="the folder for weights.json and model.json")
    ap.add_argument("--cache", type=Path, default=None, help="keep the coded examples here between runs (outside the repository)")
    ap.add_argument("--compare", action="store_true", help="print the comparison of the rules, the model and their combinations")
    ap.add_argument("--no-plv", action="store_true", help="train without the annotated PLV sentences (data/plv of the shared folder)")
    args = ap.parse_args(argv)
    plv = None if args.no_plv else args.shared / PLV_SENTENCES
    weights, model = train_contexts(args.shared / VOA, args.cache, with_comparison=args.compare, plv=plv)
    for path in save_contexts(weights, model, args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
