"""Score the events' PLOVER contexts on the VOA gold (``data/voa_dev_gold.jsonl``).

Every gold event carries ``context`` (``docs/annotation_guide.md`` section 9).
The VOA articles of one split are coded through the Pipeline, predicted events
are matched to gold events exactly as ``voa_gold`` does (``matching``: same
sentence and type, else overlapping trigger), and the general contexts of
each matched pair are compared as sets; the auxiliary modes (``future``,
``historical`` …) are ignored. Scored:

* micro P/R/F1 over all (pair, context) decisions, and per-context F1;
* ``top10_min_f1``: the lowest F1 among the split's 10 most frequent general
  contexts (counted over all of its gold events), the gate's "every common
  context is coded well";
* ``oracle_micro_f1``: the contexts the tagger gives each *gold* event at its
  gold position (sentence, trigger, type, actor sectors), so the contexts can
  be judged apart from event recall.

Train split: ``contexts``; test split (never tuned on): ``contexts_test``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.contexts.tagger import general_contexts
from dyad.evaluation.harness import CodedSet, code_articles
from dyad.evaluation.matching import GoldEvent, Pair, match_events
from dyad.evaluation.metrics import PRF, build_prf, format_prf
from dyad.evaluation.report import Metric, Section
from dyad.evaluation.voa_gold import default_gold_path, read_voa_gold, select_split
from dyad.ingest import read_articles
from dyad.records import Article, Entity, Event, EventDate, Offsets

if TYPE_CHECKING:
    from dyad.contexts.tagger import ContextTagger
    from dyad.pipeline import Pipeline

TOP = 10


@dataclass(frozen=True, slots=True)
class ContextScores:
    pairs: int  # matched (gold, predicted) event pairs scored
    contexts: PRF  # per general context, over matched pairs
    top: tuple[str, ...]  # the split's most frequent general contexts, most frequent first
    oracle: PRF | None  # the tagger on gold events at their gold positions

    @property
    def top_min_f1(self) -> float:
        return min((self.contexts.get(c).f1 for c in self.top), default=0.0)

    def metrics(self, prefix: str = "contexts") -> tuple[Metric, ...]:
        m = self.contexts.micro
        out = [
            Metric(f"{prefix}.micro_f1", m.f1, f"tp={m.tp} fp={m.fp} fn={m.fn} over {self.pairs} matched events"),
            Metric(f"{prefix}.micro_precision", m.precision),
            Metric(f"{prefix}.micro_recall", m.recall),
            Metric(f"{prefix}.top10_min_f1", self.top_min_f1, ", ".join(self.top)),
        ]
        out += [Metric(f"{prefix}.f1.{c}", self.contexts.get(c).f1, f"gold={self.contexts.get(c).support}") for c in self.top]
        if self.oracle is not None:
            o = self.oracle.micro
            out.append(Metric(f"{prefix}.oracle_micro_f1", o.f1, f"tp={o.tp} fp={o.fp} fn={o.fn} on gold events"))
        return tuple(out)

    def format(self) -> str:
        text = f"  {self.pairs} matched events; the {len(self.top)} most frequent contexts: {', '.join(self.top)}\n"
        return text + format_prf(self.contexts, "context")

    def section(self, seconds: float = 0.0, prefix: str = "contexts", title: str = "VOA gold contexts, train split") -> Section:
        return Section(prefix, title, self.metrics(prefix), self.format(), seconds)


def score_context_sets(pairs: Iterable[tuple[Iterable[str], Iterable[str]]]) -> PRF:
    """Per-context counts over (gold, predicted) context lists; only general contexts count."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, predicted in pairs:
        g, p = general_contexts(gold), general_contexts(predicted)
        tp.update(g & p)
        fp.update(p - g)
        fn.update(g - p)
    return build_prf(tp, fp, fn)


def most_frequent(gold: Sequence[GoldEvent], n: int = TOP) -> tuple[str, ...]:
    counts = Counter(c for g in gold for c in general_contexts(g.context))
    return tuple(c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def score_pairs(pairs: Sequence[Pair], gold: Sequence[GoldEvent], oracle: PRF | None = None) -> ContextScores:
    prf = score_context_sets((p.gold.context, p.predicted.context) for p in pairs)
    return ContextScores(len(pairs), prf, most_frequent(gold), oracle)


def gold_as_event(g: GoldEvent, sectors: dict[str, tuple[tuple[str, str | None], ...]], date: dt.date) -> Event:
    """A gold event as an Event at its gold position, for the tagger alone."""
    trigger = g.trigger or (g.sentence[0], g.sentence[0])

    def side(key: str) -> tuple[Entity, ...]:
        return tuple(Entity(code or "?", code=code, sector=sector) for code, sector in sectors.get(key, ()))

    return Event(g.article_id, g.event, None, None, None, None, side("actor"), side("recipient"), EventDate(date), "", "",
                 Offsets(g.sentence[0], g.sentence[1], trigger[0], trigger[1]), "gold", 1.0)


def read_gold_sides(path: Path) -> dict[tuple[str, int, int, str], dict[str, tuple[tuple[str, str | None], ...]]]:
    """(article, trigger start, trigger end, type) → actor and recipient (code, sector) pairs."""
    out = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line) if line.strip() else {}
            if "event" in row:
                key = (str(row["article_id"]), int(row["trigger_start"]), int(row["trigger_end"]), str(row["event"]).upper())
                out[key] = {s: tuple((e.get("code"), e.get("sector")) for e in row.get(s) or ()) for s in ("actor", "recipient")}
    return out


def score_oracle(tagger: ContextTagger, articles: dict[str, Article], gold: Sequence[GoldEvent], gold_path: Path) -> PRF:
    """The tagger's contexts for every gold event at its gold position."""
    sides = read_gold_sides(gold_path)
    pairs = []
    for art_id, art in articles.items():
        mine = [g for g in gold if g.article_id == art_id]
        events = [gold_as_event(g, sides.get((art_id, *(g.trigger or (0, 0)), g.event), {}), art.date) for g in mine]
        for g, e in zip(mine, tagger.tag(art.text, events, title=art.title), strict=True):
            pairs.append((g.context, e.context))
    return score_context_sets(pairs)


def evaluate_contexts(
    corpus: Path,
    gold_path: Path | None = None,
    pipeline: Pipeline | None = None,
    split: str | None = "train",
    coded: CodedSet | None = None,
) -> ContextScores:
    """Code the annotated VOA articles of ``corpus`` (one split) and score their events' contexts;
    ``coded`` is the split already coded by the same pipeline (see ``evaluate_voa``)."""
    from dyad.evaluation.harness import load_pipeline

    path = gold_path or default_gold_path()
    gold = select_split(read_voa_gold(path), split)
    wanted = set(gold.article_ids)
    articles = {a.id: a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in wanted}
    pipe = pipeline or load_pipeline()
    coded = coded or code_articles(articles.values(), pipe)
    events = [e for a in gold.article_ids if a in articles for e in coded.of(a)]
    present = [g for g in gold.events if g.article_id in articles]
    matching = match_events(events, present)
    oracle = None
    try:
        stage = pipe.stage("contexts")
    except KeyError:
        stage = None
    tagger = getattr(stage, "tagger", None)
    if tagger is not None:
        oracle = score_oracle(tagger, articles, present, path)
    return score_pairs(matching.pairs, present, oracle)
