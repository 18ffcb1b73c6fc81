"""Dyadic time series: how relations between two actors move, per day, week or month."""

from __future__ import annotations

import datetime as dt
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


# pandas' periods: weeks ending on Sunday start on Monday; and the same starts as a date range.
PANDAS_PERIODS = {Freq.day: "D", Freq.week: "W-SUN", Freq.month: "M"}
PANDAS_STARTS = {Freq.day: "D", Freq.week: "W-MON", Freq.month: "MS"}


def compute_period_start(day: dt.date, freq: Freq | str) -> dt.date:
    """The first day of the period ``day`` falls in (weeks start on Monday)."""
    return pd.Period(day, freq=PANDAS_PERIODS[Freq(freq)]).start_time.date()


def _points(store: Store, a: str, b: str, directed: bool, f: EventFilter, level: Level) -> list[_Point]:
    # The same dyad test at both levels (filters.py); a story by its first report.
    dyad = dyad_condition(a, b, directed)
    if level is Level.story:
        return [_Point(s.date_first, s.event, s.quad_code, s.goldstein) for s in iter_all_stories(store, f, first=dyad)]
    return [_Point(*p) for p in select_event_points(store, f, dyad)]


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
    freq, level = Freq(freq), Level(level)
    # Aggregate statements ("in 2024 they killed 400") are tallies, not events of a period.
    pts = _points(store, actor, recipient, directed, EventFilter(since=since, until=until, context=tuple(context), aggregate=False), level)
    types = sorted({p.event for p in pts})
    columns = [*BASE_COLUMNS, *types]
    if not pts:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="period")).astype(float)
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime(pd.Series([p.date for p in pts])).dt.to_period(PANDAS_PERIODS[freq]).dt.start_time,
            "event": [p.event for p in pts],
            "quad": [QUAD_COLUMNS.get(p.quad_code or 0, "unknown_quad") for p in pts],
            "goldstein": [p.goldstein for p in pts],
        }
    )
    grouped = frame.groupby("period")
    out = pd.DataFrame({"n_events": grouped.size(), "goldstein_sum": grouped["goldstein"].sum(min_count=1).fillna(0.0)})
    out["goldstein_mean"] = grouped["goldstein"].mean()
    # Counted by groupby: pd.crosstab (a pivot table) took two thirds of a series' time.
    quads = frame.groupby(["period", "quad"]).size().unstack(fill_value=0)
    by_type = frame.groupby(["period", "event"]).size().unstack(fill_value=0)
    out = out.join(quads).join(by_type)
    # Every period between the first and last, so a chart shows quiet weeks as zero.
    first, last = frame["period"].min(), frame["period"].max()
    check_period_count(first.date(), last.date(), freq)
    out = out.reindex(pd.date_range(first, last, freq=PANDAS_STARTS[freq]))
    for col in columns:
        if col not in out:
            out[col] = 0
    out = out[columns]
    count_cols = [c for c in columns if c != "goldstein_mean"]
    out[count_cols] = out[count_cols].fillna(0)
    out[[c for c in count_cols if c != "goldstein_sum"]] = out[[c for c in count_cols if c != "goldstein_sum"]].astype(int)
    out.index.name = "period"
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
