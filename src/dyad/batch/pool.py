"""Code on all cores: worker processes each load the pipeline once; the
parent keeps a bounded window of chunks in flight and yields results in input
order, so memory stays flat whatever the corpus size and output is the same
as a one-process run.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from dyad.records import Article, CodedArticle, Rejection

_PIPELINE = None  # one per worker process


def _init_worker(options) -> None:  # type: ignore[no-untyped-def]
    global _PIPELINE
    from dyad.pipeline import Pipeline

    _PIPELINE = Pipeline(options)


def _code_chunk(chunk: list[Article]) -> list[CodedArticle | Rejection]:
    assert _PIPELINE is not None, "worker not initialised"
    return list(_PIPELINE.code_many(chunk))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


class ProcessPoolCoder:
    """``code_many`` over ``workers`` processes, ``chunk_size`` articles per task."""

    def __init__(self, options, workers: int | None = None, chunk_size: int = 8, window: int | None = None):  # type: ignore[no-untyped-def]
        self.options = options
        self.workers = workers or default_workers()
        self.chunk_size = chunk_size
        self.window = window or 2 * self.workers

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle | Rejection]:
        it = iter(articles)
        head = list(itertools.islice(it, 2 * self.chunk_size))
        if self.workers == 1 or len(head) < 2 * self.chunk_size:
            # Too little work to pay for starting processes that each load the model.
            from dyad.pipeline import Pipeline

            yield from Pipeline(self.options).code_many(itertools.chain(head, it))
            return
        it = itertools.chain(head, it)
        ctx = multiprocessing.get_context("spawn")  # fork would copy the parent's threads and locks
        chunks = iter(lambda: list(itertools.islice(it, self.chunk_size)), [])
        with ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.options,)) as ex:
            inflight: collections.deque[tuple[list[Article], Future]] = collections.deque()
            for chunk in chunks:
                inflight.append((chunk, ex.submit(_code_chunk, chunk)))
                if len(inflight) >= self.window:
                    yield from _collect(*inflight.popleft())
            while inflight:
                yield from _collect(*inflight.popleft())


def _collect(chunk: list[Article], fut: Future) -> Iterator[CodedArticle | Rejection]:
    try:
        yield from fut.result()
    except Exception as exc:  # a worker died: its articles are rejected, the rest goes on
        for a in chunk:
            yield Rejection(a.origin or a.id, None, f"worker failed: {exc.__class__.__name__}: {exc}", a.id)
