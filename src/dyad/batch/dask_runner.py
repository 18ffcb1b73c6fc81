"""Code on a Dask cluster: ``tcp://HOST:8786`` or ``local:N`` (a LocalCluster).

The input is partitioned into chunks; each worker process loads the pipeline
once (cached in the worker) and codes chunks; results come back to the one
writer in input order, through a bounded window of futures.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dyad.batched import batched
from dyad.records import Article, CodedArticle, Rejection

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

_PIPELINES: dict[object, object] = {}  # per worker process, keyed by options


def code_chunk_on_worker(options, chunk: list[Article]) -> list[CodedArticle | Rejection]:
    from dyad.pipeline import Pipeline

    pipeline = _PIPELINES.get(options)
    if pipeline is None:
        pipeline = _PIPELINES[options] = Pipeline(options)
    return list(pipeline.code_many(chunk))  # type: ignore[attr-defined]


class DaskCoder:
    def __init__(self, address: str, options, chunk_size: int = 16, window: int | None = None):
        self.address = address
        self.options = options
        self.chunk_size = chunk_size
        self.window = window
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None

    def __enter__(self) -> DaskCoder:
        from distributed import Client, LocalCluster

        if self.address.startswith("local:"):
            n = int(self.address.split(":", 1)[1] or 2)
            # any free port: another cluster may hold 8787
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
            self._client = Client(self._cluster)
        else:
            self._client = Client(self.address)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    @property
    def n_workers(self) -> int:
        assert self._client is not None
        return max(1, len(self._client.scheduler_info()["workers"]))

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle | Rejection]:
        assert self._client is not None, "use DaskCoder as a context manager"
        window = self.window or 2 * self.n_workers
        chunks = batched(articles, self.chunk_size)
        inflight: collections.deque = collections.deque()
        for chunk in chunks:
            inflight.append((chunk, self._client.submit(code_chunk_on_worker, self.options, chunk, pure=False)))
            if len(inflight) >= window:
                yield from self._collect(*inflight.popleft())
        while inflight:
            yield from self._collect(*inflight.popleft())

    @staticmethod
    def _collect(chunk: list[Article], fut) -> Iterator[CodedArticle | Rejection]:
        try:
            yield from fut.result()
        except Exception as exc:  # a lost worker: reject its chunk, go on
            for a in chunk:
                yield Rejection(a.origin or a.id, None, f"dask worker failed: {exc.__class__.__name__}: {exc}", a.id)
            fut.release()
