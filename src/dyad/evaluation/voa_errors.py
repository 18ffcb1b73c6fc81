"""List the coder's errors on the VOA gold's train split, for error analysis.

    python -m dyad.evaluation.voa_errors --shared ../shared [--part dev|fit] [--model FILE] [--right] [--out errors.jsonl]

One JSON line per false event (``spurious``, or ``mistyped``: its trigger
overlaps a gold event of another type) and per missed gold event, with the
sentence, the trigger and the rule that coded it, so that each can be put in
a class by hand (docs/errors.md). Only the train split can be listed: the
test split is measured (``make eval``), never looked at error by error.

``--part dev`` keeps the train articles of the scorer's dev split (the same
fixed hash of the article id, ``scoring.train.is_dev``): with a model built by
``scoring.build --no-refit`` they are articles it never saw, neither in its fit
nor in its tuning; ``--part fit`` the others.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from dyad.evaluation.harness import code_articles
from dyad.evaluation.matching import match_events
from dyad.evaluation.voa_gold import VoaGold, VoaScores, read_voa_gold, score_voa, select_split
from dyad.ingest import read_articles
from dyad.records import Article

VOA = Path("data/voa/voa_stories.jsonl")


def train_part(gold: VoaGold, part: str | None) -> VoaGold:
    """The train split, or its dev / fit part (by the scorer's hash of the article id)."""
    from dyad.scoring.train import is_dev

    train = select_split(gold, "train")
    if part is None:
        return train
    want = part == "dev"
    ids = tuple(a for a in train.article_ids if is_dev(a) == want)
    return VoaGold(ids, tuple(e for e in train.events if e.article_id in ids))


def error_rows(
    gold: VoaGold, articles: dict[str, Article], coded: dict[str, tuple], right: bool = False
) -> Iterator[dict[str, object]]:
    """The false and the missed events (and with ``right`` the right ones), article by article, in text order."""
    for aid in gold.article_ids:
        text = articles[aid].text
        matching = match_events(coded.get(aid, ()), [g for g in gold.events if g.article_id == aid])
        rows: list[dict[str, object]] = []
        for e in matching.spurious:
            o = e.offsets
            rows.append({"kind": "spurious", "at": o.trigger_start, "event": e.event, "trigger": e.event_text,
                         "rule": e.rule, "confidence": e.confidence, "sentence": text[o.sentence_start : o.sentence_end]})
        for p in matching.pairs:
            if p.typed and right:
                o = p.predicted.offsets
                rows.append({"kind": "right", "at": o.trigger_start, "event": p.predicted.event, "trigger": p.predicted.event_text,
                             "rule": p.predicted.rule, "confidence": p.predicted.confidence,
                             "sentence": text[o.sentence_start : o.sentence_end]})
            elif not p.typed:
                o = p.predicted.offsets
                rows.append({"kind": "mistyped", "at": o.trigger_start, "event": p.predicted.event, "gold": p.gold.event,
                             "trigger": p.predicted.event_text, "rule": p.predicted.rule, "confidence": p.predicted.confidence,
                             "sentence": text[o.sentence_start : o.sentence_end]})
        for g in matching.missed:
            t = g.trigger or g.sentence
            rows.append({"kind": "missed", "at": t[0], "gold": g.event, "trigger": text[t[0] : t[1]],
                         "sentence": text[g.sentence[0] : g.sentence[1]]})
        for r in sorted(rows, key=lambda r: (int(str(r["at"])), str(r["kind"]))):
            yield {"article": aid, **r}


def run(shared: Path, part: str | None, right: bool = False, model: Path | None = None) -> tuple[VoaScores, list[dict[str, object]]]:
    from dyad.pipeline import Pipeline, PipelineOptions

    gold = train_part(read_voa_gold(), part)
    wanted = set(gold.article_ids)
    articles = {a.id: a for a in read_articles([shared / VOA]) if isinstance(a, Article) and a.id in wanted}
    coded = code_articles(list(articles.values()), Pipeline(PipelineOptions(scorer_model=model))).events
    return score_voa(gold, coded), list(error_rows(gold, articles, coded, right))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--part", choices=("dev", "fit"), default=None, help="a part of the train split (default: all of it)")
    ap.add_argument("--model", type=Path, default=None, help="a scorer model file (default: the shipped one)")
    ap.add_argument("--right", action="store_true", help="list the right events too")
    ap.add_argument("--out", type=Path, default=None, help="the error lines (default: standard output)")
    args = ap.parse_args(argv)
    scores, rows = run(args.shared, args.part, args.right, args.model)
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.out:
        out.close()
    print(scores.format(), file=sys.stderr)
    for m in scores.metrics():
        print(f"{m.name} {m.value:.3f} {m.detail}", file=sys.stderr)


if __name__ == "__main__":
    main()
