"""Recipient misses on PLV train by cause (issue 14, seventh pass): which construction
holds the gold target when the gold-type event's recipient does not overlap it.

PLV *train* only (never the test file). For each sentence with a gold target span
and an event of the gold type (the top one, as ``plv.py`` scores), a miss is put in
one class, from the parse of the sentence and what the coder took:

- empty (no recipient with offsets): the gold target is the object of a preposition
  on the trigger ("against", "on", "with", "to" …, named), inside a complement clause,
  an infinitive, a possessor ("X's withdrawal from Y"), a passive by-agent, a place,
  the actor's own words (a co-party the actor's entity spans);
- wrong: the coder took the actor's own side, the speaker of the sentence, a place
  (setting), or another party.

    .venv/bin/python bench/recipient_causes.py [--show CLASS] [--limit N] [--dump FILE]

With the shipped scorer, PLV train is the scorer's own training data (a fit): the
recipient finder is rule code, but which sentences have an event of the gold type
is optimistic. Sentences with no such event are counted apart.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from plv_no_event import TRAIN
from spacy.tokens import Doc, Span, Token

from dyad.coding.lexicon import default_lexicon
from dyad.evaluation.harness import code_articles
from dyad.evaluation.plv import PlvSentence, label_of, overlaps, read_plv, top_event
from dyad.nlp.model import load_model
from dyad.records import Entity, Event

_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))


def _trigger(doc: Doc, event: Event) -> Token | None:
    start = event.offsets.trigger_start
    return next((t for t in doc if t.idx <= start < t.idx + len(t) + 1), None)


def _empty_cause(doc: Doc, gold: Span, trigger: Token, event: Event, source: tuple[int, int] | None) -> str:
    root = gold.root
    if source is not None and source[0] < gold.end_char and gold.start_char < source[1]:
        return "target inside the source span"
    if overlaps((gold.start_char, gold.end_char), event.actor):
        return "inside the actor's own words (a co-party)"
    up = [trigger, *trigger.ancestors]
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return "a passive by-agent"
    if root.dep_ == "poss" or any(t.dep_ == "poss" for t in gold):
        return "a possessor ('X's withdrawal from Y')"
    if root.dep_ == "pobj" and root.head.head == trigger:
        return f"object of a preposition on the trigger ('{root.head.lower_}')"
    if root.dep_ == "pobj" and root.head.head in up:
        return f"object of a preposition above the trigger ('{root.head.lower_}')"
    down = [root, *root.ancestors]
    if trigger in down:
        path = [t.dep_ for t in reversed(down[: down.index(trigger)])]
        if path and path[0] == "ccomp":
            return "inside a complement clause"
        if path and path[0] in ("xcomp", "advcl"):
            return "inside an infinitive / adverbial clause"
        if path == ["dobj"]:
            return "the object"
        if path and path[0] == "dobj":
            return "inside the object phrase"
        if path and path[0] in ("prep", "dative"):
            return f"inside a prepositional phrase ('{down[down.index(trigger) - 1].lower_}')"
        return "below the trigger, other"
    if root.ent_type_ in _PLACE_LABELS:
        return "a place elsewhere in the sentence"
    return "above the trigger's clause"


def _wrong_cause(doc: Doc, gold: Span, trigger: Token, event: Event) -> str:
    located = [e for e in event.recipient if e.start is not None]
    took = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in located]
    actor_codes = {e.code for e in event.actor if e.code}
    if "the actor's own state" in event.rule:
        return "the actor's own state (a thing acted on)"
    if actor_codes and {e.code for e in located} <= actor_codes:
        return "the actor's own side"
    reporting = default_lexicon().reporting_verbs
    for span in took:
        if span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in reporting:
            return "the speaker"
    if "setting" in event.rule or "(place)" in event.rule:
        return "a place (setting)"
    if all(e.sector == "UNK" or e.kind == "unknown" for e in located):
        return "an unnamed party (common noun)"
    return "another party"


def classify(s: PlvSentence, typed: Event | None) -> str:
    assert s.target is not None
    if typed is None:
        return "no event of the gold type"
    if overlaps(s.target, typed.recipient):
        return "ok"
    doc = load_model()(s.article.text)
    gold = doc.char_span(*s.target, alignment_mode="expand")
    trigger = _trigger(doc, typed)
    if gold is None or trigger is None:
        return "other"
    at = _empty_cause(doc, gold, trigger, typed, s.source)
    if any(e.start is not None for e in typed.recipient):
        return "wrong: " + _wrong_cause(doc, gold, trigger, typed) + " | gold: " + at
    return "empty: " + at


def _entity(e: Entity) -> str:
    return f"{e.entity_text!r} {e.code}/{e.sector}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", default=None, help="print the sentences of classes starting with this")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dump", type=Path, default=None, help="write one JSON line a sentence")
    args = parser.parse_args()
    sentences = [s for s in read_plv(TRAIN) if s.target is not None][: args.limit]
    coded = code_articles(s.article for s in sentences)
    counts: Counter[str] = Counter()
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for s in sentences:
        assert s.target is not None
        typed = top_event([e for e in coded.of(s.article.id) if label_of(e) == s.event])
        cls = classify(s, typed)
        counts[cls] += 1
        text = s.article.text
        if dump is not None:
            row = {"id": s.article.id, "event": s.event, "class": cls, "gold": text[s.target[0] : s.target[1]], "text": text}
            row["pred"] = [_entity(e) for e in typed.recipient] if typed else []
            row["rule"] = typed.rule if typed else ""
            dump.write(json.dumps(row) + "\n")
        if args.show is not None and cls.startswith(args.show) and cls != "ok":
            print(f"== {s.article.id} {s.event} [{cls}] gold={text[s.target[0] : s.target[1]]!r}")
            print(f"   pred: {'; '.join(_entity(e) for e in typed.recipient) if typed else '-'}")
            print(f"   rule: {typed.rule if typed else '-'}")
            print(f"   text: {text}")
    total = sum(counts.values())
    print(f"\n{total} PLV train sentences with a target; recipient overlaps: {counts['ok']} = {counts['ok'] / total:.3f}")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:4d}  {key}")
    for part, name in ((0, "what was taken"), (1, "where the gold target sits")):
        merged: Counter[str] = Counter()
        for key, n in counts.items():
            if key.startswith("wrong: "):
                merged[key[7:].split(" | gold: ")[part].split(" (")[0].split(" ('")[0]] += n
        print(f"wrong, by {name}:")
        for key, n in merged.most_common():
            print(f"  {n:4d}  {key}")
    empty: Counter[str] = Counter()
    for key, n in counts.items():
        if key.startswith("empty: "):
            empty[key[7:].split(" ('")[0]] += n
    print("empty, by where the gold target sits:")
    for key, n in empty.most_common():
        print(f"  {n:4d}  {key}")


if __name__ == "__main__":
    main()
