"""The learned context classifier: one logistic regression per common context.

Each common context (enough train events, see ``train_model.py``) has its own
linear model over

* the words of the event's sentence (``s:`` word 1-2 grams), of its paragraph
  (``p:``) and of the article's title (``t:``);
* the event's type (``type:ASSAULT``; not its CAMEO root: it repeated the type and its crosswalk
  context is rule evidence, ``ev:cameo``; without it cross-validation was the same);
* the rules' evidence for *that* context (``ev:sentence``, ``ev:article_topic``,
  ``ev:sector`` …: ``rules.FEATURES``), so the cue words of ``contexts.yaml``
  stay the model's strongest signal and a user's added cues still count.

    p(c) = sigmoid(bias_c + Σ weight_c[f] · value[f])

Contexts the model does not know (too rare in the gold to learn) keep the
rules' weighing (``scoring.Weights``). The file is JSON (``data/model.json``):
plain weights a user can read, loaded without scikit-learn (a training-time
dependency only), scored by dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from dyad.errors import ConfigError

if TYPE_CHECKING:
    from dyad.contexts.scoring import Weights

MODEL_FILE = "data/model.json"
FORMAT = 1
# Words: letters (and inner hyphens or apostrophes); digits carry no policy area.
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def grams(text: str) -> set[str]:
    """Word 1-2 grams, lower-cased."""
    ws = words(text)
    return {*ws, *(f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False))}


def shared_features(sentence: Iterable[str], paragraph: Iterable[str], title: Iterable[str], event_type: str) -> dict[str, float]:
    """The features every context's model reads for one event (not its rule evidence), from
    the word 1-2 grams (``grams``) of its sentence, paragraph and the article's title."""
    out = {f"s:{g}": 1.0 for g in sentence}
    out.update((f"p:{g}", 1.0) for g in paragraph)
    out.update((f"t:{g}", 1.0) for g in title)
    out[f"type:{event_type}"] = 1.0
    return out


NO_EVIDENCE: Mapping[str, float] = {"bias": 1.0}


def evidence_features(features: Mapping[str, float], rules: Weights | None) -> dict[str, float]:
    """The rules' evidence for one context as model features (``bias`` is the model's own), and
    the rules' own score of it (``rule``: the logit of their shared weighing), from which the
    model learns how far to trust the rules for this context."""
    out = {f"ev:{f}": v for f, v in features.items() if f != "bias"}
    if rules is not None:
        out["rule"] = rules.logit_of(features)
    return out


