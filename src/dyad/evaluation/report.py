"""The evaluation report: named metric values per section, and the CI gate
that compares them with the floors in ``data/floors.yaml``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from dyad.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Metric:
    """One number the report shows; ``name`` is dotted: ``petr2.event_macro_f1``."""

    name: str
    value: float
    detail: str = ""  # the counts behind it, e.g. "52/78"


@dataclass(frozen=True, slots=True)
class Section:
    """What one evaluation measured, its printable tables, and how long it took."""

    key: str  # the metric prefix: petr2, conflibert, voa, place, dates
    name: str
    metrics: tuple[Metric, ...]
    text: str
    seconds: float = 0.0
    skipped: str | None = None  # why it did not run (on purpose)
    error: str | None = None  # why it failed

    def value(self, name: str) -> float | None:
        for m in self.metrics:
            if m.name == name:
                return m.value
        return None


@dataclass(frozen=True, slots=True)
class EvalReport:
    sections: tuple[Section, ...]

    def skipped(self) -> tuple[str, ...]:
        """Metric prefixes of sections skipped on purpose (their floors do not apply)."""
        return tuple(s.key for s in self.sections if s.skipped)

    def metrics(self) -> dict[str, float]:
        return {m.name: m.value for s in self.sections for m in s.metrics}

    def format(self) -> str:
        out = []
        for s in self.sections:
            bar = "=" * 72
            timing = f" ({s.seconds:.0f}s)" if s.seconds else ""
            out.append(f"{bar}\n{s.name}{timing}\n{bar}")
            if s.skipped or s.error:
                out.append(f"  skipped: {s.skipped}" if s.skipped else f"  FAILED: {s.error}")
                continue
            if s.text:
                out.append(s.text)
            out.append("  metrics:")
            out.extend(f"    {m.name:<40} {m.value:6.3f}  {m.detail}" for m in s.metrics)
        return "\n".join(out)


@dataclass(frozen=True, slots=True)
class Floor:
    metric: str
    floor: float


@dataclass(frozen=True, slots=True)
class GateFailure:
    """A gated metric under its floor, or missing from the report."""

    metric: str
    floor: float
    value: float | None

    def message(self) -> str:
        if self.value is None:
            return f"{self.metric}: not measured (floor {self.floor:.3f})"
        return f"{self.metric}: {self.value:.3f} is under its floor {self.floor:.3f}"


def parse_floors(text: str, origin: str) -> tuple[Floor, ...]:
    """``floors: {metric.name: 0.42, ...}`` → Floor records."""
    try:
        raw = yaml.safe_load(text) or {}
        return tuple(Floor(str(k), float(v)) for k, v in (raw.get("floors") or {}).items())
    except (yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: malformed floors file ({exc})") from exc


def load_floors(path: Path | None = None) -> tuple[Floor, ...]:
    """The packaged floors, or a user's file."""
    if path is not None:
        return parse_floors(path.read_text(encoding="utf-8"), str(path))
    text = resources.files("dyad.evaluation.data").joinpath("floors.yaml").read_text(encoding="utf-8")
    return parse_floors(text, "floors.yaml")


def check_floors(values: Mapping[str, float], floors: Iterable[Floor], skipped: Iterable[str] = ()) -> tuple[GateFailure, ...]:
    """Each floor whose metric is under it fails. A metric that was not
    measured fails too, unless its section was skipped on purpose (``skipped``
    holds section prefixes such as ``place``), so a crash cannot pass the gate."""
    skip = tuple(f"{s}." for s in skipped)
    failures = []
    for f in floors:
        value = values.get(f.metric)
        if value is None:
            if not f.metric.startswith(skip):
                failures.append(GateFailure(f.metric, f.floor, None))
        elif value < f.floor:
            failures.append(GateFailure(f.metric, f.floor, value))
    return tuple(failures)
