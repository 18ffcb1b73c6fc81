"""Train the event-place picker (``dyad.where.picker``) and write ``data/picker.json``.

    python -m dyad.where.train_picker [--data PATH] [--cache DIR] [--out PATH]

Reads ``shared/data/event_location``, keeps the train and dev records of the one
split (``dyad/evaluation/data/place_split.yaml``; test is never read here),
parses them as the place evaluation does, builds each record's candidates with
``locate.sentence_candidates`` and their features with ``picker.candidate_features``,
fits a logistic regression (scikit-learn, fixed seed, sorted inputs) on train,
and picks the regularisation and the "none" threshold by dev accuracy plus dev accuracy where gold names a place. The model
file holds the weights as JSON, so the package reads it without scikit-learn.
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

from dyad.evaluation.place import DEFAULT_PATH, PlaceRecord, _verb_sentence, find_verb_token, normalise_span, read_place_records
from dyad.nlp import load_model
from dyad.nlp.entities import parse_with_entities_in
from dyad.where.geocoder import Geocoder
from dyad.where.locate import sentence_candidates
from dyad.where.picker import MODEL_PATH, candidate_features, may_be_place
from dyad.where.rules import load_place_rules

C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 19))
UNRANKED = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never a place the rules do not rank
SEED = 0


@dataclass(frozen=True, slots=True)
class Example:
    """One record's candidates: features, which are gold, and the rules' choice."""

    id: str
    located: bool  # gold names a place
    features: tuple[dict[str, float], ...]
    gold: tuple[bool, ...]
    rule: int | None  # index of the rules' choice
    eligible: tuple[bool, ...] = ()  # may be chosen (picker.may_be_place)
    ranked: tuple[bool, ...] = ()  # the rules rank it as a setting (has a tier)


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
        gold = {normalise_span(g) for g in rec.gold}
        feats = tuple(candidate_features(doc, trigger, c, i, len(cands), speech) for i, c in enumerate(cands))
        marks = tuple(normalise_span(doc[c.span.start : c.span.end].text) in gold for c in cands)
        rule = next((i for i, c in enumerate(cands) if c.rule_choice), None)
        out.append(Example(rec.id, bool(rec.gold), feats, marks, rule, tuple(may_be_place(c) for c in cands),
                           tuple(c.tier is not None for c in cands)))
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


def choose(
    examples: Sequence[Example], probs: Sequence[Sequence[float]], threshold: float, unranked: float
) -> list[int | None]:
    """The best eligible candidate of each example if it reaches ``threshold`` (as ``locate_event``);
    one the rules do not rank as a setting must reach ``unranked``."""
    out: list[int | None] = []
    for ex, p in zip(examples, probs, strict=True):
        ok = [i for i in range(len(p)) if ex.eligible[i] and (ex.ranked[i] or p[i] >= unranked)]
        if not ok:
            out.append(None)
            continue
        best = max(ok, key=lambda i: (p[i], -i))
        out.append(best if p[best] >= threshold else None)
    return out


def train(train_ex: Sequence[Example], dev_ex: Sequence[Example]) -> tuple[dict[str, object], str]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for ex in train_ex for f in ex.features]
    labels = [int(g) for ex in train_ex for g in ex.gold]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    best: tuple[float, float, float, tuple[Any, float, float]] | None = None  # accuracies, C, (model, threshold, unranked)
    report = []
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=2000, random_state=SEED, solver="lbfgs")
        model.fit(x, labels)
        probs = _predict(model, vec, dev_ex)
        for t in THRESHOLDS:
            for u in UNRANKED:
                acc, acc_loc = accuracy(dev_ex, choose(dev_ex, probs, t, u))
                # both gated numbers count: overall accuracy and accuracy where gold names a place
                if best is None or acc + acc_loc > best[0] + best[1]:
                    best = (acc, acc_loc, c, (model, t, u))
        assert best is not None  # set at the first threshold
        report.append(f"C={c}: best dev accuracy so far {best[0]:.3f}")
    assert best is not None
    acc, acc_loc, c, (model, threshold, unranked) = best
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-5}
    rules_acc = accuracy(dev_ex, [ex.rule for ex in dev_ex])
    reach = sum(1 for ex in dev_ex if ex.located and any(ex.gold)) / max(1, sum(ex.located for ex in dev_ex))
    summary = (
        f"train: {len(train_ex)} records, {len(rows)} candidates; dev: {len(dev_ex)} records\n"
        f"dev rules (same candidates): accuracy={rules_acc[0]:.3f} with-location={rules_acc[1]:.3f}\n"
        f"dev picker: accuracy={acc:.3f} with-location={acc_loc:.3f} (C={c}, threshold={threshold}, unranked={unranked})\n"
        f"dev gold among the candidates (with-location ceiling): {reach:.3f}\n" + "\n".join(report)
    )
    out = {
        "version": "picker-1",
        "model": f"LogisticRegression(C={c}, solver=lbfgs), scikit-learn",
        "trained_on": "event_location train split (dyad/evaluation/data/place_split.yaml)",
        "dev_accuracy": round(acc, 4),
        "dev_located_accuracy": round(acc_loc, 4),
        "threshold": threshold,
        "unranked_threshold": unranked,
        "intercept": round(float(model.intercept_[0]), 5),
        "weights": dict(sorted(weights.items())),
    }
    return out, summary


def _predict(model: object, vec: object, examples: Sequence[Example]) -> list[list[float]]:
    out: list[list[float]] = []
    for ex in examples:
        if not ex.features:
            out.append([])
            continue
        out.append([float(p) for p in model.predict_proba(vec.transform(list(ex.features)))[:, 1]])  # type: ignore[attr-defined]
    return out


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
