"""List actor/recipient errors on the VOA dev gold's train split, with what the resolver saw.

The test split's articles (voa_split.yaml) are never read: they are for measuring only.

For every matched event whose actor or recipient country is wrong, prints the
gold and predicted entities (with each prediction's ``resolution``), the
sentence, and every actor mention the resolver found in that sentence; then a
rough first-pass category:

- argument: a mention in the sentence has the gold country, the coder took another
- coref: the chosen words are a pronoun or a definite description ("the group")
- resolver: the chosen mention resolved, but to another country
- missing: no mention in the sentence has the gold country

The categories are a starting point for reading, not a verdict.

    .venv/bin/python bench/actors_errors.py [--corpus PATH] [--only actor|recipient]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dyad.evaluation.matching import countries_of, country_of, match_events, side_correct
from dyad.evaluation.voa_gold import default_gold_path, read_voa_gold, select_split
from dyad.ingest import read_articles
from dyad.pipeline import Pipeline
from dyad.records import Article, Entity, Mention

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/voa/voa_stories.jsonl"  # ../shared beside the checkout
_COREF_WORDS = frozenset(
    "it its they them their he him his she her we our the group country government ministry agency company".split()
)


def read_gold_rows(path: Path) -> dict[tuple[str, int, int], dict]:
    rows = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "event" in r:
                rows[(r["article_id"], r["trigger_start"], r["trigger_end"])] = r
    return rows


def describe(e: Entity) -> str:
    return f"{e.entity_text!r}→{e.code}/{e.sector} [{e.resolution}]"


def classify(gold: frozenset[str], chosen: tuple[Entity, ...], sentence_mentions: list[Mention]) -> str:
    in_sentence = {country_of(e.code) for m in sentence_mentions for e in m.entities}
    if chosen and all(e.entity_text and e.entity_text.lower().split()[0] in _COREF_WORDS for e in chosen):
        return "coref"
    if gold & in_sentence:
        return "argument"
    if chosen and countries_of(chosen):
        return "resolver"
    return "missing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=("actor", "recipient"), default=None)
    args = parser.parse_args()
    gold = select_split(read_voa_gold(), "train")
    rows = read_gold_rows(default_gold_path())
    wanted = set(gold.article_ids)
    articles = [a for a in read_articles([args.corpus]) if isinstance(a, Article) and a.id in wanted]
    pipe = Pipeline()
    counts: Counter[str] = Counter()
    for article in articles:
        coded = pipe.explain(article)
        mentions = list(coded.mentions)
        events = coded.events
        matching = match_events(events, [g for g in gold.events if g.article_id == article.id])
        for pair in matching.pairs:
            g, e = pair.gold, pair.predicted
            row = rows.get((g.article_id, g.trigger[0], g.trigger[1])) if g.trigger else None
            sent = [m for m in mentions if any(e.start is not None and g.sentence[0] <= e.start < g.sentence[1] for e in m.entities)]
            for side in ("actor", "recipient"):
                if args.only and side != args.only:
                    continue
                gold_side = getattr(g, side)
                pred = getattr(e, side)
                ok = side_correct(gold_side, pred)
                if ok is None or ok:
                    counts[f"{side} ok" if ok else f"{side} unscored"] += 1
                    continue
                cat = classify(gold_side or frozenset(), pred, sent)
                counts[f"{side} {cat}"] += 1
                print(f"== {article.id} {g.event} {side} [{cat}] trigger={e.event_text!r}")
                print(f"   gold: {row[side] if row else sorted(gold_side or ())}")
                print(f"   pred: {'; '.join(describe(x) for x in pred) or '-'}")
                print(f"   sent: {article.text[g.sentence[0]:g.sentence[1]]}")
                print(f"   mentions: {' | '.join(m.text + '→' + ','.join(f'{x.code}/{x.sector}' for x in m.entities) for m in sent)}")
    print()
    for key, n in sorted(counts.items()):
        print(f"{key:28} {n}")


if __name__ == "__main__":
    main()
