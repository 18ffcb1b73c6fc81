"""Weighing the evidence: a linear score per (event, context), and how its weights are fitted.

Every context with any evidence for an event gets

    p = sigmoid(Σ weight[f] · feature[f])          (features: rules.FEATURES)

and the event carries the contexts with ``p ≥ threshold``, at most
``max_contexts`` of them, most probable first. The weights are the same for
every context, so a context the training data rarely shows (``crime`` has 13
train events) is weighed like a common one: by where its cues are.

Two sets of weights exist. ``contexts.yaml`` holds hand-set ones (the rules
alone); ``data/weights.json`` holds weights fitted by logistic regression
on the VOA gold's train split (``python -m dyad.contexts.train``), which the
stage uses when the file is there. Both are plain numbers a user can read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.contexts.rules import FEATURES, Evidence
from dyad.errors import ConfigError

WEIGHTS_FILE = "data/weights.json"


@dataclass(frozen=True, slots=True)
class Weights:
    """Feature weights, the probability a context needs, and how many an event may carry."""

    weights: Mapping[str, float]
    threshold: float = 0.5
    max_contexts: int = 3
    # An event with no context over the threshold still gets its most probable
    # one if it reaches this (the gold gives nearly every event a context).
    floor: float = 1.0
    recipe: Mapping[str, Any] = field(default_factory=dict)  # how fitted weights were made

    def probability(self, ev: Evidence) -> float:
        return self.probability_of(ev.features)

    def probability_of(self, features: Mapping[str, float]) -> float:
        z = self.logit_of(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def logit_of(self, features: Mapping[str, float]) -> float:
        weights, z = self.weights, 0.0
        for f, v in features.items():  # a plain loop: this runs for every (event, context) pair
            z += weights.get(f, 0.0) * v
        return z

    def choose(self, evidence: Sequence[Evidence]) -> list[tuple[Evidence, float]]:
        """The evidence that passes, most probable first, at most ``max_contexts``."""
        scored = sorted(((ev, self.probability(ev)) for ev in evidence), key=lambda x: (-x[1], x[0].name))
        chosen = [(ev, p) for ev, p in scored if p >= self.threshold][: self.max_contexts]
        if not chosen and scored and scored[0][1] >= self.floor:
            chosen = scored[:1]
        return chosen

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": {f: round(self.weights.get(f, 0.0), 4) for f in FEATURES},
            "threshold": self.threshold,
            "max_contexts": self.max_contexts,
            "floor": self.floor,
            "recipe": dict(self.recipe),
        }


def parse_weights(raw: Any, origin: str) -> Weights:
    """Weights from a mapping ``{weights: {feature: w}, threshold, max_contexts}``."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("weights"), Mapping):
        raise ConfigError(f"{origin}: context weights need a 'weights' mapping of feature → number")
    unknown = set(raw["weights"]) - set(FEATURES) - {"__line__", "__keys__"}
    if unknown:
        raise ConfigError(f"{origin}: unknown context feature(s) {', '.join(sorted(unknown))}; known: {', '.join(FEATURES)}")
    try:
        weights = {str(k): float(v) for k, v in raw["weights"].items() if k not in ("__line__", "__keys__")}
        threshold = float(raw.get("threshold", 0.5))
        max_contexts = int(raw.get("max_contexts", 3))
        floor = float(raw.get("floor", 1.0))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: context weights must be numbers ({exc})") from exc
    if not 0.0 < threshold < 1.0 or max_contexts < 1:
        raise ConfigError(f"{origin}: threshold must be in (0, 1) and max_contexts ≥ 1")
    return Weights(weights, threshold, max_contexts, floor, dict(raw.get("recipe") or {}))


def read_context_json(name: str, path: Path | None = None) -> tuple[Any, str] | None:
    """(the JSON, where it came from) of the packaged file ``name``, or of ``path``;
    None when the package has no such file (a user's ``path`` must exist)."""
    if path is None:
        res = resources.files("dyad.contexts").joinpath(name)
        if not res.is_file():
            return None
        text, origin = res.read_text(encoding="utf-8"), name
    else:
        text, origin = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        return json.loads(text), origin
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{origin}:{exc.lineno}: not valid JSON ({exc.msg})") from exc


def load_fitted_weights(path: Path | None = None) -> Weights | None:
    """The shipped fitted weights (or those at ``path``); None when there are none."""
    found = read_context_json(WEIGHTS_FILE, path)
    return None if found is None else parse_weights(*found)


def fit_weights(
    rows: Sequence[tuple[Mapping[str, float], bool]], l2: float = 1.0, iterations: int = 50, features: Sequence[str] = FEATURES
) -> dict[str, float]:
    """Logistic regression by Newton's method (deterministic: no random start,
    no sampling), L2-penalised except the bias."""
    import numpy as np

    names = list(features)
    x = np.array([[r.get(f, 0.0) for f in names] for r, _ in rows], dtype=float)
    y = np.array([1.0 if label else 0.0 for _, label in rows])
    w = np.zeros(len(names))
    penalty = np.full(len(names), l2)
    penalty[names.index("bias")] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return {f: float(v) for f, v in zip(names, w, strict=True)}
