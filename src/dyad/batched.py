"""Lists of at most ``size`` items from an iterable, lazily (Python 3.12's ``itertools.batched``, as lists).

Batches bound what is held at once: the store's inserts, the batch runners' chunks of articles, the
entity annotator's parsed Docs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter); nothing for no items."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
