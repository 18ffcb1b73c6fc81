"""Batch runners: code a corpus into a store (one process; workers and Dask build on it)."""

from dyad.batch.run import CorpusReport, code_corpus

__all__ = ["CorpusReport", "code_corpus"]
