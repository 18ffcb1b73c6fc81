"""Actor / recipient error classes on a fixed dev split of PLV *train* (never the test file).

The dev split is every PLV train sentence whose id hashes (crc32) to 0 mod 3,
about a third of the file; it is fixed so that counts before and after a change
compare. For each sentence with a gold source (target) span, the event of the
gold type (the one ``plv.py`` scores) is classed:

- ok: an actor (recipient) entity overlaps the span
- no event of the type: the type was missed (not an argument error)
- empty: the event has no actor (recipient) with an offset
- elsewhere: the entities sit outside the span; the class names how the coder
  found them (the rule's ``actor:`` / ``recipient:`` part)

``--split all`` takes the whole train file (three times the sentences, for
classing rarer errors); the dev split stays the default so counts compare.
``--where`` classes each miss by where the gold span's head sits in the parse
relative to the trigger (object, inside the object phrase, a complement …;
the table of docs/actors.md, fifth pass); for the actor: the speaker, the subject
of a governing verb, a passive agent, an appositive, a pronoun … (sixth pass).

    .venv/bin/python bench/plv_dyad_errors.py [--split dev|all] [--show CLASS] [--side actor|recipient] [--limit N] [--where]
"""

from __future__ import annotations

import argparse
import re
import zlib
from collections import Counter
from pathlib import Path

from dyad.coding.arguments import is_attack_noun
from dyad.coding.lexicon import default_lexicon
from dyad.evaluation.harness import code_articles
from dyad.evaluation.plv import PlvSentence, label_of, overlaps, read_plv, top_event
from dyad.nlp.model import load_model
from dyad.records import Entity, Event

TRAIN = Path("/work/shared/data/plv/plv_train.jsonl")


def in_dev(s: PlvSentence) -> bool:
    return zlib.crc32(s.article.id.encode()) % 3 == 0


def how(rule: str, side: str) -> str:
    """The coder's account of how it found the side ("actor: passive by" → passive by)."""
    m = re.search(rf"{side}: ([^;(]+)", rule)
    return m.group(1).strip() if m else "?"


def classify(s: PlvSentence, typed: Event | None, side: str) -> str:
    span = s.source if side == "actor" else s.target
    assert span is not None
    if typed is None:
        return "no event of the type"
    ents: tuple[Entity, ...] = typed.actor if side == "actor" else typed.recipient
    if overlaps(span, ents):
        return "ok"
    located = [e for e in ents if e.start is not None]
    if not located:
        return "empty" if not ents else "no offsets (" + how(typed.rule, side) + ")"
    return "elsewhere: " + how(typed.rule, side)


def where(text: str, span: tuple[int, int], typed: Event) -> str:
    """Where the gold span's head sits relative to the trigger, in the parse."""
    doc = load_model()(text)
    gold = doc.char_span(*span, alignment_mode="expand")
    trigger = next((t for t in doc if t.idx <= typed.offsets.trigger_start < t.idx + len(t) + 1), None)
    if gold is None or trigger is None:
        return "other"
    up = [trigger, *trigger.ancestors]
    down = [gold.root, *gold.root.ancestors]
    common = next((a for a in down if a in up), None)
    if common is None or common != trigger:
        return "above the trigger's clause"
    path = [t.dep_ for t in reversed(down[: down.index(common)])]
    first, last = (path[0], path[-1]) if path else ("", "")
    if path == ["dobj"]:
        return "the object"
    if path == ["nsubjpass"]:
        return "the passive subject"
    if len(path) == 2 and first in ("prep", "dative") and last == "pobj":
        return "the pobj of a preposition on the trigger"
    if first in ("nsubj", "appos"):
        return "the subject side (conjoined, apposition)"
    if last == "poss":
        return "a possessor"
    if first in ("xcomp", "ccomp", "advcl", "acomp", "oprd"):
        return "a complement / infinitive / clause"
    if first == "dobj":
        return "inside the object phrase"
    if first in ("prep", "dative"):
        return "inside a prepositional phrase"
    return "other"


