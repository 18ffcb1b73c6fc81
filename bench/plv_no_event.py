"""PLV *train* (never the test file), out of fold: the no-event rate, macro-F1, and why
sentences get no event.

Each of the 5 article folds (``train.fold_of``) is coded by the full pipeline with a
scorer fitted on the other folds' PLV train sentences and VOA train articles (the shipped
model's tuned thresholds, veto and calibration, and the shipped gate, which were all
tuned on out-of-fold probabilities). The shipped scorer has seen every PLV train sentence:
run over them it would measure a fit, not the coder. Then each sentence left with no event
is put in one class, from what the hybrid decided there:

* ``skipped``: the sentence was not scored (the prefilter did not parse it);
* ``pattern blocked (WHY)``: a pattern fired and every one was blocked (negation, modality,
  a state, no actor, the scorer's veto, the event gate …); then, why the scorer's type did
  not stand in (below);
* ``no pattern``: then the scorer's top type was under its threshold, or "no event" was
  likelier, or the clause's block allows no scorer type (``clause says``), or the scorer's
  event found no actor, or the gate blocked it;
* ``dropped``: an event was decided but none reached the output (a later stage).

    .venv/bin/python bench/plv_no_event.py [--cache DIR] [--show CLASS] [--confusion]
        [--types YIELD,AID,... [--list]]

``--types`` adds, for those gold types, the no-event causes per type and the wrong-type
sentences with the rule that coded them; ``--list`` prints those sentences.

``--cache`` keeps the parsed training features (a directory outside the repository; delete
it when the lexicon or the features change).
"""

from __future__ import annotations

import argparse
import copy
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from dyad.evaluation.harness import code_articles
from dyad.evaluation.plv import PlvSentence, label_of, read_plv, score_plv, top_event
from dyad.pipeline import Pipeline
from dyad.records import Event
from dyad.scoring.build import cached_examples, training_items
from dyad.scoring.examples import resolve_yield
from dyad.scoring.hybrid import allows, blocked_kinds, scorer_candidate
from dyad.scoring.model import ScorerModel, build_estimator, load_model, packaged_model_path
from dyad.scoring.train import FOLDS, fold_of, rows_and_labels

# ../shared beside the checkout, as make eval and make model read it
SHARED = Path(__file__).resolve().parents[2] / "shared"
TRAIN = SHARED / "data/plv/plv_train.jsonl"


def block_class(reason: str) -> str:
    """A blocked candidate's reason, without its words: "negation: not" → "negation"."""
    if reason.startswith("event gate"):
        return "event gate"
    if reason.startswith("scorer veto"):
        return "scorer veto"
    return reason.split(":")[0].split(" (")[0]


def scorer_side(doc, s, inside, model, coder, mentions) -> str:
    """Why the scorer's own type was not coded in a sentence with no unblocked pattern."""
    sent = doc[s.start : s.end]
    best, p_best = s.top(1, events_only=True)[0]
    if p_best <= s.no_event:
        return "no event likelier"
    if p_best < model.threshold(best):
        return "under its type threshold"
    kinds = blocked_kinds(doc, sent, inside, coder.lexicon)
    if not allows(kinds, best):
        return f"clause says {'/'.join(kinds)}"
    if scorer_candidate(doc, sent, best, p_best, model, coder, mentions) is None:
        return "no actor"
    return "event gate"


def why_none(doc, model, coder) -> str:
    scores = doc._.scores or ()
    if not scores:
        return "skipped"
    cands = doc._.candidates or ()
    if any(c.blocked is None for c in cands):
        return "dropped after coding"
    s = max(scores, key=lambda x: x.top(1, events_only=True)[0][1])
    inside = [c for c in cands if s.start <= c.trigger_head < s.end]
    side = scorer_side(doc, s, inside, model, coder, doc._.mentions or ())
    if side == "event gate" and any((c.blocked or "").startswith("event gate") for c in cands):
        side = "event gate"
    if cands:
        blocks = sorted({block_class(c.blocked or "") for c in cands if not (c.blocked or "").startswith("event gate")})
        if blocks:
            return f"pattern blocked ({', '.join(blocks)}); scorer: {side}"
    return f"no pattern; scorer: {side}"


def none_line(doc: Doc, s: PlvSentence, cls: str) -> str:
    """One no-event sentence: gold type, cause, the scorer's top two, each blocked pattern, the text."""
    top = doc._.scores[0].top(2, events_only=True) if doc._.scores else ()
    lines = [f"- [{s.event} | {cls} | {', '.join(f'{t} {p:.2f}' for t, p in top)}]"]
    lines += [f"    {c.event} at {doc[c.trigger_head].text!r}: {c.blocked}" for c in doc._.candidates or ()]
    lines.append(f"    {s.article.text[:300]}")
    return "\n".join(lines)


