"""Dyadic time series: how relations between two actors move, per day, week or month."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pandas as pd

from dyad.errors import InputError
from dyad.records import QUAD_NAMES
from dyad.store import EventFilter, Store
from dyad.store.filters import dyad_condition
from dyad.store.queries import select_event_points
from dyad.stories import iter_all_stories

QUAD_COLUMNS = {q: name.replace(" ", "_") for q, name in QUAD_NAMES.items()}
BASE_COLUMNS = ("n_events", "goldstein_sum", "goldstein_mean", *QUAD_COLUMNS.values())
# At most this many periods in one series: 100 years of weeks, 27 years of days.
MAX_PERIODS = 10_000


class Freq(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class Level(str, Enum):
    event = "event"  # every coded report counts
    story = "story"  # each real-world event counts once (see dyad.stories)


@dataclass(frozen=True, slots=True)
class _Point:
    date: dt.date
    event: str
    quad_code: int | None
    goldstein: float | None


# pandas' period starts, as a date range (weeks start on Monday).
PANDAS_STARTS = {Freq.day: "D", Freq.week: "W-MON", Freq.month: "MS"}


def compute_period_start(day: dt.date, freq: Freq | str) -> dt.date:
    """The first day of the period ``day`` falls in (weeks start on Monday)."""
    freq = Freq(freq)
    if freq is Freq.week:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1) if freq is Freq.month else day


def _next_period(start: dt.date, freq: Freq) -> dt.date:
    if freq is Freq.month:
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + dt.timedelta(days=7 if freq is Freq.week else 1)


def _points(store: Store, a: str, b: str, directed: bool, f: EventFilter, level: Level) -> list[_Point]:
    # The same dyad test at both levels (filters.py); a story by its first report.
    dyad = dyad_condition(a, b, directed)
    if level is Level.story:
        return [_Point(s.date_first, s.event, s.quad_code, s.goldstein) for s in iter_all_stories(store, f, first=dyad)]
    return [_Point(*p) for p in select_event_points(store, f, dyad)]


@dataclass(frozen=True, slots=True)
class Period:
    """One period of a dyad's series."""

    start: dt.date
    n_events: int
    goldstein_sum: float
    goldstein_mean: float | None  # None: no event of the period has a score
    quads: dict[str, int]  # events per quad class column (verbal_cooperation …), every class
    types: dict[str, int]  # events per PLOVER type, the types seen in this period only


def count_dyad_periods(
    store: Store,
    actor: str,
    recipient: str,
    freq: Freq | str = Freq.week,
    directed: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    level: Level | str = Level.event,
    context: Sequence[str] = (),
) -> tuple[list[str], list[Period]]:
    """(every type seen, the periods) of ``compute_dyad_series``, without pandas: the API's /series,
    where a pair has tens of events and building the DataFrame cost more than reading them."""
    freq, level = Freq(freq), Level(level)
    # Aggregate statements ("in 2024 they killed 400") are tallies, not events of a period.
    pts = _points(store, actor, recipient, directed, EventFilter(since=since, until=until, context=tuple(context), aggregate=False), level)
    types = sorted({p.event for p in pts})
    if not pts:
        return types, []
    by_start: dict[dt.date, list[_Point]] = defaultdict(list)
    for p in pts:
        by_start[compute_period_start(p.date, freq)].append(p)
    first, last = min(by_start), max(by_start)
    # Every period between the first and last, so a chart shows quiet weeks as zero.
    check_period_count(first, last, freq)
    out = []
    start = first
    while start <= last:
        members = by_start.get(start, [])
        scores = [p.goldstein for p in members if p.goldstein is not None]
        quads = Counter(QUAD_COLUMNS.get(p.quad_code or 0) for p in members)
        out.append(Period(start, len(members), math.fsum(scores), math.fsum(scores) / len(scores) if scores else None,
                          {q: quads[q] for q in QUAD_COLUMNS.values()}, dict(sorted(Counter(p.event for p in members).items()))))  # fmt: skip
        start = _next_period(start, freq)
    return types, out


def compute_dyad_series(
    store: Store,
    actor: str,
    recipient: str,
    freq: Freq | str = Freq.week,
    directed: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    level: Level | str = Level.event,
    context: Sequence[str] = (),
) -> pd.DataFrame:
    """Counts per period between ``actor`` and ``recipient`` (both directions unless ``directed``).

    Index: ``period`` (the period's first day, every period from the first to
    the last event, gaps filled with zeros). Columns: ``n_events``,
    ``goldstein_sum``, ``goldstein_mean``, one column per quad class
    (``verbal_cooperation`` …) and one per PLOVER type seen (``CONSULT`` …).
    At ``level="story"`` a story counts once, at its first date, for the
    dyad it was first reported with. ``context``: only events with any of
    these PLOVER contexts (a story: one of its reports with one).
    """
    freq = Freq(freq)
    types, periods = count_dyad_periods(store, actor, recipient, freq, directed, since, until, level, context)
    columns = [*BASE_COLUMNS, *types]
    if not periods:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="period")).astype(float)
    index = pd.date_range(periods[0].start, periods[-1].start, freq=PANDAS_STARTS[freq], name="period")
    out = pd.DataFrame(
        {
            "n_events": [p.n_events for p in periods],
            "goldstein_sum": [p.goldstein_sum for p in periods],
            "goldstein_mean": [math.nan if p.goldstein_mean is None else p.goldstein_mean for p in periods],
            **{q: [p.quads[q] for p in periods] for q in QUAD_COLUMNS.values()},
            **{t: [p.types.get(t, 0) for p in periods] for t in types},
        },
        index=index,
        columns=columns,
    )
    return out


def check_period_count(first: dt.date, last: dt.date, freq: Freq) -> None:
    """Refuse a series of more than ``MAX_PERIODS`` periods (one stray date far off
    would otherwise fill memory and the response with empty periods)."""
    days = (last - first).days
    n = days + 1 if freq is Freq.day else days // 7 + 1 if freq is Freq.week else (last.year - first.year) * 12 + last.month - first.month + 1
    if n > MAX_PERIODS:
        raise InputError(
            f"the series would have {n:,} {freq.value} periods ({first} to {last}), over the limit of {MAX_PERIODS:,}; "
            "choose a longer period or give since/until"
        )


def plot_series(series: pd.DataFrame, path: Path | str, title: str) -> Path:
    """Write a two-panel PNG: events per quad class (stacked bars) and the Goldstein sum."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and in CI
    import matplotlib.pyplot as plt

    path = Path(path)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, height_ratios=(2, 1))
    colours = {"verbal_cooperation": "#4e9a06", "material_cooperation": "#1f6f3f", "verbal_conflict": "#e08a00", "material_conflict": "#b5281c"}
    x = series.index
    width = _bar_width(x)
    bottom_acc = None
    for col, colour in colours.items():
        values = series[col] if col in series else pd.Series(0, index=x)
        top.bar(x, values, width=width, bottom=bottom_acc, color=colour, label=col.replace("_", " "), align="edge")
        bottom_acc = values if bottom_acc is None else bottom_acc + values
    top.set_ylabel("events")
    top.set_title(title)
    top.legend(loc="upper left", fontsize=8)
    bottom.plot(x, series["goldstein_sum"], color="#333", marker="o", markersize=3)
    bottom.axhline(0, color="#999", linewidth=0.8)
    bottom.set_ylabel("Goldstein sum")
    fig.autofmt_xdate()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _bar_width(index: pd.Index) -> float:
    if len(index) < 2:
        return 5.0
    gaps = pd.Series(index).diff().dropna().dt.days
    return float(max(gaps.min() * 0.8, 0.8))
