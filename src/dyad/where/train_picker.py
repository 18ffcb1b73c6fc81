"""Train the event-place picker (``dyad.where.picker``) and write ``data/picker.json``.

    python -m dyad.where.train_picker [--data PATH] [--cache DIR] [--out PATH]

Reads ``shared/data/event_location``, keeps the train and dev records of the one
split (``dyad/evaluation/data/place_split.yaml``; test is never read here),
parses them as the place evaluation does, builds each record's candidates with
``locate.sentence_candidates`` and their features with ``picker.candidate_features``,
fits a conditional logit over each record's candidates and a "none" option
(``picker.none_features``) on train (L2, SciPy's L-BFGS from zero weights, sorted
inputs: deterministic), and picks the regularisation and the "none" margin on dev:
the best dev accuracy whose accuracy where gold names a place stays at least
``LOCATED_MIN``. The model file holds the weights as JSON, so the package reads it
without scikit-learn or SciPy.
``--cache`` keeps the parses (spaCy DocBin) so a rerun does not parse again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from dyad.evaluation.place import (
    DEFAULT_PATH,
    PlaceRecord,
    _verb_sentence,
    find_verb_token,
    gold_names,
    normalise_span,
    read_place_records,
)
from dyad.nlp import load_model
from dyad.nlp.entities import parse_with_entities_in
from dyad.where.geocoder import Geocoder
from dyad.where.locate import sentence_candidates
from dyad.where.picker import MODEL_PATH, candidate_features, may_choose, none_features
from dyad.where.rules import load_place_rules

C_GRID = (0.3, 1.0, 3.0, 10.0)
MARGINS = tuple(round(-3.0 + 0.1 * i, 1) for i in range(41))  # best candidate's score minus "none"'s
LOCATED_MIN = 0.81  # the issue gates 0.80 where gold names a place: keep a little above it on dev


@dataclass(frozen=True, slots=True)
class Example:
    """One record's candidates: features, which are gold, and the rules' choice."""

    id: str
    located: bool  # gold names a place
    features: tuple[dict[str, float], ...]
    gold: tuple[bool, ...]
    rule: int | None  # index of the rules' choice
    eligible: tuple[bool, ...] = ()  # may be chosen (picker.may_choose)
    none: dict[str, float] | None = None  # features of the "none" option (picker.none_features)
    speech: bool = False  # the trigger is a speech verb


def parse_records(records: Sequence[PlaceRecord], cache: Path | None, data: Path) -> list[Doc]:
    """The parsed sentences, from the cache when it holds this data and model."""
    nlp = load_model()
    key = hashlib.sha256(data.read_bytes()).hexdigest()[:12] + "-" + nlp.meta.get("name", "") + nlp.meta.get("version", "")
    key += "-" + hashlib.sha256("\n".join(r.id + r.text for r in records).encode()).hexdigest()[:12]
    path = None if cache is None else cache / f"parses-{key}.spacy"
    if path is not None and path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = [doc for doc, _ in parse_with_entities_in(nlp, ((r.text, r) for r in records), _verb_sentence, 256)]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def build_examples(records: Sequence[PlaceRecord], docs: Sequence[Doc], geocoder: Geocoder) -> list[Example]:
    rules = load_place_rules()
    out = []
    for rec, doc in zip(records, docs, strict=True):
        idx = find_verb_token(doc, rec.verb)
        if idx is None:
            out.append(Example(rec.id, bool(rec.gold), (), (), None))
            continue
        trigger = doc[idx]
        speech = trigger.lemma_.lower() in rules.speech_verbs
        cands, _ = sentence_candidates(doc, trigger, set(), geocoder, speech, rules)
        gold = gold_names(rec)
        grains = [c.grain for c in cands if may_choose(c, speech)]
        feats = tuple(candidate_features(doc, trigger, c, i, len(cands), speech, grains) for i, c in enumerate(cands))
        marks = tuple(normalise_span(doc[c.span.start : c.span.end].text) in gold for c in cands)
        rule = next((i for i, c in enumerate(cands) if c.rule_choice), None)
        out.append(Example(rec.id, bool(rec.gold), feats, marks, rule, tuple(may_choose(c, speech) for c in cands),
                           none_features(doc, trigger, cands), speech))
    return out


def accuracy(examples: Sequence[Example], choices: Sequence[int | None]) -> tuple[float, float]:
    """(accuracy, accuracy where gold names a place) of one choice per example (None: no place)."""
    right = right_located = located = 0
    for ex, choice in zip(examples, choices, strict=True):
        ok = (choice is None) if not ex.located else (choice is not None and ex.gold[choice])
        right += ok
        if ex.located:
            located += 1
            right_located += ok
    return right / max(1, len(examples)), right_located / max(1, located)


def choose(examples: Sequence[Example], scores: Sequence[Sequence[float]], margin: float) -> list[int | None]:
    """The best eligible candidate of each example if its score beats "none"'s (the last score) by
    ``margin``, as ``picker.Scores.best``."""
    out: list[int | None] = []
    for ex, s in zip(examples, scores, strict=True):
        ok = [i for i in range(len(ex.features)) if ex.eligible[i]]
        best = max(ok, key=lambda i: (s[i], -i), default=None)
        out.append(best if best is not None and s[best] - s[-1] >= margin else None)
    return out


@dataclass(frozen=True, slots=True)
class _Groups:
    """The training examples as one sparse matrix of options (each record's candidates, then "none")."""

    x: Any  # scipy.sparse CSR, one row per option
    starts: Any  # first row of each record
    group: Any  # record index of each row
    allowed: Any  # the option may be chosen (eligible candidates and "none")
    target: Any  # the gold distribution over a record's options (0 for records that teach nothing)
    used: Any  # the row belongs to a record with a target


def _groups(examples: Sequence[Example], vec: Any) -> _Groups:
    import numpy as np

    rows: list[dict[str, float]] = []
    allowed: list[bool] = []
    target: list[float] = []
    used: list[bool] = []
    sizes = []
    for ex in examples:
        n_gold = sum(1 for g, e in zip(ex.gold, ex.eligible, strict=True) if g and e)
        # a record whose gold is not among its (eligible) candidates teaches nothing here
        teaches = n_gold > 0 or not ex.located
        rows.extend([*ex.features, ex.none or {}])
        allowed.extend([*ex.eligible, True])
        target.extend([(1.0 / n_gold if g and e else 0.0) if n_gold else 0.0 for g, e in zip(ex.gold, ex.eligible, strict=True)])
        target.append(0.0 if ex.located else 1.0)
        used.extend([teaches] * (len(ex.features) + 1))
        sizes.append(len(ex.features) + 1)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return _Groups(vec.transform(rows).tocsr(), starts, np.repeat(np.arange(len(sizes)), sizes), np.array(allowed),
                   np.array(target), np.array(used))


def _fit(g: _Groups, c: float) -> Any:
    """Weights minimising the negative log-likelihood of the gold option plus ||w||^2 / 2C."""
    import numpy as np
    from scipy.optimize import minimize  # type: ignore[import-untyped]

    def loss(w: Any) -> tuple[float, Any]:
        s = np.where(g.allowed, g.x @ w, -1e9)
        top = np.maximum.reduceat(s, g.starts)[g.group]
        e = np.exp(s - top)
        z = np.add.reduceat(e, g.starts)[g.group]
        logp = s - top - np.log(z)
        nll = -float(np.sum(np.where(g.target > 0, g.target * logp, 0.0)))
        grad = g.x.T @ np.where(g.used, e / z - g.target, 0.0) + w / c
        return nll + 0.5 * float(w @ w) / c, grad

    return minimize(loss, np.zeros(g.x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x


def _scores(examples: Sequence[Example], vec: Any, w: Any) -> list[list[float]]:
    return [[float(v) for v in vec.transform([*ex.features, ex.none or {}]) @ w] if ex.features else [0.0] for ex in examples]


def train(train_ex: Sequence[Example], dev_ex: Sequence[Example]) -> tuple[dict[str, object], str]:
    from sklearn.feature_extraction import DictVectorizer

    # The data's speech-verb records (~100, "said" 29 times) are verbs the keyword match took for the
    # event, nearly all without a place: fitted, they teach that a statement "in Kabul" has none.
    train_ex = [ex for ex in train_ex if not ex.speech]
    vec = DictVectorizer(sort=True)
    vec.fit([f for ex in train_ex for f in (*ex.features, ex.none or {})])
    groups = _groups(train_ex, vec)
    results = []  # (feasible, accuracy, with-location accuracy, C, margin, weights)
    report = []
    for c in C_GRID:
        w = _fit(groups, c)
        scores = _scores(dev_ex, vec, w)
        for m in MARGINS:
            acc, acc_loc = accuracy(dev_ex, choose(dev_ex, scores, m))
            results.append((acc_loc >= LOCATED_MIN, acc, acc_loc, c, m, w))
        best_c = max((r for r in results if r[3] == c), key=lambda r: r[:3])
        report.append(f"C={c}: best dev accuracy {best_c[1]:.3f} with-location {best_c[2]:.3f} (margin {best_c[4]})")
    _, acc, acc_loc, c, margin, w = max(results, key=lambda r: r[:3])
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(v), 5) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-5}
    rules_acc = accuracy(dev_ex, [ex.rule for ex in dev_ex])
    reach = sum(1 for ex in dev_ex if ex.located and any(ex.gold)) / max(1, sum(ex.located for ex in dev_ex))
    n_rows = sum(len(ex.features) for ex in train_ex)
    summary = (
        f"train: {len(train_ex)} records, {n_rows} candidates; dev: {len(dev_ex)} records\n"
        f"dev rules (same candidates): accuracy={rules_acc[0]:.3f} with-location={rules_acc[1]:.3f}\n"
        f"dev picker: accuracy={acc:.3f} with-location={acc_loc:.3f} (C={c}, margin={margin})\n"
        f"dev gold among the candidates (with-location ceiling): {reach:.3f}\n" + "\n".join(report)
    )
    out = {
        "version": "picker-2",
        "model": f"conditional logit over the candidates and 'none' (L2, C={c}), SciPy L-BFGS",
        "trained_on": "event_location train split (dyad/evaluation/data/place_split.yaml)",
        "dev_accuracy": round(acc, 4),
        "dev_located_accuracy": round(acc_loc, 4),
        "threshold": margin,
        "weights": dict(sorted(weights.items())),
    }
    return out, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep parses in between runs")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    geocoder = Geocoder()
    examples = {}
    for split in ("train", "dev"):
        records = sorted(read_place_records(args.data, split=split), key=lambda r: (r.id, r.text))
        docs = parse_records(records, args.cache, args.data)
        examples[split] = build_examples(records, docs, geocoder)
    model, summary = train(examples["train"], examples["dev"])
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(summary)
    print(f"wrote {args.out} ({len(model['weights'])} weights)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
