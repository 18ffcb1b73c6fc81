"""Analytics over a dyad store, as pandas DataFrames.

    compute_dyad_series(store, "RUS", "CHN", freq="week")   counts and Goldstein per period
    compute_actor_network(store)                              actor → recipient edges
    compute_top_actors(store), compute_top_event_types(store)
    plot_series(df, "out.png", title)                         a PNG chart (matplotlib, Agg)
"""

from dyad.analytics.network import compute_actor_network, compute_top_actors, compute_top_event_types
from dyad.analytics.series import Freq, Level, compute_dyad_series, compute_period_start, plot_series

__all__ = [
    "Freq",
    "Level",
    "compute_actor_network",
    "compute_dyad_series",
    "compute_period_start",
    "compute_top_actors",
    "compute_top_event_types",
    "plot_series",
]
