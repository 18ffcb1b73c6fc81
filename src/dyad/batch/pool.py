"""Code on all cores: worker processes each load the pipeline once; the
parent keeps a bounded window of chunks in flight and yields results in input
order, so memory stays flat whatever the corpus size and the output is the
same as a one-process run.

A worker that dies (killed, out of memory) breaks the pool: the chunks in
flight are rejected with the reason, a new pool is started, and the rest of
the input goes on. A task that fails in a worker is retried article by
article, so only the article that fails is rejected. Workers watch their
parent and exit when it is gone, however it ended.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dyad.batched import batched
from dyad.errors import DyadError
from dyad.records import Article, CodedArticle, Rejection

_PIPELINE = None  # one per worker process
MAX_RESTARTS = 3


def _init_worker(options: bytes, parent: int) -> None:
    """Watch the parent first, then load: the options arrive pickled so that
    their heavy imports (spaCy) happen after the watch has started."""
    global _PIPELINE
    threading.Thread(target=_exit_with_parent, args=(parent,), name="dyad-parent-watch", daemon=True).start()
    from dyad.pipeline import Pipeline

    _PIPELINE = Pipeline(pickle.loads(options))


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """End this worker once the process that started it is gone (SIGKILL
    included: no cleanup runs there), instead of idling on with its model."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _code_chunk(chunk: list[Article]) -> list[CodedArticle | Rejection]:
    assert _PIPELINE is not None, "worker not initialised"
    return list(_PIPELINE.code_many(chunk))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


class ProcessPoolCoder:
    """``code_many`` over ``workers`` processes, ``chunk_size`` articles per task.

    Used as a context manager the pool (and each worker's model) stays up
    across calls; otherwise each call starts and stops its own pool, and an
    input too small to pay for that is coded in this process.
    """

    def __init__(self, options, workers: int | None = None, chunk_size: int = 8, window: int | None = None):
        self.options = options
        self.workers = workers or default_workers()
        self.chunk_size = chunk_size
        self.window = window or 2 * self.workers
        self._ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessPoolCoder:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # fork would copy the parent's threads and locks
        self._ex = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(pickle.dumps(self.options), os.getpid()))

    def close(self) -> None:
        if self._ex is not None:
            self._ex.shutdown(wait=True, cancel_futures=True)
            self._ex = None

    def code_many(self, articles: Iterable[Article]) -> Iterator[CodedArticle | Rejection]:
        it = iter(articles)
        head = list(itertools.islice(it, 2 * self.chunk_size))
        if self._ex is None and (self.workers == 1 or len(head) < 2 * self.chunk_size):
            # Too little work to pay for starting processes that each load the model.
            from dyad.pipeline import Pipeline

            yield from Pipeline(self.options).code_many(itertools.chain(head, it))
            return
        owned = self._ex is None
        if owned:
            self._start()
        try:
            yield from self._run(itertools.chain(head, it))
        finally:
            if owned:
                self.close()

    def _run(self, articles: Iterator[Article]) -> Iterator[CodedArticle | Rejection]:
        chunks = batched(articles, self.chunk_size)
        inflight: collections.deque[tuple[list[Article], Future]] = collections.deque()
        restarts = 0
        for chunk in chunks:
            try:
                assert self._ex is not None
                inflight.append((chunk, self._ex.submit(_code_chunk, chunk)))
            except BrokenProcessPool:
                inflight.append((chunk, _failed(BrokenProcessPool("the worker pool broke"))))
            while len(inflight) >= self.window:
                chunk_done, fut = inflight.popleft()
                yield from self._collect(chunk_done, fut)
                if _broken(fut):
                    # Everything still in flight died with the pool: reject it, start a new pool.
                    while inflight:
                        yield from self._collect(*inflight.popleft())
                    restarts += 1
                    if restarts > MAX_RESTARTS:
                        raise DyadError(f"worker processes keep dying ({restarts} times); see the rejections for the reasons")
                    self.close()
                    self._start()
        while inflight:
            yield from self._collect(*inflight.popleft())

    def _collect(self, chunk: list[Article], fut: Future) -> Iterator[CodedArticle | Rejection]:
        """A chunk's results. If its task failed (not the pool: a worker raised),
        each article is tried again on its own, so only the bad one is rejected."""
        try:
            yield from fut.result()
            return
        except BrokenProcessPool as exc:
            failure: BaseException = exc
        except Exception as exc:  # noqa: BLE001 - reported in each article's rejection
            failure = exc
            if len(chunk) > 1 and self._ex is not None:
                try:
                    singles = [(a, self._ex.submit(_code_chunk, [a])) for a in chunk]
                except BrokenProcessPool as broken:
                    failure = broken
                else:
                    for a, single in singles:
                        yield from self._collect([a], single)
                    return
        # A worker died or failed: its articles are rejected, the rest goes on.
        for a in chunk:
            yield Rejection(a.origin or a.id, None, f"worker failed: {failure.__class__.__name__}: {failure}", a.id)


def _failed(exc: BaseException) -> Future:
    fut: Future = Future()
    fut.set_exception(exc)
    return fut


def _broken(fut: Future) -> bool:
    return fut.done() and isinstance(fut.exception(), BrokenProcessPool)
