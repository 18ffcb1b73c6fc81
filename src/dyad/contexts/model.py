"""A learned word model of contexts: TF-IDF over the event's sentence and paragraph,
one-vs-rest logistic regression, trained on the VOA gold's train split only.

It is measured against the rules in ``evaluation/contexts.py`` and
``docs/model.md``; the stage uses it only when ``data/word_model.json`` is
shipped (``python -m dyad.contexts.train --word-model``). Training is plain
numpy/scipy and deterministic: L-BFGS from zero weights on the whole set, the
vocabulary sorted, the file's numbers rounded.

Inference needs no numpy: a dict of word → idf and, per context, the words
whose weight survived pruning.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.contexts.lexicon import GENERAL_CONTEXTS
from dyad.errors import ConfigError

WORD_MODEL_FILE = "data/word_model.json"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Function words carry no context; leaving them out keeps the shipped file small.
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

    def to_json(self) -> dict[str, Any]:
        return {
            "recipe": dict(self.recipe),
            "idf": {w: round(v, 3) for w, v in sorted(self.idf.items())},
            "bias": {k: round(v, 3) for k, v in sorted(self.bias.items())},
            "weights": {k: {w: round(v, 3) for w, v in sorted(t.items())} for k, t in sorted(self.weights.items())},
        }


def parse_word_model(raw: Any, origin: str) -> WordModel:
    try:
        weights = {str(k): {str(w): float(v) for w, v in t.items()} for k, t in raw["weights"].items()}
        unknown = set(weights) - set(GENERAL_CONTEXTS)
        if unknown:
            raise ValueError(f"not general contexts: {', '.join(sorted(unknown))}")
        return WordModel(
            {str(w): float(v) for w, v in raw["idf"].items()},
            {str(k): float(v) for k, v in raw["bias"].items()},
            weights,
            dict(raw.get("recipe") or {}),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{origin}: not a context word model ({exc})") from exc


def load_word_model(path: Path | None = None) -> WordModel | None:
    """The shipped word model (or the one at ``path``); None when none is shipped."""
    if path is None:
        res = resources.files("dyad.contexts").joinpath(WORD_MODEL_FILE)
        if not res.is_file():
            return None
        text, origin = res.read_text(encoding="utf-8"), WORD_MODEL_FILE
    else:
        text, origin = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        return parse_word_model(json.loads(text), origin)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{origin}:{exc.lineno}: not valid JSON ({exc.msg})") from exc


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
