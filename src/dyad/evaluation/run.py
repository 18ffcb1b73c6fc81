"""Run every evaluation over the shared dev data and gather one report.

    report = run_all(Path("../shared"))
    print(report.format())
    failures = check_floors(report.metrics(), load_floors(), report.skipped())

The place and date evaluations live in their own modules (``place``,
``dates``); when one is not there its section is skipped with a note. A
section that crashes keeps its traceback's last line in the report and, as
it measured nothing, fails every floor it has.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import InputError
from dyad.evaluation.conflibert import evaluate_conflibert
from dyad.evaluation.contexts import evaluate_contexts
from dyad.evaluation.coverage import DEV_FILE, TEST_FILE, evaluate_coverage, packaged_path
from dyad.evaluation.harness import CodedSet
from dyad.evaluation.petr2 import evaluate_petr2
from dyad.evaluation.petr_unittest import PREFIX as PETR_UNITTEST_PREFIX
from dyad.evaluation.petr_unittest import TITLE as PETR_UNITTEST_TITLE
from dyad.evaluation.petr_unittest import round_trip
from dyad.evaluation.plv import evaluate_plv
from dyad.evaluation.report import EvalReport, Metric, Section
from dyad.evaluation.voa_gold import code_voa_split, default_gold_path, evaluate_voa

PETR2 = Path("data/petr2_gsr/petr2_gsr_validation.jsonl")
CONFLIBERT = Path("data/conflibert/cameo_train.jsonl")
EVENT_LOCATION = Path("data/event_location/event_location_dev.jsonl")
VOA = Path("data/voa/voa_stories.jsonl")
PLV_TEST = Path("data/plv/plv_test.jsonl")
PETR_UNITTEST = Path("data/petrarch_unittest")


class GoldFormat(str, enum.Enum):
    petr2 = "petr2"
    conflibert = "conflibert"
    event_location = "event_location"
    voa = "voa"


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of each set to score; None = all of it."""

    conflibert: int | None = None
    event_location: int | None = 1500  # a deterministic first N keeps the gate fast
    petr2: int | None = None


def section_from_scores(prefix: str, title: str, scores: Any, seconds: float) -> Section:
    """A Section from another module's score record: its float fields become
    ``prefix.field`` metrics and its ``summary()`` (or repr) the text."""
    metrics: list[Metric] = []
    if dataclasses.is_dataclass(scores):
        for f in dataclasses.fields(scores):
            value = getattr(scores, f.name)
            if isinstance(value, float):
                metrics.append(Metric(f"{prefix}.{f.name}", value))
    summary = getattr(scores, "summary", None)
    text = summary() if callable(summary) else repr(scores)
    return Section(prefix, title, tuple(metrics), f"  {text}", seconds)


def _timed(key: str, name: str, fn: Callable[[float], Section]) -> Section:
    """Run one evaluation; a crash becomes a Section that says so."""
    start = time.perf_counter()
    try:
        return fn(start)
    except Exception as exc:  # one broken evaluation must not hide the others
        return Section(key, name, (), "", time.perf_counter() - start, error=f"{exc.__class__.__name__}: {exc}")