@dataclass(frozen=True)
class ContextModel:
    """Per-context weights, and how its probabilities become an event's contexts."""

    contexts: tuple[str, ...]  # the contexts with a model, in the manual's order
    bias: Mapping[str, float]
    weights: Mapping[str, Mapping[str, float]]  # context → feature → weight
    threshold: float = 0.5
    max_contexts: int = 3
    floor: float = 1.0  # an event with none over the threshold keeps its best one if it reaches this
    meta: Mapping[str, Any] = field(default_factory=dict)  # data, recipe, dev metrics

    @property
    def by_feature(self) -> dict[str, int]:
        """feature → its row of ``matrix``: one look-up per feature of an event."""
        return self._tables()[0]

    @property
    def matrix(self) -> np.ndarray:
        """The weights of the shared features (rows) for each context (columns, ``contexts``' order)."""
        return self._tables()[1]

    def _tables(self) -> tuple[dict[str, int], np.ndarray]:
        cached = self.__dict__.get("_tables_cache")
        if cached is None:
            names = sorted({f for c in self.contexts for f in self.weights[c] if not f.startswith(("ev:", "rule"))})
            rows = {f: i for i, f in enumerate(names)}
            matrix = np.zeros((len(names), len(self.contexts)))
            for j, c in enumerate(self.contexts):
                for f, w in self.weights[c].items():
                    if f in rows:
                        matrix[rows[f], j] = w
            cached = (rows, matrix)
            object.__setattr__(self, "_tables_cache", cached)  # frozen, but a pure cache
        return cached

    @property
    def word_kinds(self) -> frozenset[str]:
        """Which word features the weights use (``s``, ``p``, ``t``): the others need not be computed."""
        cached = self.__dict__.get("_word_kinds")
        if cached is None:
            cached = frozenset(f[0] for f in self.by_feature if f[1:2] == ":" and f[0] in "spt")
            object.__setattr__(self, "_word_kinds", cached)
        return cached

    def logits(self, shared: Mapping[str, float], evidence: Mapping[str, Mapping[str, float]], rules: Weights | None) -> dict[str, float]:
        """Each modelled context's score: ``evidence`` maps a context to its rule features,
        ``rules`` is the rules' shared weighing (the ``rule`` feature)."""
        rows, matrix = self._tables()
        found = [(rows[f], v) for f, v in shared.items() if f in rows]
        # One vectorised sum over the event's features (a Python loop here was most of the stage's time).
        summed = matrix[[i for i, _ in found]].T @ np.array([v for _, v in found]) if found else np.zeros(len(self.contexts))
        z = {c: self.bias[c] + float(summed[j]) for j, c in enumerate(self.contexts)}
        # Without evidence the rules' logit is their bias alone.
        nothing = rules.logit_of(NO_EVIDENCE) if rules is not None else 0.0
        for c in self.contexts:
            ws = self.weights[c]
            feats = evidence.get(c)
            if feats is None:
                z[c] += ws.get("rule", 0.0) * nothing
                continue
            for f, v in evidence_features(feats, rules).items():
                z[c] += ws.get(f, 0.0) * v
        return z

    def top_features(self, context: str, shared: Mapping[str, float], evidence: Mapping[str, float], rules: Weights | None,
                     k: int = 3) -> list[tuple[str, float]]:  # fmt: skip
        """The features that pushed ``context`` most for one event (value × weight)."""
        ws = self.weights.get(context, {})
        parts = [(f, ws.get(f, 0.0) * v) for f, v in shared.items()]
        parts += [(f, ws.get(f, 0.0) * v) for f, v in evidence_features(evidence, rules).items()]
        parts = [p for p in parts if p[1] > 0]
        parts.sort(key=lambda p: (-p[1], p[0]))
        return parts[:k]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "max_contexts": self.max_contexts,
            "floor": self.floor,
            "meta": dict(self.meta),
            "contexts": {
                c: {"bias": round(self.bias[c], 4), "weights": {f: round(w, 4) for f, w in sorted(self.weights[c].items())}} for c in self.contexts
            },
        }

    def save(self, path: Path) -> None:
        """The same model always gives the same bytes (``make model`` is reproducible)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def parse_model(raw: Any, origin: str, known: Iterable[str]) -> ContextModel:
    names = set(known)
    if not isinstance(raw, Mapping) or raw.get("format") != FORMAT or not isinstance(raw.get("contexts"), Mapping):
        raise ConfigError(f"{origin}: not a dyad context model of format {FORMAT}")
    unknown = set(raw["contexts"]) - names
    if unknown:
        raise ConfigError(f"{origin}: unknown context(s) {', '.join(sorted(unknown))}")
    try:
        contexts = tuple(c for c in known if c in raw["contexts"])
        bias = {c: float(raw["contexts"][c]["bias"]) for c in contexts}
        weights = {c: {str(f): float(w) for f, w in raw["contexts"][c]["weights"].items()} for c in contexts}
        return ContextModel(contexts, bias, weights, float(raw["threshold"]), int(raw["max_contexts"]), float(raw["floor"]), dict(raw.get("meta") or {}))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{origin}: malformed context model ({exc})") from exc


def load_context_model(path: Path | None = None, known: Sequence[str] = ()) -> ContextModel | None:
    """The shipped model (or the one at ``path``); None when there is none."""
    from dyad.contexts.names import GENERAL_CONTEXTS
    from dyad.contexts.scoring import read_context_json  # here: scoring -> rules -> model (grams)

    found = read_context_json(MODEL_FILE, path)
    return None if found is None else parse_model(*found, known or GENERAL_CONTEXTS)
