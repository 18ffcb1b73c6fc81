"""Score dyad on PETRARCH-2's unit-test records, as PETRARCH's validation does.

Each record (``petr_unittest.jsonl``) is a dated sentence with the
(source, target, CAMEO code) triples PETRARCH should code with its small
validation dictionaries. A record **passes** when the set of triples dyad
codes equals the expected set; over all records we also count each triple:
recall (expected triples coded) and precision (coded triples expected).

Actors are compared at the detail dyad codes: the country (or IGO, NGO …)
and the first role that is a PLOVER sector, written back as CAMEO
(``dyad.actors.cameo_codes.comparable``: ``ARNGOVFRM`` → ``ARNGOV``,
``PSEHMSGOV`` → ``PSEGOV``), since dyad keeps no secondary roles. An actor
PETRARCH wrote as quoted text (one not in its dictionary) is ``---``, as dyad
writes an actor it cannot code. Event codes are compared verbatim
(``dyad.coding.petrarch_out``).

The records file (``PETR.UnitTest.records.xml``) switches PETRARCH's settings
between records with ``<Config>`` tags: ``require_dyad`` off (write a triple
with an empty side) and ``new_actor_length`` (write a noun phrase the
dictionaries lack as a new actor, in quotes). Each record is scored with the
settings in force for it (``read_settings``), as PETRARCH's validation runs it.
"""

from __future__ import annotations

import json
import re
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.actors.cameo_codes import UNKNOWN, comparable
from dyad.actors.kb import ActorConflictWarning
from dyad.coding.ontology import load_ontology, normalise_cameo
from dyad.coding.petrarch_out import STAGES, PetrarchCodes, Triple
from dyad.errors import InputError
from dyad.evaluation.petr2 import parse_petr_date
from dyad.evaluation.report import Metric, Section
from dyad.records import Article, Event

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline


PREFIX = "petr_unittest"
TITLE = "PETRARCH unit tests through the importer (round trip)"


@dataclass(frozen=True, slots=True)
class UnitRecord:
    article: Article
    category: str
    expected: tuple[Triple, ...]
    require_dyad: bool = True  # PETRARCH's setting for this record: drop triples with an empty side
    new_actors: bool = False  # new_actor_length > 0: an uncoded noun phrase is an actor ("---")


@dataclass(frozen=True, slots=True)
class RecordResult:
    record: UnitRecord
    coded: tuple[Triple, ...]
    loose: tuple[Triple, ...] = ()  # as coded with require_dyad off: a side dyad left empty is "---"

    @property
    def passed(self) -> bool:
        return set(self.coded) == set(self.record.expected)

    def causes(self, typed: Callable[[str], bool]) -> Counter[str]:
        """Why each expected triple was missed and each coded one not expected, by the
        nearest coded triple of the same code (``typed``: whether a code has a PLOVER type)."""
        out: Counter[str] = Counter()
        coded = set(self.coded)
        for want in self.record.expected:
            if want in coded:
                continue
            same = [t for t in self.loose if want.code in (t.code, *t.code.split(":"))]
            if UNKNOWN in (want.source, want.target) or "###" in (want.source, want.target):
                out["missed: an expected side is --- (empty, new actor)"] += 1
            elif not same:
                out["missed: no event with the code" if typed(want.code) else "missed: code has no PLOVER type"] += 1
            elif all(t.target == UNKNOWN for t in same):
                out["missed: event, no target"] += 1
            elif all(t.source == UNKNOWN for t in same):
                out["missed: event, no source"] += 1
            elif any(t.source == want.source for t in same):
                out["missed: target wrong"] += 1
            elif any(t.target == want.target for t in same):
                out["missed: source wrong"] += 1
            else:
                out["missed: source and target wrong"] += 1
        codes = {t.code for t in self.record.expected}
        for got in coded - set(self.record.expected):
            out["extra: wrong actor" if got.code in codes else "extra: code not expected"] += 1
        return out


@dataclass(frozen=True, slots=True)
class UnitScores:
    records: int
    passed: int
    expected: int  # expected triples
    coded: int  # coded triples
    matched: int  # coded triples that were expected (each expected one counted once)
    results: tuple[RecordResult, ...]

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.coded if self.coded else 1.0

    @property
    def pass_rate(self) -> float:
        return self.passed / self.records if self.records else 1.0

    def section(self, seconds: float = 0.0) -> Section:
        metrics = (
            Metric(f"{PREFIX}.triple_recall", self.recall),
            Metric(f"{PREFIX}.triple_precision", self.precision),
            Metric(f"{PREFIX}.pass_rate", self.pass_rate),
        )
        return Section(PREFIX, TITLE, metrics, f"  {self.format()}", seconds)

    def format(self) -> str:
        head = (f"{self.records} records, {self.passed} pass ({self.pass_rate:.3f}); triples: "
                f"{self.matched}/{self.expected} expected coded (recall {self.recall:.3f}), "
                f"{self.matched}/{self.coded} coded expected (precision {self.precision:.3f})")
        return "\n  ".join([head, *self.cause_table()])

    def cause_table(self) -> list[str]:
        """The failing triples by cause (``RecordResult.causes``): triples and records."""
        onto = load_ontology()

        def typed(code: str) -> bool:
            cameo = normalise_cameo(code.split(":")[0])
            return cameo in onto.cameo and onto.plover_of(cameo)[0] is not None

        triples: Counter[str] = Counter()
        records: Counter[str] = Counter()
        for r in self.results:
            found = r.causes(typed)
            triples += found
            records.update(found.keys())
        if not triples:
            return []
        return [f"{'failing triples by cause':52s} triples records",
                *(f"  {cause:50s} {n:7d} {records[cause]:7d}" for cause, n in triples.most_common())]


