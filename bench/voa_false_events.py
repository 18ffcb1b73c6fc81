"""VOA gold *train* split (never the test articles), out of fold: precision, recall and every
false event, by path, pattern and type.

Each of the 5 article folds (``train.fold_of``) is coded by the full pipeline with a scorer
fitted on the other folds' PLV train sentences and VOA train articles (``plv_no_event.fold_models``:
the shipped thresholds, veto, calibration and gate, which were tuned on out-of-fold probabilities).
The shipped scorer has seen every train article: run over them, ``make eval``'s "VOA gold, train
split" measures a fit; this measures the coder on articles its scorer did not learn.

A false event is one ``voa_errors.error_rows`` lists as ``spurious`` (no gold event on its trigger)
or ``mistyped`` (a gold event of another type there). Each row says its path (``rule``, ``override``,
``scorer``), its pattern (the rule's first part) and a cue for its cause: ``wrong type`` (the
sentence holds a gold event of another type), ``re-told`` (no gold event in the sentence, the type
is gold earlier in the article), ``extra`` (the sentence's gold events are coded beside it), or
``no gold event``.

    .venv/bin/python bench/voa_false_events.py [--cache DIR] [--out FILE.jsonl] [--show]

``--cache`` keeps the parsed training examples (keyed by the code's fingerprint).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from plv_no_event import SHARED, fold_models, with_model

from dyad.evaluation.harness import code_articles
from dyad.evaluation.voa_errors import error_rows
from dyad.evaluation.voa_gold import read_voa_gold, score_voa, select_split
from dyad.ingest import read_articles
from dyad.pipeline import Pipeline
from dyad.records import Article
from dyad.scoring.train import fold_of

VOA = SHARED / "data/voa/voa_stories.jsonl"


def path_of(rule: str) -> str:
    if rule.startswith("scorer:"):
        return "override" if " over " in rule.split(";")[0] else "scorer"
    return "rule"


def pattern_of(rule: str) -> str:
    if rule.startswith("scorer:"):
        return rule.split(";")[1].strip() if " over " in rule.split(";")[0] else "scorer"
    return rule.split(";")[0].strip()


def cue(row: dict, gold_in_sentence: list[str], gold_before: set[str]) -> str:
    if row["kind"] == "mistyped" or (gold_in_sentence and row["event"] not in gold_in_sentence):
        return "wrong type"
    if gold_in_sentence:
        return "extra"
    return "re-told" if row["event"] in gold_before else "no gold event"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="the false events, one JSON line each")
    parser.add_argument("--show", action="store_true", help="print each false event's sentence")
    args = parser.parse_args()
    gold = select_split(read_voa_gold(), "train")
    wanted = set(gold.article_ids)
    articles = {a.id: a for a in read_articles([VOA]) if isinstance(a, Article) and a.id in wanted}
    models = fold_models(args.cache)
    pipe = Pipeline()
    coded: dict[str, tuple] = {}
    for k, model in models.items():
        with_model(pipe, model)
        coded.update(code_articles([a for aid, a in sorted(articles.items()) if fold_of(aid) == k], pipe).events)
    scores = score_voa(gold, coded)
    rows = []
    for r in error_rows(gold, articles, coded):
        if r["kind"] == "missed":
            continue
        at = int(r["at"])
        mine = [g for g in gold.events if g.article_id == r["article"]]
        in_sentence = [g.event for g in mine if g.sentence[0] <= at < g.sentence[1]]
        before = {g.event for g in mine if g.sentence[1] <= at}
        rule = str(r["rule"])
        rows.append({**r, "path": path_of(rule), "pattern": pattern_of(rule), "cue": cue(r, in_sentence, before),
                     "gold_here": in_sentence})
    m = scores.events.micro
    print(f"VOA train, out of fold: {scores.articles} articles, {scores.gold_events} gold, {scores.predicted_events} predicted")
    print(f"  precision {m.precision:.3f}  recall {m.recall:.3f}  micro-F1 {m.f1:.3f}  macro-F1 {scores.events.macro_f1:.3f}"
          f"  (tp={m.tp} fp={m.fp} fn={m.fn})")
    by_path = Counter(r["path"] for r in rows)
    print(f"  false events {len(rows)}: " + ", ".join(f"{k} {n}" for k, n in by_path.most_common()))
    print("  by path and cue:")
    for (path, c), n in Counter((r["path"], r["cue"]) for r in rows).most_common():
        print(f"    {n:4d}  {path:8} {c}")
    print("  by pattern (2 or more):")
    for pat, n in Counter(r["pattern"] for r in rows).most_common():
        if n >= 2:
            print(f"    {n:4d}  {pat[:90]}")
    if args.show:
        for r in rows:
            print(f"- [{r['article']}@{r['at']} {r['path']} {r['event']} gold={r['gold_here']} {r['cue']}] {r['trigger']!r}: {r['pattern'][:80]}")
            print(f"    {str(r['sentence'])[:400]}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
