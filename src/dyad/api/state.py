"""What the routes share: the store, the token, the count and result caches, and the pipeline once loaded."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from dyad.api.cache import CountCache, ResultCache
from dyad.settings import Limits
from dyad.store import Store

if TYPE_CHECKING:
    from dyad.pipeline import Pipeline


class AppState:
    def __init__(self, store: Store, token: str | None, limits: Limits | None = None):
        self.store = store
        self.token = token
        self.limits = limits or Limits()
        self.counts = CountCache(store)
        self.results = ResultCache(self.counts)
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def get_pipeline(self) -> Pipeline:
        # Loading spaCy takes seconds and memory: only when text is first posted, and once.
        with self._lock:
            if self._pipeline is None:
                from dyad.pipeline import Pipeline, PipelineOptions

                self._pipeline = Pipeline(PipelineOptions(limits=self.limits))
            return self._pipeline

    def close(self) -> None:
        self.counts.close()
        self.store.close()
