"""PLV *train* (never the test file): the no-event rate, macro-F1 and actor overlap, and why
sentences get no event.

Runs the pipeline over every plv_train.jsonl sentence as ``make eval`` runs the test file,
prints the metrics, then classes each sentence left with no event by the scorer's top type
and what the clause's predicate has as its subject (a name, a common noun, a pronoun, none):
the sentences the generic-actor work of issue 14 targets are those with a scorer type at or
above ``--p`` and a common-noun subject.

    .venv/bin/python bench/plv_no_event.py [--limit N] [--show CLASS] [--p 0.6]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from dyad.coding.arguments import MentionIndex, subject_of
from dyad.evaluation.harness import code_articles, load_pipeline
from dyad.evaluation.plv import read_plv, score_plv
from dyad.scoring.features import predicate

TRAIN = Path("/work/shared/data/plv/plv_train.jsonl")


def subject_kind(subj, index: MentionIndex) -> str:
    if subj is None:
        return "no subject"
    named = "" if index.in_phrase(subj) else ", no mention"
    if subj.pos_ == "PRON":
        return "pronoun" + named
    if subj.ent_type_ or subj.tag_ in ("NNP", "NNPS"):
        return "name" + named
    return "common noun" + named


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", default=None, help="print the no-event sentences of classes starting with this")
    parser.add_argument("--p", type=float, default=0.6, help="scorer probability that counts as a confident type")
    args = parser.parse_args()
    sentences = read_plv(TRAIN, args.limit)
    coded = code_articles(s.article for s in sentences)
    scores = score_plv(sentences, coded.events, len(coded.rejected))
    for m in scores.metrics("plv_train"):
        print(f"  {m.name:32} {m.value:.3f}  {m.detail}")
    pipe = load_pipeline()
    lexicon = pipe.stage("coder").coder.lexicon  # type: ignore[attr-defined]
    counts: Counter[str] = Counter()
    for s in sentences:
        if coded.of(s.article.id):
            continue
        doc = pipe.parse(s.article)
        pipe.run(doc, s.article)
        sent = next(iter(doc.sents))
        top = doc._.scores[0].top(1, events_only=True)[0] if doc._.scores else ("?", 0.0)
        pred = predicate(sent, lexicon)
        subj, _how = subject_of(pred)
        kind = subject_kind(subj, MentionIndex(doc, doc._.mentions or ()))
        cls = f"{'scorer >= p' if top[1] >= args.p else 'scorer < p'}: {kind}"
        counts[cls] += 1
        if args.show is not None and cls.startswith(args.show):
            print(f"- [{s.event} | scorer {top[0]} {top[1]:.2f}] subj={subj.text if subj is not None else '-'!r} pred={pred.text!r}")
            print(f"    {s.article.text[:300]}")
    print("  no-event sentences by class:")
    for cls, n in counts.most_common():
        print(f"    {n:4d}  {cls}")


if __name__ == "__main__":
    main()