def actor_where(text: str, span: tuple[int, int], typed: Event) -> str:
    """Where the gold source sits relative to the trigger: the parse position of the
    actor classes of issue 14 (docs/actors.md, sixth pass)."""
    doc = load_model()(text)
    gold = doc.char_span(*span, alignment_mode="expand")
    trigger = next((t for t in doc if t.idx <= typed.offsets.trigger_start < t.idx + len(t) + 1), None)
    if gold is None or trigger is None:
        return "other"
    root = gold.root
    if root.tag_ in ("PRP", "PRP$"):
        return "a pronoun (he/it/they)"
    if is_attack_noun(root):
        return "an attack or weapon phrase ('a car bomb killed')"
    if gold[0].lower_ == "the" and not any(t.pos_ == "PROPN" for t in gold):
        return "a definite description ('the ministry')"
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return "the passive agent ('by X')"
    if root.dep_ == "appos":
        return "an appositive ('X, the Y,')"
    if root.dep_ == "poss":
        return "a possessor ('X's forces')"
    if root.dep_ == "conj":
        return "a conjunct ('X and Y')"
    if root.dep_ in ("nsubj", "nsubjpass") and root.head == trigger:
        return "the trigger's own subject"
    if root.dep_ == "nsubj" and root.head in trigger.ancestors:
        if root.head.lemma_.lower() in default_lexicon().reporting_verbs:
            return "the speaker ('X said Y …')"
        return "the subject of a governing verb ('X ordered Y to …')"
    if root.ent_type_ in ("GPE", "LOC", "FAC") or root.dep_ == "pobj":
        return "a place or phrase after a preposition (agentless act)"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", default=None, help="print the sentences of classes starting with this")
    parser.add_argument("--side", choices=("actor", "recipient"), default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--split", choices=("dev", "all"), default="dev", help="the fixed dev third of PLV train, or all of it")
    parser.add_argument("--where", action="store_true", help="class empty and misplaced sides by where the gold span sits in the parse")
    args = parser.parse_args()
    dev = [s for s in read_plv(TRAIN) if args.split == "all" or in_dev(s)][: args.limit]
    coded = code_articles(s.article for s in dev)
    counts: Counter[str] = Counter()
    for s in dev:
        events = coded.of(s.article.id)
        typed = top_event([e for e in events if label_of(e) == s.event])
        for side, span in (("actor", s.source), ("recipient", s.target)):
            if span is None or (args.side and side != args.side):
                continue
            cls = classify(s, typed, side)
            if args.where and typed is not None and cls != "ok":
                at = (where if side == "recipient" else actor_where)(s.article.text, span, typed)
                cls = ("empty" if cls == "empty" or cls.startswith("no offsets") else "wrong") + ": " + at
            counts[f"{side:9} {cls}"] += 1
            if args.show is not None and cls.startswith(args.show):
                text = s.article.text
                gold = text[span[0] : span[1]]
                ents = (typed.actor if side == "actor" else typed.recipient) if typed else ()
                print(f"== {s.article.id} {s.event} {side} [{cls}] gold={gold!r}")
                print(f"   pred: {'; '.join(f'{e.entity_text!r} {e.code}/{e.sector}' for e in ents) or '-'}")
                print(f"   rule: {typed.rule if typed else '-'}")
                print(f"   text: {text}")
    print(f"\n{len(dev)} {args.split} sentences")
    for side in ("actor", "recipient"):
        rows = {k: n for k, n in counts.items() if k.startswith(side)}
        total = sum(rows.values())
        ok = rows.get(f"{side:9} ok", 0)
        print(f"{side}: {ok}/{total} = {ok / total if total else 0:.3f}")
        for key, n in sorted(rows.items(), key=lambda kv: -kv[1]):
            print(f"  {n:4d}  {key[10:]}")


if __name__ == "__main__":
    main()
