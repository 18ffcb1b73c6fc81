"""How much the event coder adds to the spaCy parse, on VOA stories.

Parses the texts with ``nlp.pipe``, then times ``EventCoder.code_doc`` over the
same Docs in the same run, and prints the ratio (target: at most 10%).
Mentions come from the actor resolver when it is installed, else from the
parse's named entities (timing only; no codes are looked up).

    .venv/bin/python bench/coding_overhead.py [--limit 89]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from spacy.tokens import Doc

from dyad.coding import EventCoder
from dyad.nlp import load_model
from dyad.records import Entity, Mention

VOA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def mentions_of(doc: Doc) -> list[Mention]:
    try:
        from dyad.actors import load_knowledge_base
        from dyad.actors.resolve import ActorResolver
    except ImportError:
        return [
            Mention(e.start, e.end, e.root.i, (Entity(e.text, kind=e.label_.lower()),), e.text)
            for e in doc.ents
            if e.label_ in ("GPE", "NORP", "PERSON", "ORG")
        ]
    return list(ActorResolver(load_knowledge_base()).resolve(doc, dt.date(2024, 1, 1)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=89)
    ap.add_argument("--path", type=Path, default=VOA)
    args = ap.parse_args()
    texts = [json.loads(line)["text"] for line in args.path.open(encoding="utf-8")][: args.limit]
    nlp = load_model()
    coder = EventCoder()

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    mentions = [mentions_of(d) for d in docs]

    t0 = time.perf_counter()
    n_coded = n_blocked = 0
    for doc, ms in zip(docs, mentions, strict=True):
        for c in coder.code_doc(doc, ms):
            n_blocked += c.blocked is not None
            n_coded += c.blocked is None
    coding = time.perf_counter() - t0

    words = sum(len(d) for d in docs)
    print(f"{len(docs)} articles, {words} tokens")
    print(f"parse  {parse:7.2f} s  ({words / parse:,.0f} tokens/s)")
    print(f"coding {coding:7.2f} s  ({n_coded} coded, {n_blocked} blocked candidates)")
    print(f"coding/parse = {coding / parse:.1%}  (target <= 10%)")


if __name__ == "__main__":
    main()