def print_wrong_types(sentences: Sequence[PlvSentence], events: dict[str, tuple[Event, ...]], types: set[str], show: bool) -> None:
    """Sentences of these gold types whose top event has another type: the pairs, and the rules."""
    pairs: Counter[tuple[str, str]] = Counter()
    rows = []
    for s in sentences:
        if s.event not in types:
            continue
        top = top_event(events.get(s.article.id, ()))
        got = label_of(top)
        if top is None or got == s.event:  # label_of reads RETREAT and CONCEDE as YIELD
            continue
        pairs[(s.event, got)] += 1
        rows.append(f"- [{s.event} → {got} | {top.rule[:80]}]\n    {s.article.text[:300]}")
    print("  wrong type (gold → coded):")
    for (g, p), n in pairs.most_common():
        print(f"    {n:4d}  {g} → {p}")
    if show:
        print("\n".join(rows))


def fold_models(cache: Path | None) -> dict[int, ScorerModel]:
    """Fold k → a copy of the shipped model whose estimator did not see fold k."""
    shipped = load_model(packaged_model_path())
    items = training_items(SHARED)
    exs = [resolve_yield(e) for e in cached_examples(items, cache)]  # re-parsed when the code changes
    out: dict[int, ScorerModel] = {}
    for k in range(FOLDS):
        rows, labels = rows_and_labels([e for e in exs if fold_of(e.group) != k])
        m = copy.copy(shipped)
        m.estimator = build_estimator(c=shipped.meta.get("c", 4.0), meaning=shipped.meta.get("meaning", 0.0)).fit(rows, labels)
        out[k] = m
    return out


def with_model(pipe: Pipeline, model: ScorerModel) -> Pipeline:
    pipe.stage("scorer").model = model  # type: ignore[attr-defined]
    pipe.stage("coder").scorer_model = lambda: model  # type: ignore[attr-defined,method-assign]
    return pipe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--show", default=None, help="print the no-event sentences of classes starting with this")
    parser.add_argument("--confusion", action="store_true", help="print the most confused gold/predicted pairs")
    parser.add_argument("--types", default="", help="comma-separated gold types: per-type causes and wrong types")
    parser.add_argument("--list", action="store_true", help="with --types: print each sentence")
    args = parser.parse_args()
    sentences = read_plv(TRAIN)
    models = fold_models(args.cache)
    pipe = Pipeline()
    events: dict[str, tuple[Event, ...]] = {}
    counts: Counter[str] = Counter()
    types = {t for t in args.types.split(",") if t}
    by_type: dict[str, Counter[str]] = {t: Counter() for t in sorted(types)}
    listed: list[str] = []
    for k, model in models.items():
        part = [s for s in sentences if fold_of(s.article.id) == k]
        with_model(pipe, model)
        coded = code_articles((s.article for s in part), pipe)
        events.update(coded.events)
        coder = pipe.stage("coder").coder  # type: ignore[attr-defined]
        for s in part:
            if coded.of(s.article.id):
                continue
            doc = pipe.parse(s.article)
            pipe.run(doc, s.article)
            cls = why_none(doc, model, coder)
            counts[cls] += 1
            if s.event in types:
                by_type[s.event][cls] += 1
                if args.list:
                    listed.append(none_line(doc, s, cls))
            if args.show is not None and cls.startswith(args.show):
                print(none_line(doc, s, cls))
    from dyad.evaluation.harness import CodedSet

    scores = score_plv(sentences, CodedSet(events, ()).events, 0)
    for m in scores.metrics("plv_train_oof"):
        print(f"  {m.name:32} {m.value:.3f}  {m.detail}")
    print(f"  no-event sentences by cause (out of fold, {sum(counts.values())} of {len(sentences)}):")
    for cls, n in counts.most_common():
        print(f"    {n:4d}  {cls}")
    for t, causes in by_type.items():
        gold = sum(1 for s in sentences if s.event == t)
        print(f"  {t}: {sum(causes.values())} of {gold} with no event")
        for cls, n in causes.most_common():
            print(f"    {n:4d}  {cls}")
    if types:
        print_wrong_types(sentences, events, types, args.list)
    for line in listed:
        print(line)
    if args.confusion:
        pairs: Counter[tuple[str, str]] = Counter()
        seen: dict[tuple[str, str], list[str]] = {}
        for s in sentences:
            top = top_event(events.get(s.article.id, ()))
            got = label_of(top)
            if got != s.event and not (s.event == "YIELD" and got in ("RETREAT", "CONCEDE")):
                pairs[(s.event, got)] += 1
                if top is not None:
                    seen.setdefault((s.event, got), []).append(f"{top.rule[:70]} | {s.article.text[:160]}")
        print("  gold → predicted, most confused:")
        for (g, p), n in pairs.most_common(25):
            print(f"    {n:4d}  {g} → {p}")
            for line in seen.get((g, p), [])[:6] if n >= 5 else ():
                print(f"            {line}")


if __name__ == "__main__":
    main()
