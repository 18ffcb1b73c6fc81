"""Rules against a learned word model for PLOVER contexts, cross-validated on the VOA train split.

    .venv/bin/python bench/contexts_learned.py [--shared ../shared]

Five folds by article over the VOA gold's train split only (the test split is
never read). Compared, each on the same held-out events (the gold events at
their positions and the pipeline's events matched to gold):

* rules, hand weights: ``contexts.yaml``'s weighing of the evidence;
* rules, fitted weights: the same evidence, weights fitted on the other folds
  (what ``python -m dyad.contexts.train`` ships);
* words: TF-IDF over the event's sentence and paragraph (unigrams and bigrams),
  one-vs-rest logistic regression (L-BFGS, scipy), threshold 0.3, at most 3;
* stacked: the fitted rules with the word model's probability as one more
  feature (fitted on inner out-of-fold probabilities).

Prints micro-F1, precision and recall of each. Slow (the word model is trained
25 times); only the comparison within one run means anything.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

from dyad.contexts.lexicon import GENERAL_CONTEXTS  # noqa: E402 - after REPO, as in the other bench scripts

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Function words carry no context.
STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its this that these those "
    "he she they his her their them we our you your i me my not no said says say also has have had will would could should "
    "may might can do does did than then there here which who whom whose what when where why how all any some more most "
    "other into over after before about after against between during under up down out off again further once".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens without function words, plus their bigrams."""
    toks = [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]
    toks = [t for t in toks if t not in STOP and len(t) > 1]
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


@dataclass(frozen=True)
class WordModel:
    """idf per word, and per context a bias and the weights of its words."""

    idf: Mapping[str, float]
    bias: Mapping[str, float]
    weights: Mapping[str, Mapping[str, float]]  # context → word → weight
    recipe: Mapping[str, Any]

    def vector(self, text: str) -> dict[str, float]:
        """L2-normalised TF-IDF of the text's known words."""
        counts = Counter(w for w in words(text) if w in self.idf)
        vec = {w: (1.0 + math.log(n)) * self.idf[w] for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def probabilities(self, text: str) -> dict[str, tuple[float, str | None]]:
        """Per context: its probability and the word that spoke most for it."""
        vec = self.vector(text)
        out: dict[str, tuple[float, str | None]] = {}
        for name, table in self.weights.items():
            contrib = {w: v * table[w] for w, v in vec.items() if w in table}
            z = self.bias.get(name, 0.0) + sum(contrib.values())
            top = max(contrib, key=lambda w: contrib[w]) if contrib else None
            out[name] = (1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), top if top and contrib[top] > 0 else None)
        return out