def side_code(code: str) -> str:
    """An expected actor code at dyad's detail; quoted text (a new actor) is ``---``."""
    code = code.strip()
    if not code or code.startswith('"'):
        return UNKNOWN
    return comparable(code)


def parse_record(line: str, origin: str) -> UnitRecord:
    try:
        row = json.loads(line)
        article = Article(id=str(row["id"]), date=parse_petr_date(str(row["date"])), text=row["text"], origin=origin)
        expected = tuple(
            Triple(side_code(str(c["source"])), side_code(str(c["target"])), str(c["eventcode"]).strip())
            for c in row.get("codings") or ()
        )
        return UnitRecord(article, str(row.get("category", "")), expected)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a PETRARCH unit-test record ({exc})", origin) from exc


def read_records(path: Path, settings: Path | None = None) -> list[UnitRecord]:
    """The records of ``path``, each with PETRARCH's settings for it from the
    records XML ``settings`` (default: none, PETRARCH's defaults)."""
    with path.open(encoding="utf-8") as f:
        records = [parse_record(line, f"{path}:{n}") for n, line in enumerate(f, start=1) if line.strip()]
    return records if settings is None else with_settings(records, read_settings(settings))


_TAG = re.compile(r'<Config\s+option\s*=\s*"(\w+)"\s+value\s*=\s*"([^"]*)"|<Sentence\b[^>]*?\bid\s*=\s*"([^"]+)"')


def read_settings(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Each ``<Sentence>`` id of PETRARCH's records XML, in order, with the
    ``<Config>`` options set before it (they stay until set again)."""
    options: dict[str, str] = {}
    out = []
    for m in _TAG.finditer(path.read_text(encoding="utf-8")):
        if m[3] is None:
            options[m[1].lower()] = m[2].strip().lower()
        else:
            out.append((m[3], dict(options)))
    return out


def with_settings(records: Sequence[UnitRecord], settings: Sequence[tuple[str, dict[str, str]]]) -> list[UnitRecord]:
    """Give each record the options of its sentence; sentences are matched in
    order by id (ids repeat; the XML holds sentences the JSONL leaves out)."""
    out, at = [], 0
    for record in records:
        while at < len(settings) and settings[at][0] != record.article.id:
            at += 1
        if at == len(settings):
            raise InputError(f"record {record.article.id} is not in the records XML in order", record.article.origin or "")
        options = settings[at][1]
        at += 1
        out.append(replace(record, require_dyad=options.get("require_dyad", "true") != "false",
                           new_actors=int(options.get("new_actor_length", "0") or 0) > 0))
    return out


def score(records: Sequence[UnitRecord], events: Sequence[tuple[Event, ...]], codes: PetrarchCodes) -> UnitScores:
    """``events[i]`` are the events of ``records[i]`` (by position: a few record ids repeat)."""
    results = []
    expected = coded = matched = 0
    for record, coded_events in zip(records, events, strict=True):
        triples = tuple(sorted({t for e in coded_events
                                for t in codes.triples(e, record.require_dyad, new_actors=record.new_actors)}))
        loose = tuple(sorted({t for e in coded_events for t in codes.triples(e, require_dyad=False)}))
        want = Counter(record.expected)
        have = Counter(triples)
        expected += sum(want.values())
        coded += sum(have.values())
        matched += sum((want & have).values())
        results.append(RecordResult(record, triples, loose))
    passed = sum(r.passed for r in results)
    return UnitScores(len(results), passed, expected, coded, matched, tuple(results))


def round_trip(folder: Path) -> UnitScores:
    """The importer round trip: convert the unit-test dictionaries in ``folder``
    (``dictionaries/PETR.Validate.{actors,agents,verbs,discards}.txt``) with ``dyad actors
    import --alone`` and ``dyad lexicon import --alone`` (PETRARCH codes with
    its dictionaries only), code the records with them (without the learned
    scorer: ``petrarch_out.STAGES``), score."""
    import tempfile

    from dyad.actors.importer import ImportOptions, import_dictionaries
    from dyad.coding.verbs_import import import_verbs
    from dyad.pipeline import Pipeline, PipelineOptions

    dictionaries = folder / "dictionaries"
    actors = import_dictionaries([dictionaries / "PETR.Validate.actors.txt", dictionaries / "PETR.Validate.agents.txt"],
                                 ImportOptions(alone=True))
    verbs = import_verbs(dictionaries / "PETR.Validate.verbs.txt", discards=dictionaries / "PETR.Validate.discards.txt")
    with tempfile.TemporaryDirectory(prefix="dyad-petr-") as tmp:
        actor_file, lexicon_file = Path(tmp) / "actors.yaml", Path(tmp) / "lexicon.yaml"
        actor_file.write_text(actors.to_yaml(), encoding="utf-8")
        lexicon_file.write_text(verbs.to_yaml(builtin=False), encoding="utf-8")  # `dyad lexicon import --alone`
        with warnings.catch_warnings():
            # The fictional dictionaries rename a few real names ("Zaire"): expected, not news.
            warnings.simplefilter("ignore", ActorConflictWarning)
            pipeline = Pipeline(PipelineOptions(actors=(actor_file,), lexicon=(lexicon_file,), stages=STAGES,
                                                cameo_only=True))
    return evaluate_unittest(folder / "petr_unittest.jsonl", pipeline, folder / "PETR.UnitTest.records.xml")


def evaluate_unittest(path: Path, pipeline: Pipeline, settings: Path | None = None) -> UnitScores:
    """Code every record with ``pipeline`` (built with the imported dictionaries) and score it,
    with PETRARCH's settings for each record from the records XML ``settings``."""
    records = read_records(path, settings)
    events = [tuple(pipeline.code(r.article)) for r in records]
    return score(records, events, PetrarchCodes(pipeline.resources.lexicon))
