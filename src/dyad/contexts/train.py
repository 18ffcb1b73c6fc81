"""Fit the context weights (``data/weights.json``) on the VOA gold's train split.

    python -m dyad.contexts.train --shared ../shared            # writes src/dyad/contexts/data/weights.json
    python -m dyad.contexts.train --shared ../shared --cv       # 5-fold cross-validation by article first

``dyad train --contexts`` (and ``make model``) fits these weights and then the learned
classifier (``train_model.py``, ``data/model.json``), which reads them as a feature.

The rows are (event, context) pairs with any evidence, labelled by the gold:
the gold events at their gold positions (sentence, trigger, type, actor
sectors: ``evaluation/contexts.py`` builds them) and the pipeline's events
matched to gold events (these carry CAMEO codes and resolved actors, which the
gold does not). Only the train split is read; the test split is never opened.
The fit is deterministic (Newton's method from zero weights), so the same
gold, lexicon and code give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.contexts.scoring import WEIGHTS_FILE, Weights, fit_weights, parse_weights
from dyad.contexts.tagger import ContextTagger, general_contexts

if TYPE_CHECKING:
    from dyad.records import Article, Event

Row = tuple[dict[str, float], bool]


@dataclass(frozen=True, slots=True)
class Example:
    """One gold event's contexts and an Event to tag (the gold one, or the pipeline's match)."""

    article_id: str
    gold: frozenset[str]
    event: Event


def load_examples(corpus: Path) -> tuple[dict[str, Article], list[Example]]:
    """Gold-position and matched examples of the train split, the articles read from ``corpus``
    (the VOA corpus, ``data/voa/voa_stories.jsonl`` of the shared folder)."""
    from dyad.evaluation.contexts import gold_as_event, read_gold_sides
    from dyad.evaluation.harness import code_articles
    from dyad.evaluation.matching import match_events
    from dyad.evaluation.voa_gold import default_gold_path, read_voa_gold, select_split
    from dyad.ingest import read_articles
    from dyad.records import Article

    gold = select_split(read_voa_gold(), "train")
    wanted = set(gold.article_ids)
    articles = {a.id: a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in wanted}
    sides = read_gold_sides(default_gold_path())
    examples = [
        Example(g.article_id, general_contexts(g.context),
                gold_as_event(g, sides.get((g.article_id, *(g.trigger or (0, 0)), g.event), {}), articles[g.article_id].date))
        for g in gold.events if g.article_id in articles
    ]
    coded = code_articles(articles.values())
    events = [e for a in gold.article_ids for e in coded.of(a)]
    for p in match_events(events, [g for g in gold.events if g.article_id in articles]).pairs:
        examples.append(Example(p.gold.article_id, general_contexts(p.gold.context), p.predicted))
    return articles, examples


def cached_examples(corpus: Path, cache: Path | None) -> tuple[dict[str, Article], list[Example]]:
    """``load_examples``, kept in ``cache`` (outside the repository) while the coding code is unchanged."""
    from dyad.scoring.build import code_fingerprint, pickle_cached

    if cache is None:
        return load_examples(corpus)
    return pickle_cached(cache / f"context-examples-{code_fingerprint()}.pkl", lambda: load_examples(corpus))


def rows_of(tagger: ContextTagger, articles: dict[str, Article], examples: Sequence[Example]) -> list[Row]:
    rows: list[Row] = []
    read = {a: tagger.read(art.text, art.title) for a, art in articles.items()}
    for ex in examples:
        rows.extend((ev.features, ev.name in ex.gold) for ev in tagger.evidence(ex.event, read[ex.article_id]))
    return rows


def micro_f1(tagger: ContextTagger, articles: dict[str, Article], examples: Sequence[Example]) -> float:
    tp = fp = fn = 0
    read = {a: tagger.read(art.text, art.title) for a, art in articles.items()}
    for ex in examples:
        got = {t.name for t in tagger.tags_for(ex.event, read[ex.article_id])}
        tp, fp, fn = tp + len(got & ex.gold), fp + len(got - ex.gold), fn + len(ex.gold - got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cross_validate(tagger: ContextTagger, articles: dict[str, Article], examples: Sequence[Example],
                   settings: Sequence[tuple[float, int]], l2: float, report: Callable[[str], None] = print) -> None:
    """Micro-F1 of 5-fold cross-validation by article, for each (threshold, max_contexts)."""
    fold = {a: int(hashlib.sha1(a.encode()).hexdigest(), 16) % 5 for a in articles}
    for threshold, k in settings:
        held: list[Example] = []
        scores = []
        for f in range(5):
            train = [ex for ex in examples if fold[ex.article_id] != f]
            test = [ex for ex in examples if fold[ex.article_id] == f]
            w = fit_weights(rows_of(tagger, articles, train), l2=l2)
            scores.append((replace(tagger, weights=Weights(w, threshold, k, 0.1)), test))
            held.extend(test)
        tp = fp = fn = 0
        for t, test in scores:
            read = {a: t.read(art.text, art.title) for a, art in articles.items()}
            for ex in test:
                got = {x.name for x in t.tags_for(ex.event, read[ex.article_id])}
                tp, fp, fn = tp + len(got & ex.gold), fp + len(got - ex.gold), fn + len(ex.gold - got)
        report(f"threshold {threshold:.2f} max {k}: cross-validated micro-F1 {2 * tp / (2 * tp + fp + fn):.3f} over {len(held)} examples")


def fit_rule_weights(articles: dict[str, Article], examples: Sequence[Example], threshold: float = 0.25, max_contexts: int = 3,
                     floor: float = 0.1, l2: float = 1.0) -> Weights:  # fmt: skip
    """The rules' shared weighing fitted on ``examples``, as the file holds it (rounded), so what
    the classifier is trained over is what the tagger will read."""
    from dyad.coding.ontology import load_ontology
    from dyad.evaluation.voa_gold import default_gold_path

    tagger = ContextTagger.from_ontology(load_ontology(), fitted=False)
    weights = fit_weights(rows_of(tagger, articles, examples), l2=l2)
    gold_sha = hashlib.sha1(default_gold_path().read_bytes()).hexdigest()[:12]
    recipe = {
        "script": "dyad train --contexts",
        "gold": f"voa_dev_gold.jsonl sha1:{gold_sha}, train split only",
        "examples": len(examples),
        "method": "logistic regression, Newton's method, L2 on all but the bias",
        "l2": l2,
    }
    return parse_weights(Weights(weights, threshold, max_contexts, floor, recipe).to_json(), WEIGHTS_FILE)


def save_weights(weights: Weights, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights.to_json(), indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    from dyad.coding.ontology import load_ontology
    from dyad.evaluation.run import VOA

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder with data/voa")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / WEIGHTS_FILE)
    ap.add_argument("--threshold", type=float, default=0.25)
    ap.add_argument("--max-contexts", type=int, default=3)
    ap.add_argument("--floor", type=float, default=0.1)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--cv", action="store_true", help="print cross-validated scores for a few settings first")
    ap.add_argument("--cache", type=Path, default=None, help="keep the coded examples here between runs (outside the repository)")
    args = ap.parse_args(argv)
    tagger = ContextTagger.from_ontology(load_ontology(), fitted=False)
    articles, examples = cached_examples(args.shared / VOA, args.cache)
    if args.cv:
        cross_validate(tagger, articles, examples, [(0.25, 3), (0.3, 2), (0.3, 3), (0.4, 3)], args.l2)
    fitted = fit_rule_weights(articles, examples, args.threshold, args.max_contexts, args.floor, args.l2)
    save_weights(fitted, args.out)
    print(f"in-sample micro-F1 {micro_f1(replace(tagger, weights=fitted), articles, examples):.3f}; wrote {args.out}")


if __name__ == "__main__":
    main()
