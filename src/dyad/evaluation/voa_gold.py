"""Score the pipeline on the hand-annotated VOA dev gold set.

``data/voa_dev_gold.jsonl`` holds, per annotated article, a header line
``{"article_id", "annotated": true, "n_events"}`` and one line per event with
sentence and trigger offsets into the article text, PLOVER ``event``, actor
and recipient entities (``code``, ``sector``, ``name``) and the event date.
An article with a header and no events is gold for "no events here".

Predictions are matched by sentence and overlapping trigger, else by sentence
and type (``matching``). Scored: per-type P/R/F1 and macro-F1, actor /
recipient / dyad country accuracy, date accuracy over matched events, and mode
accuracy over matched events of the right type whose gold gives a mode.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.errors import InputError
from dyad.evaluation.harness import CodedSet, code_articles
from dyad.evaluation.matching import DyadScores, GoldEvent, country_of, match_events, score_pairs
from dyad.evaluation.metrics import PRF, format_prf
from dyad.evaluation.report import Metric, Section
from dyad.ingest import read_articles
from dyad.records import Article, Event

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class VoaGold:
    """The annotated article ids (in file order) and their gold events."""

    article_ids: tuple[str, ...]
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class VoaScores:
    articles: int
    gold_events: int
    predicted_events: int
    events: PRF
    dyads: DyadScores
    trigger_only_pairs: int  # matched on trigger with the wrong type
    missing_articles: tuple[str, ...]  # annotated ids not found in the corpus

    def metrics(self) -> tuple[Metric, ...]:
        m = self.events.micro
        d = self.dyads
        return (
            Metric("voa.event_macro_f1", self.events.macro_f1, f"{len(self.events.classes)} types"),
            Metric("voa.event_micro_f1", m.f1, f"tp={m.tp} fp={m.fp} fn={m.fn}"),
            Metric("voa.event_precision", m.precision),
            Metric("voa.event_recall", m.recall),
            Metric("voa.actor_accuracy", d.actor.value, f"{d.actor.correct}/{d.actor.total}"),
            Metric("voa.recipient_accuracy", d.recipient.value, f"{d.recipient.correct}/{d.recipient.total}"),
            Metric("voa.dyad_accuracy", d.dyad.value, f"{d.dyad.correct}/{d.dyad.total}"),
            Metric("voa.date_accuracy", d.date.value, f"{d.date.correct}/{d.date.total}"),
            Metric("voa.mode_accuracy", d.mode.value, f"{d.mode.correct}/{d.mode.total} of the right type with a gold mode"),
        )

    def format(self) -> str:
        head = (
            f"  {self.articles} annotated articles, {self.gold_events} gold events, {self.predicted_events} predicted, "
            f"{self.trigger_only_pairs} matched on trigger with another type"
        )
        if self.missing_articles:
            head += f"\n  not in the corpus: {', '.join(self.missing_articles)}"
        return head + "\n" + format_prf(self.events, "PLOVER type")

    def section(self, seconds: float = 0.0, prefix: str = "voa", title: str = "VOA gold, train split (events, dyads, dates)") -> Section:
        metrics = tuple(Metric(prefix + m.name[len("voa"):], m.value, m.detail) for m in self.metrics())
        return Section(prefix, title, metrics, self.format(), seconds)


def default_gold_path() -> Path:
    return Path(str(resources.files("dyad.evaluation.data").joinpath("voa_dev_gold.jsonl")))


def load_test_ids() -> frozenset[str]:
    """The articles of the VOA gold's test split (data/voa_split.yaml), made once by article."""
    import yaml

    text = resources.files("dyad.evaluation.data").joinpath("voa_split.yaml").read_text(encoding="utf-8")
    return frozenset(str(i) for i in yaml.safe_load(text)["test"])


def select_split(gold: VoaGold, split: str | None) -> VoaGold:
    """``train`` (everything development may look at), ``test`` (scored only), or None (all)."""
    if split is None:
        return gold
    if split not in ("train", "test"):
        raise InputError(f"unknown VOA split {split!r} (train or test)")
    test = load_test_ids()
    keep = (lambda a: a in test) if split == "test" else (lambda a: a not in test)
    return VoaGold(tuple(a for a in gold.article_ids if keep(a)), tuple(e for e in gold.events if keep(e.article_id)))


def _countries(side: Any) -> frozenset[str] | None:
    """Gold entities → countries; entities none of which has a country → unknown."""
    if not side:
        return frozenset()
    found = frozenset(c for c in (country_of(e.get("code")) for e in side) if c)
    return found or None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def parse_voa_gold(lines: Iterable[str], origin: str) -> VoaGold:
    ids: list[str] = []
    events: list[GoldEvent] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            art = str(row["article_id"])
            if art not in ids:
                ids.append(art)
            if "event" not in row:  # a header line
                continue
            events.append(
                GoldEvent(
                    article_id=art,
                    event=str(row["event"]).upper(),
                    sentence=(int(row["sentence_start"]), int(row["sentence_end"])),
                    trigger=(int(row["trigger_start"]), int(row["trigger_end"])),
                    actor=_countries(row.get("actor")),
                    recipient=_countries(row.get("recipient")),
                    date=_date(row.get("date")),
                    context=tuple(str(c) for c in row.get("context") or ()),
                    mode=row.get("mode") or None,
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{origin}:{n}: not a VOA gold line ({exc})") from exc
    return VoaGold(tuple(ids), tuple(events))


def read_voa_gold(path: Path | None = None) -> VoaGold:
    path = path or default_gold_path()
    with path.open(encoding="utf-8") as f:
        return parse_voa_gold(f, str(path))


def score_voa(gold: VoaGold, predicted: dict[str, tuple[Event, ...]], missing: Sequence[str] = ()) -> VoaScores:
    present = [a for a in gold.article_ids if a not in missing]
    events = [e for a in present for e in predicted.get(a, ())]
    gold_events = [g for g in gold.events if g.article_id not in missing]
    matching = match_events(events, gold_events)
    return VoaScores(
        articles=len(present),
        gold_events=len(gold_events),
        predicted_events=len(events),
        events=matching.prf(),
        dyads=score_pairs(matching.pairs),
        trigger_only_pairs=sum(not p.typed for p in matching.pairs),
        missing_articles=tuple(missing),
    )


def code_voa_split(corpus: Path, gold_path: Path | None = None, split: str | None = None, pipeline: Pipeline | None = None) -> CodedSet:
    """Code the annotated VOA articles of one split (or all) once, for every score taken from them."""
    wanted = set(select_split(read_voa_gold(gold_path), split).article_ids)
    return code_articles((a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in wanted), pipeline)


def evaluate_voa(
    corpus: Path,
    gold_path: Path | None = None,
    pipeline: Pipeline | None = None,
    split: str | None = None,
    coded: CodedSet | None = None,
) -> VoaScores:
    """Code the annotated VOA articles of ``corpus`` (of one split, or all) and score them.

    ``coded`` is the same articles already coded (by ``code_voa_split``), so the
    events and the contexts of a split are scored from one coding run."""
    gold = select_split(read_voa_gold(gold_path), split)
    wanted = set(gold.article_ids)
    articles: list[Article] = [a for a in read_articles([corpus]) if isinstance(a, Article) and a.id in wanted]
    found = {a.id for a in articles}
    coded = coded or code_articles(articles, pipeline)
    missing = tuple(a for a in gold.article_ids if a not in found)
    return score_voa(gold, coded.events, missing)
