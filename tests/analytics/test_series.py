from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.analytics import compute_actor_network, compute_dyad_series, compute_period_start, compute_top_actors, compute_top_event_types, plot_series
from dyad.store import Store


def test_period_start():
    wed = dt.date(2023, 2, 22)
    assert compute_period_start(wed, "week") == dt.date(2023, 2, 20)
    assert compute_period_start(wed, "month") == dt.date(2023, 2, 1)


def test_weekly_series_both_directions_fills_gaps(corpus_store: Store):
    s = compute_dyad_series(corpus_store, "RUS", "CHN", freq="week")
    assert list(s.index.strftime("%Y-%m-%d")) == ["2023-02-20", "2023-02-27", "2023-03-06", "2023-03-13", "2023-03-20", "2023-03-27", "2023-04-03"]
    assert list(s["n_events"]) == [4, 0, 0, 1, 0, 0, 1]
    assert s.loc["2023-02-20", "CONSULT"] == 4
    assert s.loc["2023-04-03", "AGREE"] == 1
    assert s.loc["2023-02-20", "verbal_cooperation"] == 4
    assert s.loc["2023-02-20", "goldstein_sum"] == pytest.approx(4.0)
    assert s.loc["2023-04-03", "goldstein_mean"] == pytest.approx(3.0)


def test_directed_and_story_level(corpus_store: Store):
    directed = compute_dyad_series(corpus_store, "RUS", "CHN", freq="week", directed=True)
    assert directed.loc["2023-02-20", "n_events"] == 3
    stories = compute_dyad_series(corpus_store, "RUS", "CHN", freq="month", level="story")
    # The four Moscow talks reports (RUS→CHN and CHN→RUS alike) are one story.
    assert list(stories["n_events"]) == [1, 1, 1]


def test_empty_series(corpus_store: Store):
    s = compute_dyad_series(corpus_store, "IND", "FRA")
    assert s.empty and "n_events" in s.columns


def test_network_and_tops(corpus_store: Store):
    net = compute_actor_network(corpus_store)
    top = net.iloc[0]
    assert (top["source"], top["target"], top["events"]) == ("RUS", "CHN", 5)
    actors = compute_top_actors(corpus_store, n=2)
    assert list(actors["code"]) == ["RUS", "CHN"]
    types = compute_top_event_types(corpus_store, since=dt.date(2023, 2, 1), until=dt.date(2023, 2, 28))
    assert types.iloc[0]["event"] == "CONSULT" and types.iloc[0]["events"] == 4


def test_plot_writes_png(corpus_store: Store, tmp_path: Path):
    out = plot_series(compute_dyad_series(corpus_store, "RUS", "CHN"), tmp_path / "s.png", "RUS–CHN")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_series_caps_its_number_of_periods():
    """Issue 17: one date far off (9999-12-31) made /series?freq=day return 554 MB."""
    import datetime as dt

    import pytest

    from dyad.analytics.series import MAX_PERIODS, Freq, check_period_count
    from dyad.errors import InputError

    first = dt.date(2000, 1, 1)
    check_period_count(first, first + dt.timedelta(days=MAX_PERIODS - 1), Freq.day)
    with pytest.raises(InputError, match="over the limit"):
        check_period_count(first, first + dt.timedelta(days=MAX_PERIODS), Freq.day)
    with pytest.raises(InputError, match="week periods"):
        check_period_count(first, dt.date(9999, 12, 31), Freq.week)
    check_period_count(first, dt.date(2400, 1, 1), Freq.month)