def _foreign(module: str, function: str, prefix: str, title: str, *args: Any) -> Section:
    """The place/date evaluations, if their modules exist."""
    try:
        mod = importlib.import_module(f"dyad.evaluation.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"dyad.evaluation.{module}":
            raise
        return Section(prefix, title, (), "", skipped=f"dyad.evaluation.{module} is not installed")
    fn = getattr(mod, function)
    return _timed(prefix, title, lambda t0: section_from_scores(prefix, title, fn(*args), time.perf_counter() - t0))


def require(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"{path}: gold file not found")
    return path


def run_all(shared: Path, limits: Limits | None = None, voa_gold: Path | None = None) -> EvalReport:
    """Every evaluation over ``shared/data``; see the module doc."""
    lim = limits or Limits()
    sections = [
        _timed("petr2", "PETR2 GSR validation", lambda t0: evaluate_petr2(require(shared / PETR2), lim.petr2).section(time.perf_counter() - t0)),
        _timed(
            "conflibert",
            "ConfliBERT CAMEO",
            lambda t0: evaluate_conflibert(require(shared / CONFLIBERT), lim.conflibert).section(time.perf_counter() - t0),
        ),
    ]
    sections.append(_timed(PETR_UNITTEST_PREFIX, PETR_UNITTEST_TITLE, lambda t0: round_trip(
        require(shared / PETR_UNITTEST / "petr_unittest.jsonl").parent).section(time.perf_counter() - t0)))
    sections.append(_timed("plv", "PLV test (full extraction)", lambda t0: evaluate_plv(require(shared / PLV_TEST)).section(time.perf_counter() - t0)))
    gold = voa_gold or default_gold_path()
    # The VOA gold's events and its contexts, each on both splits; each split is coded once, by the
    # events section, and its contexts are scored from the same events.
    voa_sections: tuple[tuple[str, str, str, Callable[..., Any]], ...] = (
        ("voa", "train", "VOA gold, train split", evaluate_voa),
        ("voa_test", "test", "VOA gold, test split (never tuned on)", evaluate_voa),
        ("contexts", "train", "VOA gold contexts, train split", evaluate_contexts),
        ("contexts_test", "test", "VOA gold contexts, test split (never tuned on)", evaluate_contexts),
    )
    coded_splits: dict[str, CodedSet] = {}

    def coded(split: str) -> CodedSet:
        if split not in coded_splits:
            coded_splits[split] = code_voa_split(shared / VOA, gold, split)
        return coded_splits[split]

    for key, split, title, evaluate in voa_sections:
        if gold.is_file():
            def run_voa(t0: float, k: str = key, sp: str = split, ti: str = title, ev: Callable[..., Any] = evaluate) -> Section:
                return ev(require(shared / VOA), gold, split=sp, coded=coded(sp)).section(time.perf_counter() - t0, prefix=k, title=ti)

            sections.append(_timed(key, title, run_voa))
        else:
            sections.append(Section(key, title, (), "", skipped=f"{gold} not found"))
    for key, name in (("coverage_dev", DEV_FILE), ("coverage_test", TEST_FILE)):
        # dyad's own sentences for every CAMEO code (packaged, so always there)
        def run_coverage(t0: float, k: str = key, n: str = name) -> Section:
            return evaluate_coverage(packaged_path(n), prefix=k).section(f"CAMEO coverage ({n})", time.perf_counter() - t0)

        sections.append(_timed(key, f"CAMEO coverage ({name})", run_coverage))
    sections.append(_foreign("place", "evaluate_places", "place", "Event location (place choice)", require(shared / EVENT_LOCATION), lim.event_location))
    sections.append(_foreign("place", "evaluate_places_test", "place_test", "Event location, test split (never tuned on)",
                             require(shared / EVENT_LOCATION)))
    sections.append(_foreign("dates", "evaluate_dates", "dates", "Event dates"))
    for key, split, title in (("geocoding_dev", "dev", "Geocoding set, dev split"),
                              ("geocoding", "test", "Geocoding set, test split (never tuned on)")):
        sections.append(_foreign("geocoding", "evaluate_geocoding", key, title, split, shared / VOA))
    return EvalReport(tuple(sections))


def evaluate_file(path: Path, fmt: GoldFormat, limit: int | None = None) -> Section:
    """One gold file of a known format (for ``dyad evaluate GOLD --format``).

    For ``voa`` the path is the VOA corpus; the gold is the packaged dev set.
    """
    require(path)
    start = time.perf_counter()
    if fmt is GoldFormat.petr2:
        return evaluate_petr2(path, limit).section(time.perf_counter() - start)
    if fmt is GoldFormat.conflibert:
        return evaluate_conflibert(path, limit).section(time.perf_counter() - start)
    if fmt is GoldFormat.voa:
        return evaluate_voa(path).section(time.perf_counter() - start)
    from dyad.evaluation.place import evaluate_places

    return section_from_scores("place", "Event location (place choice)", evaluate_places(path, limit), time.perf_counter() - start)