def train_word_model(
    texts: Sequence[str],
    labels: Sequence[frozenset[str]],
    min_df: int = 2,
    l2: float = 1.0,
    keep: int = 300,
) -> WordModel:
    """Fit TF-IDF + one-vs-rest logistic regression (L-BFGS from zero weights,
    L2 penalty ``l2`` on the summed loss); keep each context's ``keep`` largest
    weights so the shipped file stays small. Needs scipy (a training-time
    dependency; dyad's datasketch dependency brings it)."""
    import numpy as np
    from scipy import sparse
    from scipy.optimize import minimize

    docs = [words(t) for t in texts]
    df = Counter(w for d in docs for w in set(d))
    vocab = sorted(w for w, n in df.items() if n >= min_df)
    index = {w: i for i, w in enumerate(vocab)}
    n = len(docs)
    idf = {w: math.log((1 + n) / (1 + df[w])) + 1.0 for w in vocab}
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        counts = Counter(t for t in d if t in index)
        norm = math.sqrt(sum(((1.0 + math.log(c)) * idf[w]) ** 2 for w, c in counts.items())) or 1.0
        for w, c in sorted(counts.items()):
            rows.append(r)
            cols.append(index[w])
            vals.append((1.0 + math.log(c)) * idf[w] / norm)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    names = [c for c in GENERAL_CONTEXTS if any(c in ls for ls in labels)]
    y = np.array([[1.0 if c in ls else 0.0 for c in names] for ls in labels])
    shape = (len(vocab) + 1, len(names))  # the last row is the bias

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(shape)
        z = x @ w[:-1] + w[-1]
        # log(1 + e^z) - y z, stable for large |z|
        value = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.sum(w[:-1] ** 2))
        g = 1.0 / (1.0 + np.exp(-z)) - y
        grad = np.vstack([x.T @ g + l2 * w[:-1], g.sum(axis=0)])
        return value, grad.ravel()

    result = minimize(loss, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = result.x.reshape(shape)
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        order = np.argsort(-np.abs(w[:-1, j]), kind="stable")[:keep]
        weights[name] = {vocab[i]: float(w[i, j]) for i in sorted(order) if abs(w[i, j]) >= 1e-3}
    used = {t for table in weights.values() for t in table}
    recipe = {"rows": n, "vocabulary": len(vocab), "min_df": min_df, "l2": l2, "keep": keep, "optimiser": "L-BFGS-B"}
    return WordModel({t: idf[t] for t in used}, {name: float(w[-1, j]) for j, name in enumerate(names)}, weights, recipe)


def main(argv: list[str] | None = None) -> int:
    from dyad.coding.ontology import load_ontology
    from dyad.contexts.rules import Evidence, paragraph_text_span
    from dyad.contexts.scoring import Weights, fit_weights
    from dyad.contexts.tagger import ContextTagger, hand_weights
    from dyad.contexts.train import load_examples, rows_of

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args(argv)
    if not (args.shared / "data" / "voa").is_dir():
        print(f"no VOA corpus under {args.shared}", file=sys.stderr)
        return 1
    tagger = ContextTagger.from_ontology(load_ontology(), fitted=False)
    articles, examples = load_examples(args.shared)
    read = {a: tagger.read(art.text, art.title) for a, art in articles.items()}

    def text_of(ex: Any) -> str:
        start, end = paragraph_text_span(ex.event, read[ex.article_id], tagger.lexicon)
        return articles[ex.article_id].text[start:end]

    def fold_of(a: str, salt: str = "", k: int = 5) -> int:
        return int(hashlib.sha1((salt + a).encode()).hexdigest(), 16) % k

    def train_words(exs: Sequence[Any]) -> WordModel:
        return train_word_model([text_of(e) for e in exs], [e.gold for e in exs])

    with_model = [*rows_feature_names(), "model"]
    counts = {name: [0, 0, 0] for name in ("rules, hand weights", "rules, fitted weights", "words", "stacked")}

    def add(name: str, gold: frozenset[str], got: set[str]) -> None:
        c = counts[name]
        c[0], c[1], c[2] = c[0] + len(gold & got), c[1] + len(got - gold), c[2] + len(gold - got)

    hand = replace(tagger, weights=hand_weights(tagger.lexicon))
    for f in range(5):
        train = [e for e in examples if fold_of(e.article_id) != f]
        test = [e for e in examples if fold_of(e.article_id) == f]
        fitted = Weights(fit_weights(rows_of(tagger, articles, train)), 0.3, 3, 0.1)
        words = train_words(train)
        # inner out-of-fold word probabilities for the stacked fit
        inner: dict[int, WordModel] = {}
        for k in range(4):
            inner[k] = train_words([e for e in train if fold_of(e.article_id, "inner", 4) != k])
        stack_rows = []
        for e in train:
            probs = inner[fold_of(e.article_id, "inner", 4)].probabilities(text_of(e))
            for ev in tagger.evidence(e.event, read[e.article_id]):
                stack_rows.append(({**ev.features, "model": probs.get(ev.name, (0.0, None))[0]}, ev.name in e.gold))
        stacked = Weights(fit_weights(stack_rows, features=with_model), 0.3, 3, 0.1)
        for e in test:
            art = read[e.article_id]
            add("rules, hand weights", e.gold, {t.name for t in hand.tags_for(e.event, art)})
            evidence = tagger.evidence(e.event, art)
            add("rules, fitted weights", e.gold, {ev.name for ev, _ in fitted.choose(evidence)})
            probs = words.probabilities(text_of(e))
            ranked = sorted((c for c in probs if probs[c][0] >= 0.3), key=lambda c: -probs[c][0])[:3]
            add("words", e.gold, set(ranked))
            both = [Evidence(ev.name, {**ev.features, "model": probs.get(ev.name, (0.0, None))[0]}, ev.tag) for ev in evidence]
            add("stacked", e.gold, {ev.name for ev, _ in stacked.choose(both)})
        print(f"fold {f + 1}/5 done", file=sys.stderr)
    print(f"{len(examples)} train-split examples (gold positions and matched pipeline events), 5 folds by article")
    for name, (tp, fp, fn) in counts.items():
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        print(f"  {name:<22} micro-F1 {2 * tp / max(1, 2 * tp + fp + fn):.3f}  precision {p:.3f}  recall {r:.3f}")
    return 0


def rows_feature_names() -> list[str]:
    from dyad.contexts.rules import FEATURES

    return list(FEATURES)


if __name__ == "__main__":
    raise SystemExit(main())
