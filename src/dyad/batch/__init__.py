"""Batch runners: code a corpus into a store in one process, on all cores, or on a Dask cluster.

The names below are imported on first use (PEP 562): a pool worker imports
``dyad.batch.pool`` and must start watching its parent at once, not after the
near-duplicate index has pulled in datasketch and SciPy (~3 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyad.batch.dedup import NearDuplicateIndex
    from dyad.batch.run import Coder, CorpusReport, code_corpus, run_coding

_HOMES = {
    "NearDuplicateIndex": "dyad.batch.dedup",
    "Coder": "dyad.batch.run",
    "CorpusReport": "dyad.batch.run",
    "code_corpus": "dyad.batch.run",
    "run_coding": "dyad.batch.run",
}

__all__ = ["Coder", "CorpusReport", "NearDuplicateIndex", "code_corpus", "run_coding"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'dyad.batch' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
